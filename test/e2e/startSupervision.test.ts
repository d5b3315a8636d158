// `npm start` when its embedded Temporal server dies: /healthz says so while it is down, the server
// is restarted and the service works again; past TEMPORAL_DEV_RESTARTS restarts in ten minutes the
// service exits 1 rather than stay up unable to work.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { signToken } from '../../api/auth';
import { makeUscc } from '../support/fixtures';
import { childService, freePort, waitFor } from '../support/processes';

const JWT_SECRET = 'start-supervision-test-secret-0123456789';
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

/** The pid of the Temporal dev server `parent` runs (`temporal server start-dev`), from /proc. */
async function devServerOf(parent: number): Promise<number | undefined> {
  for (const pid of (await readdir('/proc')).filter((name) => /^\d+$/.test(name))) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    // The fields after the command name (which may hold spaces) start with the state, then the ppid.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const command = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (ppid === parent && command.includes('start-dev')) return Number(pid);
  }
  return undefined;
}

describe('npm start supervising its Temporal dev server', () => {
  it('reports the dead server on /healthz, restarts it and works again, and exits 1 once restarts run out', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'tempered-supervision-'));
    dirs.push(dataDir);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const service = childService({
      name: 'npm start',
      entry: 'scripts/start.ts',
      env: {
        DATA_DIR: dataDir,
        PORT: String(port),
        TEMPORAL_DEV_PORT: String(await freePort()),
        TEMPORAL_UI_PORT: String(await freePort()),
        TEMPORAL_ADDRESS: '',
        DATABASE_URL: '',
        JWT_SECRET,
        TEMPORAL_DEV_RESTARTS: '1',
        LOG_LEVEL: 'warn',
      },
      isReady: async () => (await fetch(`${base}/readyz`)).status === 200,
      readyTimeoutMs: 150_000,
    });
    const status = (url: string) => fetch(url).then((r) => r.status);
    const token = await signToken(new TextEncoder().encode(JWT_SECRET), {
      sub: 'officer-sv',
      role: 'officer',
      agency: 'SAMR-HZ',
    });
    const post = (route: string, body: unknown) =>
      fetch(`${base}/api/v1${route}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then((r) => r.status);
    await service.start();
    try {
      const temporal = await devServerOf(service.pid!);
      expect(temporal).toBeDefined();

      // When the Temporal server is killed
      process.kill(temporal!, 'SIGKILL');

      // Then /healthz says the service is not alive until a new server is up, and the API works again
      expect(
        await waitFor('/healthz to answer 503', async () => (await status(`${base}/healthz`)) === 503, {
          intervalMs: 50,
        }),
      ).toBe(true);
      await waitFor(
        '/healthz and /readyz to answer 200',
        async () => (await status(`${base}/healthz`)) === 200 && (await status(`${base}/readyz`)) === 200,
      );
      const restarted = await devServerOf(service.pid!);
      expect(restarted).toBeDefined();
      expect(restarted).not.toBe(temporal);
      const enterpriseId = makeUscc(3501);
      expect(await post('/enterprises', { id: enterpriseId, name: '重启企业', kind: 'legal_person' })).toBe(201);
      expect(
        await post('/rectifications', {
          enterpriseId,
          matterCode: 'MS-001',
          disposition: 'order_only',
          findings: '未亮照经营',
          requiredActions: ['亮照经营'],
        }),
      ).toBe(201);

      // And when it dies again within ten minutes, with one restart allowed, the service exits 1
      process.kill(restarted!, 'SIGKILL');
      await service.exited();
      expect(service.exitCode, service.output()).toBe(1);
    } finally {
      await service.kill();
    }
  }, 300_000);
});
