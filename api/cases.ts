// Reading and acting on one process instance (a case): live state from its workflow's query,
// scope checked against the case itself, human steps sent as updates. Shared by all processes.
import type { Client } from '@temporalio/client';
import type { QueryDefinition, UpdateDefinition } from '@temporalio/common';
import { and, eq } from 'drizzle-orm';
import type { ProcessType } from '../activities/transitions';
import type { Database } from '../db/client';
import { processes } from '../db/schema';
import type { z } from 'zod';
import type { By } from '../workflows/messages';
import { assertMaySeeCase, type Principal, type Role } from './auth';
import { ApiError, notFound } from './errors';
import { idempotencyKey } from './idempotency';
import { route, type RouteSpec } from './route';
import { byId } from './schemas';
import { callWorkflow } from './temporal';

export interface CaseView {
  enterpriseId: string;
  agency?: string;
}

export function caseAccess<V extends CaseView>(
  deps: { db: Database; temporal: Client },
  spec: {
    what: string;
    /**
     * The case's workflow id, when it derives from the case id. Without it the case's run is looked
     * up in the read model, which records the run that owns each case: for a workflow id that is a
     * business key reused by later cases (one observation period per enterprise and matter).
     */
    workflowId?(id: string): string;
    /** Only cases of this process type are found in the read model. */
    type?: ProcessType;
    view: QueryDefinition<V>;
  },
) {
  const projection = (id: string) =>
    and(eq(processes.id, id), spec.type ? eq(processes.processType, spec.type) : undefined);

  /** The workflow run of a case: derived from its id, or as the read model recorded it. */
  async function handle(id: string) {
    if (spec.workflowId) return deps.temporal.workflow.getHandle(spec.workflowId(id));
    const [run] = await deps.db
      .select({ workflowId: processes.workflowId, runId: processes.runId })
      .from(processes)
      .where(projection(id));
    if (!run) throw notFound(spec.what);
    return deps.temporal.workflow.getHandle(run.workflowId, run.runId);
  }

  /** The last projected view, for a case whose workflow history is no longer retained. */
  async function archived(id: string): Promise<V> {
    const [row] = await deps.db.select({ view: processes.view }).from(processes).where(projection(id));
    if (!row) throw notFound(spec.what);
    return row.view as V;
  }

  async function read(id: string, principal: Principal): Promise<V> {
    const view = await callWorkflow(async () => (await handle(id)).query(spec.view), spec.what).catch((e) =>
      e instanceof ApiError && e.status === 404 ? archived(id) : Promise.reject(e),
    );
    assertMaySeeCase(principal, view, spec.what);
    return view;
  }

  /**
   * Sends a human step. The caller's Idempotency-Key becomes the update id, so a retry after a
   * lost response is answered from the first attempt instead of being applied again.
   */
  async function act<A extends object>(
    id: string,
    principal: Principal,
    update: UpdateDefinition<V, [By<A>]>,
    args: A,
    idempotencyKey?: string,
  ): Promise<V> {
    await read(id, principal);
    const actor = { sub: principal.sub, role: principal.role };
    return callWorkflow(
      async () =>
        (await handle(id)).executeUpdate(update, {
          args: [{ ...args, actor }],
          ...(idempotencyKey ? { updateId: `${principal.sub}:${idempotencyKey}` } : {}),
        }),
      spec.what,
    ).catch((e) => {
      // The case was just read, so a run that cannot be found for the update has closed (servers
      // word this differently: "already completed", or the update itself "not found").
      if (e instanceof ApiError && e.status === 404)
        throw new ApiError(409, 'INVALID_STATE', `${spec.what} is closed; no further steps are possible.`);
      throw e;
    });
  }

  return { handle, read, act };
}

export type CaseAccess<V extends CaseView> = ReturnType<typeof caseAccess<V>>;

/**
 * Declares the routes of a resource's human steps: `POST {base}/:id/{path}` takes the body, adds
 * the verified actor and sends it as the workflow update, with the Idempotency-Key as update id.
 */
export function stepRoutes<V extends CaseView>(
  cases: CaseAccess<V>,
  resource: { base: string; tag: string; responses: RouteSpec['responses'] },
) {
  return <B extends object>(
    path: string,
    summary: string,
    roles: readonly Role[],
    body: z.ZodType<B>,
    update: UpdateDefinition<V, [By<B>]>,
  ) =>
    route({
      method: 'post',
      path: `${resource.base}/:id/${path}`,
      summary,
      tag: resource.tag,
      roles,
      params: byId,
      body,
      responses: resource.responses,
      handler: async ({ params, principal, body: args, req }) => ({
        status: 200,
        body: await cases.act(params.id, principal, update, args, idempotencyKey(req)),
      }),
    });
}
