// Reading and acting on one process instance (a case): live state from its workflow's query,
// scope checked against the case itself, human steps sent as updates. Shared by all processes.
import type { Client } from '@temporalio/client';
import type { QueryDefinition, UpdateDefinition } from '@temporalio/common';
import { eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import { processes } from '../db/schema';
import type { By } from '../workflows/messages';
import { assertMaySeeCase, type Principal } from './auth';
import { ApiError, notFound } from './errors';
import { callWorkflow } from './temporal';

export interface CaseView {
  enterpriseId: string;
  agency?: string;
}

export function caseAccess<V extends CaseView>(deps: { db: Database; temporal: Client }, spec: {
  what: string;
  workflowId(id: string): string;
  view: QueryDefinition<V>;
}) {
  const handle = (id: string) => deps.temporal.workflow.getHandle(spec.workflowId(id));

  /** The last projected view, for a case whose workflow history is no longer retained. */
  async function archived(id: string): Promise<V> {
    const [row] = await deps.db.select({ view: processes.view }).from(processes).where(eq(processes.id, id));
    if (!row) throw notFound(spec.what);
    return row.view as V;
  }

  async function read(id: string, principal: Principal): Promise<V> {
    const view = await callWorkflow(() => handle(id).query(spec.view), spec.what).catch((e) =>
      e instanceof ApiError && e.status === 404 ? archived(id) : Promise.reject(e),
    );
    assertMaySeeCase(principal, view, spec.what);
    return view;
  }

  /**
   * Sends a human step. The caller's Idempotency-Key becomes the update id, so a retry after a
   * lost response is answered from the first attempt instead of being applied again.
   */
  async function act<A extends object>(id: string, principal: Principal, update: UpdateDefinition<V, [By<A>]>, args: A, idempotencyKey?: string): Promise<V> {
    await read(id, principal);
    const actor = { sub: principal.sub, role: principal.role };
    return callWorkflow(
      () => handle(id).executeUpdate(update, {
        args: [{ ...args, actor }],
        ...(idempotencyKey ? { updateId: `${principal.sub}:${idempotencyKey}` } : {}),
      }),
      spec.what,
    );
  }

  return { handle, read, act };
}
