// Who may reach what: the one permissions table. A route declares which roles may call it at all
// (`RouteSpec.roles`, else 403) and how its target is scoped (`RouteSpec.scope`); this table says
// how far each role reaches in each scope, and `authorize` applies both before the route's handler
// runs. Lists (tasks, an enterprise's processes, statistics) narrow themselves with `reachFilter`
// and `agencyReach`, from the same table. An enterprise or a case out of reach is a 404, not a 403:
// a caller must not learn that another enterprise's or another agency's case exists.
import { and, eq, inArray, type Column, type SQL } from 'drizzle-orm';
import { CASE_TYPES, type CaseType } from '../domain';
import { roles, type Principal, type Role } from './auth';
import { forbidden, notFound } from './errors';

/** How far a role reaches: everything, or only what belongs to its own enterprise or agency. */
export type Reach = 'any' | 'own_enterprise' | 'own_agency';

export interface Permission {
  /** Enterprise profiles and files. They belong to no agency, so officers reach every one. */
  enterprises: Extract<Reach, 'any' | 'own_enterprise'>;
  /** Cases (observation periods, rectifications, penalty records) of the kinds in `processTypes`. */
  cases: Reach;
  /** The kinds of case the role may see at all. */
  processTypes: readonly CaseType[];
}

const EVERY_PROCESS = CASE_TYPES;

/** The roles table of the domain document, as reach. */
export const PERMISSIONS: Readonly<Record<Role, Permission>> = {
  officer: { enterprises: 'any', cases: 'own_agency', processTypes: EVERY_PROCESS },
  business: { enterprises: 'own_enterprise', cases: 'own_enterprise', processTypes: EVERY_PROCESS },
  credit_staff: { enterprises: 'any', cases: 'any', processTypes: ['penalty_record', 'objection'] },
  auditor: { enterprises: 'any', cases: 'any', processTypes: EVERY_PROCESS },
  admin: { enterprises: 'any', cases: 'any', processTypes: EVERY_PROCESS },
  // Reviews the decisions of their agency's cases that its policy sends to legal review (法制审核).
  legal_reviewer: { enterprises: 'any', cases: 'own_agency', processTypes: ['rectification', 'observation_period'] },
};

/** Where a case belongs, as far as scope is concerned. */
export interface CaseOwner {
  enterpriseId: string;
  /** The case's agency; null or absent for a penalty record credit staff entered without one. */
  agency?: string | null;
}

/** How a route's target is scoped: declared once per route, enforced by `authorize`. */
export type RouteScope<Q = unknown, B = unknown> =
  /** No single target to be foreign to: creating one, the catalog, lists that narrow themselves. */
  | { kind: 'none' }
  /** The enterprise named by the path parameter `param`. */
  | { kind: 'enterprise'; param: string }
  /** The case named by the path parameter `param`; `locate` finds where it belongs, or 404s. */
  | {
      kind: 'case';
      param: string;
      processType: CaseType;
      /** Names the case in a 404, e.g. 'Rectification'. */
      what: string;
      locate(id: string): Promise<CaseOwner>;
    }
  /**
   * Every case of the agency the validated request names (`undefined`: the caller's own, or all
   * agencies for a role that reaches them all). Out of reach is a 403: an agency is no secret.
   */
  | { kind: 'agency'; of(request: { query: Q; body: B }): string | undefined };

export const UNSCOPED: RouteScope = { kind: 'none' };
export const enterpriseScope = (param = 'id'): RouteScope => ({ kind: 'enterprise', param });

export type Target =
  | { kind: 'enterprise'; enterpriseId: string }
  | ({ kind: 'case'; processType: CaseType } & CaseOwner)
  | { kind: 'agency'; agency: string | undefined };

function within(reach: Reach, principal: Principal, owner: CaseOwner): boolean {
  switch (reach) {
    case 'any':
      return true;
    case 'own_enterprise':
      return owner.enterpriseId === principal.enterpriseId;
    case 'own_agency':
      return !!principal.agency && owner.agency === principal.agency;
  }
}

/** Whether the principal reaches the target by the permissions table. */
export function mayReach(principal: Principal, target: Target): boolean {
  const permission = PERMISSIONS[principal.role];
  switch (target.kind) {
    case 'enterprise':
      return within(permission.enterprises, principal, target);
    case 'case':
      return permission.processTypes.includes(target.processType) && within(permission.cases, principal, target);
    case 'agency':
      // All of an agency's cases: a role reaching every case, or an officer its own agency.
      return (
        permission.cases === 'any' ||
        (permission.cases === 'own_agency' && (target.agency === undefined || target.agency === principal.agency))
      );
  }
}

/** The roles that may see cases of a kind: those who may read them. */
export const readersOf = (processType: CaseType): Role[] =>
  roles.filter((role) => PERMISSIONS[role].processTypes.includes(processType));

/** Refuses a target out of the principal's reach: 404 for an enterprise or a case, 403 for an agency. */
export function assertReaches(principal: Principal, target: Target, what: string): void {
  if (mayReach(principal, target)) return;
  throw target.kind === 'agency' ? forbidden() : notFound(what);
}

/**
 * The gate of every declared route, parsing the request as it goes: a role the route does not
 * name gets 403 before anything is parsed; a path target (an enterprise, a case) out of reach 404
 * (so does an unknown case) before the query and body are parsed, so that whatever is sent about
 * a foreign case the answer is the same; an agency the validated request names 403.
 */
export async function authorize<P, Q, B>(
  principal: Principal,
  spec: { roles: readonly Role[]; scope: RouteScope<Q, B> },
  parse: { params(): P; query(): Q; body(): B },
): Promise<{ params: P; query: Q; body: B }> {
  if (!spec.roles.includes(principal.role)) throw forbidden();
  const { scope } = spec;
  const params = parse.params();
  if (scope.kind === 'enterprise' || scope.kind === 'case') {
    const id = String((params as Record<string, unknown>)[scope.param]);
    if (scope.kind === 'enterprise') assertReaches(principal, { kind: 'enterprise', enterpriseId: id }, 'Enterprise');
    else
      assertReaches(
        principal,
        { kind: 'case', processType: scope.processType, ...(await scope.locate(id)) },
        scope.what,
      );
  }
  const query = parse.query();
  const body = parse.body();
  if (scope.kind === 'agency')
    assertReaches(principal, { kind: 'agency', agency: scope.of({ query, body }) }, 'Agency');
  return { params, query, body };
}

/**
 * The condition that narrows a list of case rows to the principal's reach over cases: its agency's
 * for an officer, its enterprise's for a business, everything for the others. With `processType`,
 * also to the kinds of case the role may see.
 */
export function reachFilter(
  principal: Principal,
  columns: { enterpriseId: Column; agency: Column; processType?: Column },
): SQL | undefined {
  const permission = PERMISSIONS[principal.role];
  const kinds =
    columns.processType && permission.processTypes.length < EVERY_PROCESS.length
      ? inArray(columns.processType, [...permission.processTypes])
      : undefined;
  switch (permission.cases) {
    case 'any':
      return kinds;
    case 'own_enterprise':
      return and(eq(columns.enterpriseId, principal.enterpriseId!), kinds);
    case 'own_agency':
      return and(eq(columns.agency, principal.agency!), kinds);
  }
}

/** The agency a principal's view of cases is limited to, if any (statistics are counted per agency). */
export const agencyReach = (principal: Principal): string | undefined =>
  PERMISSIONS[principal.role].cases === 'own_agency' ? principal.agency : undefined;
