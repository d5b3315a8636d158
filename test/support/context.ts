// Per-file wiring for HTTP tests: a fresh database, a client of the shared dev server, the app.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll } from 'vitest';
import { startTestApi, type TestApi } from './api';
import { freshDatabase, type TestDatabase } from './database';
import { devServerEnvironment } from './temporal';

export interface ApiContext {
  api: TestApi;
  database: TestDatabase;
  env: TestWorkflowEnvironment;
}

export function useApi(): ApiContext {
  const ctx = {} as ApiContext;
  beforeAll(async () => {
    ctx.database = await freshDatabase();
    ctx.env = await devServerEnvironment();
    ctx.api = await startTestApi({ db: ctx.database.db, temporal: ctx.env.client });
  });
  afterAll(async () => {
    await ctx.api?.close();
    await ctx.env?.teardown();
    await ctx.database?.close();
  });
  return ctx;
}
