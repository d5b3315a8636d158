// The OpenAPI document says what the API accepts (test/api/fuzz.test.ts holds the two to each
// other); here, the parts of it a client relies on by name, and 405 for a method a path lacks.
import { request } from 'node:http';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApi } from '../support/context';
import { makeUscc } from '../support/fixtures';

const ctx = useApi();

type Operation = {
  parameters: Array<{ name: string; in: string; schema: Record<string, unknown>; style?: string }>;
  responses: Record<string, { content?: Record<string, { schema: { allOf?: unknown[] } }>; links?: object }>;
};
let paths: Record<string, Record<string, Operation>>;
beforeAll(async () => {
  paths = (await ctx.api.call('GET', '/openapi.json')).body.paths;
});

const operations = () =>
  Object.entries(paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method, op })),
  );

/** Any method, TRACE included (which fetch refuses to send). */
function send(method: string, path: string): Promise<{ status: number; allow?: string; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(`${ctx.api.url}${path}`, { method }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () =>
        resolve({ status: res.statusCode!, allow: res.headers.allow, body: text && JSON.parse(text) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('methods a path does not have', () => {
  it.each([
    ['TRACE', '/api/v1/audit', 'GET, HEAD, OPTIONS'],
    ['DELETE', '/api/v1/enterprises', 'POST, OPTIONS'],
    ['PATCH', `/api/v1/enterprises/${makeUscc(3601)}`, 'GET, HEAD, OPTIONS'],
    ['PUT', '/healthz', 'GET, HEAD, OPTIONS'],
  ])('answers %s %s with 405 and Allow: %s, without asking for a token', async (method, path, allow) => {
    const res = await send(method, path);

    expect(res.status).toBe(405);
    expect(res.allow).toBe(allow);
    expect(res.body).toEqual({ error: { code: 'METHOD_NOT_ALLOWED', message: expect.any(String) } });
  });

  it('answers OPTIONS with the methods a path has', async () => {
    const res = await send('OPTIONS', '/api/v1/catalog/matters/MS-001');

    expect(res.status).toBe(204);
    expect(res.allow).toBe('GET, PUT, HEAD, OPTIONS');
  });
});

describe('the OpenAPI document', () => {
  it('states the Idempotency-Key header (1 to 200 printable ASCII characters) on every POST', () => {
    const posts = operations().filter((o) => o.method === 'post');

    expect(posts.length).toBeGreaterThan(10);
    for (const { op } of posts) {
      expect(op.parameters).toContainEqual(
        expect.objectContaining({
          name: 'Idempotency-Key',
          in: 'header',
          schema: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[\\x21-\\x7e]{1,200}$' },
        }),
      );
    }
  });

  it('describes an enterprise id in a path as a unified social credit code, its check character included', () => {
    const id = paths['/enterprises/{id}']!.get!.parameters.find((p) => p.name === 'id')!;

    expect(id.schema).toMatchObject({ format: 'uscc', pattern: expect.stringContaining('[0-9A-HJ-NPQRTUWXY]') });
    expect(id.schema.description).toMatch(/check character/);
  });

  it('says that /stats takes both ends of its range or neither', () => {
    const [range] = paths['/stats']!.get!.parameters;

    expect(range).toMatchObject({
      in: 'query',
      style: 'form',
      explode: true,
      schema: { dependentRequired: { from: ['to'], to: ['from'] } },
    });
  });

  it('lists the error codes of every error response, in the shared error shape', () => {
    for (const { path, method, op } of operations()) {
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) < 400) continue;
        const [shared, codes] = response.content!['application/json']!.schema.allOf ?? [];
        expect(shared, `${method} ${path} ${status}`).toEqual({ $ref: '#/components/schemas/Error' });
        expect(codes, `${method} ${path} ${status}`).toMatchObject({
          properties: { error: { properties: { code: { enum: expect.arrayContaining([expect.any(String)]) } } } },
        });
      }
    }
  });

  it.each([
    [
      '/observation-periods',
      ['getObservationPeriodsId', 'postObservationPeriodsIdConsent', 'postObservationPeriodsIdTermination'],
    ],
    ['/rectifications', ['getRectificationsId', 'postRectificationsIdEvidence', 'postRectificationsIdFollowUp']],
    [
      '/penalty-records',
      ['getPenaltyRecordsId', 'postPenaltyRecordsIdRepairApplications', 'postPenaltyRecordsIdRevocation'],
    ],
    ['/enterprises', ['getEnterprisesId', 'getEnterprisesIdProcesses', 'getEnterprisesIdCreditFile']],
  ])('links POST %s to the operations on what it created', (path, targets) => {
    const links = paths[path]!.post!.responses['201']!.links as Record<string, { parameters: object }>;

    for (const target of targets) {
      expect(links[target]).toEqual({ operationId: target, parameters: { id: '$response.body#/id' } });
    }
  });
});
