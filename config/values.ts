// How an environment variable's text becomes a value, shared by every group of settings.
import { z } from 'zod';

/** Unset and empty mean the same: not configured. */
export const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v));

export const flag = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1');
