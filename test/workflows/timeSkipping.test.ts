import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { timeSkippingEnvironment, withWorker } from '../support/temporal';
import type { sleepDays } from '../support/workflows';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await timeSkippingEnvironment();
});
afterAll(() => env?.teardown());

describe('time-skipping test server', () => {
  it('runs a workflow across a 30-day durable timer without waiting 30 days', async () => {
    const realStart = Date.now();

    const result = await withWorker(env, {}, (taskQueue) =>
      env.client.workflow.execute<typeof sleepDays>('sleepDays', {
        taskQueue,
        workflowId: `sleep-${taskQueue}`,
        args: [30],
      }),
    );

    const workflowDays = (Date.parse(result.wokeAt) - Date.parse(result.startedAt)) / 86_400_000;
    expect(workflowDays).toBeGreaterThanOrEqual(30);
    expect(Date.now() - realStart).toBeLessThan(60_000);
  });
});
