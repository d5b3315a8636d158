// Starts what the integration tests share, once per run: a time-skipping test server, a dev
// server (for visibility and real-time features), one workflow bundle, and the Postgres admin URL
// from which each test file creates its own throwaway database.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode } from '@temporalio/worker';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { describeBinary, resolveTemporalBinaries } from '../../scripts/temporalBinaries';
import { failureConverterPath } from '../../config/temporal';
import { searchAttributeKeys } from '../../workflows/searchAttributes';
import { registerSearchAttributes } from './temporal';

declare module 'vitest' {
  export interface ProvidedContext {
    timeSkippingAddress: string;
    devServerAddress: string;
    workflowBundlePath: string;
    /** Empty when no Postgres is reachable: tests then use in-memory PGlite. */
    adminDatabaseUrl: string;
  }
}

const root = path.resolve(import.meta.dirname, '../..');

async function reachablePostgres(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export default async function setup(project: TestProject) {
  const { devServer, testServer } = await resolveTemporalBinaries();
  console.log(`temporal: dev server ${describeBinary(devServer)}; test server ${describeBinary(testServer)}`);
  const [timeSkipping, local, bundle] = await Promise.all([
    TestWorkflowEnvironment.createTimeSkipping({ server: { executable: testServer.executable } }),
    TestWorkflowEnvironment.createLocal({
      server: {
        executable: devServer.executable,
        searchAttributes: searchAttributeKeys,
        extraArgs: ['--log-level', 'error'],
      },
    }),
    // The failure converter is bundled into the sandbox, as Worker.create does from workflowsPath.
    bundleWorkflowCode({
      workflowsPath: path.join(root, 'test/support/workflows.ts'),
      failureConverterPath,
      logger: quietBundlerLogger,
    }),
  ]);
  await registerSearchAttributes(timeSkipping);
  // One bundle per run, so that runs side by side (several checkouts' work) never read a half-written one.
  const bundlePath = path.join(root, '.tmp', `workflow-bundle-${process.pid}.js`);
  await mkdir(path.dirname(bundlePath), { recursive: true });
  await writeFile(bundlePath, bundle.code);

  const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const postgres = await reachablePostgres(adminUrl);
  if (!postgres) console.warn(`no Postgres at ${adminUrl}: integration tests use in-memory PGlite`);

  project.provide('timeSkippingAddress', timeSkipping.address);
  project.provide('devServerAddress', local.address);
  project.provide('workflowBundlePath', bundlePath);
  project.provide('adminDatabaseUrl', postgres ? adminUrl : '');

  return async () => {
    await Promise.all([timeSkipping.teardown(), local.teardown(), rm(bundlePath, { force: true })]);
  };
}

const quietBundlerLogger = {
  trace() {},
  debug() {},
  info() {},
  warn(message: string, meta?: unknown) {
    console.warn(message, meta ?? '');
  },
  error(message: string, meta?: unknown) {
    console.error(message, meta ?? '');
  },
  log() {},
};
