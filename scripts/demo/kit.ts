// What a demo process module declares, and the handle its scenarios drive a case through. A module
// lists the statuses it promises (the acceptance test holds it to them), the statuses it cannot
// reach without waiting and why, and one scenario per case: which enterprise, which matter, and the
// steps that leave the case where it promises. Adding a process to the demo is one such module.
import type { CalendarDate, CaseType } from '../../domain';
import type { DemoClient, EvidenceFile, Person, Sent } from './client';
import { businessOf, ENTERPRISES, STAFF, type DemoAgency, type EnterpriseHandle } from './cast';

export interface DemoScenario {
  /** Stable and unique: every Idempotency-Key of the scenario starts with it. */
  name: string;
  /** One line: what the case shows. */
  shows: string;
  enterprise: EnterpriseHandle;
  agency: DemoAgency;
  /** With the enterprise and the process type, finds the case an earlier run opened. */
  matterCode: string;
  /** The status the scenario leaves its case in. */
  leaves: string;
  run(scene: Scene): Promise<void>;
}

export interface DemoProcess {
  processType: CaseType;
  /** The API's collection, e.g. `rectifications`. */
  resource: string;
  /** For cases not opened by `POST /{resource}` nor listed among the enterprise's processes (objections). */
  opening?: CaseOpening;
  /** The statuses the demo leaves at least one case in. */
  promises: readonly string[];
  /** Every other status, with why the demo cannot reach it now (e.g. it takes months of real time). */
  unreachable: Readonly<Record<string, string>>;
  scenarios: readonly DemoScenario[];
}

/**
 * How a case that is not opened like a process is opened and found again: an objection is filed
 * against a credit-file entry (`POST /enterprises/{id}/credit-file/{entry}/objection`, multipart),
 * and the enterprise's process list leaves objections out.
 */
export interface CaseOpening {
  /** The scenario's case an earlier run opened, if any. */
  find(client: DemoClient, scene: Scene, scenario: DemoScenario): Promise<string | undefined>;
  /** Opens the scenario's case with `body` as `as`, under the Idempotency-Key `key`. */
  open(client: DemoClient, scene: Scene, body: object, as: Person, key: string): Promise<Sent<{ id: string }>>;
}

/** A case view, as far as the demo reads it. */
export interface CaseView {
  id: string;
  status: string;
  openSteps: Array<{ step: string; overdue: boolean }>;
}

/** What a scenario runs with: the day, the people, and its case once opened. */
export interface Scene {
  today: CalendarDate;
  officer: Person;
  business: Person;
  creditStaff: Person;
  enterpriseId: string;
  /** Opens the scenario's case with this body as `as`, or finds the one an earlier run opened. */
  open(body: object, as: Person): Promise<DemoCase>;
}

export interface DemoCase {
  id: string;
  /** Opened by an earlier run: its steps are replayed (and change nothing), its waits not awaited. */
  existed: boolean;
  /** POST `/{resource}/{id}/{path}`: one step, under the scenario's key for it. */
  step<T = CaseView>(path: string, body: object, as: Person): Promise<Sent<T>>;
  /** POST a multipart evidence round to `/{resource}/{id}/{path}`. */
  upload(path: string, description: string, files: EvidenceFile[], as: Person): Promise<void>;
  /** Waits until the workflow has moved the case to `status` on its own (a timer, a back-dated date). */
  reach(status: string): Promise<void>;
  read<T = CaseView>(): Promise<T>;
}

/** How long the demo waits for a workflow to move a case on its own; back-dated timers fire at once. */
const REACH_TIMEOUT_MS = 30_000;
const REACH_POLL_MS = 250;

interface ListedProcess {
  processType: string;
  id: string;
  matterCode: string | null;
}

/** The scene of one scenario of `process`, acting through `client`; `opened` is its case once opened. */
export function sceneOf(
  client: DemoClient,
  process: DemoProcess,
  scenario: DemoScenario,
  today: CalendarDate,
): Scene & { opened?: DemoCase } {
  const enterpriseId = ENTERPRISES[scenario.enterprise].id;
  const prefix = `demo/${process.processType}/${scenario.name}`;
  const sent = new Map<string, number>();
  /** Each call to a path gets its own key: a second review is another step than the first. */
  const keyFor = (path: string) => {
    const n = (sent.get(path) ?? 0) + 1;
    sent.set(path, n);
    return `${prefix}/${path}/${n}`;
  };

  async function earlierCase(): Promise<string | undefined> {
    if (process.opening) return process.opening.find(client, scene, scenario);
    const { processes } = await client.get<{ processes: ListedProcess[] }>(
      `/enterprises/${enterpriseId}/processes`,
      STAFF.admin,
    );
    return processes.find((p) => p.processType === process.processType && p.matterCode === scenario.matterCode)?.id;
  }

  function caseOf(id: string, existed: boolean): DemoCase {
    const base = `/${process.resource}/${id}`;
    const read = <T>() => client.get<T>(base, STAFF.admin);
    return {
      id,
      existed,
      step: (path, body, as) => client.post(`${base}/${path}`, body, as, keyFor(path)),
      async upload(path, description, files, as) {
        await client.upload(`${base}/${path}`, description, files, as, keyFor(path));
      },
      async reach(status) {
        if (existed) return;
        const deadline = Date.now() + REACH_TIMEOUT_MS;
        for (;;) {
          const view = await read<CaseView>();
          if (view.status === status) return;
          if (Date.now() > deadline)
            throw new Error(`${scenario.name}: the case stayed ${view.status}, never reached ${status}`);
          await new Promise((resolve) => setTimeout(resolve, REACH_POLL_MS));
        }
      },
      read,
    };
  }

  async function open(body: object, as: Person): Promise<DemoCase> {
    const earlier = await earlierCase();
    if (earlier) return caseOf(earlier, true);
    const opened = process.opening
      ? await process.opening.open(client, scene, body, as, `${prefix}/open`)
      : await client.post<{ id: string }>(`/${process.resource}`, body, as, `${prefix}/open`);
    if (opened.done === 'now') return caseOf(opened.body.id, false);
    // Opened on an earlier day (other dates in the body) but not in the read model: should not be.
    const found = await earlierCase();
    if (!found) throw new Error(`${scenario.name}: opened on an earlier run, but the enterprise does not list it`);
    return caseOf(found, true);
  }

  const scene: Scene & { opened?: DemoCase } = {
    today,
    officer: STAFF.officers[scenario.agency],
    business: businessOf(scenario.enterprise),
    creditStaff: STAFF.creditStaff,
    enterpriseId,
    open: async (body, as) => (scene.opened = await open(body, as)),
  };
  return scene;
}
