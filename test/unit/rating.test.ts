import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../domain/policies';
import { rateEnterprise, type RatedEntry } from '../../domain/rating';

const AS_OF = '2026-03-10';
let seq = 0;
const entry = (kind: string, occurredOn: string, details?: unknown): RatedEntry => ({
  key: `e${++seq}`,
  occurredOn,
  kind,
  ...(details === undefined ? {} : { details }),
});
const record = (category: string, on: string, decisionNo = `D-${on}`, published = category !== 'minor') =>
  entry('penalty_record', on, {
    decisionNo,
    category,
    from: published ? on : null,
    maxUntil: published ? (category === 'serious' ? '2029-01-01' : '2027-01-01') : null,
  });
const passed = (on: string) => entry('observation_passed', on);
const onTime = (on: string) => entry('rectification_closed', on, { correctedOnTime: true });
const late = (on: string) => entry('rectification_closed', on, { correctedOnTime: false });

type Case = [name: string, entries: RatedEntry[], registeredOn: string | null, grade: string, code: string];

const cases: Case[] = [
  ['an empty file, newly registered', [], '2025-01-01', 'B', 'NO_POSITIVE_OUTCOME'],
  ['an empty file, registration unknown', [], null, 'B', 'NO_POSITIVE_OUTCOME'],
  ['an empty file, registered exactly 3 years ago', [], '2023-03-10', 'A', 'CLEAN_AND_ESTABLISHED'],
  ['an empty file, registered one day short of 3 years', [], '2023-03-11', 'B', 'NO_POSITIVE_OUTCOME'],
  ['a published serious record', [record('serious', '2025-06-01')], '2000-01-01', 'D', 'SERIOUS_RECORD_PUBLISHED'],
  [
    'a repaired serious record (no longer published; adverse within 24 months)',
    [record('serious', '2025-01-01', 'S1'), entry('penalty_record_repaired', '2026-01-20', { decisionNo: 'S1' })],
    '2000-01-01',
    'B',
    'ADVERSE_ENTRY_RECENT',
  ],
  [
    'a repaired serious record whose repair was revoked',
    [
      record('serious', '2025-01-01', 'S1'),
      entry('penalty_record_repaired', '2026-01-20', { decisionNo: 'S1' }),
      entry('penalty_record_repair_revoked', '2026-02-20', { decisionNo: 'S1' }),
    ],
    '2000-01-01',
    'D',
    'SERIOUS_RECORD_PUBLISHED',
  ],
  [
    'a serious record whose publication expired',
    [record('serious', '2022-01-01', 'S1'), entry('penalty_publication_expired', '2025-01-01', { decisionNo: 'S1' })],
    '2000-01-01',
    'A',
    'CLEAN_AND_ESTABLISHED',
  ],
  ['a published general record', [record('general', '2026-01-05')], '2000-01-01', 'C', 'GENERAL_RECORD_PUBLISHED'],
  ['a minor record, never published', [record('minor', '2026-01-05')], '2000-01-01', 'B', 'ADVERSE_ENTRY_RECENT'],
  [
    'a rectification escalated 11 months ago',
    [entry('rectification_escalated', '2025-04-10')],
    null,
    'C',
    'RECTIFICATION_ESCALATED',
  ],
  [
    'a rectification escalated 12 months ago less a day',
    [entry('rectification_escalated', '2025-03-11')],
    null,
    'C',
    'RECTIFICATION_ESCALATED',
  ],
  [
    'a rectification escalated exactly 12 months ago',
    [entry('rectification_escalated', '2025-03-10')],
    null,
    'B',
    'ADVERSE_ENTRY_RECENT',
  ],
  ['a rectification corrected late within 12 months', [late('2025-12-01')], '2000-01-01', 'C', 'RECTIFICATION_OVERDUE'],
  ['a rectification corrected late 13 months ago', [late('2025-02-01')], '2000-01-01', 'A', 'CLEAN_AND_ESTABLISHED'],
  [
    'an observation period escalated',
    [entry('observation_escalated', '2025-09-01')],
    null,
    'C',
    'OBSERVATION_ESCALATED',
  ],
  [
    'an observation period ended for the general procedure',
    [entry('observation_terminated', '2025-09-01', { terminationReason: 'general_procedure' })],
    null,
    'C',
    'OBSERVATION_ESCALATED',
  ],
  [
    'a declined observation period',
    [entry('observation_declined', '2026-01-01')],
    '2025-01-01',
    'B',
    'NO_POSITIVE_OUTCOME',
  ],
  [
    'a declined observation period, established',
    [entry('observation_declined', '2026-01-01')],
    '2020-01-01',
    'A',
    'CLEAN_AND_ESTABLISHED',
  ],
  [
    'a withdrawal from an observation period',
    [entry('observation_terminated', '2026-01-01', { terminationReason: 'withdrawn' })],
    '2025-06-01',
    'B',
    'NO_POSITIVE_OUTCOME',
  ],
  ['a passed observation period', [passed('2025-10-01')], '2025-06-01', 'A', 'CLEAN_WITH_POSITIVE_OUTCOME'],
  ['a rectification corrected on time', [onTime('2025-10-01')], null, 'A', 'CLEAN_WITH_POSITIVE_OUTCOME'],
  [
    'an escalation 23 months ago blocks an A despite a passed period',
    [entry('rectification_escalated', '2024-04-10'), passed('2025-10-01')],
    null,
    'B',
    'ADVERSE_ENTRY_RECENT',
  ],
  [
    'an escalation exactly 24 months ago no longer blocks an A',
    [entry('rectification_escalated', '2024-03-10'), passed('2025-10-01')],
    null,
    'A',
    'CLEAN_WITH_POSITIVE_OUTCOME',
  ],
  [
    'an escalation 24 months less a day ago still blocks an A',
    [entry('rectification_escalated', '2024-03-11'), passed('2025-10-01')],
    null,
    'B',
    'ADVERSE_ENTRY_RECENT',
  ],
  [
    'D wins over C',
    [record('serious', '2025-06-01', 'S1'), entry('rectification_escalated', '2026-01-01')],
    null,
    'D',
    'SERIOUS_RECORD_PUBLISHED',
  ],
  [
    'an entry dated after the day of rating is not yet counted',
    [record('serious', '2026-03-11')],
    '2000-01-01',
    'A',
    'CLEAN_AND_ESTABLISHED',
  ],
  [
    'a general record past its maximum date without an expiry entry',
    [
      entry('penalty_record', '2025-01-01', {
        decisionNo: 'G',
        category: 'general',
        from: '2025-01-01',
        maxUntil: '2026-01-01',
      }),
    ],
    null,
    'B',
    'ADVERSE_ENTRY_RECENT',
  ],
];

describe('credit rating under the default policy', () => {
  it.each(cases)('%s → %s', (_name, entries, registeredOn, grade, code) => {
    const rating = rateEnterprise(entries, registeredOn, DEFAULT_POLICY, AS_OF);
    expect(rating.grade).toBe(grade);
    expect(rating.reasons.map((r) => r.code)).toContain(code);
    expect(rating).toMatchObject({ asOf: AS_OF, policyVersion: DEFAULT_POLICY.version });
  });

  it('names the entry behind each reason', () => {
    const escalation = entry('rectification_escalated', '2026-01-01');
    expect(rateEnterprise([escalation], null, DEFAULT_POLICY, AS_OF).reasons[0]).toMatchObject({
      entryId: escalation.key,
    });
  });

  it("follows the agency's policy: a 6-month look-back lets an 8-month-old escalation go", () => {
    const policy = { ...DEFAULT_POLICY, gradeAdverseLookbackMonths: 6, gradeCleanMonths: 6, version: 'x' };
    const rating = rateEnterprise(
      [entry('rectification_escalated', '2025-07-10'), passed('2025-08-01')],
      null,
      policy,
      AS_OF,
    );
    expect(rating).toMatchObject({ grade: 'A', policyVersion: 'x' });
  });

  it("follows the agency's policy: registered years of 0 makes any clean enterprise an A", () => {
    const policy = { ...DEFAULT_POLICY, gradeRegisteredYears: 0 };
    expect(rateEnterprise([], '2026-03-10', policy, AS_OF).grade).toBe('A');
  });
});

describe('neutral entries', () => {
  const day = fc.integer({ min: 0, max: 365 * 4 }).map((n) => {
    const d = new Date(Date.UTC(2023, 0, 1) + n * 86_400_000);
    return d.toISOString().slice(0, 10);
  });
  const anyEntry = fc.oneof(
    day.map((d) => record('serious', d, `S-${d}`)),
    day.map((d) => record('general', d, `G-${d}`)),
    day.map((d) => record('minor', d, `M-${d}`)),
    day.map((d) => entry('rectification_escalated', d)),
    day.map((d) => late(d)),
    day.map((d) => onTime(d)),
    day.map((d) => passed(d)),
    day.map((d) => entry('observation_escalated', d)),
    fc
      .tuple(day, fc.constantFrom('S', 'G'))
      .map(([d, c]) => entry('penalty_record_repaired', d, { decisionNo: `${c}-${d}` })),
  );
  const neutral = fc.oneof(
    day.map((d) => entry('observation_declined', d)),
    fc
      .tuple(day, fc.constantFrom('withdrawn', 'basis_lapsed', 'other'))
      .map(([d, r]) => entry('observation_terminated', d, { terminationReason: r })),
    day.map((d) => entry('observation_offered', d)),
    day.map((d) => entry('penalty_record_repair_eligible', d, { decisionNo: `S-${d}` })),
  );

  it('adding a declined or withdrawn observation period (or a notice) never changes a grade', () => {
    fc.assert(
      fc.property(
        fc.array(anyEntry, { maxLength: 8 }),
        neutral,
        fc.option(day, { nil: null }),
        day,
        (entries, extra, registeredOn, asOf) => {
          const before = rateEnterprise(entries, registeredOn, DEFAULT_POLICY, asOf).grade;
          const after = rateEnterprise([...entries, extra], registeredOn, DEFAULT_POLICY, asOf).grade;
          expect(after).toBe(before);
        },
      ),
      { numRuns: 2000, seed: 19 },
    );
  });
});
