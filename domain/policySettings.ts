// What a policy is: every setting national law leaves to an agency (marked *(policy)* in the domain
// spec), the vocabulary of its choices, the range of each number, and when a set of settings is
// usable. domain/policies.ts holds the defaults and builds agencies' versions from stored settings.
import {
  CONDUCT_EXCLUSIONS,
  ENFORCEMENT_AREAS,
  TREATMENTS,
  type ConductExclusion,
  type EnforcementArea,
  type Treatment,
} from './catalog';

/** Decisions an agency may send to legal review (法制审核) before they take effect (Jimsar item 4). */
export const LEGAL_REVIEW_DECISIONS = [
  'statutory_no_penalty', // off-list statutory no-penalty
  'no_penalty', // any no-penalty disposition
  'general_procedure', // escalations to the general procedure
  'observation_conclusion', // observation periods' conclusions
] as const;
export type LegalReviewDecision = (typeof LEGAL_REVIEW_DECISIONS)[number];

export const CREDIT_GRADES = ['A', 'B', 'C', 'D'] as const;
export type CreditGrade = (typeof CREDIT_GRADES)[number];

export interface Policy {
  /** BASE_POLICY_VERSION, or a stored version 'default-2026.1+agency:<agency>@<revision>'. */
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
  /** Calendar days from acceptance (or a decision, an ended period, a concluded offset) to the follow-up visit (回访). */
  readonly followUpAfterDays: number;
  /** 首违不罚 look-back for an earlier violation of the same matter. */
  readonly firstViolationLookbackMonths: number;

  // credit repair 信用修复 and objections 异议申诉
  readonly repairAcceptWorkingDays: number;
  readonly repairDecisionWorkingDays: number;
  readonly syncLedgerWorkingDays: number;
  /** New applications refused for this long after a repair is revoked for false materials. */
  readonly revocationBarMonths: number;
  /** Minor records (轻微失信信息): 0 = not published; an agency may flag up to 3 months. */
  readonly minorPublicationMonths: number;
  readonly objectionDecisionWorkingDays: number;

  // documents and service 文书与送达
  /** Placeholders {agencyShort}, {year}, {seq} or {seq:N} (zero-padded to N digits). */
  readonly documentNumberPattern: string;
  /** Working days for the business to acknowledge a document before the officer serves it another way. */
  readonly documentServiceWorkingDays: number;

  // legal review 法制审核
  readonly legalReviewDecisions: readonly LegalReviewDecision[];
  readonly legalReviewWorkingDays: number;

  // public-interest service in lieu of a fine 公益抵罚
  readonly offsetAreas: readonly EnforcementArea[];
  /** Matter codes allowed besides the areas. */
  readonly offsetMatters: readonly string[];
  /** Yuan of fine offset by one hour of service. */
  readonly offsetYuanPerHour: number;
  /** Calendar days to complete the service. */
  readonly offsetServiceDays: number;
  /** Whether hours done reduce the remaining fine pro rata when the service is not completed. */
  readonly offsetProRata: boolean;

  // graded supervision 分级分类监管
  /** Months an escalated or overdue rectification keeps an enterprise at C. */
  readonly gradeAdverseLookbackMonths: number;
  /** Months without anything adverse that an A needs. */
  readonly gradeCleanMonths: number;
  /** Years of registration that earn an A without a positive outcome. */
  readonly gradeRegisteredYears: number;
  /** Routine inspections per 12 months by grade; null: not capped. */
  readonly routineInspectionCaps: Readonly<Record<CreditGrade, number | null>>;
  // graded supervision, issue #19 (docs/supervision.md): the whitelist, joint visits, inspection results
  /** Routine inspections per 12 months of a whitelisted enterprise, by all agencies together (一年最多查一次). */
  readonly whitelistRoutineCap: number;
  /** Days between two agencies' routine inspections of a whitelisted enterprise within which they become one visit. */
  readonly jointVisitWithinDays: number;
  /** Working days after an inspection that found violations for the officer to open a rectification. */
  readonly inspectionFollowUpWorkingDays: number;

  // exclusions 排除适用
  /** Areas excluded from observation periods and every list (Panjin's defaults). */
  readonly excludedAreas: readonly EnforcementArea[];
  /**
   * What each kind of excluded conduct bars: Panjin bars it from everything; Jimsar (item 5) bars
   * high-risk conduct and conduct exploiting an emergency only from the mitigated and no-penalty lists.
   */
  readonly conductExclusions: Readonly<Record<ConductExclusion, readonly Treatment[]>>;
}

export type PolicySettings = Omit<Policy, 'version'>;

type NumericSetting = {
  [K in keyof PolicySettings]: PolicySettings[K] extends number ? K : never;
}[keyof PolicySettings];

/**
 * Allowed range of every number. The upper bounds are sanity limits against typos (a deadline of
 * 500 working days), except minorPublicationMonths, where 3 is the legal maximum (信用修复管理办法).
 */
export const POLICY_NUMBER_BOUNDS: Readonly<Record<NumericSetting, readonly [min: number, max: number]>> =
  Object.freeze({
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
    objectionDecisionWorkingDays: [1, 60],
    documentServiceWorkingDays: [1, 60],
    legalReviewWorkingDays: [1, 60],
    offsetYuanPerHour: [1, 10_000],
    offsetServiceDays: [1, 365],
    gradeAdverseLookbackMonths: [1, 120],
    gradeCleanMonths: [1, 120],
    gradeRegisteredYears: [0, 50],
    whitelistRoutineCap: [1, 12],
    jointVisitWithinDays: [0, 365],
    inspectionFollowUpWorkingDays: [1, 60],
  });

/** The shape of a matter code, as the catalog spells them (MS-001). */
export const MATTER_CODE = /^[A-Z0-9][A-Z0-9-]{1,31}$/;
const PATTERN_PLACEHOLDER = /\{(agencyShort|year|seq(?::[1-9])?)\}/g;

export interface PolicyProblem {
  field: string;
  problem: string;
}

function numericProblems(policy: PolicySettings): PolicyProblem[] {
  return (Object.keys(POLICY_NUMBER_BOUNDS) as NumericSetting[]).flatMap((field) => {
    const [min, max] = POLICY_NUMBER_BOUNDS[field];
    const value: unknown = policy[field];
    return Number.isInteger(value) && (value as number) >= min && (value as number) <= max
      ? []
      : [{ field, problem: `must be a whole number from ${min} to ${max}` }];
  });
}

export function relationProblems(p: PolicySettings): PolicyProblem[] {
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

/** Problems of a list that must hold distinct values from `allowed` (or of a given shape). */
function setProblems(field: string, values: unknown, allowed: (v: unknown) => boolean, what: string): PolicyProblem[] {
  if (!Array.isArray(values)) return [{ field, problem: `must be a list of ${what}` }];
  const problems = values
    .filter((v) => !allowed(v))
    .map((v) => ({ field, problem: `${JSON.stringify(v)} is not one of the ${what}` }));
  if (new Set(values).size !== values.length) problems.push({ field, problem: 'names a value twice' });
  return problems;
}

const oneOf =
  (allowed: readonly unknown[]) =>
  (v: unknown): boolean =>
    allowed.includes(v);

function patternProblems(pattern: unknown): PolicyProblem[] {
  const field = 'documentNumberPattern';
  if (typeof pattern !== 'string' || pattern.length === 0 || pattern.length > 100)
    return [{ field, problem: 'must be text of 1 to 100 characters' }];
  const problems: PolicyProblem[] = [];
  if (!/\{seq(?::[1-9])?\}/.test(pattern)) problems.push({ field, problem: 'must contain {seq} or {seq:N}' });
  if (/[{}]/.test(pattern.replace(PATTERN_PLACEHOLDER, '')))
    problems.push({ field, problem: 'knows only {agencyShort}, {year}, {seq} and {seq:N}' });
  return problems;
}

function capProblems(caps: unknown): PolicyProblem[] {
  const field = 'routineInspectionCaps';
  const record = (caps ?? {}) as Record<string, unknown>;
  const fine =
    typeof caps === 'object' &&
    caps !== null &&
    Object.keys(record).sort().join() === [...CREDIT_GRADES].sort().join() &&
    CREDIT_GRADES.every((g) => record[g] === null || (Number.isInteger(record[g]) && (record[g] as number) >= 0));
  return fine ? [] : [{ field, problem: 'must give each grade A-D a whole number of inspections, or null' }];
}

function conductProblems(bars: unknown): PolicyProblem[] {
  const field = 'conductExclusions';
  if (typeof bars !== 'object' || bars === null || Array.isArray(bars))
    return [{ field, problem: `must map ${CONDUCT_EXCLUSIONS.join(', ')} to what each bars` }];
  const record = bars as Record<string, unknown>;
  const unknownKeys = Object.keys(record).filter((k) => !(CONDUCT_EXCLUSIONS as readonly string[]).includes(k));
  return [
    ...unknownKeys.map((k) => ({ field, problem: `${JSON.stringify(k)} is not a kind of excluded conduct` })),
    ...CONDUCT_EXCLUSIONS.flatMap((k) => setProblems(`${field}.${k}`, record[k], oneOf(TREATMENTS), 'treatments')),
  ];
}

/** Everything wrong with a policy; empty when it is usable. */
export function policyProblems(policy: PolicySettings): PolicyProblem[] {
  const problems = [
    ...numericProblems(policy),
    ...setProblems('excludedAreas', policy.excludedAreas, oneOf(ENFORCEMENT_AREAS), 'areas'),
    ...setProblems('offsetAreas', policy.offsetAreas, oneOf(ENFORCEMENT_AREAS), 'areas'),
    ...setProblems(
      'offsetMatters',
      policy.offsetMatters,
      (v) => typeof v === 'string' && MATTER_CODE.test(v),
      'matter codes',
    ),
    ...setProblems('legalReviewDecisions', policy.legalReviewDecisions, oneOf(LEGAL_REVIEW_DECISIONS), 'decisions'),
    ...(typeof policy.offsetProRata === 'boolean'
      ? []
      : [{ field: 'offsetProRata', problem: 'must be true or false' }]),
    ...patternProblems(policy.documentNumberPattern),
    ...capProblems(policy.routineInspectionCaps),
    ...conductProblems(policy.conductExclusions),
  ];
  // Relations between numbers only mean something once each number is valid on its own.
  return problems.length > 0 ? problems : relationProblems(policy);
}
