// Policy: the numbers and choices national law leaves to each jurisdiction (marked *(policy)* in the
// domain spec), as one typed, versioned value. An agency's policy is stored as versions with the day
// each takes effect (domain/versioned.ts picks the one in force); every case records the version it
// was opened under, so a later policy never rewrites how an old decision was reached.
import { TREATMENTS } from './catalog';
import {
  policyProblems,
  relationProblems,
  type PolicyProblem,
  type Policy,
  type PolicySettings,
} from './policySettings';
import { ok, refuse, type Result } from './refusal';

export * from './policySettings';

export const BASE_POLICY_VERSION = 'default-2026.1';

/** An agency's stored settings, with the revision number that grows with every version it stores. */
export interface AgencyPolicyOverride {
  agency: string;
  revision: number;
  settings: Partial<PolicySettings>;
}

export const DEFAULT_POLICY: Policy = deepFreeze({
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
  objectionDecisionWorkingDays: 10,
  documentNumberPattern: '{agencyShort}柔〔{year}〕{seq:4}号',
  documentServiceWorkingDays: 5,
  legalReviewDecisions: [],
  legalReviewWorkingDays: 5,
  offsetAreas: ['transport', 'public_security'],
  offsetMatters: [],
  offsetYuanPerHour: 50,
  offsetServiceDays: 30,
  offsetProRata: true,
  gradeAdverseLookbackMonths: 12,
  gradeCleanMonths: 24,
  gradeRegisteredYears: 3,
  routineInspectionCaps: { A: 1, B: 2, C: 4, D: null },
  whitelistRoutineCap: 1,
  jointVisitWithinDays: 30,
  inspectionFollowUpWorkingDays: 5,
  excludedAreas: [
    'food_drugs',
    'public_health',
    'ecology_environment',
    'work_safety',
    'labour_protection',
    'urban_rural_planning',
    'wildlife_protection',
  ],
  conductExclusions: {
    emergency_exploitation: [...TREATMENTS],
    high_risk: [...TREATMENTS],
    irreparable_harm: [...TREATMENTS],
  },
});

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** Every setting's name: what a stored policy or a PUT may carry. */
export const POLICY_SETTINGS = Object.freeze(
  Object.keys(DEFAULT_POLICY).filter((k) => k !== 'version'),
) as readonly (keyof PolicySettings)[];

function overrideProblems(override: AgencyPolicyOverride): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  if (typeof override.agency !== 'string' || !/^[^\s+@]+$/u.test(override.agency)) {
    problems.push({ field: 'agency', problem: 'must be a non-empty id without spaces, "+" or "@"' });
  }
  if (!Number.isInteger(override.revision) || override.revision < 1) {
    problems.push({ field: 'revision', problem: 'must be a whole number from 1' });
  }
  // Settings arrive from storage as JSON: a misspelt key would otherwise be silently ignored.
  for (const key of Object.keys(override.settings ?? {})) {
    if (!(POLICY_SETTINGS as readonly string[]).includes(key))
      problems.push({ field: key, problem: 'is not a policy setting' });
  }
  return problems;
}

/** The version name of an agency's stored revision. */
export const agencyPolicyVersion = (agency: string, revision: number): string =>
  `${BASE_POLICY_VERSION}+agency:${agency}@${revision}`;

/**
 * The policy for an agency: the defaults with the agency's settings laid over them (a list such as
 * excludedAreas is replaced whole, so an agency can narrow it as well as widen it), versioned
 * 'default-2026.1+agency:<agency>@<revision>'. Without an override, DEFAULT_POLICY. A setting
 * added to the defaults after a version was stored takes its default there.
 */
export function policyFor(override?: AgencyPolicyOverride): Result<Policy> {
  if (override === undefined) return ok(DEFAULT_POLICY);
  const { version: _ignored, ...defaults } = DEFAULT_POLICY;
  const settings: PolicySettings = { ...defaults, ...override.settings };
  const problems = [...overrideProblems(override), ...policyProblems(settings)];
  if (problems.length > 0) {
    // Settings each fine on their own but at odds with one another (a default longer than the
    // maximum) break a rule, not the form: 422.
    const related = relationProblems(settings);
    const onlyRelations = problems.length === related.length;
    return refuse(
      onlyRelations ? 'INVALID_POLICY' : 'VALIDATION_FAILED',
      `The policy settings for agency ${String(override.agency)} ${onlyRelations ? 'contradict one another' : 'are invalid'}.`,
      problems,
    );
  }
  return ok(
    deepFreeze(structuredClone({ ...settings, version: agencyPolicyVersion(override.agency, override.revision) })),
  );
}

/** The settings of a policy, without its version: what a stored version keeps. */
export function settingsOf(policy: Policy): PolicySettings {
  const { version: _version, ...settings } = policy;
  return settings;
}
