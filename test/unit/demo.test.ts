// The demo modules' declarations hold together: every status of every process is either promised
// (and some scenario leaves a case in it) or said to be unreachable with a reason, and the data a
// second run relies on to find the first run's cases is unambiguous.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { atTerminal } from '../../config/logger';
import { CASE_TYPES, isValidUscc, OBJECTION_DECISIONS, ROLES } from '../../domain';
import { banner } from '../../scripts/banner';
import {
  OBSERVATION_STATUSES,
  OFFSET_STATUSES,
  PENALTY_RECORD_STATUSES,
  RECTIFICATION_STATUSES,
} from '../../workflows/messages';
import { DEMO_PROCESSES, refuseInProduction } from '../../scripts/demo/index';
import { objectionDemo } from '../../scripts/demo/objection';
import { penaltyRecordDemo } from '../../scripts/demo/penaltyRecord';
import { ENTERPRISES } from '../../scripts/demo/cast';

const root = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

const STATUSES: Record<string, readonly string[]> = {
  observation_period: OBSERVATION_STATUSES,
  rectification: RECTIFICATION_STATUSES,
  penalty_record: PENALTY_RECORD_STATUSES,
  offset: OFFSET_STATUSES,
  objection: ['pending', ...OBJECTION_DECISIONS],
};

describe('the demo modules', () => {
  it('cover every case type the service has, each once', () => {
    expect(Object.keys(STATUSES).sort()).toEqual([...CASE_TYPES].sort());
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

  it('file each objection for its own enterprise, against the entry of a penalty record the demo enters for the same matter', () => {
    // A second run finds an enterprise's objection by who filed it: one per enterprise.
    const enterprises = objectionDemo.scenarios.map((s) => s.enterprise);
    expect(new Set(enterprises).size).toBe(enterprises.length);
    const records = new Set(penaltyRecordDemo.scenarios.map((s) => `${s.enterprise} ${s.matterCode}`));
    for (const s of objectionDemo.scenarios) expect(records.has(`${s.enterprise} ${s.matterCode}`), s.name).toBe(true);
    expect(DEMO_PROCESSES.indexOf(objectionDemo)).toBeGreaterThan(DEMO_PROCESSES.indexOf(penaltyRecordDemo));
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

describe('refusing production', () => {
  it('refuses NODE_ENV=production: the seeding, DEMO=1 in the configuration, and `npm run demo` before it starts anything', async () => {
    expect(() => refuseInProduction({ NODE_ENV: 'production' })).toThrow('NODE_ENV=production');
    expect(() => refuseInProduction({ NODE_ENV: 'development' })).not.toThrow();
    expect(() => loadConfig({ NODE_ENV: 'production', DEMO: '1' })).toThrow('DEMO');
    expect(loadConfig({ DEMO: '1' }).DEMO).toBe(true);

    const cli = await run(process.execPath, ['--import', 'tsx', 'scripts/runDemo.ts'], {
      cwd: root,
      env: { ...process.env, NODE_ENV: 'production' },
    }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain('refuses to run with NODE_ENV=production');
    // Starting node with tsx takes seconds on a busy machine.
  }, 30_000);
});

describe('the terminal', () => {
  it('is read by a person only when stdout is a TTY outside production', () => {
    expect(atTerminal({ NODE_ENV: undefined }, { isTTY: true })).toBe(true);
    expect(atTerminal({ NODE_ENV: undefined }, { isTTY: false })).toBe(false);
    expect(atTerminal({ NODE_ENV: 'production' }, { isTTY: true })).toBe(false);
  });

  it('shows in its banner the console, the API docs, the Temporal Web UI, the data folder and how to sign in', () => {
    const facts = { url: 'http://127.0.0.1:3000', temporalUi: 'http://127.0.0.1:8233', dataDir: path.resolve('.data') };
    const plain = banner({ ...facts, demo: false });
    for (const part of [
      'http://127.0.0.1:3000/',
      'http://127.0.0.1:3000/docs',
      'http://127.0.0.1:8233',
      './.data',
      '/sign-in',
      'npm run demo',
    ])
      expect(plain).toContain(part);
    expect(plain.split('\n').length).toBeLessThanOrEqual(12);
    // with the demo, the demo's users of each role
    const demo = banner({ ...facts, demo: true });
    for (const role of ROLES) expect(demo).toMatch(new RegExp(`^  +${role} +demo-`, 'm'));
  });
});
