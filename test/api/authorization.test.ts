// The authorisation matrix: every declared route × every role × a target of the caller's own
// enterprise or agency and one of another, over real HTTP against real cases. The routes come from
// the app's own route table and the expected outcome from the same permissions table the routes
// use, so a new route is in the matrix the moment it is declared. Bodies are empty (or, where the
// scope reads the body, minimal): a request that passes authorisation may still be refused as
// invalid or as not fitting the case (400/409/422); only the authorisation outcome is asserted.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectoryEvidenceStore } from '../../api/evidenceStore';
import type { CaseType } from '../../domain';
import { routeTable } from '../../api/app';
import { roles, type Principal, type Role } from '../../api/auth';
import { mayReach, PERMISSIONS, readersOf, type Target } from '../../api/permissions';
import type { RouteSpec } from '../../api/route';
import { addMonths } from '../../domain';
import { signingKey } from '../support/api';
import { useApi } from '../support/context';
import { repairSyncLedger } from '../../db/schema';
import { observationParties, observationPeriods } from '../support/observation';
import { offerBody, offsets, sessionOn } from '../support/offsets';
import { penaltyDecision, penaltyRecords } from '../support/penaltyRecords';
import { pdf, orderToCorrect, rectifications, serverToday } from '../support/rectifications';

const ctx = useApi({ worker: true });

/** One enterprise of one agency, with a live case of every kind. */
interface Party {
  enterpriseId: string;
  agency: string;
  cases: Record<CaseType, string>;
  /** A credit-file entry of the enterprise, which the business has objected to. */
  entryKey: string;
  evidenceId: string;
  applicationId: string;
  sessionId: string;
  /** A document the rectification issued: documents are reached through their case. */
  documentId: string;
  /** A delivered sync-ledger entry of the penalty record (credit staff reach every one). */
  syncEntryId: string;
}

const TARGETS = ['own', 'foreign'] as const;
type TargetKind = (typeof TARGETS)[number];

const AGENCY = { own: 'AUTHZ-A', foreign: 'AUTHZ-B' } as const;
const parties = {} as Record<TargetKind, Party>;
let specs: RouteSpec[];
let evidenceDir: string;
/** A year whose graded list agency A has fixed (late, as the year is under way). */
let listYear: string;

/** Each role's caller: the officer of agency A, the business of A's enterprise, and the others. */
const principals = (): Record<Role, Principal> => ({
  officer: { sub: 'authz-officer', role: 'officer', agency: AGENCY.own },
  business: { sub: 'authz-business', role: 'business', enterpriseId: parties.own.enterpriseId },
  credit_staff: { sub: 'authz-credit', role: 'credit_staff' },
  auditor: { sub: 'authz-auditor', role: 'auditor' },
  admin: { sub: 'authz-admin', role: 'admin' },
  legal_reviewer: { sub: 'authz-legal', role: 'legal_reviewer', agency: AGENCY.own },
});

function created<T extends { status: number; body: any }>(res: T, what: string): T {
  if (res.status >= 300) throw new Error(`could not create ${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}

/** An enterprise of `agency` with an observation period, a rectification with evidence, and a penalty record with a repair application. */
async function seedParty(serial: number, agency: string): Promise<Party> {
  const { enterpriseId, officer, business } = await observationParties(ctx, serial, { agency });
  const period = created(
    await observationPeriods(ctx).open(officer, {
      enterpriseId,
      matterCode: 'MS-005',
      legalBasis: '《优化营商环境条例》第五十五条',
      months: 6,
      reason: '平台经济新模式企业',
    }),
    'an observation period',
  );
  const rectification = created(
    await rectifications(ctx).order(officer, orderToCorrect(enterpriseId)),
    'a rectification',
  );
  const evidence = created(
    await rectifications(ctx).evidence(business, rectification.body.id, '已整改', [
      { name: 'licence.pdf', type: 'application/pdf', bytes: pdf('licence') },
    ]),
    'evidence',
  );
  const decidedOn = addMonths(await serverToday(ctx), -4);
  const record = created(
    await penaltyRecords(ctx).enter(officer, penaltyDecision(enterpriseId, decidedOn)),
    'a penalty record',
  );
  const application = created(await penaltyRecords(ctx).apply(business, record.body.id), 'a repair application');
  const file = await ctx.api.call('GET', `/api/v1/enterprises/${enterpriseId}/credit-file`, { token: business });
  const entryKey: string = file.body.entries[0].key;
  const form = new FormData();
  form.append('reasons', '授权矩阵测试');
  const objection = created(
    await ctx.api.call('POST', `/api/v1/enterprises/${enterpriseId}/credit-file/${entryKey}/objection`, {
      token: business,
      rawBody: form,
    }),
    'an objection',
  );
  const offset = created(await offsets(ctx).offer(officer, offerBody(enterpriseId, 200)), 'an offset');
  created(await offsets(ctx).step(business, offset.body.id, 'acceptance', { accept: true }), 'an acceptance');
  const session = created(
    await offsets(ctx).step(business, offset.body.id, 'sessions', sessionOn(await serverToday(ctx), 1)),
    'a service session',
  );
  const issued = await ctx.api.call('GET', `/api/v1/rectifications/${rectification.body.id}/documents`, {
    token: business,
  });
  const documentId: string = issued.body.documents[0].id;
  // A delivered entry, written as the sync workflow leaves one: a retry of it is refused, not missed.
  const syncEntryId = `${record.body.id}:authz:sync`;
  await ctx.database.db.insert(repairSyncLedger).values({
    key: syncEntryId,
    penaltyRecordId: record.body.id,
    enterpriseId,
    platform: 'credit_china',
    action: 'withdraw',
    dueOn: await serverToday(ctx),
    syncedAt: new Date(),
  });
  return {
    enterpriseId,
    agency,
    cases: {
      observation_period: period.body.id,
      rectification: rectification.body.id,
      penalty_record: record.body.id,
      objection: objection.body.id,
      offset: offset.body.id,
    },
    entryKey,
    evidenceId: evidence.body.files[0].evidenceId,
    applicationId: application.body.id,
    sessionId: session.body.sessions[0].id,
    documentId,
    syncEntryId,
  };
}

/** The case kind a route's path names, for path parameters beside the case's own. */
const caseOf = (spec: RouteSpec): CaseType => {
  if (spec.scope.kind !== 'case') throw new Error(`${spec.method} ${spec.path} names no case`);
  return spec.scope.processType;
};

/** Fills a route's path parameters with the target's ids; a parameter nobody knows fails the test. */
function pathFor(spec: RouteSpec, party: Party): string {
  const filled = spec.path.replace(/:(\w+)/g, (_, name: string) => {
    const { scope } = spec;
    if (scope.kind === 'enterprise' && name === scope.param) return party.enterpriseId;
    if (scope.kind === 'case' && name === scope.param) return party.cases[scope.processType];
    if (name === 'appId' && caseOf(spec) === 'penalty_record') return party.applicationId;
    if (name === 'evidenceId' && caseOf(spec) === 'rectification') return party.evidenceId;
    if (name === 'sid' && caseOf(spec) === 'offset') return party.sessionId;
    if (name === 'code') return 'MS-001';
    if (name === 'entryId') return party.entryKey;
    if (name === 'id' && spec.path.startsWith('/documents/')) return party.documentId;
    if (name === 'id' && spec.path.startsWith('/sync-entries/')) return party.syncEntryId;
    // Graded supervision's own records (inspections, whitelist entries) are scoped in their handlers.
    if (name === 'id' && scope.kind === 'none') return '00000000-0000-4000-8000-000000000000';
    if (name === 'year') return listYear;
    if (name === 'agency') return party.agency;
    throw new Error(`The authorisation matrix has no value for :${name} in ${spec.method} ${spec.path}`);
  });
  const query = SCOPED_QUERIES[`${spec.method} ${spec.path}`];
  return `/api/v1${filled}${query ? `?${query(party)}` : ''}`;
}

/**
 * Bodies for routes whose scope reads the validated body, or whose handler checks reach after the
 * body is validated: just valid enough to reach the scope check, and harmless when allowed.
 */
const SCOPED_BODIES: Record<string, (party: Party) => unknown> = {
  'post /bulk/deadline-extensions': (party) => ({
    filter: { agency: party.agency, dueBefore: '2000-01-03' },
    days: 1,
    reason: '授权矩阵测试',
    dryRun: true,
  }),
  // Valid, so that a document out of reach answers 404 rather than its body's 400 (the date is
  // refused with 422 for a reachable one: before the document was issued).
  'post /documents/:id/service': () => ({ method: 'in_person', servedOn: '2000-01-03', note: '授权矩阵测试' }),
};

/** Queries for reading routes whose scope reads the validated query: the target's agency. */
const SCOPED_QUERIES: Record<string, (party: Party) => string> = {
  'get /stats': (party) => `agency=${party.agency}`,
  'get /stats.csv': (party) => `agency=${party.agency}`,
  'get /follow-ups': (party) => `agency=${party.agency}`,
  'get /follow-ups.csv': (party) => `agency=${party.agency}`,
  'get /repair-service': (party) => `agency=${party.agency}`,
};

function bodyFor(spec: RouteSpec, party: Party): unknown {
  if (spec.method === 'get') {
    if (spec.scope.kind === 'agency' && !SCOPED_QUERIES[`${spec.method} ${spec.path}`])
      throw new Error(`The authorisation matrix has no query for ${spec.method} ${spec.path}`);
    return undefined;
  }
  const body = SCOPED_BODIES[`${spec.method} ${spec.path}`];
  if (spec.scope.kind !== 'agency') return body?.(party) ?? {};
  if (!body) throw new Error(`The authorisation matrix has no body for ${spec.method} ${spec.path}`);
  return body(party);
}

type Expected = 'allowed' | 403 | 404;

/** What the route's declaration and the permissions table say the caller gets. */
function expectedOutcome(spec: RouteSpec, principal: Principal, party: Party): Expected {
  if (!spec.roles.includes(principal.role)) return 403;
  const { scope } = spec;
  let target: Target;
  // A document is reached through its case (here the party's rectification), checked by its handler.
  if (spec.path.startsWith('/documents/'))
    return mayReach(principal, {
      kind: 'case',
      processType: 'rectification',
      enterpriseId: party.enterpriseId,
      agency: party.agency,
    })
      ? 'allowed'
      : 404;
  switch (scope.kind) {
    case 'none':
      return 'allowed';
    case 'enterprise':
      target = { kind: 'enterprise', enterpriseId: party.enterpriseId };
      break;
    case 'case':
      target = { kind: 'case', processType: scope.processType, enterpriseId: party.enterpriseId, agency: party.agency };
      break;
    case 'agency':
      return mayReach(principal, { kind: 'agency', agency: party.agency }) ? 'allowed' : 403;
  }
  return mayReach(principal, target) ? 'allowed' : 404;
}

interface Cell {
  route: string;
  role: Role;
  target: TargetKind;
  expected: Expected;
  status: number;
  code?: string;
}

const passes = (cell: Cell): boolean =>
  cell.expected === 'allowed'
    ? ![401, 403, 404].includes(cell.status) && cell.status < 500
    : cell.status === cell.expected && cell.code === (cell.expected === 403 ? 'FORBIDDEN' : 'NOT_FOUND');

/** Runs `work` over `inputs`, a few at a time. */
async function pooled<T, R>(inputs: T[], limit: number, work: (input: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(inputs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < inputs.length) {
        const i = next++;
        results[i] = await work(inputs[i]!);
      }
    }),
  );
  return results;
}

beforeAll(async () => {
  [parties.own, parties.foreign] = await Promise.all([seedParty(801, AGENCY.own), seedParty(802, AGENCY.foreign)]);
  listYear = (await serverToday(ctx)).slice(0, 4);
  created(
    await ctx.api.call('POST', `/api/v1/supervision-lists/${listYear}`, {
      token: await ctx.api.token({ sub: 'authz-admin', role: 'admin' }),
      body: { agency: AGENCY.own, late: true, reason: '授权矩阵测试' },
    }),
    'a graded list',
  );
  evidenceDir = await mkdtemp(path.join(tmpdir(), 'tempered-authz-'));
  // The declarations only: no request goes through these specs.
  specs = routeTable({
    config: {
      RATE_LIMIT_PER_MINUTE: 100_000,
      JSON_BODY_LIMIT: '1mb',
      EVIDENCE_MAX_BYTES: 1024,
      TEMPORAL_TASK_QUEUE: ctx.taskQueue,
    },
    db: ctx.database.db,
    temporal: ctx.env.client,
    evidence: new DirectoryEvidenceStore(evidenceDir),
    today: () => serverToday(ctx),
    signingKey,
    logger: pino({ level: 'silent' }),
  });
});

afterAll(async () => {
  if (evidenceDir) await rm(evidenceDir, { recursive: true, force: true });
});

describe('the authorisation matrix', () => {
  it('answers every route × role × own/foreign target as the route declaration and the permissions table say', async () => {
    const callers = principals();
    const tokens = Object.fromEntries(
      await Promise.all(roles.map(async (role) => [role, await ctx.api.token(callers[role])] as const)),
    ) as Record<Role, string>;
    const plan = specs.flatMap((spec) => roles.flatMap((role) => TARGETS.map((target) => ({ spec, role, target }))));

    const cells = await pooled(plan, 6, async ({ spec, role, target }): Promise<Cell> => {
      const party = parties[target];
      const res = await ctx.api.call(spec.method.toUpperCase(), pathFor(spec, party), {
        token: tokens[role],
        body: bodyFor(spec, party),
      });
      return {
        route: `${spec.method.toUpperCase()} ${spec.path}`,
        role,
        target,
        expected: expectedOutcome(spec, callers[role], party),
        status: res.status,
        code: res.body?.error?.code,
      };
    });

    expect(cells.filter((cell) => !passes(cell))).toEqual([]);
    // Every outcome occurs, so the matrix is not vacuous.
    expect(new Set(cells.map((c) => c.expected))).toEqual(new Set(['allowed', 403, 404]));
  });

  it('covers every route of the route table, each with a scope it knows how to test', () => {
    const declared = specs.map((spec) => `${spec.method} ${spec.path}`);
    const party = parties.own;

    for (const spec of specs) {
      const route = `${spec.method} ${spec.path}`;
      expect(['none', 'enterprise', 'case', 'agency'], route).toContain(spec.scope.kind);
      // A route naming an enterprise or a case in its path is scoped by it: only the catalog's
      // matter codes and agencies (whose policies and lists are public), which belong to no
      // enterprise or case, and ids below a scoped one may go unscoped.
      const [first] = [...spec.path.matchAll(/:(\w+)/g)].map((m) => m[1]);
      // Graded supervision's inspections and whitelist entries belong to an agency, not to an
      // enterprise's case: their handlers find them within the officer's agency (else 404).
      // Documents and sync entries are found by their own id and reached through their case;
      // notifications, within the caller's own inbox.
      const agencyRecord = /^\/(inspections|whitelist|documents|sync-entries|notifications)\/:id/.test(spec.path);
      if (first !== undefined && first !== 'code' && first !== 'agency' && first !== 'year' && !agencyRecord)
        expect(spec.scope, route).toMatchObject({ param: first });
      // Throws for a path parameter or a scoped body the matrix cannot fill.
      pathFor(spec, party);
      bodyFor(spec, party);
    }
    expect(new Set(declared).size).toBe(declared.length);
    expect(declared).toEqual(
      expect.arrayContaining([
        'get /enterprises/:id',
        'get /rectifications/:id',
        'post /penalty-records/:id/repair-applications/:appId/decision',
        'put /catalog/matters/:code',
        'put /policies/:agency',
        'put /agencies/:agency/lists/:code',
        'patch /agencies/:agency',
      ]),
    );
  });

  it('puts the roles table of the contract into the permissions table', () => {
    const { own, foreign } = parties;
    const caseIn = (processType: CaseType, party: Party): Target => ({
      kind: 'case',
      processType,
      enterpriseId: party.enterpriseId,
      agency: party.agency,
    });
    const callers = principals();

    // A business: its own enterprise and cases only.
    expect(mayReach(callers.business, { kind: 'enterprise', enterpriseId: own.enterpriseId })).toBe(true);
    expect(mayReach(callers.business, { kind: 'enterprise', enterpriseId: foreign.enterpriseId })).toBe(false);
    expect(mayReach(callers.business, caseIn('rectification', foreign))).toBe(false);
    // An officer: every enterprise, its own agency's cases.
    expect(mayReach(callers.officer, { kind: 'enterprise', enterpriseId: foreign.enterpriseId })).toBe(true);
    expect(mayReach(callers.officer, caseIn('observation_period', own))).toBe(true);
    expect(mayReach(callers.officer, caseIn('observation_period', foreign))).toBe(false);
    expect(mayReach(callers.officer, { kind: 'agency', agency: foreign.agency })).toBe(false);
    // Credit staff: all penalty records and nothing else.
    expect(mayReach(callers.credit_staff, caseIn('penalty_record', foreign))).toBe(true);
    expect(mayReach(callers.credit_staff, caseIn('rectification', own))).toBe(false);
    // Auditors and admins: everything.
    for (const role of ['auditor', 'admin'] as const) {
      expect(PERMISSIONS[role]).toMatchObject({ enterprises: 'any', cases: 'any' });
    }
    // Legal reviewers: their agency's rectifications and observation periods, whose decisions they review.
    expect(mayReach(callers.legal_reviewer, caseIn('rectification', own))).toBe(true);
    expect(mayReach(callers.legal_reviewer, caseIn('rectification', foreign))).toBe(false);
    expect(mayReach(callers.legal_reviewer, caseIn('penalty_record', own))).toBe(false);
    expect(readersOf('rectification')).toEqual(['officer', 'business', 'auditor', 'admin', 'legal_reviewer']);
    expect(readersOf('penalty_record')).toEqual(roles.filter((r) => r !== 'legal_reviewer'));
  });
});
