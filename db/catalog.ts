// The live catalog of enforcement matters: seeded from domain/seedMatters.ts, then edited by admins;
// and the reference data every install starts with (the catalog, then the example agencies, whose
// list entries name catalog matters).
import { eq } from 'drizzle-orm';
import { SEED_MATTERS, type EnforcementMatter } from '../domain';
import { seedExampleAgencies } from './agencies';
import type { Database } from './client';
import { matters } from './schema';

/** Adds seed matters that are missing; never overwrites a matter an admin has edited. */
export async function seedCatalog(db: Database): Promise<void> {
  await db
    .insert(matters)
    .values(SEED_MATTERS.map((m) => ({ code: m.code, matter: m, area: m.area, updatedBy: 'seed' })))
    .onConflictDoNothing();
}

/** What every process seeds after migrating: idempotent, and safe from several processes at once. */
export async function seedReferenceData(db: Database): Promise<void> {
  await seedCatalog(db);
  await seedExampleAgencies(db);
}

export async function findMatterByCode(db: Database, code: string): Promise<EnforcementMatter | undefined> {
  const [row] = await db.select({ matter: matters.matter }).from(matters).where(eq(matters.code, code));
  return row?.matter as EnforcementMatter | undefined;
}
