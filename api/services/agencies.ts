// Agencies met on first use: a token's `agency` claim, or the agency a case names, registers the
// agency on the spot (its id as name, the default policy until an admin stores one), so that tokens
// and cases from before agencies were a resource keep working. Registration is idempotent under
// concurrency (db/agencies.ts); each process remembers what it has seen, so that a known agency
// costs no query per request.
import type { RequestHandler } from 'express';
import { eq } from 'drizzle-orm';
import { registerOnFirstUse, type AgencyRow, type FirstUse } from '../../db/agencies';
import type { Database } from '../../db/client';
import { agencies } from '../../db/schema';
import { notFound } from '../errors';

/** Known agency ids per database; bounded, since a forged id cannot get past token verification anyway. */
const known = new WeakMap<Database, Set<string>>();
const MAX_REMEMBERED = 10_000;

/** Registers `id` unless this process already knows it exists. */
export async function ensureAgency(db: Database, id: string, by: FirstUse): Promise<void> {
  const seen = known.get(db) ?? new Set<string>();
  known.set(db, seen);
  if (seen.has(id)) return;
  await registerOnFirstUse(db, id, by);
  if (seen.size >= MAX_REMEMBERED) seen.clear();
  seen.add(id);
}

/** After authentication: the agency of the caller's token is registered on first use. */
export function registerTokenAgencies(db: Database): RequestHandler {
  return (req, _res, next) => {
    const principal = req.principal;
    if (!principal?.agency) return next();
    ensureAgency(db, principal.agency, { actor: principal.sub, role: principal.role, requestId: String(req.id) }).then(
      () => next(),
      next,
    );
  };
}

/** The agency, or 404: routes about one agency's policy and lists name a registered one. */
export async function requireAgency(db: Database, id: string): Promise<AgencyRow> {
  const [row] = await db.select().from(agencies).where(eq(agencies.id, id));
  if (!row) throw notFound('Agency');
  return row;
}
