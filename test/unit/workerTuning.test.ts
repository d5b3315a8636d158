import { describe, expect, it } from 'vitest';
import { workerTuning } from '../../worker/startWorker';
import { loadConfig } from '../../config';

describe('worker tuning from the environment', () => {
  it('passes the knobs that are set, the bounded cache always, and leaves the rest to the SDK', () => {
    const tuning = workerTuning(
      loadConfig({ WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES: '8', WORKER_WORKFLOW_TASK_POLLERS: '4' }),
    );
    expect(tuning).toEqual({
      maxCachedWorkflows: 500,
      maxConcurrentLocalActivityExecutions: 8,
      maxConcurrentWorkflowTaskPolls: 4,
    });
  });

  it('refuses a slot count that is not a positive integer, naming the variable', () => {
    expect(() => loadConfig({ WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES: '0' })).toThrow(
      'WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES',
    );
    expect(() => loadConfig({ WORKER_MAX_CONCURRENT_ACTIVITIES: 'many' })).toThrow('WORKER_MAX_CONCURRENT_ACTIVITIES');
  });
});
