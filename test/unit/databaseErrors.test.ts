// Which database errors mean "unreachable, retry later" (503) rather than a bug (500): checked
// against the errors pg and pg-pool really raise, on sockets of the test's own.
import net from 'node:net';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../../db/errors';

/** What `fn` throws. */
async function thrown(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}

describe('isDatabaseUnavailable', () => {
  let closedPort: number;
  let silent: net.Server;
  let silentPort: number;
  let hangUp: net.Server;
  let hangUpPort: number;
  const held = new Set<net.Socket>();
  beforeAll(async () => {
    const listen = (server: net.Server) =>
      new Promise<number>((resolve) =>
        server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)),
      );
    const probe = net.createServer();
    closedPort = await listen(probe);
    await new Promise((resolve) => probe.close(resolve));
    // Accepts connections and never answers: a dead host, as far as the client can tell.
    silent = net.createServer((socket) => held.add(socket));
    silentPort = await listen(silent);
    // Accepts connections and drops them at once.
    hangUp = net.createServer((socket) => socket.destroy());
    hangUpPort = await listen(hangUp);
  });
  afterAll(async () => {
    for (const socket of held) socket.destroy();
    await Promise.all([silent, hangUp].map((s) => new Promise((resolve) => s.close(resolve))));
  });

  it('recognises a refused connection', async () => {
    const pool = new pg.Pool({ host: '127.0.0.1', port: closedPort, connectionTimeoutMillis: 1_000 });
    const error = await thrown(() => pool.query('select 1'));
    await pool.end();

    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it('recognises a connection that is never answered, once the pool gives up', async () => {
    const pool = new pg.Pool({ host: '127.0.0.1', port: silentPort, connectionTimeoutMillis: 300 });
    const error = await thrown(() => pool.query('select 1'));
    await pool.end().catch(() => undefined);

    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it('recognises a connection the server drops', async () => {
    const client = new pg.Client({ host: '127.0.0.1', port: hangUpPort });
    client.on('error', () => undefined);
    const error = await thrown(() => client.connect());

    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it('looks through the query error drizzle wraps around the cause', () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

    expect(isDatabaseUnavailable(new DrizzleQueryError('select 1', [], cause))).toBe(true);
  });

  it('recognises Postgres saying it is shutting down or full', () => {
    for (const code of ['57P01', '57P03', '53300', '08006']) {
      expect(isDatabaseUnavailable(Object.assign(new Error('server says no'), { code }))).toBe(true);
    }
  });

  it('leaves every other error alone: those are bugs or refusals, not outages', () => {
    const uniqueViolation = Object.assign(new Error('duplicate key value violates unique constraint'), {
      code: '23505',
    });

    expect(isDatabaseUnavailable(uniqueViolation)).toBe(false);
    expect(isDatabaseUnavailable(new DrizzleQueryError('insert ...', [], uniqueViolation))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError('x is undefined'))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });
});
