import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../support/fixtures';

const root = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function embeddedEnv(dataDir: string) {
  const { DATABASE_URL, TEMPORAL_ADDRESS, JWT_SECRET, ...inherited } = process.env;
  return {
    ...inherited,
    DATA_DIR: dataDir,
    PORT: String(await freePort()),
    TEMPORAL_DEV_PORT: String(await freePort()),
    TEMPORAL_UI_PORT: String(await freePort()),
    LOG_LEVEL: 'warn',
  };
}

async function waitUntilReady(base: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}`);
    const ready = await fetch(`${base}/readyz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('service did not become ready');
}

function start(env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: root,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function stop(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGINT');
  return exited;
}

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('npm start on embedded defaults', () => {
  it('serves the API and the console with its own Temporal dev server and PGlite, and keeps data across a restart', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'tempered-start-'));
    dirs.push(dataDir);
    const env = await embeddedEnv(dataDir);
    const base = `http://127.0.0.1:${env.PORT}`;
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', 'scripts/token.ts', '--role', 'officer', '--sub', 'o-1'],
      { cwd: root, env },
    );
    const token = stdout.trim();
    const id = makeUscc(900);

    const first = start(env);
    await waitUntilReady(base, first);
    const created = await fetch(`${base}/api/v1/enterprises`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id, name: '重启测试企业', kind: 'legal_person' }),
    });
    expect(created.status).toBe(201);
    // and the web console at the root, built by npm start when it was missing or stale
    const consolePage = await fetch(`${base}/`, { headers: { accept: 'text/html' } });
    expect(consolePage.status).toBe(200);
    expect(await consolePage.text()).toContain('<div id="root">');
    expect(await stop(first)).toBe(0);
    const temporalGone = await fetch(`http://127.0.0.1:${env.TEMPORAL_UI_PORT}`).then(
      () => false,
      () => true,
    );
    expect(temporalGone).toBe(true);

    const second = start(env);
    try {
      await waitUntilReady(base, second);
      const found = await fetch(`${base}/api/v1/enterprises/${id}`, { headers: { authorization: `Bearer ${token}` } });
      expect(found.status).toBe(200);
      expect(((await found.json()) as { name: string }).name).toBe('重启测试企业');
    } finally {
      await stop(second);
    }
  }, 180_000);
});
