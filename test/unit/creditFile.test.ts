import { describe, expect, it } from 'vitest';
import { isAdverseEntry } from '../../domain/creditFile';

describe('adverse credit-file entries', () => {
  it.each([
    ['observation_declined', undefined, false],
    ['observation_terminated', { terminationReason: 'withdrawn' }, false],
    ['observation_terminated', { terminationReason: 'basis_lapsed' }, false],
    ['observation_terminated', { terminationReason: 'other' }, false],
    ['observation_terminated', { terminationReason: 'general_procedure' }, true],
    ['observation_terminated', { terminationReason: 'public_interest' }, true],
    ['observation_terminated', null, false],
    ['observation_passed', undefined, false],
    ['observation_escalated', undefined, true],
    ['rectification_closed', { correctedOnTime: false }, false],
    ['rectification_escalated', undefined, true],
    ['penalty_record', undefined, true],
    ['penalty_record_repair_eligible', undefined, false],
    ['penalty_record_repaired', undefined, false],
    ['penalty_record_repair_revoked', undefined, true],
    ['penalty_publication_expired', undefined, false],
    ['a_kind_nobody_classified', undefined, false],
    ['toString', undefined, false],
  ])('%s (%j) is adverse: %s', (kind, details, expected) => {
    expect(isAdverseEntry(kind, details)).toBe(expected);
  });
});
