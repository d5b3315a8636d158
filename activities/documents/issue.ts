// Issuing the documents a recorded change declares (workflows/kit/recording.ts): each is numbered
// and stored in Postgres in one transaction, then rendered to PDF into the content-addressed store
// and its SHA-256 set. Exactly once per case, change and kind: the row's issue key makes a retried
// or replayed activity find the document it issued, and a crash anywhere leaves either no row (the
// number given back by the rollback) or a row that a retry completes, rendering the same bytes.
import { randomBytes, randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/activity';
import { eq, isNull, and, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import type { FileStore } from '../../db/fileStore';
import { policyOn } from '../../db/policies';
import { agencies, documentCounters, documents, enterprises, tasks } from '../../db/schema';
import {
  chineseDate,
  deadlineLines,
  DOCUMENT_TITLES,
  documentNumber,
  numberingYear,
  serviceDueOn,
  todayInShanghai,
  VERIFICATION_ALPHABET,
  type DocumentDraft,
  type DocumentKind,
  type CaseType,
  type TemplateField,
} from '../../domain';
import { DEFAULT_FONT, renderDocument, type DocumentFont } from './render';

export interface DocumentIssue {
  process: { type: CaseType; id: string; enterpriseId: string; agency?: string };
  /** The recorded change that issues them (`<case>:<version>`): with each draft's place and kind, its issue key. */
  changeKey: string;
  /** Workflow time of the change: the issue date and the PDF's creation date. */
  issuedAt: string;
  drafts: DocumentDraft[];
}

export interface IssuedDocument {
  id: string;
  kind: DocumentKind;
  number: string;
  sha256: string;
  /** When it must have been acknowledged; none for the party's own commitment. */
  serviceDueOn?: string;
}

export interface DocumentDeps {
  db: Database;
  store: FileStore;
  font?: DocumentFont;
  /** Called once a PDF is in the store, before its row records the hash: where tests crash the worker. */
  afterWrite?: (document: { id: string; number: string }) => Promise<void> | void;
}

interface StoredContent {
  kind: DocumentKind;
  values: Record<TemplateField, string>;
}

type DocumentRow = typeof documents.$inferSelect;

/** Sixteen characters of an alphabet without look-alikes (domain/documents.ts VERIFICATION_CODE). */
function verificationCode(): string {
  return [...randomBytes(16)].map((b) => VERIFICATION_ALPHABET[b % VERIFICATION_ALPHABET.length]).join('');
}

/** Thrown inside the issuing transaction to roll it back (and give the number back) when another attempt won. */
class AlreadyIssued extends Error {}

export function createDocumentActivities({ db, store, font = DEFAULT_FONT, afterWrite }: DocumentDeps) {
  const byIssueKey = async (issueKey: string): Promise<DocumentRow | undefined> =>
    (await db.select().from(documents).where(eq(documents.issueKey, issueKey)))[0];

  /** What the document says besides its draft: the party, the agency, the number and its dates. */
  async function numbered(issue: DocumentIssue, draft: DocumentDraft, issueKey: string): Promise<DocumentRow> {
    const { process: p } = issue;
    const issuedAt = new Date(issue.issuedAt);
    const issuedOn = todayInShanghai(issuedAt);
    const agency = p.agency ?? '';
    const [party] = await db
      .select({ name: enterprises.name })
      .from(enterprises)
      .where(eq(enterprises.id, p.enterpriseId));
    const [issuer] = p.agency ? await db.select().from(agencies).where(eq(agencies.id, p.agency)) : [];
    const policy = await policyOn(db, p.agency, issuedOn);
    const year = numberingYear(issuedOn);
    const code = verificationCode();
    try {
      return await db.transaction(async (tx) => {
        // The upsert locks the counter's row until commit: the next issuer waits, then counts on.
        const [counter] = await tx
          .insert(documentCounters)
          .values({ agency, kind: draft.kind, year, last: 1 })
          .onConflictDoUpdate({
            target: [documentCounters.agency, documentCounters.kind, documentCounters.year],
            set: { last: sql`${documentCounters.last} + 1` },
          })
          .returning({ seq: documentCounters.last });
        const seq = counter!.seq;
        const number = documentNumber(policy.documentNumberPattern, {
          agencyShort: issuer?.shortName ?? agency,
          year,
          seq,
        });
        const values: Record<TemplateField, string> = {
          title: DOCUMENT_TITLES[draft.kind],
          agencyName: issuer?.name ?? (agency || '执法机关'),
          number,
          partyName: party?.name ?? p.enterpriseId,
          partyCode: p.enterpriseId,
          facts: draft.facts,
          legalBasis: draft.legalBasis,
          decision: draft.decision,
          deadlines: deadlineLines(draft.deadlines),
          issuedOn: chineseDate(issuedOn),
          verificationCode: code,
        };
        const content: StoredContent = { kind: draft.kind, values };
        const [row] = await tx
          .insert(documents)
          .values({
            id: randomUUID(),
            issueKey,
            processType: p.type,
            processId: p.id,
            enterpriseId: p.enterpriseId,
            agency,
            kind: draft.kind,
            year,
            seq,
            number,
            title: DOCUMENT_TITLES[draft.kind],
            issuedOn,
            issuedAt,
            verificationCode: code,
            content,
            // The party's own commitment letter is not served on it.
            serviceDueOn: draft.kind === 'commitment' ? null : serviceDueOn(issuedOn, policy).date,
          })
          .onConflictDoNothing({ target: documents.issueKey })
          .returning();
        if (!row) throw new AlreadyIssued();
        return row;
      });
    } catch (e) {
      if (!(e instanceof AlreadyIssued)) throw e;
      return (await byIssueKey(issueKey))!;
    }
  }

  /** Renders a numbered document into the store and records its hash, unless a retry finds it done. */
  async function stored(row: DocumentRow): Promise<IssuedDocument> {
    const done = (sha256: string): IssuedDocument => ({
      id: row.id,
      kind: row.kind as DocumentKind,
      number: row.number,
      sha256,
      ...(row.serviceDueOn ? { serviceDueOn: row.serviceDueOn } : {}),
    });
    if (row.sha256) return done(row.sha256);
    const content = row.content as StoredContent;
    const pdf = await renderDocument({ kind: content.kind, values: content.values, issuedAt: row.issuedAt }, font);
    const sha256 = await store.put(pdf);
    await afterWrite?.({ id: row.id, number: row.number });
    await db
      .update(documents)
      .set({ sha256, size: pdf.length })
      .where(and(eq(documents.id, row.id), isNull(documents.sha256)));
    const [now] = await db.select({ sha256: documents.sha256 }).from(documents).where(eq(documents.id, row.id));
    return done(now!.sha256!);
  }

  return {
    /**
     * Opens (open: true) the officer's task to serve a document another way, unless it has been
     * served; answers whether the task is open. Closes it (open: false) once served.
     */
    async documentServiceTask({ documentId, open }: { documentId: string; open: boolean }): Promise<boolean> {
      const key = `${documentId}:service`;
      if (!open) {
        await db
          .update(tasks)
          .set({ closedAt: new Date() })
          .where(and(eq(tasks.key, key), isNull(tasks.closedAt)));
        return false;
      }
      const [doc] = await db.select().from(documents).where(eq(documents.id, documentId));
      if (!doc || doc.servedAt) return false;
      await db
        .insert(tasks)
        .values({
          key,
          processType: doc.processType,
          processId: doc.processId,
          enterpriseId: doc.enterpriseId,
          agency: doc.agency === '' ? null : doc.agency,
          assigneeRole: 'officer',
          step: 'document_service',
          dueOn: doc.serviceDueOn ?? doc.issuedOn,
          overdue: false,
          openedAt: new Date(),
        })
        .onConflictDoNothing();
      return true;
    },

    async issueDocuments(issue: DocumentIssue): Promise<IssuedDocument[]> {
      const issued: IssuedDocument[] = [];
      for (const [i, draft] of issue.drafts.entries()) {
        if (!(draft.kind in DOCUMENT_TITLES))
          throw ApplicationFailure.nonRetryable(`No such document kind: ${draft.kind}`, 'UNKNOWN_DOCUMENT_KIND');
        const issueKey = `${issue.changeKey}:${i}:${draft.kind}`;
        const row = (await byIssueKey(issueKey)) ?? (await numbered(issue, draft, issueKey));
        issued.push(await stored(row));
      }
      return issued;
    },
  };
}
