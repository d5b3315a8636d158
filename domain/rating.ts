// Credit ratings (信用评价等级) for graded supervision (分级分类监管, Changning item 13, Jimsar item 7):
// an enterprise's credit file and registration date, read under an agency's policy, give a grade
// A (诚信), B (良好), C (一般) or D (失信) with the reasons for it. The grade decides how often the
// enterprise is inspected (domain/inspection.ts), so it must be explainable entry by entry.
//
// Windows are calendar months counted back from the day of rating (domain/calendar.ts addMonths):
// "in the last 12 months" on 2026-03-10 means on or after 2025-03-11; an entry of 2025-03-10 has
// aged out. "Registered over 3 years" holds from the third anniversary on.
// Neutral entries (a declined observation period, a withdrawal, notices) never count either way:
// declining flexible treatment is the party's right (Changning item 6).
import { addDays, addMonths, isBefore, type CalendarDate } from './calendar';
import { isAdverseEntry } from './creditFile';
import type { CreditGrade, Policy } from './policySettings';

export { CREDIT_GRADES, type CreditGrade } from './policySettings';

/** What the rating reads of a credit-file entry. Entries removed on objection are left out by the caller. */
export interface RatedEntry {
  key: string;
  occurredOn: CalendarDate;
  kind: string;
  details?: unknown;
}

export type RatingReasonCode =
  | 'SERIOUS_RECORD_PUBLISHED'
  | 'GENERAL_RECORD_PUBLISHED'
  | 'RECTIFICATION_ESCALATED'
  | 'RECTIFICATION_OVERDUE'
  | 'OBSERVATION_ESCALATED'
  | 'CLEAN_WITH_POSITIVE_OUTCOME'
  | 'CLEAN_AND_ESTABLISHED'
  | 'ADVERSE_ENTRY_RECENT'
  | 'NO_POSITIVE_OUTCOME';

export interface RatingReason {
  code: RatingReasonCode;
  text: string;
  entryId?: string;
}

export interface Rating {
  grade: CreditGrade;
  reasons: RatingReason[];
  asOf: CalendarDate;
  policyVersion: string;
}

type RatingPolicy = Pick<
  Policy,
  'version' | 'gradeAdverseLookbackMonths' | 'gradeCleanMonths' | 'gradeRegisteredYears'
>;

interface Details {
  decisionNo?: string;
  category?: string;
  from?: string | null;
  maxUntil?: string | null;
  correctedOnTime?: boolean;
  terminationReason?: string;
}
const detailsOf = (e: RatedEntry): Details => (e.details ?? {}) as Details;

/** Penalty records published on `asOf`: entered published, not since repaired (unless revoked) nor expired. */
function publishedRecords(entries: readonly RatedEntry[], asOf: CalendarDate): RatedEntry[] {
  const byDecision = new Map<string, { record: RatedEntry; published: boolean; maxUntil?: string | null }>();
  for (const e of entries) {
    const d = detailsOf(e);
    if (d.decisionNo === undefined) continue;
    const known = byDecision.get(d.decisionNo);
    if (e.kind === 'penalty_record') {
      byDecision.set(d.decisionNo, { record: e, published: Boolean(d.from), maxUntil: d.maxUntil });
    } else if (known && e.kind === 'penalty_record_repaired') known.published = false;
    else if (known && e.kind === 'penalty_record_repair_revoked') known.published = true;
    else if (known && e.kind === 'penalty_publication_expired') known.published = false;
  }
  return [...byDecision.values()]
    .filter((r) => r.published && (!r.maxUntil || isBefore(asOf, r.maxUntil)))
    .map((r) => r.record);
}

const POSITIVE = (e: RatedEntry): boolean =>
  e.kind === 'observation_passed' ||
  e.kind === 'penalty_record_repaired' ||
  (e.kind === 'rectification_closed' && detailsOf(e).correctedOnTime === true);

const ESCALATED_OBSERVATION = (e: RatedEntry): boolean =>
  e.kind === 'observation_escalated' || (e.kind === 'observation_terminated' && isAdverseEntry(e.kind, e.details));

/** Entries on or after the first day of the window of `months` ending on `asOf`, and not after it. */
const within = (entries: readonly RatedEntry[], asOf: CalendarDate, months: number): RatedEntry[] => {
  const first = addDays(addMonths(asOf, -months), 1);
  return entries.filter((e) => !isBefore(e.occurredOn, first) && !isBefore(asOf, e.occurredOn));
};

const reason = (code: RatingReasonCode, text: string, entry?: RatedEntry): RatingReason => ({
  code,
  text,
  ...(entry ? { entryId: entry.key } : {}),
});

/**
 * The grade on `asOf` (defaults: D if a serious record is published; C if a general record is
 * published, or a rectification escalated or overdue, or an observation period escalated, in the
 * last 12 months; A if nothing adverse in 24 months and a positive outcome or 3 years registered;
 * B otherwise). Entries dated after `asOf` are not yet part of the file.
 */
export function rateEnterprise(
  entries: readonly RatedEntry[],
  registeredOn: CalendarDate | null,
  policy: RatingPolicy,
  asOf: CalendarDate,
): Rating {
  const file = entries.filter((e) => !isBefore(asOf, e.occurredOn));
  const rated = (grade: CreditGrade, reasons: RatingReason[]): Rating => ({
    grade,
    reasons,
    asOf,
    policyVersion: policy.version,
  });

  const published = publishedRecords(file, asOf);
  const serious = published.filter((e) => detailsOf(e).category === 'serious');
  if (serious.length > 0)
    return rated(
      'D',
      serious.map((e) =>
        reason('SERIOUS_RECORD_PUBLISHED', `Serious penalty record ${detailsOf(e).decisionNo} is published`, e),
      ),
    );

  const recent = within(file, asOf, policy.gradeAdverseLookbackMonths);
  const months = policy.gradeAdverseLookbackMonths;
  const cReasons = [
    ...published
      .filter((e) => detailsOf(e).category === 'general')
      .map((e) =>
        reason('GENERAL_RECORD_PUBLISHED', `General penalty record ${detailsOf(e).decisionNo} is published`, e),
      ),
    ...recent
      .filter((e) => e.kind === 'rectification_escalated')
      .map((e) =>
        reason(
          'RECTIFICATION_ESCALATED',
          `A rectification was escalated on ${e.occurredOn} (last ${months} months)`,
          e,
        ),
      ),
    ...recent
      .filter((e) => e.kind === 'rectification_closed' && detailsOf(e).correctedOnTime === false)
      .map((e) =>
        reason(
          'RECTIFICATION_OVERDUE',
          `A rectification was corrected late, closed ${e.occurredOn} (last ${months} months)`,
          e,
        ),
      ),
    ...recent
      .filter(ESCALATED_OBSERVATION)
      .map((e) =>
        reason(
          'OBSERVATION_ESCALATED',
          `An observation period was escalated on ${e.occurredOn} (last ${months} months)`,
          e,
        ),
      ),
  ];
  if (cReasons.length > 0) return rated('C', cReasons);

  const clean = policy.gradeCleanMonths;
  const adverse = within(file, asOf, clean).filter((e) => isAdverseEntry(e.kind, e.details));
  if (adverse.length > 0)
    return rated(
      'B',
      adverse.map((e) =>
        reason('ADVERSE_ENTRY_RECENT', `Adverse entry ${e.kind} on ${e.occurredOn} (last ${clean} months)`, e),
      ),
    );
  const positive = file.filter(POSITIVE);
  if (positive.length > 0)
    return rated('A', [
      reason(
        'CLEAN_WITH_POSITIVE_OUTCOME',
        `Nothing adverse in ${clean} months; positive outcome ${positive.at(-1)!.kind}`,
        positive.at(-1),
      ),
    ]);
  const years = policy.gradeRegisteredYears;
  if (registeredOn !== null && !isBefore(asOf, addMonths(registeredOn, 12 * years)))
    return rated('A', [
      reason(
        'CLEAN_AND_ESTABLISHED',
        `Nothing adverse in ${clean} months; registered on ${registeredOn}, ${years} years or more`,
      ),
    ]);
  return rated('B', [
    reason(
      'NO_POSITIVE_OUTCOME',
      `Nothing adverse in ${clean} months, but no positive outcome and not registered ${years} years${registeredOn ? '' : ' (registration date unknown)'}`,
    ),
  ]);
}
