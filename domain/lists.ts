// An agency's lists (清单): the shared catalog with the agency's own entries laid over it, and what
// the agency's exclusions bar each matter from. A matter's membership, benchmark and exclusion can
// differ between agencies (Tongliao decides a food-safety case with no penalty that Panjin's
// exclusions refuse; Jimsar bars high-risk conduct from 减轻 and 免罚 but not from 从轻), and every
// change takes effect on a day, with a reason, so that the published history stays true.
import type { CalendarDate } from './calendar';
import {
  isMatterExcluded,
  TREATMENTS,
  type DiscretionBenchmark,
  type EnforcementMatter,
  type ExclusionReason,
  type LeniencyList,
  type Treatment,
} from './catalog';
import type { Policy } from './policies';
import { ok, refuse, type Result } from './refusal';
import { inForceOn, type EffectiveDated } from './versioned';

/** One change to one matter of an agency's lists: from `effectiveFrom` on, until a later one. */
export interface AgencyListEntry extends EffectiveDated {
  agency: string;
  matterCode: string;
  /** The lists the agency puts the matter on, replacing the catalog's. */
  lists: readonly LeniencyList[];
  /** The agency's own benchmark; the catalog's when absent. */
  benchmark?: DiscretionBenchmark;
  /** false: not excluded, whatever the catalog says; a ground: excluded on it; absent: as the catalog says. */
  excluded?: ExclusionReason | false;
  reason: string;
}

/** A catalog matter as one agency applies it on one day. */
export interface AgencyMatter extends EnforcementMatter {
  /** What the agency's exclusions bar the matter from; `lists` holds none of these. */
  barredFrom: readonly Treatment[];
  /** The agency's entry this rests on; absent when the shared catalog's entry applies as it is. */
  listEntry?: { revision: number; effectiveFrom: CalendarDate };
}

/** The ground on which the agency excludes the matter, before asking what that ground bars. */
function exclusionGround(
  matter: EnforcementMatter,
  entry: AgencyListEntry | undefined,
  policy: Policy,
): ExclusionReason | undefined {
  // An excluded area is the agency's policy, above any single entry (Panjin's food safety).
  if (policy.excludedAreas.includes(matter.area)) return 'excluded_area';
  if (entry?.excluded !== undefined) return entry.excluded === false ? undefined : entry.excluded;
  return matter.excludedFromLeniency ? (matter.exclusionReason ?? 'excluded_area') : undefined;
}

/** What a ground bars under the policy: an excluded area everything, conduct what the policy says. */
export function barredBy(ground: ExclusionReason | undefined, policy: Policy): readonly Treatment[] {
  if (ground === undefined) return [];
  return ground === 'excluded_area' ? TREATMENTS : policy.conductExclusions[ground];
}

/** The matter as the agency applies it under `policy`, with its entry in force (if any). */
export function agencyMatter(
  matter: EnforcementMatter,
  entry: AgencyListEntry | undefined,
  policy: Policy,
): AgencyMatter {
  const ground = exclusionGround(matter, entry, policy);
  const barredFrom = TREATMENTS.filter((t) => barredBy(ground, policy).includes(t));
  const lists = (entry?.lists ?? matter.lists).filter((list) => !barredFrom.includes(list));
  const { exclusionReason: _catalogReason, ...base } = matter;
  return {
    ...base,
    lists,
    benchmark: entry?.benchmark ?? matter.benchmark,
    excludedFromLeniency: barredFrom.length === TREATMENTS.length,
    ...(barredFrom.length > 0 ? { exclusionReason: ground } : {}),
    barredFrom,
    ...(entry ? { listEntry: { revision: entry.revision, effectiveFrom: entry.effectiveFrom } } : {}),
  };
}

/** The agency's matter on `on`, from all of its entries for that matter. */
export const agencyMatterOn = (
  matter: EnforcementMatter,
  entries: readonly AgencyListEntry[],
  policy: Policy,
  on: CalendarDate,
): AgencyMatter => agencyMatter(matter, inForceOn(entries, on), policy);

/**
 * Whether a matter is barred from a treatment. A matter resolved for an agency says so itself; a
 * bare catalog matter (as cases opened before agencies had lists carry it) follows the catalog's
 * rule, where any exclusion bars everything.
 */
export function isBarred(matter: EnforcementMatter | AgencyMatter, treatment: Treatment, policy: Policy): boolean {
  if ('barredFrom' in matter)
    return matter.barredFrom.includes(treatment) || policy.excludedAreas.includes(matter.area);
  return isMatterExcluded(matter, policy);
}

/** Refuses a treatment the matter is barred from with EXCLUDED_DOMAIN, naming the ground. */
export function checkNotBarred<T>(
  matter: EnforcementMatter | AgencyMatter,
  treatment: Treatment,
  policy: Policy,
  value: T,
): Result<T> {
  if (!isBarred(matter, treatment, policy)) return ok(value);
  const reason = matter.exclusionReason ?? 'excluded_area';
  return refuse('EXCLUDED_DOMAIN', `Matter ${matter.code} (${matter.area}) is excluded from ${treatment}: ${reason}.`, [
    { matterCode: matter.code, area: matter.area, reason, treatment },
  ]);
}

/**
 * A new entry may not put a matter on a list its own exclusion bars under the policy it will be
 * applied with: the published list would promise what every order refuses.
 */
export function checkListEntry(
  matter: EnforcementMatter,
  entry: Pick<AgencyListEntry, 'lists' | 'excluded'>,
  policy: Policy,
): Result<true> {
  const ground = exclusionGround(matter, { ...entry } as AgencyListEntry, policy);
  const barred = entry.lists.filter((list) => barredBy(ground, policy).includes(list));
  if (barred.length === 0) return ok(true);
  return refuse(
    'EXCLUDED_DOMAIN',
    `Matter ${matter.code} is excluded (${ground}) from ${barred.join(', ')}, so it cannot be on ${barred.length > 1 ? 'those lists' : 'that list'}.`,
    [{ matterCode: matter.code, area: matter.area, reason: ground, lists: barred }],
  );
}
