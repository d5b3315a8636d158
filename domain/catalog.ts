// The catalog of enforcement matters (执法事项): which kinds of violation exist, under which law,
// which of the four lists (清单) they are on, and the discretion benchmark (裁量基准) that says what
// fine would otherwise apply. It is the shared base: each agency's lists lay their own entries over
// it (domain/lists.ts). The database holds the live copy, seeded from SEED_MATTERS.
import type { Policy } from './policies';
import { ok, refuse, type Result } from './refusal';
import { SEED_MATTERS } from './seedMatters';

export { SEED_MATTERS };

/** Enforcement areas, with their Chinese names as published lists and CSV downloads show them. */
export const AREA_TITLES = Object.freeze({
  market_supervision: '市场监管',
  culture_tourism: '文化旅游',
  transport: '交通运输',
  urban_management: '城市管理',
  commerce: '商务',
  public_security: '公安',
  food_drugs: '食品药品',
  ecology_environment: '生态环境',
  work_safety: '安全生产',
  public_health: '公共卫生',
  labour_protection: '劳动保障',
  urban_rural_planning: '城乡规划',
  wildlife_protection: '野生动物保护',
} as const);
export type EnforcementArea = keyof typeof AREA_TITLES;
export const ENFORCEMENT_AREAS = Object.freeze(Object.keys(AREA_TITLES)) as readonly EnforcementArea[];

/**
 * The four lists, as localities cut them (Jimsar item 5: 从轻, 减轻, 免予处罚; Tongliao adds 免予强制).
 * Before there were four, 从轻 and 减轻 were one list, `lighter_penalty`; migration 0004 put every
 * matter of that list on both.
 */
export const LIST_TITLES = Object.freeze({
  no_penalty: '不予处罚',
  lighter_penalty: '从轻处罚',
  mitigated_penalty: '减轻处罚',
  no_coercion: '免予行政强制',
} as const);
export type LeniencyList = keyof typeof LIST_TITLES;
export const LENIENCY_LISTS = Object.freeze(Object.keys(LIST_TITLES)) as readonly LeniencyList[];

/** Grounds on which a matter is excluded from leniency, with their Chinese names. */
export const EXCLUSION_TITLES = Object.freeze({
  excluded_area: '属于不适用柔性执法的领域', // the area itself is excluded (食品药品, 生态环境, 安全生产, ...)
  emergency_exploitation: '利用突发事件实施', // exploits a disaster or emergency (利用突发事件)
  high_risk: '风险较大、纠错成本较高', // high-risk conduct (高风险)
  irreparable_harm: '损害难以挽回', // harm that cannot be undone (危害后果不可逆)
} as const);
export type ExclusionReason = keyof typeof EXCLUSION_TITLES;
export const EXCLUSION_REASONS = Object.freeze(Object.keys(EXCLUSION_TITLES)) as readonly ExclusionReason[];

/** What an exclusion can bar a matter from: an observation period, or any of the lists. */
export const TREATMENTS = Object.freeze(['observation', ...LENIENCY_LISTS]) as readonly Treatment[];
export type Treatment = 'observation' | LeniencyList;

/** Grounds about the conduct rather than the area: what each bars is the agency's policy. */
export type ConductExclusion = Exclude<ExclusionReason, 'excluded_area'>;
export const CONDUCT_EXCLUSIONS = Object.freeze(
  EXCLUSION_REASONS.filter((r): r is ConductExclusion => r !== 'excluded_area'),
);

/** 裁量基准: the published fine range in yuan, and what moves a case within it. */
export interface DiscretionBenchmark {
  minFine: number;
  maxFine: number;
  factors?: readonly string[];
}

export interface EnforcementMatter {
  code: string;
  /** Official Chinese title, as on the agency's list. */
  title: string;
  /** English gloss for logs and non-Chinese readers; the Chinese title is authoritative. */
  titleEn: string;
  area: EnforcementArea;
  /** Law and articles: the duty breached and the penalty provision. */
  legalBasis: string;
  lists: readonly LeniencyList[];
  excludedFromLeniency: boolean;
  exclusionReason?: ExclusionReason;
  /** Rectification deadline when the order sets none, in working days after the order. */
  defaultRectificationWorkingDays: number;
  benchmark: DiscretionBenchmark;
}

/**
 * Whether the policy excludes an area from observation periods and every list. Agencies may widen
 * or narrow the default set (policy.excludedAreas).
 */
export function isExcludedArea(area: EnforcementArea, policy: Policy): boolean {
  return policy.excludedAreas.includes(area);
}

/**
 * The shared catalog's rule, for a matter not resolved for an agency (domain/lists.ts does that):
 * excluded when the catalog flags it (which also covers conduct-based exclusions in open areas,
 * e.g. price gouging in an emergency) or when the policy excludes its area. Cases opened before
 * agencies had lists carry such matters, and their workflows still apply this rule on replay.
 */
export function isMatterExcluded(matter: EnforcementMatter, policy: Policy): boolean {
  return matter.excludedFromLeniency || isExcludedArea(matter.area, policy);
}

export const isOnList = (matter: EnforcementMatter, list: LeniencyList): boolean => matter.lists.includes(list);

/**
 * The rule every catalog entry keeps, whoever writes it (the seed by construction, admins through
 * the API): a matter the shared base excludes from leniency is on none of the lists. An agency that
 * treats it otherwise says so in its own list entry (domain/lists.ts), not in the shared base.
 */
export function checkCatalogEntry(matter: EnforcementMatter): Result<EnforcementMatter> {
  if (matter.excludedFromLeniency && matter.lists.length > 0) {
    return refuse(
      'EXCLUDED_DOMAIN',
      `Matter ${matter.code} is excluded from leniency, so it cannot be on a leniency list.`,
      [{ matterCode: matter.code, area: matter.area, lists: [...matter.lists] }],
    );
  }
  return ok(matter);
}

/** The details of an EXCLUDED_DOMAIN refusal: which matter, its area, and why it is excluded. */
export const exclusionDetails = (matter: EnforcementMatter): unknown[] => [
  { matterCode: matter.code, area: matter.area, reason: matter.exclusionReason ?? 'excluded_area' },
];

export function findMatter(
  code: string,
  matters: readonly EnforcementMatter[] = SEED_MATTERS,
): EnforcementMatter | undefined {
  return matters.find((m) => m.code === code);
}
