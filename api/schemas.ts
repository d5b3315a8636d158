// Field schemas shared by several resources.
import { z } from 'zod';
import { isCalendarDate } from '../domain/calendar';
import { isValidUscc, USCC_SHAPE } from '../domain/uscc';
import { ASSIGNEE_ROLES } from '../domain/vocabulary';

/** Free text, trimmed, required, at most `max` characters. */
export const text = (max: number) => z.string().trim().min(1).max(max);

/** A calendar date, `YYYY-MM-DD` (Asia/Shanghai). */
export const calendarDate = z
  .string()
  .refine(isCalendarDate, 'must be a calendar date YYYY-MM-DD')
  .meta({ format: 'date' });

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
