// The workflow bundle the tests run: every production workflow plus small fixtures that exercise
// the test stack itself.
import { sleep } from '@temporalio/workflow';

export * from '../../workflows';

/** Sleeps on a durable timer and reports workflow time before and after. */
export async function sleepDays(days: number): Promise<{ startedAt: string; wokeAt: string }> {
  const startedAt = new Date().toISOString();
  await sleep(`${days} days`);
  return { startedAt, wokeAt: new Date().toISOString() };
}
