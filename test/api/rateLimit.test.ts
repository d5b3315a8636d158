import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { startTestApi, type TestApi } from '../support/api';
import { freshDatabase, type TestDatabase } from '../support/database';
import { devServerEnvironment } from '../support/temporal';

let api: TestApi;
let database: TestDatabase;
let env: TestWorkflowEnvironment;

beforeAll(async () => {
  database = await freshDatabase();
  env = await devServerEnvironment();
  api = await startTestApi({
    db: database.db,
    temporal: env.client,
    taskQueue: 'unused',
    evidenceDir: '/tmp/unused',
    rateLimitPerMinute: 3,
  });
});
afterAll(async () => {
  await api?.close();
  await env?.teardown();
  await database?.close();
});

describe('rate limiting', () => {
  it('answers requests over the per-minute limit with 429 RATE_LIMITED in the error shape', async () => {
    const token = await api.token({ sub: 'a-1', role: 'auditor' });

    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push(await api.call('GET', '/api/v1/catalog/matters', { token }));

    expect(statuses.slice(0, 3).map((r) => r.status)).toEqual([200, 200, 200]);
    expect(statuses[3]).toMatchObject({ status: 429, body: { error: { code: 'RATE_LIMITED' } } });
  });
});
