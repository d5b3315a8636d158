// Declarative routes: each one states its path, who may call it and the schemas of what it takes
// and returns. The same declaration mounts the Express handler (authorisation, validation,
// idempotency) and describes the route in the OpenAPI document, so the two cannot drift apart.
import type { Request, RequestHandler, Response, Router } from 'express';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import multer from 'multer';
import { z } from 'zod';
import type { Principal, Role } from './auth';
import { ApiError, validationError } from './errors';
import { requestHash, requestKey, type Idempotency } from './idempotency';
import { assertStorable } from './unstorable';
import { authorize, type RouteScope } from './permissions';

export interface RouteResult {
  status: number;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is instead of a JSON body (file downloads). */
  stream?: Readable;
  headers?: Record<string, string>;
}

export interface UploadedFile {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

export interface RouteContext<P, B, Q> {
  principal: Principal;
  params: P;
  body: B;
  query: Q;
  /** Files of a multipart route; empty otherwise. */
  files: UploadedFile[];
  /**
   * The request's Idempotency-Key scoped to its caller (see api/idempotency.ts), for what a keyed
   * request derives: the ids of what it creates, the update ids of the steps it sends. Handlers
   * never read the header themselves.
   */
  idempotencyKey?: string;
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
  /**
   * How the route's target is scoped. With the permissions table (api/permissions.ts) it decides,
   * before the handler runs, whether the caller reaches the target (else 404, or 403 for an agency).
   */
  scope: RouteScope<NoInfer<Q>, NoInfer<B>>;
  params?: z.ZodType<P>;
  /** JSON body, or the text fields of a multipart body when `upload` is set. */
  body?: z.ZodType<B>;
  /** Takes `multipart/form-data` with up to `maxFiles` files in the field `field`. */
  upload?: { field: string; maxFiles: number };
  query?: z.ZodType<Q>;
  responses: Record<number, { description: string; schema?: z.ZodType }>;
  handler(ctx: RouteContext<P, B, Q>): Promise<RouteResult>;
}

/** Keeps the parameter types of one route while collecting routes of different shapes. */
export const route = <P, B, Q>(spec: RouteSpec<P, B, Q>): RouteSpec => spec as unknown as RouteSpec;

function parse<T>(schema: z.ZodType<T> | undefined, value: unknown, where: string): T {
  if (!schema) return undefined as T;
  assertStorable(value, where);
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(where, result.error);
  return result.data;
}

export interface MountOptions {
  idempotency: Idempotency;
  /** Largest uploaded file, in bytes. */
  maxUploadBytes: number;
}

function uploads(spec: RouteSpec, maxUploadBytes: number): RequestHandler[] {
  if (!spec.upload) return [];
  const { field, maxFiles } = spec.upload;
  const limits = { fileSize: maxUploadBytes, files: maxFiles, fields: 20, fieldSize: 64 * 1024 };
  const upload = multer({ storage: multer.memoryStorage(), limits }).array(field, maxFiles);
  // Whatever the multipart parser throws (no boundary, a truncated or malformed part) is the body's
  // fault: 400. Multer's own limit errors go on to errors.ts as they are (a file too large is 413).
  const malformed = () => new ApiError(400, 'VALIDATION_FAILED', 'The multipart body is malformed.');
  return [
    (req, res, next) =>
      upload(req, res, (err?: unknown) =>
        next(err === undefined || err instanceof multer.MulterError ? err : malformed()),
      ),
  ];
}

export function mountRoutes(
  router: Router,
  specs: readonly RouteSpec[],
  { idempotency, maxUploadBytes }: MountOptions,
): void {
  for (const spec of specs) {
    router[spec.method](spec.path, ...uploads(spec, maxUploadBytes), async (req: Request, res: Response) => {
      const principal = req.principal!;
      const parts = await authorize(principal, spec, {
        params: () => parse(spec.params, req.params, 'path'),
        query: () => parse(spec.query, req.query, 'query'),
        body: () => parse(spec.body, req.body ?? {}, 'body'),
      });
      const key = spec.method === 'post' ? requestKey(req, principal) : undefined;
      const files = (req.files as UploadedFile[] | undefined) ?? [];
      const ctx = { principal, ...parts, files, idempotencyKey: key?.scoped, req };
      const result = await idempotency.run(key, requestHash(req, req.body), () => spec.handler(ctx));
      res.status(result.status).set(result.headers ?? {});
      if (result.stream) await pipeline(result.stream, res);
      else if (result.body === undefined) res.end();
      else res.json(result.body);
    });
  }
}

export { ApiError };
