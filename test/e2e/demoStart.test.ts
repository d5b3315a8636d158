// `DEMO=1 npm start` at a terminal, as a newcomer runs it: the real entry point on embedded defaults
// (its own Temporal dev server and PGlite in a fresh data folder) under a pseudo-terminal
// (util-linux `script`), stopped with Ctrl+C as a person would. What it prints is what they see.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ENTERPRISES } from '../../scripts/demo/cast';
import { DEMO_PROCESSES } from '../../scripts/demo/index';
import { freePort, REPO_ROOT, waitFor } from '../support/processes';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

/** What a terminal shows: colours and carriage returns removed. */
const plain = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '').replace(/\r/g, '');

describe('npm start with the demo, at a terminal', () => {
  it('seeds the demo data, prints readable log lines and then the banner with the users to sign in as, and stops on Ctrl+C', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'tempered-demo-start-'));
    dirs.push(dataDir);
    const [port, temporalPort, uiPort] = [await freePort(), await freePort(), await freePort()];
    const base = `http://127.0.0.1:${port}`;
    const { DATABASE_URL, TEMPORAL_ADDRESS, JWT_SECRET, ...inherited } = process.env;
    // `exec`: the service is the terminal's foreground process itself, whatever shell `script` runs
    // (dash, CI's /bin/sh without SHELL, would otherwise die of the Ctrl+C itself: exit 130).
    const command = `exec ${process.execPath} --import tsx scripts/start.ts`;
    const terminal = spawn('script', ['-qefc', command, '/dev/null'], {
      cwd: REPO_ROOT,
      env: {
        ...inherited,
        DATA_DIR: dataDir,
        PORT: String(port),
        TEMPORAL_DEV_PORT: String(temporalPort),
        TEMPORAL_UI_PORT: String(uiPort),
        LOG_LEVEL: 'info',
        DEMO: '1',
      },
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    terminal.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    terminal.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => terminal.once('exit', (code) => resolve(code)));
    try {
      // When it is up and has seeded the demo
      const banner = /^ {2}Tempered is up$/m;
      await waitFor('the banner', async () => banner.test(plain(output)), { timeoutMs: 240_000 });
      const shown = plain(output);

      // Then the terminal shows readable lines, never JSON
      expect(shown).toMatch(/^\[\d\d:\d\d:\d\d\] INFO \(api\): POST \/api\/v1\/rectifications 201 \d+ ms$/m);
      expect(shown).not.toMatch(/^\{"level"/m);
      // the demo's summary, then the banner: where to go and whom to sign in as
      expect(shown.indexOf('Demo data at')).toBeLessThan(shown.search(banner));
      const cases = DEMO_PROCESSES.reduce((n, p) => n + p.scenarios.length, 0);
      expect(cases).toBe(40);
      expect(shown).toContain(`${cases} cases (${cases} opened now`);
      for (const line of [
        `Console      ${base}/`,
        `API docs     ${base}/docs`,
        `Temporal UI  http://127.0.0.1:${uiPort}`,
      ])
        expect(shown).toContain(line);
      expect(shown).toContain(`Data folder  ${dataDir}`);
      expect(shown).toMatch(/officer +demo-officer-panjin +agency EXAMPLE-PANJIN/);

      // and the service holds the demo's cases
      const { token } = (await (
        await fetch(`${base}/api/v1/dev/tokens`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ role: 'admin', sub: 'checker' }),
        })
      ).json()) as { token: string };
      const listed = await fetch(`${base}/api/v1/enterprises/${ENTERPRISES.dawa.id}/processes`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(((await listed.json()) as { processes: Array<{ status: string }> }).processes).toEqual([
        expect.objectContaining({ status: 'closed' }),
      ]);

      // When a person presses Ctrl+C, then it stops cleanly
      terminal.stdin.write('\x03');
      expect(await Promise.race([exited, new Promise((r) => setTimeout(() => r('still running'), 30_000))])).toBe(0);
    } finally {
      if (terminal.exitCode === null && terminal.pid) process.kill(-terminal.pid, 'SIGKILL');
    }
  }, 300_000);
});
