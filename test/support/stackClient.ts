// An HTTP client of the service as the reliability tests start it, behaving as a careful client
// behind a load balancer would: one attempt per call, or a keyed POST retried with the same
// Idempotency-Key until it gets an answer, each retry going to the next API process (a dead one is
// thus passed over, as a balancer's health check would).
import { sleep } from './processes';

export interface ApiResponse {
  status: number;
  body: any;
}

export interface RequestOptions {
  token: string;
  /** JSON body. */
  body?: unknown;
  /** Multipart body instead (evidence upload). */
  form?: () => FormData;
  idempotencyKey?: string;
  /** Per attempt; default 60 s. */
  timeoutMs?: number;
  /** Which API process to ask (first), by index; default the first. */
  via?: number;
}

/** What happened to one request across its attempts. */
export interface Outcome extends ApiResponse {
  attempts: number;
  /** Why earlier attempts did not count: "network: ...", "503 DEPENDENCY_UNAVAILABLE", ... */
  retried: string[];
  /** The index of the API process that gave the answer. */
  answeredBy: number;
}

export interface StackClient {
  /** One attempt; network failures and timeouts come back as status 0. */
  call(method: string, pathname: string, options: RequestOptions): Promise<ApiResponse>;
  /**
   * A POST retried with the same Idempotency-Key until it gets an answer that is not a failure on
   * the service's side: network errors, timeouts, 5xx and 409 IDEMPOTENCY_IN_PROGRESS are retried.
   */
  send(pathname: string, options: RequestOptions & { idempotencyKey: string }, deadlineMs?: number): Promise<Outcome>;
}

/** A client of the API processes at `urls`. */
export function stackClient(urls: readonly string[]): StackClient {
  const call: StackClient['call'] = async (method, pathname, opts) => {
    const headers: Record<string, string> = { authorization: `Bearer ${opts.token}` };
    if (opts.idempotencyKey) headers['idempotency-key'] = opts.idempotencyKey;
    let body: string | FormData | undefined;
    if (opts.form) body = opts.form();
    else if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] = 'application/json';
    }
    try {
      const res = await fetch(`${urls[(opts.via ?? 0) % urls.length]}${pathname}`, {
        method,
        headers,
        body,
        signal: AbortSignal.timeout(opts.timeoutMs ?? 60_000),
      });
      const text = await res.text();
      const json = (res.headers.get('content-type') ?? '').includes('json') && text !== '';
      return { status: res.status, body: json ? JSON.parse(text) : text };
    } catch (e) {
      const cause = (e as Error).cause as Error | undefined;
      return { status: 0, body: `${(e as Error).message}${cause ? `: ${cause.message}` : ''}` };
    }
  };

  const send: StackClient['send'] = async (pathname, opts, deadlineMs = 240_000) => {
    const deadline = Date.now() + deadlineMs;
    const retried: string[] = [];
    const first = opts.via ?? 0;
    for (let attempt = 1; ; attempt++) {
      const via = (first + attempt - 1) % urls.length;
      const res = await call('POST', pathname, { ...opts, via });
      const code: string | undefined = res.body?.error?.code;
      const retry = res.status === 0 || res.status >= 500 || code === 'IDEMPOTENCY_IN_PROGRESS';
      if (!retry) return { ...res, attempts: attempt, retried, answeredBy: via };
      retried.push(res.status === 0 ? `network: ${res.body}` : `${res.status} ${code ?? ''}`.trim());
      if (Date.now() > deadline) {
        throw new Error(`POST ${pathname} (key ${opts.idempotencyKey}) got no answer in time: ${retried.join('; ')}`);
      }
      await sleep(Math.min(250 * attempt, 2_000));
    }
  };

  return { call, send };
}
