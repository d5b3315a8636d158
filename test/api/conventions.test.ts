import { describe, expect, it } from 'vitest';
import { makeUscc } from '../support/fixtures';
import { useApi } from '../support/context';

const ctx = useApi();
const officer = { sub: 'officer-1', role: 'officer', agency: 'SAMR-HZ' } as const;

describe('HTTP conventions', () => {
  it('answers malformed JSON with 400 MALFORMED_JSON in the error shape', async () => {
    const res = await ctx.api.call('POST', '/api/v1/enterprises', {
      token: await ctx.api.token(officer),
      rawBody: '{"id": "91350100M000100Y43", "name": ',
    });

    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: { code: 'MALFORMED_JSON', message: expect.any(String) } });
  });

  it('answers a body over 1 MB with 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await ctx.api.call('POST', '/api/v1/enterprises', {
      token: await ctx.api.token(officer),
      body: { id: makeUscc(300), name: 'x'.repeat(1_100_000), kind: 'legal_person' },
    });

    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers an unknown route with 404 NOT_FOUND in the error shape', async () => {
    const res = await ctx.api.call('GET', '/api/v1/no-such-thing', { token: await ctx.api.token(officer) });

    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });

  it('is ready when Temporal and the database answer, without a token', async () => {
    const ready = await ctx.api.call('GET', '/readyz');
    const healthy = await ctx.api.call('GET', '/api/v1/healthz');

    expect(ready.status).toBe(200);
    expect(ready.body.checks).toEqual([
      { name: 'database', ok: true },
      { name: 'temporal', ok: true },
    ]);
    expect(healthy.status).toBe(200);
  });

  it('exposes Prometheus metrics including request durations by route', async () => {
    await ctx.api.call('GET', `/api/v1/enterprises/${makeUscc(301)}`, { token: await ctx.api.token(officer) });

    const res = await ctx.api.call('GET', '/metrics');

    expect(res.status).toBe(200);
    expect(res.body).toContain(
      'http_request_duration_seconds_count{method="GET",route="/enterprises/:id",status="404"}',
    );
  });

  it('describes every route in an OpenAPI 3.1 document generated from the validating schemas', async () => {
    const res = await ctx.api.call('GET', '/openapi.json');

    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/enterprises', '/enterprises/{id}', '/readyz']),
    );
    const register = res.body.paths['/enterprises'].post;
    expect(register.requestBody.content['application/json'].schema.required).toEqual(['id', 'name', 'kind']);
    expect(register.responses['201']).toBeDefined();
  });

  it('serves human-readable API docs', async () => {
    const res = await ctx.api.call('GET', '/docs/');

    expect(res.status).toBe(200);
    expect(res.body).toContain('swagger-ui');
  });

  it('tags every response with a request id, echoing the caller’s', async () => {
    const res = await ctx.api.call('GET', '/healthz', { headers: { 'X-Request-Id': 'trace-123' } });

    expect(res.headers.get('x-request-id')).toBe('trace-123');
  });
});
