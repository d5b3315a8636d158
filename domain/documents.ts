// Documents and service (文书与送达): the kinds of document a case issues, how each is numbered
// and dated, what a template may say, and when an unacknowledged document must be served another
// way. Pure: the activity that issues documents (activities/documents/) supplies the counter, the
// party's and the agency's names and the store.
import { addWorkingDays, isCalendarDate, type CalendarDate, type DueDate } from './calendar';

/** Every document the domain table names, with its Chinese title. */
export const DOCUMENT_TITLES = {
  rectification_order: '责令改正（整改）通知书',
  no_penalty_decision: '不予行政处罚决定书',
  commitment: '告知承诺书',
  observation_notice: '行政执法观察期告知书',
  observation_conclusion: '观察期结论书',
  repair_notice: '信用修复告知书',
  repair_decision: '信用修复决定书',
  offset_decision: '公益抵罚决定书',
} as const;
export type DocumentKind = keyof typeof DOCUMENT_TITLES;
export const DOCUMENT_KINDS = Object.keys(DOCUMENT_TITLES) as DocumentKind[];

/** How a document reached the party: acknowledged in the portal, or served another way by an officer. */
export const SERVICE_METHODS = ['electronic', 'in_person', 'post', 'announcement'] as const;
export type ServiceMethod = (typeof SERVICE_METHODS)[number];
/** What an officer may record: electronic service is the business's acknowledgement. */
export const OFFICER_SERVICE_METHODS = [
  'in_person',
  'post',
  'announcement',
] as const satisfies readonly ServiceMethod[];

/**
 * What a step declares about the document it issues: the case-specific text. The party, the agency,
 * the number, the dates of issue and the verification code are the issuing activity's to add.
 */
export interface DocumentDraft {
  kind: DocumentKind;
  /** 事实: what was found or done. */
  facts: string;
  /** 依据: the legal or policy basis. */
  legalBasis: string;
  /** 决定: what is decided or notified. */
  decision: string;
  /** Dates the party must know (a deadline, a period's end), written out in Chinese in the document. */
  deadlines: Array<{ label: string; date: CalendarDate }>;
}

/** 2026-12-10 → 2026年12月10日, as documents write dates. */
export function chineseDate(date: CalendarDate): string {
  if (!isCalendarDate(date)) throw new RangeError(`Not a calendar date: ${JSON.stringify(date)}`);
  const [y, m, d] = date.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

/**
 * A document number in the agency's pattern (policy `documentNumberPattern`, e.g.
 * `{agencyShort}柔〔{year}〕{seq:4}号` → 盘市监柔〔2026〕0001号). `seq` counts per agency, kind and year.
 */
export function documentNumber(pattern: string, of: { agencyShort: string; year: number; seq: number }): string {
  if (!Number.isInteger(of.seq) || of.seq < 1) throw new RangeError(`seq must be a whole number >= 1, got ${of.seq}`);
  return pattern.replace(/\{(agencyShort|year|seq)(?::([1-9]))?\}/g, (_, name: string, width?: string) => {
    if (name === 'agencyShort') return of.agencyShort;
    if (name === 'year') return String(of.year);
    return width ? String(of.seq).padStart(Number(width), '0') : String(of.seq);
  });
}

/** The year a document issued on `date` is numbered in. */
export const numberingYear = (date: CalendarDate): number => Number(date.slice(0, 4));

/** When a document issued on `issuedOn` must have been acknowledged, else the officer serves it another way. */
export const serviceDueOn = (issuedOn: CalendarDate, policy: { documentServiceWorkingDays: number }): DueDate =>
  addWorkingDays(issuedOn, policy.documentServiceWorkingDays);

/** The placeholders a template may use, and what each is filled with. */
export const TEMPLATE_FIELDS = [
  'title',
  'agencyName',
  'number',
  'partyName',
  'partyCode',
  'facts',
  'legalBasis',
  'decision',
  'deadlines',
  'issuedOn',
  'verificationCode',
] as const;
export type TemplateField = (typeof TEMPLATE_FIELDS)[number];

/**
 * Fills `{{field}}` placeholders. A placeholder the template names but no value fills, or one that
 * is not a known field, is an error: a document never goes out with a hole in it.
 */
export function fillTemplate(template: string, values: Record<TemplateField, string>): string {
  return template.replace(/\{\{\s*([A-Za-z]+)\s*\}\}/g, (_, name: string) => {
    if (!(TEMPLATE_FIELDS as readonly string[]).includes(name))
      throw new Error(`The template names an unknown field {{${name}}}`);
    return values[name as TemplateField];
  });
}

/** The deadlines of a draft as the document writes them, one a line. */
export const deadlineLines = (deadlines: DocumentDraft['deadlines']): string =>
  deadlines.length === 0 ? '无' : deadlines.map((d) => `${d.label}：${chineseDate(d.date)}`).join('\n');

/** Verification codes: 16 characters of an alphabet without look-alikes (no 0/O, 1/I/L). */
export const VERIFICATION_CODE = /^[2-9A-HJKMNP-Z]{16}$/;
export const VERIFICATION_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
