// Declarative routes: each one states its path, who may call it and the schemas of what it takes
// and returns. The same declaration mounts the Express handler (authorisation, validation,
// idempotency) and describes the route in the OpenAPI document, so the two cannot drift apart.
import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import type { Principal, Role } from './auth';
import { ApiError, forbidden, validationError } from './errors';
import type { Idempotency } from './idempotency';

export interface RouteResult {
  status: number;
  body?: unknown;
}

export interface RouteContext<P, B, Q> {
  principal: Principal;
  params: P;
  body: B;
  query: Q;
  req: Request;
}

export interface RouteSpec<P = unknown, B = unknown, Q = unknown> {
  method: 'get' | 'post' | 'put';
  /** Express-style path below the API base, e.g. `/enterprises/:id`. */
  path: string;
  summary: string;
  tag: string;
  /** Roles allowed to call the route at all; every other role gets 403. */
  roles: readonly Role[];
  params?: z.ZodType<P>;
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
  responses: Record<number, { description: string; schema?: z.ZodType }>;
  handler(ctx: RouteContext<P, B, Q>): Promise<RouteResult>;
}

/** Keeps the parameter types of one route while collecting routes of different shapes. */
export const route = <P, B, Q>(spec: RouteSpec<P, B, Q>): RouteSpec => spec as unknown as RouteSpec;

function parse<T>(schema: z.ZodType<T> | undefined, value: unknown, where: string): T {
  if (!schema) return undefined as T;
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(where, result.error);
  return result.data;
}

export function mountRoutes(router: Router, specs: readonly RouteSpec[], idempotency: Idempotency): void {
  for (const spec of specs) {
    router[spec.method](spec.path, async (req: Request, res: Response) => {
      const principal = req.principal!;
      if (!spec.roles.includes(principal.role)) throw forbidden();
      const ctx = {
        principal,
        params: parse(spec.params, req.params, 'path'),
        query: parse(spec.query, req.query, 'query'),
        body: parse(spec.body, req.body ?? {}, 'body'),
        req,
      };
      const run = () => spec.handler(ctx);
      const result = spec.method === 'post' ? await idempotency.run(req, principal, run) : await run();
      res.status(result.status);
      if (result.body === undefined) res.end();
      else res.json(result.body);
    });
  }
}

export { ApiError };
