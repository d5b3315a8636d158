// Valid unified social credit codes, built with the real check-character rule.
import { usccCheckCharacter } from '../../domain/uscc';

/** A valid code whose organisation part ends in `serial`, for as many distinct enterprises as needed. */
export function makeUscc(serial: number): string {
  const body = `91110108${String(serial).padStart(9, '0')}`;
  return body + usccCheckCharacter(body);
}
