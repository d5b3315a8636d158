// Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters whose last one
// is a check character over the first 17, weighted modulo 31.

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'; // no I, O, S, V, Z
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** Every character in place; only the check character is left to verify. */
export const USCC_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export type UsccProblem = 'length' | 'characters' | 'check_character';

/** The check character the 17-character body must end with. */
export function usccCheckCharacter(body: string): string {
  const sum = [...body].reduce((acc, ch, i) => acc + ALPHABET.indexOf(ch) * WEIGHTS[i]!, 0);
  return ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** Why a code is not a valid USCC, or null when it is. Lower-case input is not accepted. */
export function usccProblem(code: string): UsccProblem | null {
  if (code.length !== 18) return 'length';
  if (!USCC_SHAPE.test(code)) return 'characters';
  return usccCheckCharacter(code.slice(0, 17)) === code[17] ? null : 'check_character';
}

export const isValidUscc = (code: string): boolean => usccProblem(code) === null;
