// Dispositions of a rectification order (整改的处理方式): which ones an order may carry for a matter
// as its agency applies it (the lists, the exclusions, 首违不罚's look-back, the statutory grounds
// off the list), and the fine a no-penalty outcome waives.
import { addMonths, isBefore, type CalendarDate } from './calendar';
import { isOnList, type EnforcementMatter, type LeniencyList, type Treatment } from './catalog';
import { checkNotBarred } from './lists';
import type { Policy } from './policies';
import { ok, refuse, type Result } from './refusal';

export const DISPOSITIONS = [
  'no_penalty',
  'first_violation_no_penalty',
  'statutory_no_penalty',
  'lighter_penalty',
  'mitigated_penalty',
  'order_only',
] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

/** The dispositions that waive the penalty (不予处罚, 首违不罚, 法定不予处罚). */
export const NO_PENALTY_DISPOSITIONS = [
  'no_penalty',
  'first_violation_no_penalty',
  'statutory_no_penalty',
] as const satisfies readonly Disposition[];

/**
 * What a disposition needs: the list the matter must be on, and the treatment an exclusion may bar.
 * 首违不罚 and the off-list statutory grounds rest on the law itself (行政处罚法 第三十三条 etc.), not
 * on a list, but they are no-penalty decisions all the same, so an exclusion from no_penalty bars them.
 */
const DISPOSITION_RULES: Readonly<Record<Disposition, { list?: LeniencyList; treatment?: Treatment }>> = Object.freeze({
  no_penalty: { list: 'no_penalty', treatment: 'no_penalty' },
  first_violation_no_penalty: { treatment: 'no_penalty' },
  statutory_no_penalty: { treatment: 'no_penalty' },
  lighter_penalty: { list: 'lighter_penalty', treatment: 'lighter_penalty' },
  mitigated_penalty: { list: 'mitigated_penalty', treatment: 'mitigated_penalty' },
  order_only: {},
});

/**
 * Statutory grounds for no penalty off the list (Changning item 2: 清单未作出规定，但符合法定不予处罚
 * 情形的，也应当依法不予处罚), with the article of the Administrative Penalty Law each rests on.
 */
export const STATUTORY_GROUNDS = Object.freeze({
  minor_and_corrected: '《中华人民共和国行政处罚法》第三十三条第一款',
  no_fault: '《中华人民共和国行政处罚法》第三十三条第二款',
  time_barred: '《中华人民共和国行政处罚法》第三十六条',
  minor_age_or_mental: '《中华人民共和国行政处罚法》第三十条、第三十一条',
} as const);
export type StatutoryGround = keyof typeof STATUTORY_GROUNDS;

export const isNoPenalty = (disposition: Disposition): boolean =>
  (NO_PENALTY_DISPOSITIONS as readonly Disposition[]).includes(disposition);

/** The no-penalty dispositions wait for the party's commitment letter (告知承诺书). */
export const needsCommitment = isNoPenalty;

/**
 * The fine a no-penalty outcome waives, for statistics when the officer gives none: the bottom of
 * the (agency's) benchmark, i.e. the least the party would otherwise have paid. Zero for others.
 */
export const defaultWaivedFine = (matter: EnforcementMatter, disposition: Disposition): number =>
  isNoPenalty(disposition) ? (matter.benchmark?.minFine ?? 0) : 0;

/** The order's waived fine: the officer's figure, else estimated from the benchmark (and said so). */
export function waivedFineOf(
  matter: EnforcementMatter,
  disposition: Disposition,
  given: number | undefined,
): { waivedFine: number; waivedFineEstimated: boolean } {
  if (given !== undefined) return { waivedFine: given, waivedFineEstimated: false };
  return { waivedFine: defaultWaivedFine(matter, disposition), waivedFineEstimated: isNoPenalty(disposition) };
}

// --- first violation (首违不罚) ----------------------------------------------------------------

/**
 * Whether an earlier violation still counts against a first-violation disposition on `orderedOn`.
 * It counts for `months` from its own date up to, not including, the same date `months` later:
 * exactly 24 months on, it no longer counts. This is the same half-open convention as publication
 * periods (a record published for 1 year from X stops being shown on X + 1 year).
 */
function stillCounts(priorOn: CalendarDate, orderedOn: CalendarDate, months: number): boolean {
  return !isBefore(orderedOn, priorOn) && isBefore(orderedOn, addMonths(priorOn, months));
}

/** The most recent earlier violation that blocks 首违不罚, if any. */
export function blockingPriorViolation(
  priorViolations: readonly CalendarDate[],
  orderedOn: CalendarDate,
  policy: Policy,
): CalendarDate | undefined {
  return priorViolations
    .filter((priorOn) => stillCounts(priorOn, orderedOn, policy.firstViolationLookbackMonths))
    .reduce<CalendarDate | undefined>(
      (latest, d) => (latest === undefined || isBefore(latest, d) ? d : latest),
      undefined,
    );
}

// --- disposition ----------------------------------------------------------------------------

export interface DispositionRequest {
  /** The matter as the case's agency applies it (domain/lists.ts), or a bare catalog matter. */
  matter: EnforcementMatter;
  disposition: Disposition;
  orderedOn: CalendarDate;
  /** Dates of earlier violations of the same matter by the same enterprise (any age). */
  priorViolations?: readonly CalendarDate[];
  /** statutory_no_penalty only: the ground, and the article the decision cites. */
  statutoryGround?: StatutoryGround;
  legalBasis?: string;
}

function checkStatutoryGround(request: DispositionRequest): Result<true> {
  const { disposition, statutoryGround, legalBasis } = request;
  if (disposition !== 'statutory_no_penalty') return ok(true);
  if (statutoryGround !== undefined && statutoryGround in STATUTORY_GROUNDS && legalBasis?.trim()) return ok(true);
  return refuse(
    'VALIDATION_FAILED',
    'An off-list statutory no-penalty order needs its statutory ground and the legal basis it cites.',
    [{ path: 'body.statutoryGround', message: `one of ${Object.keys(STATUTORY_GROUNDS).join(', ')}, with legalBasis` }],
  );
}

function checkFirstViolation(request: DispositionRequest, policy: Policy): Result<true> {
  if (request.disposition !== 'first_violation_no_penalty') return ok(true);
  const { matter, orderedOn } = request;
  const priorOn = blockingPriorViolation(request.priorViolations ?? [], orderedOn, policy);
  if (priorOn === undefined) return ok(true);
  const months = policy.firstViolationLookbackMonths;
  const message = `The enterprise violated matter ${matter.code} on ${priorOn}, within ${months} months.`;
  return refuse('NOT_FIRST_VIOLATION', message, [
    { priorViolationOn: priorOn, lookbackMonths: months, countsUntil: addMonths(priorOn, months) },
  ]);
}

/**
 * May this order carry this disposition? A disposition the agency's exclusions bar the matter from
 * is EXCLUDED_DOMAIN (order_only is never barred); the list dispositions need the matter on that
 * list of the agency; 首违不罚 needs no earlier violation inside the look-back; the off-list
 * statutory no-penalty needs its ground and legal basis, and is allowed for any matter not excluded.
 */
export function checkDisposition(request: DispositionRequest, policy: Policy): Result<Disposition> {
  const { matter, disposition } = request;
  const rule = DISPOSITION_RULES[disposition];
  const checks: Array<() => Result<unknown>> = [
    () => checkStatutoryGround(request),
    () => (rule.treatment ? checkNotBarred(matter, rule.treatment, policy, true) : ok(true)),
    () =>
      rule.list === undefined || isOnList(matter, rule.list)
        ? ok(true)
        : refuse('NOT_ON_LIST', `Matter ${matter.code} is not on the ${rule.list} list.`, [
            { matterCode: matter.code, requiredList: rule.list },
          ]),
    () => checkFirstViolation(request, policy),
  ];
  for (const check of checks) {
    const result = check();
    if (!result.ok) return result as Result<Disposition>;
  }
  return ok(disposition);
}

/** Waiving coercive measures (免予行政强制) needs the matter on the agency's no-coercion list. */
export function checkNoCoercion(matter: EnforcementMatter, policy: Policy): Result<true> {
  const barred = checkNotBarred(matter, 'no_coercion', policy, true);
  if (!barred.ok) return barred;
  return isOnList(matter, 'no_coercion')
    ? ok(true)
    : refuse('NOT_ON_LIST', `Matter ${matter.code} is not on the no_coercion list.`, [
        { matterCode: matter.code, requiredList: 'no_coercion' },
      ]);
}
