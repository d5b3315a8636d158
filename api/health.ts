// Liveness, readiness and Prometheus metrics: unauthenticated, for orchestrators and scrapers.
import { Router } from 'express';
import type { Client } from '@temporalio/client';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { ping, type Database } from '../db/client';

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  return { registry, httpDuration };
}

export type Metrics = ReturnType<typeof createMetrics>;

const withTimeout = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms).unref()),
  ]);

async function check(name: string, probe: () => Promise<unknown>) {
  try {
    await withTimeout(probe(), 2_000);
    return { name, ok: true };
  } catch (e) {
    return { name, ok: false, message: (e as Error).message };
  }
}

export function healthRouter(deps: { db: Database; temporal: Client; metrics: Metrics }): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const checks = await Promise.all([
      check('database', () => ping(deps.db)),
      check('temporal', () => deps.temporal.workflowService.getSystemInfo({})),
    ]);
    const down = checks.filter((c) => !c.ok);
    if (down.length === 0) res.json({ status: 'ready', checks });
    else
      res.status(503).json({
        error: {
          code: 'DEPENDENCY_UNAVAILABLE',
          message: `Not ready: ${down.map((c) => c.name).join(', ')} unavailable.`,
          details: checks,
        },
      });
  });
  router.get('/metrics', async (_req, res) => {
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });
  return router;
}
