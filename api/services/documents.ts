// The documents cases issued, as the API shows them: a case's list, one document's file and its
// owner (for scope), the public check of a verification code, and service (送达): the business's
// acknowledgement and an officer's record of another way. Each service act is one conditional
// update with its audit entry in one transaction, so five at once give one effect.
import { and, asc, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { auditLog, documents } from '../../db/schema';
import type { ProcessType, ServiceMethod } from '../../domain';
import type { Principal } from '../auth';
import { ApiError } from '../errors';

export type DocumentRow = typeof documents.$inferSelect;

export interface DocumentSummary {
  id: string;
  kind: string;
  number: string;
  title: string;
  issuedOn: string;
  sha256: string;
  size: number;
  verificationCode: string;
  serviceDueOn?: string;
  servedAt?: string;
  servedOn?: string;
  servedBy?: ServiceMethod;
}

export const summaryOf = (row: DocumentRow): DocumentSummary => ({
  id: row.id,
  kind: row.kind,
  number: row.number,
  title: row.title,
  issuedOn: row.issuedOn,
  sha256: row.sha256!,
  size: row.size!,
  verificationCode: row.verificationCode,
  ...(row.serviceDueOn ? { serviceDueOn: row.serviceDueOn } : {}),
  ...(row.servedAt ? { servedAt: row.servedAt.toISOString() } : {}),
  ...(row.servedOn ? { servedOn: row.servedOn } : {}),
  ...(row.servedBy ? { servedBy: row.servedBy } : {}),
});

/** A case's documents, oldest first; only those whose PDF is stored (a document still rendering is not listed). */
export async function documentsOf(db: Database, processType: ProcessType, processId: string): Promise<DocumentRow[]> {
  return db
    .select()
    .from(documents)
    .where(and(eq(documents.processType, processType), eq(documents.processId, processId), isNotNull(documents.sha256)))
    .orderBy(asc(documents.issuedAt), asc(documents.issueKey));
}

export async function documentById(db: Database, id: string): Promise<DocumentRow | undefined> {
  const [row] = await db
    .select()
    .from(documents)
    .where(and(eq(documents.id, id), isNotNull(documents.sha256)));
  return row;
}

/** What anyone may learn from a verification code: nothing personal. */
export async function verification(db: Database, code: string) {
  const [row] = await db
    .select({
      number: documents.number,
      kind: documents.kind,
      agency: documents.agency,
      issuedOn: documents.issuedOn,
      sha256: documents.sha256,
    })
    .from(documents)
    .where(and(eq(documents.verificationCode, code), isNotNull(documents.sha256)));
  return row && { ...row, sha256: row.sha256! };
}

/** Where a document belongs, for the permissions table. */
export const ownerOf = (row: DocumentRow) => ({
  kind: 'case' as const,
  processType: row.processType,
  enterpriseId: row.enterpriseId,
  agency: row.agency === '' ? null : row.agency,
});

export interface Service {
  method: ServiceMethod;
  servedOn: string;
  note?: string;
}

/**
 * Records how a document was served, once: a document already served is 409 INVALID_STATE, so of
 * concurrent identical requests one takes effect. The audit entry is written in the same transaction.
 */
export async function recordService(
  db: Database,
  row: DocumentRow,
  principal: Principal,
  service: Service,
): Promise<DocumentRow> {
  const at = new Date();
  return db.transaction(async (tx) => {
    const [served] = await tx
      .update(documents)
      .set({
        servedAt: at,
        servedOn: service.servedOn,
        servedBy: service.method,
        serviceNote: service.note ?? null,
        serviceRecordedBy: principal.sub,
      })
      .where(and(eq(documents.id, row.id), isNull(documents.servedAt)))
      .returning();
    if (!served) throw new ApiError(409, 'INVALID_STATE', `Document ${row.number} has already been served.`);
    await tx.insert(auditLog).values({
      at,
      actor: principal.sub,
      role: principal.role,
      action: service.method === 'electronic' ? 'document.acknowledged' : 'document.served',
      entityType: row.processType,
      entityId: row.processId,
      reason: service.note ?? null,
      before: { document: row.number, served: false },
      after: { document: row.number, servedBy: service.method, servedOn: service.servedOn },
    });
    return served;
  });
}
