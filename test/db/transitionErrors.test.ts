// How recordTransition fails, against a real database: a change Postgres can never store (a data
// exception, a constraint other than the duplicate keys it tolerates) is a non-retryable
// ApplicationFailure, so a workflow is not retried for ever; an unreachable database stays a plain
// (retryable) error, so the step waits for it to come back.
import net from 'node:net';
import { ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTransitionActivities, type TransitionRecord } from '../../activities/transitions';
import { openDatabase } from '../../db/client';
import { freshDatabase, type TestDatabase } from '../support/database';

let database: TestDatabase;
beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(async () => {
  await database?.close();
});

const silentNotifier = { notify: async () => undefined };

function transition(id: string, process: Partial<TransitionRecord['process']> = {}): TransitionRecord {
  return {
    process: {
      type: 'rectification',
      id,
      workflowId: `rectification:${id}`,
      runId: 'run-1',
      enterpriseId: '91110108000000001X',
      agency: 'SAMR-HZ',
      matterCode: 'MS-001',
      status: 'awaiting_evidence',
      version: 1,
      openedAt: '2026-11-02T02:00:00.000Z',
      view: { id },
      ...process,
    },
    audit: [],
    creditFile: [],
    openTasks: [],
    closeTasks: [],
    evidence: [],
    notifications: [],
  };
}

async function failureOf(record: TransitionRecord, db = database.db): Promise<unknown> {
  try {
    await createTransitionActivities(db, silentNotifier).recordTransition(record);
  } catch (e) {
    return e;
  }
  throw new Error('recordTransition succeeded');
}

describe('recordTransition failures', () => {
  it.each([
    ['a date out of range (22008)', { violationOn: '0000-01-01' }, '22008'],
    ['a NUL character in text (22021)', { status: 'bad\u0000status' }, '22021'],
    ["a number beyond its column's range (22003)", { version: 2 ** 40 }, '22003'],
    ['a missing required value (23502)', { enterpriseId: null as never }, '23502'],
  ])('turns %s into a non-retryable UNSTORABLE_DATA failure', async (_what, process, sqlState) => {
    const failure = await failureOf(transition(crypto.randomUUID(), process));

    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: 'UNSTORABLE_DATA', nonRetryable: true, details: [{ sqlState }] });
  });

  it('still writes a change twice as once, the duplicate keys it tolerates', async () => {
    const record = transition(crypto.randomUUID());
    const activities = createTransitionActivities(database.db, silentNotifier);

    await activities.recordTransition(record);
    await expect(activities.recordTransition(record)).resolves.toBeUndefined();
  });

  it('leaves an unreachable database a retryable error', async () => {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as net.AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const unreachable = await openDatabase({ url: `postgres://postgres@127.0.0.1:${port}/none`, poolSize: 1 });

    const failure = await failureOf(transition(crypto.randomUUID()), unreachable.db);
    await unreachable.close();

    expect(failure).not.toBeInstanceOf(ApplicationFailure);
  });
});
