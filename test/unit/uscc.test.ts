import { describe, expect, it } from 'vitest';
import { isValidUscc, usccCheckCharacter, usccProblem, type UsccProblem } from '../../domain/uscc';

const VALID = '91350100M000100Y43';

describe('unified social credit code (统一社会信用代码)', () => {
  it.each<[string, string, UsccProblem | null]>([
    ['a valid code', VALID, null],
    ['a code with a wrong check character', '91350100M000100Y44', 'check_character'],
    ['a 17-character code', VALID.slice(0, 17), 'length'],
    ['a 19-character code', `${VALID}0`, 'length'],
    ['an empty string', '', 'length'],
    ['lower-case letters', VALID.toLowerCase(), 'characters'],
    ['the forbidden letter I', '91350100I000100Y43', 'characters'],
    ['the forbidden letter O', '91350100O000100Y43', 'characters'],
    ['the forbidden letter S', '91350100S000100Y43', 'characters'],
    ['the forbidden letter V', '91350100V000100Y43', 'characters'],
    ['the forbidden letter Z', '91350100Z000100Y43', 'characters'],
    ['a letter in the region code', '9135A100M000100Y43', 'characters'],
  ])('%s: %s has problem %s', (_case, code, problem) => {
    expect(usccProblem(code)).toBe(problem);
    expect(isValidUscc(code)).toBe(problem === null);
  });

  it('computes the check character that completes a 17-character body', () => {
    expect(usccCheckCharacter(VALID.slice(0, 17))).toBe('3');
  });
});
