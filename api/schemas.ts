// Field schemas shared by several resources.
import { z } from 'zod';
import type { CalendarDate } from '../domain/calendar';
import { isValidUscc, USCC_SHAPE } from '../domain/uscc';
import { ApiError } from './errors';

/** Free text, trimmed, required, at most `max` characters. */
export const text = (max: number) => z.string().trim().min(1).max(max);

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
export const DATE_PATTERN =
  `^(?:1949-(?:1[02]-${DAY_31}|11-${DAY_30})` +
  `|(?:19[5-9]\\d|2[01]\\d\\d)-(?:(?:0[13578]|1[02])-${DAY_31}|(?:0[469]|11)-${DAY_30}|02-${DAY_28})` +
  `|${LEAP_YEAR}-02-29)$`;

/** Dates as `YYYY-MM-DD` compare as text; anything else (a year beyond 9999, `+010000-01-01`) is outside. */
const withinDateRange = (date: string): boolean => date >= DATE_RANGE.first && date <= DATE_RANGE.last;

/** A calendar date, `YYYY-MM-DD` (Asia/Shanghai), within DATE_RANGE. */
export const calendarDate = z
  .string()
  .regex(new RegExp(DATE_PATTERN), `must be a calendar date YYYY-MM-DD from ${DATE_RANGE.first} to ${DATE_RANGE.last}`)
  .meta({ format: 'date', example: '2026-11-02' });

/** An instant, ISO 8601 with an offset, on a day within DATE_RANGE. */
export const instant = z.iso
  .datetime({ offset: true })
  .refine((value) => withinDateRange(value.slice(0, 10)), `must fall from ${DATE_RANGE.first} to ${DATE_RANGE.last}`)
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
  // The shape is documented as a pattern (the check character cannot be), so that clients and
  // generated requests know what a code looks like; the refinement stays the one check.
  .meta({
    description: 'Unified social credit code (统一社会信用代码), 18 characters, the last a check character',
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
      assignee: z.string(),
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
