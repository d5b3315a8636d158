// Penalty record publication and credit repair (信用修复): how long a penalty decision is shown,
// when the enterprise may apply to end that early, what the application needs, and when credit
// staff must answer. Rule sets are data chosen by the decision date.
//
// Every period is half-open and runs from the decision date: a record is shown from `from`; it is
// repair-eligible ON `minUntil` (repairEligibleFrom); it stops being shown ON `maxUntil` (expired).
// A general record decided 2026-04-10 is repair-eligible on 2026-07-10 and expired on 2027-04-10.
import {
  addMonths,
  addWorkingDays,
  addWorkingDaysCounting,
  isBefore,
  postponedDue,
  type CalendarDate,
  type DueDate,
} from './calendar';
import type { Policy } from './policies';
import { ok, refuse, type Result } from './refusal';

// --- rule sets ------------------------------------------------------------------------------

export type Severity = 'general' | 'serious';
export type RecordCategory = 'minor' | Severity;
export type RuleSetId = 'ndrc-order-58' | 'ndrc-order-36';

export interface PublicationRuleSet {
  id: RuleSetId;
  basis: string;
  effectiveFrom: CalendarDate;
  /** Last day the rule set applies to decisions; null while in force. */
  effectiveUntil: CalendarDate | null;
  periods: Readonly<Record<Severity, { minMonths: number; maxMonths: number }>>;
  /** Minor records are not published, unless an agency flags them: then for at most this long. */
  minorMaxMonths: number;
}

const STANDARD_PERIODS = Object.freeze({
  general: Object.freeze({ minMonths: 3, maxMonths: 12 }),
  serious: Object.freeze({ minMonths: 12, maxMonths: 36 }),
});

/** Oldest first. The periods are the same under both; the data keeps them apart for the next change. */
export const PUBLICATION_RULE_SETS: readonly PublicationRuleSet[] = Object.freeze([
  Object.freeze({
    id: 'ndrc-order-58',
    basis: '《失信行为纠正后的信用信息修复管理办法（试行）》（国家发展改革委令第58号）',
    effectiveFrom: '2023-05-01',
    effectiveUntil: '2026-03-31',
    periods: STANDARD_PERIODS,
    minorMaxMonths: 3,
  }),
  Object.freeze({
    id: 'ndrc-order-36',
    basis:
      '《信用修复管理办法》（国家发展改革委令第36号）；《关于进一步完善信用修复制度的实施方案》（国办发〔2025〕22号）',
    effectiveFrom: '2026-04-01',
    effectiveUntil: null,
    periods: STANDARD_PERIODS,
    minorMaxMonths: 3,
  }),
] satisfies PublicationRuleSet[]);

/**
 * The rule set for a decision date. A decision before the oldest rule set (before 2023-05-01,
 * records loaded from older systems) is computed under the oldest, Order 58, and marked
 * `backdated` so that reviewers can find such records; the earlier NDRC notices are not encoded.
 * Any general record that old is past its one-year maximum anyway.
 */
export function ruleSetFor(decidedOn: CalendarDate): { ruleSet: PublicationRuleSet; backdated: boolean } {
  const inForce = PUBLICATION_RULE_SETS.find(
    (r) =>
      !isBefore(decidedOn, r.effectiveFrom) && (r.effectiveUntil === null || !isBefore(r.effectiveUntil, decidedOn)),
  );
  if (inForce) return { ruleSet: inForce, backdated: false };
  return { ruleSet: PUBLICATION_RULE_SETS[0]!, backdated: true };
}

// --- publication ----------------------------------------------------------------------------

export interface Penalty {
  type: string; // e.g. 'warning', 'public_criticism', 'fine', 'confiscation', 'licence_suspension'
  amount?: number;
}

export interface PenaltyDecision {
  decidedOn: CalendarDate;
  severity: Severity;
  procedure: 'simple' | 'general';
  penalties: readonly Penalty[];
}

/** Penalties that on their own make a record minor (警告、通报批评). */
const MINOR_PENALTY_TYPES: readonly string[] = Object.freeze(['warning', 'public_criticism']);

/**
 * Minor (轻微): decided under the simple procedure (简易程序), or only warnings and public
 * criticism. Otherwise the decision's own severity. An empty penalty list counts as minor: there
 * is nothing to show.
 */
export function classifyRecord(decision: PenaltyDecision): RecordCategory {
  if (decision.procedure === 'simple') return 'minor';
  if (decision.penalties.every((p) => MINOR_PENALTY_TYPES.includes(p.type))) return 'minor';
  return decision.severity;
}

export type PublicationStatus = 'not_published' | 'published' | 'repair_eligible' | 'expired';

export interface PublicationTimeline {
  ruleSet: RuleSetId;
  /** True when the decision predates every rule set and the oldest was applied. */
  ruleSetBackdated: boolean;
  category: RecordCategory;
  published: boolean;
  /** The decision date, when published. */
  from: CalendarDate | null;
  /** End of the minimum period; the day repair may be applied for (= repairEligibleFrom). */
  minUntil: CalendarDate | null;
  repairEligibleFrom: CalendarDate | null;
  /** End of the maximum period: publication stops on this day without any application. */
  maxUntil: CalendarDate | null;
  /** Status on the `today` the timeline was computed for; see publicationStatusOn. */
  status: PublicationStatus;
  policyVersion: string;
}

type Window = { minMonths: number; maxMonths: number };

/**
 * The publication window in months, or null when not published. A minor record is published
 * only when the agency's policy says so, for at most the rule set's maximum, and has no minimum:
 * repair may be applied for at once.
 */
function publicationWindow(category: RecordCategory, ruleSet: PublicationRuleSet, policy: Policy): Window | null {
  if (category !== 'minor') return ruleSet.periods[category];
  const months = Math.min(policy.minorPublicationMonths, ruleSet.minorMaxMonths);
  return months > 0 ? { minMonths: 0, maxMonths: months } : null;
}

/** Where a publication stands on `today` (half-open periods: see the top of this module). */
export function publicationStatusOn(
  publication: Pick<PublicationTimeline, 'published' | 'from' | 'minUntil' | 'maxUntil'>,
  today: CalendarDate,
): PublicationStatus {
  const { published, from, minUntil, maxUntil } = publication;
  // A decision dated after `today` is not shown yet.
  if (!published || from === null || minUntil === null || maxUntil === null || isBefore(today, from))
    return 'not_published';
  if (!isBefore(today, maxUntil)) return 'expired';
  if (!isBefore(today, minUntil)) return 'repair_eligible';
  return 'published';
}

/** The publication periods of a penalty decision and its status on `today`. */
export function publicationTimeline(
  decision: PenaltyDecision,
  today: CalendarDate,
  policy: Policy,
): PublicationTimeline {
  const { ruleSet, backdated } = ruleSetFor(decision.decidedOn);
  const category = classifyRecord(decision);
  const window = publicationWindow(category, ruleSet, policy);
  const dates = window
    ? {
        published: true,
        from: decision.decidedOn,
        minUntil: addMonths(decision.decidedOn, window.minMonths),
        maxUntil: addMonths(decision.decidedOn, window.maxMonths),
      }
    : { published: false, from: null, minUntil: null, maxUntil: null };
  return {
    ruleSet: ruleSet.id,
    ruleSetBackdated: backdated,
    category,
    ...dates,
    repairEligibleFrom: dates.minUntil,
    status: publicationStatusOn(dates, today),
    policyVersion: policy.version,
  };
}

// --- repair applications --------------------------------------------------------------------

export const REQUIRED_REPAIR_MATERIALS = Object.freeze([
  'commitmentLetter',
  'fulfilmentProof',
  'correctionProof',
] as const);
export type RepairMaterial = (typeof REQUIRED_REPAIR_MATERIALS)[number] | 'creditReport' | 'trainingCertificate';
export type RepairMaterials = Partial<Record<RepairMaterial, unknown>>;

/** A material counts as supplied when it is something: not missing, blank or an empty list. */
function isSupplied(value: unknown): boolean {
  if (value === undefined || value === null || value === false) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

export function missingRepairMaterials(materials: RepairMaterials): RepairMaterial[] {
  return REQUIRED_REPAIR_MATERIALS.filter((name) => !isSupplied(materials[name]));
}

/**
 * The day new applications are accepted again after a repair was revoked for false materials:
 * policy.revocationBarMonths after the revocation (refused before it, accepted on it).
 */
export function repairBarredUntil(revokedOn: CalendarDate, policy: Policy): CalendarDate {
  return addMonths(revokedOn, policy.revocationBarMonths);
}

/**
 * May this application be accepted for processing? Checked in this order, so the answer names
 * the first obstacle: nothing published to repair (INVALID_STATE); a revocation bar
 * (REPAIR_BARRED, with barredUntil); before the minimum period (NOT_YET_ELIGIBLE, with
 * repairEligibleFrom); missing materials (MATERIALS_INCOMPLETE, one detail per missing material).
 * The bar has its own code rather than NOT_YET_ELIGIBLE because waiting for the minimum period is
 * normal while the bar is a sanction, and the two dates mean different things to the applicant.
 */
export function checkRepairApplication(input: {
  timeline: Pick<PublicationTimeline, 'published' | 'from' | 'minUntil' | 'maxUntil'>;
  today: CalendarDate;
  materials: RepairMaterials;
  barredUntil?: CalendarDate | null;
}): Result<true> {
  const { timeline, today, barredUntil } = input;
  const status = publicationStatusOn(timeline, today);
  if (status === 'not_published' || status === 'expired') {
    return refuse('INVALID_STATE', `The record is ${status.replace('_', ' ')}: there is nothing to repair.`, [
      { status },
    ]);
  }
  if (barredUntil && isBefore(today, barredUntil)) {
    return refuse('REPAIR_BARRED', `A repair was revoked: new applications are refused until ${barredUntil}.`, [
      { barredUntil },
    ]);
  }
  if (status === 'published') {
    return refuse('NOT_YET_ELIGIBLE', `Credit repair may be applied for from ${timeline.minUntil}.`, [
      { repairEligibleFrom: timeline.minUntil },
    ]);
  }
  const missing = missingRepairMaterials(input.materials);
  if (missing.length > 0) {
    const details = missing.map((m) => ({ missing: m }));
    return refuse('MATERIALS_INCOMPLETE', `The application is missing: ${missing.join(', ')}.`, details);
  }
  return ok(true);
}

// --- processing deadlines -------------------------------------------------------------------

/**
 * A `needs_more` request (补正) issued on `from`, answered by the business on `until` (absent while
 * still waiting). Working days after `from` up to and including `until` do not count: the clock
 * stops the day after the request and restarts the day after the supplement, as the "within N
 * working days of X" rule counts from the day after X.
 */
export interface ReviewPause {
  from: CalendarDate;
  until?: CalendarDate | null;
}

export interface RepairReviewDeadlines {
  /** Accept or refuse to accept (受理) by then; null while a pause holds the clock before it. */
  acceptBy: DueDate | null;
  /** Decide by then; null while a pause holds the clock before it. */
  decideBy: DueDate | null;
  /** A needs_more request is still unanswered. */
  paused: boolean;
  policyVersion: string;
}

const insidePause = (date: CalendarDate, pause: ReviewPause): boolean =>
  isBefore(pause.from, date) && (pause.until == null || !isBefore(pause.until, date));

/**
 * The Nth counted working day after the application. Under an open pause nothing after its start
 * counts, so a deadline beyond that start is unknown (null) until the business answers.
 */
function reviewDeadline(appliedOn: CalendarDate, workingDays: number, pauses: readonly ReviewPause[]): DueDate | null {
  const closed = pauses.filter((p) => p.until != null);
  const due = addWorkingDaysCounting(appliedOn, workingDays, (d) => !closed.some((p) => insidePause(d, p)));
  const open = pauses.find((p) => p.until == null);
  return open && isBefore(open.from, due.date) ? null : due;
}

/** Calendar days a bulk extension has put off each processing deadline. */
export interface ReviewPostponements {
  acceptBy?: number;
  decideBy?: number;
}

const postponed = (due: DueDate | null, days = 0): DueDate | null => (due && days > 0 ? postponedDue(due, days) : due);

/** Processing deadlines for a repair application, given the needs_more pauses and postponements so far. */
export function repairReviewDeadlines(
  input: { appliedOn: CalendarDate; pauses?: readonly ReviewPause[]; postponedDays?: ReviewPostponements },
  policy: Policy,
): RepairReviewDeadlines {
  const pauses = input.pauses ?? [];
  const days = input.postponedDays ?? {};
  return {
    acceptBy: postponed(reviewDeadline(input.appliedOn, policy.repairAcceptWorkingDays, pauses), days.acceptBy),
    decideBy: postponed(reviewDeadline(input.appliedOn, policy.repairDecisionWorkingDays, pauses), days.decideBy),
    paused: pauses.some((p) => p.until == null),
    policyVersion: policy.version,
  };
}

/** Each publication platform must be told of a repair within N working days (sync ledger). */
export function syncLedgerDue(repairedOn: CalendarDate, policy: Policy): DueDate {
  return addWorkingDays(repairedOn, policy.syncLedgerWorkingDays);
}

/** Where penalty records are published besides the deciding agency's own record: each one must be told of a repair and of its revocation. */
export const PUBLICATION_PLATFORMS = Object.freeze(['credit_china', 'provincial_platform', 'agency_website'] as const);
export type PublicationPlatform = (typeof PUBLICATION_PLATFORMS)[number];

/** One platform to tell: withdraw the record after a repair, restore it after a revocation. */
export interface PlatformSync {
  platform: PublicationPlatform;
  action: 'withdraw' | 'restore';
  dueOn: CalendarDate;
  provisional: boolean;
}

/** The sync-ledger entries a repair (withdraw) or its revocation (restore) on `on` calls for. */
export function platformSyncs(action: PlatformSync['action'], on: CalendarDate, policy: Policy): PlatformSync[] {
  const due = syncLedgerDue(on, policy);
  return PUBLICATION_PLATFORMS.map((platform) => ({ platform, action, dueOn: due.date, provisional: due.provisional }));
}
