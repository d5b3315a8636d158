// Field schemas shared by several resources.
import { z } from 'zod';
import { isCalendarDate } from '../domain/calendar';
import { isValidUscc } from '../domain/uscc';

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
  .meta({ description: 'Unified social credit code (统一社会信用代码), 18 characters', example: '91350100M000100Y43' });
