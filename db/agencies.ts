// Agencies as stored: registering one (by an admin, or on first use from a token or a case), and
// seeding the two example agencies with their policies and list entries on every start.
import { EXAMPLE_AGENCIES } from '../domain/exampleAgencies';
import { policyFor, settingsOf } from '../domain/policies';
import { recordAudit } from './audit';
import type { Database } from './client';
import { agencies, agencyListEntries, policyVersions } from './schema';

export type AgencyRow = typeof agencies.$inferSelect;

/** The public face of an agency: what it is called and where, nothing about who registered it. */
export const agencyProfile = (row: AgencyRow) => ({
  id: row.id,
  name: row.name,
  shortName: row.shortName,
  region: row.region,
});

export interface FirstUse {
  /** Who met the agency first: the token's subject and role, or the case's opener. */
  actor: string;
  role: string;
  requestId?: string;
}

/**
 * Registers an agency met for the first time, with its id as name and short name, and audits it.
 * Idempotent under concurrency: of several first uses at once, one inserts and audits, the rest
 * find it there. Returns whether this call registered it.
 */
export async function registerOnFirstUse(db: Database, id: string, by: FirstUse): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(agencies)
      .values({ id, name: id, shortName: id, origin: 'first_use', createdBy: by.actor })
      .onConflictDoNothing()
      .returning();
    if (!created) return false;
    await recordAudit(tx, {
      actor: by.actor,
      role: by.role,
      action: 'agency.registered',
      entityType: 'agency',
      entityId: id,
      after: { ...agencyProfile(created), origin: created.origin },
      reason: 'First met in a token or a case; named after its id until an admin names it',
      requestId: by.requestId,
    });
    return true;
  });
}

/**
 * Adds the example agencies, their first policy version and list entries where missing; never
 * touches what an admin has changed since (later versions and entries are new rows).
 */
export async function seedExampleAgencies(db: Database): Promise<void> {
  for (const example of EXAMPLE_AGENCIES) {
    const { agency, policy, listEntries } = example;
    const settings = policyFor({ agency: agency.id, revision: 1, settings: policy.settings });
    if (!settings.ok) throw new Error(`Example agency ${agency.id}: ${settings.refusal.message}`);
    await db
      .insert(agencies)
      .values({ ...agency, origin: 'example', createdBy: 'seed' })
      .onConflictDoNothing();
    await db
      .insert(policyVersions)
      .values({
        agency: agency.id,
        revision: 1,
        effectiveFrom: policy.effectiveFrom,
        settings: settingsOf(settings.value),
        reason: policy.reason,
        author: 'seed',
      })
      .onConflictDoNothing();
    if (listEntries.length === 0) continue;
    await db
      .insert(agencyListEntries)
      .values(
        listEntries.map((entry) => ({
          agency: agency.id,
          matterCode: entry.matterCode,
          revision: 1,
          effectiveFrom: entry.effectiveFrom,
          lists: entry.lists,
          benchmark: entry.benchmark ?? null,
          excluded: entry.excluded ?? null,
          reason: entry.reason,
          author: 'seed',
        })),
      )
      .onConflictDoNothing();
  }
}
