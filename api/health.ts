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

/**
 * Liveness: whether this process can do its work by itself, i.e. the process and what it owns run.
 * The API's own process answers at all; `npm start` also owns its embedded Temporal server, and
 * reports it down here while it is dead or being restarted (scripts/start.ts). Dependencies the
 * process does not own (a Temporal cluster, Postgres) are readiness, not liveness: restarting
 * this process would not bring them back.
 */
export class Liveness {
  private readonly down = new Map<string, string>();

  markDown(component: string, why: string): void {
    this.down.set(component, why);
  }

  markUp(component: string): void {
    this.down.delete(component);
  }

  report(): Array<{ name: string; message: string }> {
    return [...this.down].map(([name, message]) => ({ name, message }));
  }
}

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

export function healthRouter(deps: { db: Database; temporal: Client; metrics: Metrics; liveness?: Liveness }): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    const down = deps.liveness?.report() ?? [];
    if (down.length === 0) res.json({ status: 'ok' });
    else
      res.status(503).json({
        error: {
          code: 'NOT_ALIVE',
          message: `Not alive: ${down.map((c) => c.message).join('; ')}.`,
          details: down,
        },
      });
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
