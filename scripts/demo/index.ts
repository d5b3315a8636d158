// The demo data (`npm run demo`, `npm start -- --demo`, `DEMO=1 npm start`): seeds a development
// service through its public API, so that real workflows run every step, with two agencies, about
// twenty enterprises and cases of every process in every status the demo can reach today. One
// module per process (scripts/demo/<process>.ts) says what it promises; a process added to the
// service joins the demo with one more module in DEMO_PROCESSES. Running it again adds nothing.
import { todayInShanghai, type CalendarDate } from '../../domain';
import { DemoClient } from './client';
import { ENTERPRISES } from './cast';
import { sceneOf, type DemoProcess, type DemoScenario } from './kit';
import { objectionDemo } from './objection';
import { observationPeriodDemo } from './observationPeriod';
import { offsetDemo } from './offset';
import { penaltyRecordDemo } from './penaltyRecord';
import { rectificationDemo } from './rectification';
import { ensureAgencies, registerEnterprises, type AgencyPolicy } from './setup';

export const DEMO_PROCESSES: readonly DemoProcess[] = [
  observationPeriodDemo,
  rectificationDemo,
  penaltyRecordDemo,
  offsetDemo,
  // Last: its objections dispute the entries of the penalty records above.
  objectionDemo,
];

export interface DemoCaseReport {
  processType: string;
  scenario: string;
  shows: string;
  enterpriseName: string;
  id?: string;
  /** The status the scenario leaves its case in. */
  leaves: string;
  /** The status the case is in now. */
  status?: string;
  /** Opened by an earlier run. */
  existed: boolean;
  error?: string;
}

export interface DemoReport {
  baseUrl: string;
  agencies: AgencyPolicy[];
  enterprises: { registered: number; total: number };
  cases: DemoCaseReport[];
  /** What went wrong: a scenario that failed, or a new case that is not where its scenario leaves it. */
  problems: string[];
}

export interface DemoOptions {
  /** The service, e.g. http://127.0.0.1:3000. */
  baseUrl: string;
  /** The service's today (Asia/Shanghai); the real one by default. */
  today?: CalendarDate;
  /** Scenarios run side by side; each one's steps in order. */
  concurrency?: number;
  /** One line per finished scenario. */
  progress?: (line: string) => void;
}

/** The demo never touches a production service; a production service has no development sign-in either. */
export function refuseInProduction(env: NodeJS.ProcessEnv = process.env): void {
  if (env.NODE_ENV === 'production')
    throw new Error(
      'The demo data is for development and evaluation only: it refuses to run with NODE_ENV=production.',
    );
}

export async function seedDemo(options: DemoOptions): Promise<DemoReport> {
  refuseInProduction();
  const client = new DemoClient(options.baseUrl);
  const today = options.today ?? todayInShanghai(new Date());
  const agencies = await ensureAgencies(client, today);
  const enterprises = await registerEnterprises(client);
  const work = DEMO_PROCESSES.flatMap((process) => process.scenarios.map((scenario) => ({ process, scenario })));
  const cases = await inPool(work, options.concurrency ?? 4, async ({ process, scenario }) => {
    const report = await runScenario(client, process, scenario, today);
    options.progress?.(`${process.processType}/${scenario.name}: ${report.error ?? report.status}`);
    return report;
  });
  const problems = cases.flatMap((c) => {
    if (c.error) return [`${c.processType}/${c.scenario}: ${c.error}`];
    if (!c.existed && c.status !== c.leaves)
      return [`${c.processType}/${c.scenario}: left ${c.status}, meant to leave it ${c.leaves}`];
    return [];
  });
  return { baseUrl: options.baseUrl, agencies, enterprises, cases, problems };
}

async function runScenario(
  client: DemoClient,
  process: DemoProcess,
  scenario: DemoScenario,
  today: CalendarDate,
): Promise<DemoCaseReport> {
  const scene = sceneOf(client, process, scenario, today);
  const report: DemoCaseReport = {
    processType: process.processType,
    scenario: scenario.name,
    shows: scenario.shows,
    enterpriseName: ENTERPRISES[scenario.enterprise].name,
    leaves: scenario.leaves,
    existed: false,
  };
  try {
    await scenario.run(scene);
  } catch (e) {
    report.error = (e as Error).message;
  }
  const opened = scene.opened;
  if (opened) {
    Object.assign(report, { id: opened.id, existed: opened.existed });
    report.status = await opened.read().then(
      (view) => view.status,
      () => undefined,
    );
  }
  return report;
}

/** Runs `each` over `items`, at most `size` at a time, answering in the items' order. */
async function inPool<T, R>(items: readonly T[], size: number, each: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await each(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
  return results;
}
