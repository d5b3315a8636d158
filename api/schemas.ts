// Field schemas shared by several resources.
import { z } from 'zod';
import type { CalendarDate } from '../domain/calendar';
import { isValidUscc, USCC_SHAPE } from '../domain/uscc';
import { ASSIGNEE_ROLES } from '../domain/vocabulary';
import { ApiError } from './errors';

// Strings are described exactly as they are checked, so that a client (or the fuzz test) that
// follows the OpenAPI document is never refused for its form: lengths in characters (code points,
// as JSON Schema counts them, not UTF-16 units), and no NUL anywhere (api/unstorable.ts refuses it,
// and unpaired surrogates, which no valid Unicode string holds).

/** No NUL character, as a JSON Schema pattern: what every string a request carries must match. */
export const STORABLE_PATTERN = '^[^\\u0000]*$';

/** What String.prototype.trim removes (ECMAScript WhiteSpace and LineTerminator), spelt out for every regex engine. */
const TRIMMED = '\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff';
/** Not blank and no NUL: something besides white space. Documentation only; checked without a regex. */
const TEXT_PATTERN = `^[^\\u0000]*[^\\u0000${TRIMMED}][^\\u0000]*$`;

const codePoints = (value: string): number => {
  let n = 0;
  for (const _ of value) n++;
  return n;
};

/** Any text of at most `max` characters, blank allowed, kept as sent. */
export const plainText = (max: number) =>
  z
    .string()
    .refine((s) => codePoints(s) <= max, { message: `must be at most ${max} characters`, abort: true })
    .meta({ maxLength: max, pattern: STORABLE_PATTERN });

/** Free text, required: at most `max` characters, not only white space; stored trimmed. */
export const text = (max: number) =>
  z
    .string()
    .refine((s) => codePoints(s) <= max, { message: `must be at most ${max} characters`, abort: true })
    .refine((s) => s.trim() !== '', 'must not be blank')
    .transform((s) => s.trim())
    .meta({ minLength: 1, maxLength: max, pattern: TEXT_PATTERN });

/**
 * The calendar dates the API takes (the contract's "Bounds"): from the founding of the People's
 * Republic to the end of 2199. Every date a request carries is one of them, and so is every date a
 * request implies (a period's end, a deadline's escalation; `assertWithinDateRange`). Beyond them
 * Postgres or the date arithmetic would fail where no client could be told why.
 */
export const DATE_RANGE = { first: '1949-10-01', last: '2199-12-31' } as const;

const DAY_31 = '(?:0[1-9]|[12]\\d|3[01])';
const DAY_30 = '(?:0[1-9]|[12]\\d|30)';
const DAY_28 = '(?:0[1-9]|1\\d|2[0-8])';
/** Leap years from 1952 to 2196; 2000 is one, 2100 is not. */
const LEAP_YEAR =
  '(?:19(?:5[26]|[68][048]|[79][26])|20(?:[02468][048]|[13579][26])|21(?:0[48]|[2468][048]|[13579][26]))';
/**
 * Exactly the real calendar dates within DATE_RANGE, as one regular expression: so the OpenAPI
 * document states the whole rule (clients and the fuzz test generate only dates the API takes).
 */
export const DATE_REGEX =
  `(?:1949-(?:1[02]-${DAY_31}|11-${DAY_30})` +
  `|(?:19[5-9]\\d|2[01]\\d\\d)-(?:(?:0[13578]|1[02])-${DAY_31}|(?:0[469]|11)-${DAY_30}|02-${DAY_28})` +
  `|${LEAP_YEAR}-02-29)`;
export const DATE_PATTERN = `^${DATE_REGEX}$`;

/** Dates as `YYYY-MM-DD` compare as text; anything else (a year beyond 9999, `+010000-01-01`) is outside. */
const withinDateRange = (date: string): boolean => date >= DATE_RANGE.first && date <= DATE_RANGE.last;

/** A calendar date, `YYYY-MM-DD` (Asia/Shanghai), within DATE_RANGE. */
export const calendarDate = z
  .string()
  .regex(new RegExp(DATE_PATTERN), `must be a calendar date YYYY-MM-DD from ${DATE_RANGE.first} to ${DATE_RANGE.last}`)
  .meta({ format: 'date', example: '2026-11-02' });

/** An instant, RFC 3339 with seconds and an offset (`Z` or ±hh:mm), on a day within DATE_RANGE. */
export const instant = z
  .string()
  .regex(
    new RegExp(
      `^${DATE_REGEX}T(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d{1,9})?(?:Z|[+-](?:[01]\\d|2[0-3]):[0-5]\\d)$`,
    ),
    `must be an instant YYYY-MM-DDThh:mm:ss with an offset, from ${DATE_RANGE.first} to ${DATE_RANGE.last}`,
  )
  .transform((value) => new Date(value))
  .meta({ format: 'date-time', example: '2026-11-21T08:00:00+08:00' });

/**
 * `422 DATE_OUT_OF_RANGE` when a date a request implies (not one it names, which its schema bounds)
 * falls outside DATE_RANGE, e.g. the end of a period that starts on 2199-12-31.
 */
export function assertWithinDateRange(dates: Record<string, CalendarDate>): void {
  const outside = Object.entries(dates).filter(([, date]) => !withinDateRange(date));
  if (outside.length === 0) return;
  throw new ApiError(
    422,
    'DATE_OUT_OF_RANGE',
    `The request would set dates beyond ${DATE_RANGE.last}: ${outside.map(([what, date]) => `${what} ${date}`).join(', ')}.`,
    outside.map(([what, date]) => ({ what, date, ...DATE_RANGE })),
  );
}

/** 统一社会信用代码, check character verified; a bad code is `400 INVALID_USCC`. */
export const uscc = z
  .string()
  .refine(isValidUscc, {
    message: 'is not a valid unified social credit code (GB 32100-2015)',
    params: { code: 'INVALID_USCC' },
  })
  // The shape is a pattern; the check character, which no pattern can state, is the format `uscc`
  // (a code whose check character is wrong is 400 INVALID_USCC, like one of the wrong shape).
  .meta({
    format: 'uscc',
    description:
      'Unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters, the last a check character ' +
      'over the first 17: with the alphabet 0-9A-HJ-NPQRTUWXY (values 0-30) and the weights 1, 3, 9, 27, 19, 26, ' +
      '16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28, it is the character of value (31 - Σ value × weight mod 31) mod 31.',
    pattern: USCC_SHAPE.source,
    example: '91350100M000100Y43',
  });

/** A computed date and whether it may still move (a year the holiday data does not cover yet). */
export const dueDate = z.object({ date: z.string(), provisional: z.boolean() });

/** Shared parts of every case view: the open human steps and the history of changes. */
export const caseViewParts = {
  openSteps: z.array(
    z.object({
      step: z.string(),
      assignee: z.enum(ASSIGNEE_ROLES),
      dueOn: z.string(),
      remindOn: z.string().optional(),
      provisional: z.boolean(),
      overdue: z.boolean(),
    }),
  ),
  policyVersion: z.string(),
  history: z.array(
    z.object({
      at: z.string(),
      actor: z.string(),
      role: z.string(),
      action: z.string(),
      from: z.string(),
      to: z.string(),
      reason: z.string().optional(),
    }),
  ),
};

/** A case's id in a path. */
export const byId = z.object({ id: z.uuid() });
