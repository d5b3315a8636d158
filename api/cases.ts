// Reading and acting on one process instance (a case): live state from its workflow's query,
// human steps sent as updates, and the case's scope for the routes that name it (who may reach it
// is the permissions table's to say, before a handler runs). Shared by all processes.
import type { Client } from '@temporalio/client';
import type { QueryDefinition, UpdateDefinition } from '@temporalio/common';
import { and, eq } from 'drizzle-orm';
import type { CaseType } from '../domain';
import type { Database } from '../db/client';
import { processes } from '../db/schema';
import type { z } from 'zod';
import type { By } from '../workflows/messages';
import type { Principal, Role } from './auth';
import { ApiError, notFound } from './errors';
import type { CaseOwner, RouteScope } from './permissions';
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
    /** Only cases of this process type are found. */
    type: CaseType;
    view: QueryDefinition<V>;
    /**
     * The statuses the process ends at (workflows/messages). A case at one of them is read from the
     * view its final change recorded: its workflow has completed, and a query would replay its
     * whole history in the worker for the same view.
     */
    final?: readonly string[];
  },
) {
  const projection = (id: string) => and(eq(processes.id, id), eq(processes.processType, spec.type));

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

  /** Whether the read model knows the case. */
  async function exists(id: string): Promise<boolean> {
    const [row] = await deps.db.select({ id: processes.id }).from(processes).where(projection(id));
    return row !== undefined;
  }

  /** The last projected view, for a case whose workflow history is no longer retained. */
  async function archived(id: string): Promise<V> {
    const [row] = await deps.db.select({ view: processes.view }).from(processes).where(projection(id));
    if (!row) throw notFound(spec.what);
    return row.view as V;
  }

  /**
   * The case's live view, its final one once it has ended, or its last projected one when its
   * history is no longer retained; whether the caller may see it is checked before.
   */
  async function read(id: string): Promise<V> {
    if (spec.final) {
      const [row] = await deps.db
        .select({ status: processes.status, view: processes.view })
        .from(processes)
        .where(projection(id));
      if (row && spec.final.includes(row.status)) return row.view as V;
    }
    return callWorkflow(async () => (await handle(id)).query(spec.view), spec.what).catch((e) =>
      e instanceof ApiError && e.status === 404 ? archived(id) : Promise.reject(e),
    );
  }

  /**
   * Where the case belongs, from the read model; a case opened a moment ago by a workflow (a
   * rectification an escalated observation period ordered) may not be projected yet, so then from
   * the workflow itself. An unknown case is a 404.
   */
  async function owner(id: string): Promise<CaseOwner> {
    const [row] = await deps.db
      .select({ enterpriseId: processes.enterpriseId, agency: processes.agency })
      .from(processes)
      .where(projection(id));
    if (row) return row;
    const { enterpriseId, agency } = await read(id);
    return { enterpriseId, agency };
  }

  /** The scope of routes whose path parameter `id` names one of these cases. */
  const scope: RouteScope = { kind: 'case', param: 'id', processType: spec.type, what: spec.what, locate: owner };

  /**
   * Sends a human step, from a route whose scope is this case's. The caller's scoped
   * Idempotency-Key (RouteContext.idempotencyKey) becomes the update id, so a retry after a lost
   * response is answered from the first attempt instead of being applied again.
   */
  async function act<A extends object>(
    id: string,
    principal: Principal,
    update: UpdateDefinition<V, [By<A>]>,
    args: A,
    idempotencyKey?: string,
  ): Promise<V> {
    const actor = { sub: principal.sub, role: principal.role };
    return callWorkflow(
      async () =>
        (await handle(id)).executeUpdate(update, {
          args: [{ ...args, actor }],
          ...(idempotencyKey ? { updateId: idempotencyKey } : {}),
        }),
      spec.what,
    ).catch((e) => {
      // The route's scope found the case, so a run that cannot be found for the update has closed (servers
      // word this differently: "already completed", or the update itself "not found").
      if (e instanceof ApiError && e.status === 404)
        throw new ApiError(409, 'INVALID_STATE', `${spec.what} is closed; no further steps are possible.`);
      throw e;
    });
  }

  return { handle, exists, read, act, scope };
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
      scope: cases.scope,
      params: byId,
      body,
      responses: resource.responses,
      handler: async ({ params, principal, body: args, idempotencyKey }) => ({
        status: 200,
        body: await cases.act(params.id, principal, update, args, idempotencyKey),
      }),
    });
}
