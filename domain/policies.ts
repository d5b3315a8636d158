// Policy: the numbers national law leaves to each jurisdiction (marked *(policy)* in the domain
// spec), as one typed, versioned value. Every timeline records the version it was computed with,
// so a later policy change never rewrites how an old decision was reached.
import { ENFORCEMENT_AREAS, type EnforcementArea } from './catalog';
import { ok, refuse, type Result } from './refusal';

export const BASE_POLICY_VERSION = 'default-2026.1';

export interface Policy {
  /** BASE_POLICY_VERSION, or a derived 'default-2026.1+agency:<agency>@<revision>'. */
  readonly version: string;

  // observation period 观察期
  readonly consentWindowWorkingDays: number;
  readonly observationDefaultMonths: number;
  readonly observationMinMonths: number;
  /** Initial months plus all extensions. */
  readonly observationMaxTotalMonths: number;
  readonly checkInEveryMonths: number;
  readonly conclusionWorkingDays: number;

  // rectification 整改
  readonly commitmentWorkingDays: number;
  readonly reminderWorkingDaysBeforeDeadline: number;
  readonly evidenceReviewWorkingDays: number;
  readonly maxExtensionRequests: number;
  readonly overdueEscalationWorkingDays: number;
  /** Calendar days from acceptance to the follow-up visit (回访). */
  readonly followUpAfterDays: number;
  /** 首违不罚 look-back for an earlier violation of the same matter. */
  readonly firstViolationLookbackMonths: number;

  // credit repair 信用修复
  readonly repairAcceptWorkingDays: number;
  readonly repairDecisionWorkingDays: number;
  readonly syncLedgerWorkingDays: number;
  /** New applications refused for this long after a repair is revoked for false materials. */
  readonly revocationBarMonths: number;
  /** Minor records (轻微失信信息): 0 = not published; an agency may flag up to 3 months. */
  readonly minorPublicationMonths: number;

  /** Areas excluded from observation periods and the no-penalty and lighter lists. */
  readonly excludedAreas: readonly EnforcementArea[];
}

export type PolicySettings = Omit<Policy, 'version'>;

/** An agency's partial override, stored with a revision number that goes up on every change. */
export interface AgencyPolicyOverride {
  agency: string;
  revision: number;
  settings: Partial<PolicySettings>;
}

export const DEFAULT_POLICY: Policy = Object.freeze({
  version: BASE_POLICY_VERSION,
  consentWindowWorkingDays: 10,
  observationDefaultMonths: 6,
  observationMinMonths: 1,
  observationMaxTotalMonths: 24,
  checkInEveryMonths: 1,
  conclusionWorkingDays: 10,
  commitmentWorkingDays: 5,
  reminderWorkingDaysBeforeDeadline: 3,
  evidenceReviewWorkingDays: 5,
  maxExtensionRequests: 1,
  overdueEscalationWorkingDays: 10,
  followUpAfterDays: 30,
  firstViolationLookbackMonths: 24,
  repairAcceptWorkingDays: 3,
  repairDecisionWorkingDays: 10,
  syncLedgerWorkingDays: 3,
  revocationBarMonths: 12,
  minorPublicationMonths: 0,
  excludedAreas: Object.freeze([
    'food_drugs',
    'public_health',
    'ecology_environment',
    'work_safety',
    'labour_protection',
    'urban_rural_planning',
    'wildlife_protection',
  ] as const),
});

type NumericSetting = Exclude<keyof PolicySettings, 'excludedAreas'>;

/**
 * Allowed range of every number. The upper bounds are sanity limits against typos (a deadline of
 * 500 working days), except minorPublicationMonths, where 3 is the legal maximum (信用修复管理办法).
 */
const NUMERIC_BOUNDS: Readonly<Record<NumericSetting, readonly [min: number, max: number]>> = Object.freeze({
  consentWindowWorkingDays: [1, 60],
  observationDefaultMonths: [1, 60],
  observationMinMonths: [1, 60],
  observationMaxTotalMonths: [1, 60],
  checkInEveryMonths: [1, 12],
  conclusionWorkingDays: [1, 60],
  commitmentWorkingDays: [1, 60],
  reminderWorkingDaysBeforeDeadline: [0, 60],
  evidenceReviewWorkingDays: [1, 60],
  maxExtensionRequests: [0, 10],
  overdueEscalationWorkingDays: [1, 60],
  followUpAfterDays: [1, 365],
  firstViolationLookbackMonths: [1, 120],
  repairAcceptWorkingDays: [1, 60],
  repairDecisionWorkingDays: [1, 60],
  syncLedgerWorkingDays: [1, 60],
  revocationBarMonths: [0, 60],
  minorPublicationMonths: [0, 3],
});

const SETTING_NAMES: readonly string[] = Object.freeze([...Object.keys(NUMERIC_BOUNDS), 'excludedAreas']);

export interface PolicyProblem {
  field: string;
  problem: string;
}

function numericProblems(policy: PolicySettings): PolicyProblem[] {
  return (Object.keys(NUMERIC_BOUNDS) as NumericSetting[]).flatMap((field) => {
    const [min, max] = NUMERIC_BOUNDS[field];
    const value: unknown = policy[field];
    return Number.isInteger(value) && (value as number) >= min && (value as number) <= max
      ? []
      : [{ field, problem: `must be a whole number from ${min} to ${max}` }];
  });
}

function relationProblems(p: PolicySettings): PolicyProblem[] {
  const relations: [holds: boolean, field: string, problem: string][] = [
    [
      p.observationMinMonths <= p.observationDefaultMonths,
      'observationDefaultMonths',
      'must be at least observationMinMonths',
    ],
    [
      p.observationDefaultMonths <= p.observationMaxTotalMonths,
      'observationDefaultMonths',
      'must not exceed observationMaxTotalMonths',
    ],
    [
      p.checkInEveryMonths <= p.observationMaxTotalMonths,
      'checkInEveryMonths',
      'must not exceed observationMaxTotalMonths',
    ],
    [
      p.repairAcceptWorkingDays <= p.repairDecisionWorkingDays,
      'repairAcceptWorkingDays',
      'must not exceed repairDecisionWorkingDays',
    ],
  ];
  return relations.filter(([holds]) => !holds).map(([, field, problem]) => ({ field, problem }));
}

function areaProblems(areas: unknown): PolicyProblem[] {
  if (!Array.isArray(areas)) return [{ field: 'excludedAreas', problem: 'must be a list of areas' }];
  const unknown = areas.filter((a) => !(ENFORCEMENT_AREAS as readonly unknown[]).includes(a));
  const problems = unknown.map((a) => ({ field: 'excludedAreas', problem: `unknown area ${JSON.stringify(a)}` }));
  if (new Set(areas).size !== areas.length) problems.push({ field: 'excludedAreas', problem: 'lists an area twice' });
  return problems;
}

/** Everything wrong with a policy; empty when it is usable. */
export function policyProblems(policy: PolicySettings): PolicyProblem[] {
  const problems = [...numericProblems(policy), ...areaProblems(policy.excludedAreas)];
  // Relations between numbers only mean something once each number is valid on its own.
  return problems.length > 0 ? problems : relationProblems(policy);
}

function overrideProblems(override: AgencyPolicyOverride): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  if (typeof override.agency !== 'string' || !/^[^\s+@]+$/u.test(override.agency)) {
    problems.push({ field: 'agency', problem: 'must be a non-empty id without spaces, "+" or "@"' });
  }
  if (!Number.isInteger(override.revision) || override.revision < 1) {
    problems.push({ field: 'revision', problem: 'must be a whole number from 1' });
  }
  // Overrides arrive from storage as JSON: a misspelt key would otherwise be silently ignored.
  for (const key of Object.keys(override.settings ?? {})) {
    if (!SETTING_NAMES.includes(key)) problems.push({ field: key, problem: 'is not a policy setting' });
  }
  return problems;
}

/**
 * The policy for an agency: the defaults with the agency's settings laid over them (a list such as
 * excludedAreas is replaced whole, so an agency can narrow it as well as widen it), versioned
 * 'default-2026.1+agency:<agency>@<revision>'. Without an override, DEFAULT_POLICY.
 */
export function policyFor(override?: AgencyPolicyOverride): Result<Policy> {
  if (override === undefined) return ok(DEFAULT_POLICY);
  const { version: _ignored, ...defaults } = DEFAULT_POLICY;
  const settings: PolicySettings = { ...defaults, ...override.settings };
  const problems = [...overrideProblems(override), ...policyProblems(settings)];
  if (problems.length > 0) {
    return refuse(
      'VALIDATION_FAILED',
      `The policy override for agency ${String(override.agency)} is invalid.`,
      problems,
    );
  }
  return ok(
    Object.freeze({
      ...settings,
      excludedAreas: Object.freeze([...settings.excludedAreas]),
      version: `${BASE_POLICY_VERSION}+agency:${override.agency}@${override.revision}`,
    }),
  );
}
