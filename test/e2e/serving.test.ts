// How the API process serves the console (api/console.ts) and its development sign-in
// (api/routes/devTokens.ts), over real HTTP against a real build of web/.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_DIR } from '../../api/start';
import { ensureConsoleBuilt } from '../../scripts/buildConsole';
import { useApi } from '../support/context';
import { makeUscc } from '../support/fixtures';
import { startTestApi } from '../support/api';

beforeAll(() => ensureConsoleBuilt(() => undefined), 180_000);
const ctx = useApi({ consoleDir: CONSOLE_DIR });
const html = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

async function get(pathname: string, headers: Record<string, string> = html, method = 'GET') {
  const res = await fetch(`${ctx.api.url}${pathname}`, { headers, method });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

describe('the console served by the API process', () => {
  it('serves hashed bundles for a year, immutable', async () => {
    const bundle = (await readdir(path.join(CONSOLE_DIR, 'assets'))).find((f) => f.endsWith('.js'))!;
    const res = await get(`/assets/${bundle}`, { accept: '*/*' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('javascript');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('answers a missing bundle with a JSON 404, never the page', async () => {
    const res = await get('/assets/index-missing.js', html);
    expect(res.status).toBe(404);
    expect(JSON.parse(res.text).error.code).toBe('NOT_FOUND');
  });

  it.each([
    '/',
    '/rectifications/5f0c7c8e-1e7a-4d43-9a49-1c1d0f0f0f0f',
    '/stats?from=2026-01-01',
    '/public/lists',
    '/index.html',
  ])('serves the page, revalidated every time, for a browser opening %s', async (pathname) => {
    const res = await get(pathname);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.text).toContain('<div id="root">');
  });

  it('sends a CSP that works over plain HTTP: own scripts only, no upgrade to HTTPS', async () => {
    const csp = (await get('/')).headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
  });

  it.each([
    ['an API path', '/api/v1/nothing-here', html, 'GET', 401],
    ['a public API path', '/public/v1/lists', html, 'GET', 400],
    ['the API docs', '/docs/nothing', html, 'GET', 200],
    ['the codec', '/codec/nothing', html, 'GET', 401],
    ['a request that does not accept HTML', '/rectifications/x', { accept: 'application/json' }, 'GET', 404],
    ['a request that accepts anything', '/stats', { accept: '*/*' }, 'GET', 404],
    ['a POST', '/stats', html, 'POST', 404],
  ])('does not answer %s with the page', async (_what, pathname, headers, method, status) => {
    const res = await get(pathname, headers, method);
    expect(res.status).toBe(status);
    expect(res.text).not.toContain('<div id="root">');
  });
});

describe('POST /api/v1/dev/tokens', () => {
  const mint = (body: unknown, url = ctx.api.url) =>
    fetch(`${url}/api/v1/dev/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('mints a token the API accepts for the role, user and enterprise asked for', async () => {
    const enterpriseId = makeUscc(31_001);
    const res = await mint({ role: 'business', sub: 'biz-dev', enterpriseId });
    expect(res.status).toBe(200);
    const { token } = (await res.json()) as { token: string };
    const tasks = await ctx.api.call('GET', '/api/v1/tasks', { token });
    expect(tasks.status).toBe(200);
  });

  it.each([
    [{ role: 'business', sub: 'b' }, 'a business without its enterprise'],
    [{ role: 'officer', sub: 'o' }, 'an officer without an agency'],
    [{ role: 'emperor', sub: 'e' }, 'an unknown role'],
    [{ role: 'auditor', sub: 'a', extra: true }, 'an unknown field'],
    [{ role: 'business', sub: 'b', enterpriseId: '123' }, 'an invalid enterprise code'],
  ])('refuses %j (%s) with a 400', async (body, _what) => {
    const res = await mint(body);
    expect(res.status).toBe(400);
  });

  it('is described in the OpenAPI document where it is enabled', async () => {
    const doc = (await (await fetch(`${ctx.api.url}/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(doc.paths['/dev/tokens']).toBeDefined();
  });

  it('does not exist where development sign-in is off (production, or an OIDC issuer)', async () => {
    const off = await startTestApi({
      db: ctx.database.db,
      temporal: ctx.env.client,
      taskQueue: ctx.taskQueue,
      evidenceDir: path.join(CONSOLE_DIR, 'no-evidence-here'),
    });
    try {
      const res = await mint({ role: 'auditor', sub: 'a' }, off.url);
      expect(res.status).toBe(404);
      const doc = (await (await fetch(`${off.url}/openapi.json`)).json()) as { paths: Record<string, unknown> };
      expect(doc.paths['/dev/tokens']).toBeUndefined();
    } finally {
      await off.close();
    }
  });
});
