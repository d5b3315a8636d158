import { execFile } from 'node:child_process';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { verifyAuditLog } from '../../db/auditChain';
import { makeUscc } from '../support/fixtures';
import { useApi } from '../support/context';

const ctx = useApi();
const root = path.resolve(import.meta.dirname, '../..');

const auditor = { sub: 'auditor-1', role: 'auditor' } as const;
const admin = { sub: 'admin-1', role: 'admin' } as const;
const officer = (sub: string) => ({ sub, role: 'officer', agency: 'SAMR-HZ' }) as const;

let serial = 700;
async function register(by = officer('officer-1')): Promise<string> {
  const id = makeUscc(serial++);
  const res = await ctx.api.call('POST', '/api/v1/enterprises', {
    token: await ctx.api.token(by),
    body: { id, name: `审计测试企业${id.slice(-6)}`, kind: 'legal_person' },
  });
  expect(res.status).toBe(201);
  return id;
}

async function audit(
  query: Record<string, string | number> = {},
  caller: Parameters<typeof ctx.api.token>[0] = auditor,
) {
  const search = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]));
  return ctx.api.call('GET', `/api/v1/audit?${search}`, { token: await ctx.api.token(caller) });
}

/** Every page of a query, following nextCursor. */
async function allPages(query: Record<string, string | number>) {
  const pages: { entries: { id: number }[]; nextCursor?: string }[] = [];
  let cursor: string | undefined;
  do {
    const res = await audit(cursor ? { ...query, cursor } : query);
    expect(res.status).toBe(200);
    pages.push(res.body);
    cursor = res.body.nextCursor;
  } while (cursor && pages.length < 100);
  return pages;
}

const matter = {
  title: '审计测试事项',
  titleEn: 'Audit test matter',
  area: 'commerce',
  legalBasis: '《示例条例》第十条',
  lists: ['no_penalty'],
  excludedFromLeniency: false,
  defaultRectificationWorkingDays: 5,
  benchmark: { minFine: 0, maxFine: 1_000 },
};

/** Runs `npm run audit:verify` against the test database. */
function runVerifyScript(url: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/auditVerify.ts'],
      { cwd: root, env: { ...process.env, DATABASE_URL: url } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

/** The id of the entry that registered an enterprise. */
async function entryOf(enterpriseId: string): Promise<number> {
  const { body } = await audit({ entityType: 'enterprise', entityId: enterpriseId });
  return body.entries[0].id;
}

/** An entry exactly as stored, as jsonb text. */
async function storedRow(id: number): Promise<string> {
  const result = await ctx.database.db.execute(sql`select to_jsonb(a)::text as row from audit_log a where id = ${id}`);
  return (result as unknown as { rows: { row: string }[] }).rows[0]!.row;
}

/** Writes as someone who switched the audit trail's triggers off: what the chain is there to catch. */
const behindTheTriggers = (statement: ReturnType<typeof sql>) =>
  ctx.database.db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(statement);
  });

describe('GET /audit', () => {
  it('shows registrations and catalog edits with who made them, why, and their chain hash', async () => {
    // given an officer registering an enterprise and an admin editing a matter twice
    const enterpriseId = await register(officer('officer-7'));
    const token = await ctx.api.token(admin);
    for (const [title, reason] of [
      ['审计测试事项', 'added for the audit test'],
      ['审计测试事项（修订）', 'title corrected after legal review'],
    ]) {
      const res = await ctx.api.call('PUT', '/api/v1/catalog/matters/AUD-001', {
        token,
        body: { ...matter, title, reason },
      });
      expect(res.status).toBeLessThan(300);
    }

    // when an auditor asks for each entity's trail
    const registered = await audit({ entityType: 'enterprise', entityId: enterpriseId });
    const edited = await audit({ entityType: 'matter', entityId: 'AUD-001' });

    // then each change is there, oldest first
    expect(registered.status).toBe(200);
    expect(registered.body.entries).toEqual([
      {
        id: expect.any(Number),
        at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        actor: 'officer-7',
        role: 'officer',
        action: 'enterprise.registered',
        entityType: 'enterprise',
        entityId: enterpriseId,
        after: expect.objectContaining({ id: enterpriseId, kind: 'legal_person' }),
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    ]);
    expect(registered.body.nextCursor).toBeUndefined();
    expect(edited.body.entries).toMatchObject([
      { actor: 'admin-1', role: 'admin', action: 'catalog.matter_created', reason: 'added for the audit test' },
      {
        action: 'catalog.matter_updated',
        reason: 'title corrected after legal review',
        before: { title: '审计测试事项', version: 1 },
        after: { title: '审计测试事项（修订）', version: 2 },
      },
    ]);
    expect(edited.body.entries[0]).not.toHaveProperty('before');
  });

  it('filters by actor and by time, `from` inclusive and `to` exclusive', async () => {
    // given entries by two officers
    for (const sub of ['officer-a', 'officer-b', 'officer-a', 'officer-a', 'officer-b']) await register(officer(sub));
    const { body: byA } = await audit({ actor: 'officer-a' });
    const { body: everything } = await audit({ limit: 500 });

    // when an auditor narrows the trail to officer-a's entries from the second one on, or to a window
    const from = byA.entries[1].at;
    const to = byA.entries[2].at;
    const sinceSecond = await audit({ actor: 'officer-a', from });
    const window = await audit({ from, to });

    // then only those entries come back
    expect(byA.entries.map((e: { actor: string }) => e.actor)).toEqual(['officer-a', 'officer-a', 'officer-a']);
    expect(sinceSecond.body.entries.map((e: { id: number }) => e.id)).toEqual(
      byA.entries.slice(1).map((e: { id: number }) => e.id),
    );
    const expected = everything.entries.filter((e: { at: string }) => e.at >= from && e.at < to);
    expect(window.body.entries).toEqual(expected);
    expect(window.body.entries.length).toBeGreaterThan(0);
  });

  it('pages through the trail with its cursor, every entry once', async () => {
    // given twelve registrations by one officer
    for (let i = 0; i < 12; i++) await register(officer('officer-pager'));

    // when an auditor walks them five at a time
    const pages = await allPages({ actor: 'officer-pager', limit: 5 });

    // then three pages come back, in id order, without duplicates, the last one without a cursor
    const ids = pages.flatMap((p) => p.entries.map((e) => e.id));
    expect(pages.map((p) => p.entries.length)).toEqual([5, 5, 2]);
    expect(pages.at(-1)!.nextCursor).toBeUndefined();
    expect(new Set(ids).size).toBe(12);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it('refuses bad cursors, limits and instants with 400 VALIDATION_FAILED, a window that ends before it starts with 422', async () => {
    const responses = await Promise.all([
      audit({ cursor: 'not-a-cursor' }),
      audit({ cursor: '-1' }),
      audit({ limit: 501 }),
      audit({ limit: 0 }),
      audit({ from: 'yesterday' }),
      audit({ from: '2026-11-21T10:00:00' }),
    ]);
    const reversed = await audit({ from: '2026-11-21T10:00:00Z', to: '2026-11-21T09:00:00Z' });

    expect(responses.map((r) => [r.status, r.body.error?.code])).toEqual(
      responses.map(() => [400, 'VALIDATION_FAILED']),
    );
    expect([reversed.status, reversed.body.error.code]).toEqual([422, 'INVALID_RANGE']);
  });

  it('is for auditors and admins: officers, businesses and credit staff get 403', async () => {
    const callers = [
      officer('officer-1'),
      { sub: 'biz-1', role: 'business', enterpriseId: makeUscc(1) },
      { sub: 'credit-1', role: 'credit_staff' },
    ] as const;

    const refused = await Promise.all(callers.map((caller) => audit({}, caller)));
    const allowed = await audit({}, admin);

    expect(refused.map((r) => [r.status, r.body.error.code])).toEqual(callers.map(() => [403, 'FORBIDDEN']));
    expect(allowed.status).toBe(200);
  });
});

describe('audit trail integrity', () => {
  it('refuses UPDATE, DELETE and TRUNCATE even from the application’s own connection', async () => {
    // given an entry
    await register();

    // when the application's connection tries to change or remove entries
    const attempts = [
      sql`update audit_log set reason = 'rewritten'`,
      sql`delete from audit_log where actor = 'officer-1'`,
      sql`delete from audit_log where false`,
      sql`truncate audit_log`,
    ].map((statement) => ctx.database.db.execute(statement));

    // then the database refuses every one
    for (const attempt of attempts) {
      await expect(attempt).rejects.toMatchObject({
        cause: { message: expect.stringMatching(/^audit_log is append-only: (UPDATE|DELETE|TRUNCATE) is refused$/) },
      });
    }
    expect((await verifyAuditLog(ctx.database.db)).broken).toBeUndefined();
  });

  it('keeps one valid chain under 50 concurrent registrations', async () => {
    // given a verified trail
    const before = await verifyAuditLog(ctx.database.db);

    // when 50 enterprises are registered at once
    const ids = Array.from({ length: 50 }, () => makeUscc(serial++));
    const token = await ctx.api.token(officer('officer-rush'));
    const responses = await Promise.all(
      ids.map((id) =>
        ctx.api.call('POST', '/api/v1/enterprises', { token, body: { id, name: `并发企业${id}`, kind: 'individual' } }),
      ),
    );

    // then every registration has its entry, and the chain still holds
    expect(responses.every((r) => r.status === 201)).toBe(true);
    const after = await verifyAuditLog(ctx.database.db);
    expect(after.broken).toBeUndefined();
    expect(after.verified).toBe(before.verified + 50);
    const pages = await allPages({ actor: 'officer-rush', limit: 20 });
    expect(pages.flatMap((p) => p.entries).length).toBe(50);
  });

  it('detects an entry rewritten behind the triggers’ back, in code and with npm run audit:verify', async () => {
    // given an intact trail
    const target = await entryOf(await register(officer('officer-victim')));
    expect((await verifyAuditLog(ctx.database.db)).broken).toBeUndefined();

    // when someone who can switch the triggers off rewrites an entry
    await behindTheTriggers(sql`update audit_log set actor = 'officer-innocent' where id = ${target}`);
    const report = await verifyAuditLog(ctx.database.db);
    const script = ctx.database.url ? await runVerifyScript(ctx.database.url) : undefined;
    const viaApi = await ctx.api.call('GET', '/api/v1/audit/verification', { token: await ctx.api.token(auditor) });

    // then the verifier names that entry and its broken hash, so does the API, and the script fails
    expect(report.broken).toMatchObject({ id: target, field: 'hash' });
    expect(viaApi.body.broken).toMatchObject({ id: target, field: 'hash' });
    if (script) {
      expect(script.code).toBe(1);
      expect(script.stderr).toContain(`entry ${target} does not match its hash`);
    }

    // and once the entry is put back, the trail verifies again
    await behindTheTriggers(sql`update audit_log set actor = 'officer-victim' where id = ${target}`);
    expect((await verifyAuditLog(ctx.database.db)).broken).toBeUndefined();
  });

  it('verifies the chain through GET /audit/verification for auditors and admins only', async () => {
    // given an intact trail
    await register();
    const expected = await verifyAuditLog(ctx.database.db);

    // when auditors, admins and an officer ask the API to verify it
    const verify = async (caller: Parameters<typeof ctx.api.token>[0]) =>
      ctx.api.call('GET', '/api/v1/audit/verification', { token: await ctx.api.token(caller) });
    const [byAuditor, byAdmin, byOfficer] = [await verify(auditor), await verify(admin), await verify(officer('o-v'))];

    // then the overseers get the same report as the verifier, with the head of the chain
    expect(byAuditor.status).toBe(200);
    expect(byAuditor.body).toEqual({ verified: expected.verified, last: expected.last });
    expect(byAdmin.body).toEqual(byAuditor.body);
    expect(byOfficer.status).toBe(403);
  });

  it('detects an entry removed behind the triggers’ back, at the entry after it', async () => {
    // given three entries in a row
    const [first, target, next] = [
      await entryOf(await register()),
      await entryOf(await register()),
      await entryOf(await register()),
    ];
    const saved = await storedRow(target);

    // when someone who can switch the triggers off removes the middle one
    await behindTheTriggers(sql`delete from audit_log where id = ${target}`);
    const report = await verifyAuditLog(ctx.database.db);

    // then the verifier names the entry after the gap
    expect(report.broken).toMatchObject({ id: next, field: 'prevHash' });
    expect(report.broken?.message).toContain(`does not follow entry ${first}`);

    // and once the entry is restored, the trail verifies again, also by the script
    await behindTheTriggers(
      sql`insert into audit_log select * from jsonb_populate_record(null::audit_log, ${saved}::jsonb)`,
    );
    const restored = await verifyAuditLog(ctx.database.db);
    expect(restored.broken).toBeUndefined();
    if (ctx.database.url) {
      const script = await runVerifyScript(ctx.database.url);
      expect(script.code).toBe(0);
      expect(script.stdout).toMatch(
        new RegExp(`^${restored.verified} entries verified; head: entry \\d+, hash [0-9a-f]{64}\\n$`),
      );
    }
  });
});
