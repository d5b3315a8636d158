// The demo's only way into the service: its public HTTP API, as a console or another agency's system
// would call it. Tokens come from the development sign-in (`POST /dev/tokens`), which a production
// service does not have, so the demo cannot seed one even if pointed at it.
//
// Every POST carries an Idempotency-Key derived from the scenario and the step, so a second run is
// answered from the stored first answers and changes nothing. A key sent again with another body
// (the demo's dates follow today, so a run on a later day sends other dates) is refused with
// IDEMPOTENCY_KEY_REUSED: for the demo that means "done on an earlier run", not a failure.
import type { Role } from '../../domain';

/** Who acts: the claims of a development token. */
export interface Person {
  role: Role;
  sub: string;
  agency?: string;
  enterpriseId?: string;
}

/** A step's outcome: done now (or replayed from the stored first answer), or done on an earlier day. */
export type Sent<T> = { done: 'now'; status: number; body: T } | { done: 'earlier' };

export interface EvidenceFile {
  name: string;
  type: string;
  bytes: Uint8Array;
}

/** A refusal or failure the service answered with, as its error body says. */
export class ServiceError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(`${status} ${code}: ${message}`);
  }
}

/** Waits that bound the demo: a busy service is retried, never waited on forever. */
const RETRIES = 20;
const RETRY_PAUSE_MS = 500;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class DemoClient {
  private readonly tokens = new Map<string, Promise<string>>();

  constructor(readonly baseUrl: string) {}

  /** GET under /api/v1, as `person`. */
  async get<T>(path: string, as: Person): Promise<T> {
    const { status, body } = await this.send('GET', path, as);
    if (status >= 300) throw errorOf(status, body);
    return body as T;
  }

  /** GET that answers undefined for a 404 (check-before-create). */
  async find<T>(path: string, as: Person): Promise<T | undefined> {
    const { status, body } = await this.send('GET', path, as);
    if (status === 404) return undefined;
    if (status >= 300) throw errorOf(status, body);
    return body as T;
  }

  /** PUT a JSON body (a new version of something: the caller checks before it puts). */
  async put<T>(path: string, body: unknown, as: Person): Promise<T> {
    const answer = await this.send('PUT', path, as, { body: JSON.stringify(body), contentType: 'application/json' });
    if (answer.status >= 300) throw errorOf(answer.status, answer.body);
    return answer.body as T;
  }

  /** POST a JSON body under an Idempotency-Key. */
  post<T>(path: string, body: unknown, as: Person, key: string): Promise<Sent<T>> {
    return this.keyed(path, as, key, { body: JSON.stringify(body), contentType: 'application/json' });
  }

  /** POST a multipart evidence round (description and files) under an Idempotency-Key. */
  upload<T>(path: string, description: string, files: EvidenceFile[], as: Person, key: string): Promise<Sent<T>> {
    return this.multipart(path, { description }, files, as, key);
  }

  /** POST a multipart body (text fields and files) under an Idempotency-Key. */
  multipart<T>(
    path: string,
    fields: Record<string, string>,
    files: EvidenceFile[],
    as: Person,
    key: string,
  ): Promise<Sent<T>> {
    const form = () => {
      const data = new FormData();
      for (const [name, value] of Object.entries(fields)) data.append(name, value);
      for (const f of files) data.append('files', new Blob([f.bytes], { type: f.type }), f.name);
      return data;
    };
    return this.keyed(path, as, key, { form });
  }

  /** A bearer token for `person` from the development sign-in. */
  token(person: Person): Promise<string> {
    const id = JSON.stringify([person.role, person.sub, person.agency, person.enterpriseId]);
    let token = this.tokens.get(id);
    if (!token) {
      token = this.mint(person);
      token.catch(() => this.tokens.delete(id));
      this.tokens.set(id, token);
    }
    return token;
  }

  private async mint(person: Person): Promise<string> {
    const res = await this.retrying(() =>
      fetch(`${this.baseUrl}/api/v1/dev/tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(person),
      }),
    );
    const body = await bodyOf(res);
    if (res.status === 404)
      throw new Error(
        `${this.baseUrl} has no development sign-in (NODE_ENV=production or OIDC_ISSUER set): the demo seeds development services only.`,
      );
    if (res.status !== 200) throw errorOf(res.status, body);
    return (body as { token: string }).token;
  }

  private async keyed<T>(
    path: string,
    as: Person,
    key: string,
    payload: { body?: string; contentType?: string; form?: () => FormData },
  ): Promise<Sent<T>> {
    for (let attempt = 0; ; attempt++) {
      const { status, body } = await this.send('POST', path, as, { ...payload, key });
      const code = (body as { error?: { code?: string } } | undefined)?.error?.code;
      if (status < 300) return { done: 'now', status, body: body as T };
      if (status === 409 && code === 'IDEMPOTENCY_KEY_REUSED') return { done: 'earlier' };
      // Another demo run holds the key right now: its answer will be stored in a moment.
      if (status === 409 && code === 'IDEMPOTENCY_IN_PROGRESS' && attempt < RETRIES) {
        await pause(RETRY_PAUSE_MS);
        continue;
      }
      throw errorOf(status, body);
    }
  }

  private async send(
    method: string,
    path: string,
    as: Person,
    payload: { body?: string; contentType?: string; form?: () => FormData; key?: string } = {},
  ): Promise<{ status: number; body: unknown }> {
    const headers: Record<string, string> = { authorization: `Bearer ${await this.token(as)}` };
    if (payload.contentType) headers['content-type'] = payload.contentType;
    if (payload.key) headers['idempotency-key'] = payload.key;
    const res = await this.retrying(() =>
      fetch(`${this.baseUrl}/api/v1${path}`, { method, headers, body: payload.form?.() ?? payload.body }),
    );
    return { status: res.status, body: await bodyOf(res) };
  }

  /** Retries what the service asks to be retried: 429 (after its Retry-After) and 503. */
  private async retrying(request: () => Promise<Response>): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      const res = await request();
      if ((res.status !== 429 && res.status !== 503) || attempt >= RETRIES) return res;
      await res.arrayBuffer();
      const after = Number(res.headers.get('retry-after'));
      await pause(Number.isFinite(after) && after > 0 ? Math.min(after, 30) * 1000 : RETRY_PAUSE_MS);
    }
  }
}

async function bodyOf(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!(res.headers.get('content-type') ?? '').includes('json') || text === '') return text;
  return JSON.parse(text) as unknown;
}

function errorOf(status: number, body: unknown): ServiceError {
  const error = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
  return new ServiceError(status, error?.code ?? 'UNEXPECTED', error?.message ?? String(body).slice(0, 200));
}
