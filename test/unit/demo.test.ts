// The demo modules' declarations hold together: every status of every process is either promised
// (and some scenario leaves a case in it) or said to be unreachable with a reason, and the data a
// second run relies on to find the first run's cases is unambiguous.
import { describe, expect, it } from 'vitest';
import { isValidUscc } from '../../domain';
import { OBSERVATION_STATUSES, PENALTY_RECORD_STATUSES, RECTIFICATION_STATUSES } from '../../workflows/messages';
import { DEMO_PROCESSES } from '../../scripts/demo';
import { ENTERPRISES } from '../../scripts/demo/cast';

const STATUSES: Record<string, readonly string[]> = {
  observation_period: OBSERVATION_STATUSES,
  rectification: RECTIFICATION_STATUSES,
  penalty_record: PENALTY_RECORD_STATUSES,
};

describe('the demo modules', () => {
  it('cover every process type the service has, each once', () => {
    expect(DEMO_PROCESSES.map((p) => p.processType).sort()).toEqual(Object.keys(STATUSES).sort());
  });

  it.each(DEMO_PROCESSES.map((p) => [p.processType, p] as const))(
    '%s: promises or explains every status, and its scenarios leave cases in exactly the promised ones',
    (type, process) => {
      const unreachable = Object.keys(process.unreachable);
      expect([...process.promises, ...unreachable].sort()).toEqual([...STATUSES[type]!].sort());
      expect(process.promises.filter((s) => unreachable.includes(s))).toEqual([]);
      expect(Object.values(process.unreachable).every((why) => why.length > 20)).toBe(true);
      expect(new Set(process.scenarios.map((s) => s.leaves))).toEqual(new Set(process.promises));
    },
  );

  it('name each scenario once and give each case its own enterprise and matter, by which a second run finds it', () => {
    for (const process of DEMO_PROCESSES) {
      const names = process.scenarios.map((s) => s.name);
      expect(new Set(names).size, process.processType).toBe(names.length);
      const cases = process.scenarios.map((s) => `${s.enterprise} ${s.matterCode}`);
      expect(new Set(cases).size, process.processType).toBe(cases.length);
    }
  });

  it('act for enterprises of the scenario’s agency, with valid credit codes, observation periods only for new business models', () => {
    const all = Object.values(ENTERPRISES);
    expect(all.length).toBeGreaterThanOrEqual(20);
    expect(all.every((e) => isValidUscc(e.id))).toBe(true);
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
    for (const process of DEMO_PROCESSES)
      for (const s of process.scenarios) {
        expect(ENTERPRISES[s.enterprise].agency, s.name).toBe(s.agency);
        if (process.processType === 'observation_period') expect(ENTERPRISES[s.enterprise].newBusinessModel).toBe(true);
      }
  });
});
