// Declarative routes: each one states its path, who may call it and the schemas of what it takes
// and returns. The same declaration mounts the Express handler (authorisation, validation,
// idempotency) and describes the route in the OpenAPI document, so the two cannot drift apart.
import type { Request, Response, Router } from 'express';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { z } from 'zod';
import type { Principal, Role } from './auth';
import { ApiError, validationError } from './errors';
import { requestHash, requestKey, type Idempotency } from './idempotency';
import { assertStorable } from './unstorable';
import { authorize, type RouteScope } from './permissions';
import { discardUploads, receiveUploads, type UploadedFile, type UploadLimits } from './uploads';

export type { UploadedFile };

export interface RouteResult {
  status: number;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is instead of a JSON body (file downloads). */
  stream?: Readable;
  headers?: Record<string, string>;
}

export interface RouteContext<P, B, Q> {
  principal: Principal;
  params: P;
  body: B;
  query: Q;
  /** Files of a multipart route, in temporary files until committed; empty otherwise. */
  files: UploadedFile[];
  /** The declared request headers (`RouteSpec.headers`), parsed; empty otherwise. */
  headers: Record<string, unknown>;
  /**
   * The request's Idempotency-Key scoped to its caller (see api/idempotency.ts), for what a keyed
   * request derives: the ids of what it creates, the update ids of the steps it sends. Handlers
   * never read the header themselves.
   */
  idempotencyKey?: string;
  req: Request;
}

/** What is known of a multipart request before its body is read. */
export type AdmissionContext<P, Q> = Pick<RouteContext<P, unknown, Q>, 'principal' | 'params' | 'query'>;

/**
 * A documented answer. For an error status, `codes` are the error codes it may carry (besides those
 * every route of its kind may answer with, api/openapi.ts); the document states exactly these.
 */
export interface RouteResponse {
  description: string;
  schema?: z.ZodType;
  /** For a body that is not JSON (a CSV download). */
  contentType?: string;
  codes?: readonly string[];
}

export interface RouteSpec<P = unknown, B = unknown, Q = unknown> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
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
  /**
   * Takes `multipart/form-data` with up to `maxFiles` files in the field `field`. The body is read
   * only after the caller is authorised and `admit` (if any) has let the request in, so that a step
   * that will be refused costs neither memory nor disk.
   */
  upload?: {
    field: string;
    maxFiles: number;
    /** The media types a file may declare (others are 400); the document lists them. */
    contentTypes: readonly string[];
    admit?(ctx: AdmissionContext<NoInfer<P>, NoInfer<Q>>): Promise<void>;
  };
  query?: z.ZodType<Q>;
  /** Request headers the route reads, by lower-case name, parsed like the query (`ctx.headers`). */
  headers?: z.ZodType<Record<string, unknown>>;
  responses: Record<number, RouteResponse>;
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

/** The request headers a schema names (by its keys), so that others (cookies, tokens) are never parsed or quoted. */
function pickHeaders(req: Request, schema: z.ZodType): Record<string, string> {
  const names = Object.keys((schema as unknown as { shape?: object }).shape ?? {});
  return Object.fromEntries(
    names.flatMap((name) => (req.header(name) === undefined ? [] : [[name, req.header(name)!]])),
  );
}

export interface MountOptions {
  idempotency: Idempotency;
  uploads: UploadLimits;
}

/** The text fields and files of a multipart request, read once the request has been admitted. */
async function readUpload(
  spec: RouteSpec & { upload: NonNullable<RouteSpec['upload']> },
  req: Request,
  res: Response,
  admission: { ctx: AdmissionContext<unknown, unknown>; retry: () => Promise<boolean> },
  uploads: UploadLimits,
): Promise<{ body: unknown; files: UploadedFile[] }> {
  // A keyed retry is let through whatever the case's state now: its first attempt may have been
  // the step that changed it, and its answer is replayed or completed from the same files.
  if (spec.upload.admit && !(await admission.retry())) await spec.upload.admit(admission.ctx);
  const files = await receiveUploads(req, res, spec.upload, uploads);
  try {
    return { body: parse(spec.body, req.body ?? {}, 'body'), files };
  } catch (e) {
    await discardUploads(files);
    throw e;
  }
}

export function mountRoutes(router: Router, specs: readonly RouteSpec[], { idempotency, uploads }: MountOptions): void {
  for (const spec of specs) {
    router[spec.method](spec.path, async (req: Request, res: Response) => {
      const principal = req.principal!;
      const { params, query, ...parsed } = await authorize(principal, spec, {
        params: () => parse(spec.params, req.params, 'path'),
        query: () => parse(spec.query, req.query, 'query'),
        // A multipart body is read below, once admitted; no upload route is scoped by its body.
        body: () => (spec.upload ? undefined : parse(spec.body, req.body ?? {}, 'body')),
      });
      const headers = spec.headers ? parse(spec.headers, pickHeaders(req, spec.headers), 'header') : {};
      const key = spec.method === 'post' ? requestKey(req, principal) : undefined;
      const admission = {
        ctx: { principal, params, query },
        retry: async () => key !== undefined && (await idempotency.known(key)),
      };
      const { body, files } = spec.upload
        ? await readUpload({ ...spec, upload: spec.upload }, req, res, admission, uploads)
        : { body: parsed.body, files: [] };
      try {
        const ctx = { principal, params, query, body, files, headers, idempotencyKey: key?.scoped, req };
        // A retry must send the same files as well as the same fields.
        const sent = spec.upload ? { fields: req.body, files: files.map((f) => [f.originalname, f.sha256]) } : req.body;
        const result = await idempotency.run(key, requestHash(req, sent), () => spec.handler(ctx));
        res.status(result.status).set(result.headers ?? {});
        if (result.stream) await pipeline(result.stream, res);
        else if (result.body === undefined) res.end();
        else res.json(result.body);
      } finally {
        await discardUploads(files);
      }
    });
  }
}

export { ApiError };
