// The live catalog of enforcement matters: seeded from domain/catalog.ts, then edited by admins.
import { eq } from 'drizzle-orm';
import { SEED_MATTERS, type EnforcementMatter } from '../domain';
import type { Database } from './client';
import { matters } from './schema';

/** Adds seed matters that are missing; never overwrites a matter an admin has edited. */
export async function seedCatalog(db: Database): Promise<void> {
  await db
    .insert(matters)
    .values(SEED_MATTERS.map((m) => ({ code: m.code, matter: m, area: m.area, updatedBy: 'seed' })))
    .onConflictDoNothing();
}

export async function findMatterByCode(db: Database, code: string): Promise<EnforcementMatter | undefined> {
  const [row] = await db.select({ matter: matters.matter }).from(matters).where(eq(matters.code, code));
  return row?.matter as EnforcementMatter | undefined;
}
