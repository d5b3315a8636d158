// Field schemas shared by several resources.
import { z } from 'zod';
import { isValidUscc } from '../domain/uscc';

/** 统一社会信用代码, check character verified; a bad code is `400 INVALID_USCC`. */
export const uscc = z
  .string()
  .refine(isValidUscc, {
    message: 'is not a valid unified social credit code (GB 32100-2015)',
    params: { code: 'INVALID_USCC' },
  })
  .meta({ description: 'Unified social credit code (统一社会信用代码), 18 characters', example: '91350100M000100Y43' });
