// The Temporal server a benchmark runs against, started in its temp directory on free ports: the
// file-backed dev server (the default, nearest a production cluster), or the Java test server with
// time skipping, for a benchmark that must move the clock to an instant months ahead (bench:storm).
import net from 'node:net';
import path from 'node:path';
import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { startDevServer } from '../../scripts/devServer';
import { resolveTestServer } from '../../scripts/temporalBinaries';
import { searchAttributeKeys } from '../../workflows/searchAttributes';

export type TemporalServerKind = 'dev' | 'time-skipping';

export interface TemporalServer {
  address: string;
  /** What the server's command line contains, to find its pid (several servers may run on the machine). */
  pidNeedle: string;
  /** Time skipping only: the SDK's environment, with `sleep` (skips time) and `currentTimeMs`. */
  timeSkipping?: TestWorkflowEnvironment;
  stop(): Promise<unknown>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function startTemporalServer(kind: TemporalServerKind, dir: string): Promise<TemporalServer> {
  if (kind === 'time-skipping') {
    const { executable, path: binary } = await resolveTestServer();
    const port = await freePort();
    const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable, port } });
    // It refuses upserts of search attributes it does not know and takes no flag to declare them.
    await env.connection.operatorService.addSearchAttributes({
      namespace: 'default',
      searchAttributes: Object.fromEntries(
        searchAttributeKeys.map((key) => [key.name, encodeSearchAttributeIndexedValueType(key.type)!]),
      ),
    });
    return {
      address: env.address,
      // The test server is started as `<binary> <port>`; /proc/<pid>/cmdline separates them with NUL.
      pidNeedle: `${binary ?? 'temporal-test-server'}\0${port}`,
      timeSkipping: env,
      stop: () => env.teardown(),
    };
  }
  // A file-backed dev server of our own. SQLite in its default mode syncs the disk on every commit,
  // which caps this machine at about 27 workflow starts a second and would make Temporal's
  // persistence the bottleneck of every figure; WAL with synchronous=normal (still a file, durable
  // across a process crash) is nearer a production cluster. BENCH_SQLITE_PRAGMAS='' for the CLI's
  // defaults.
  const pragmas = (process.env.BENCH_SQLITE_PRAGMAS ?? 'journal_mode=wal synchronous=normal').split(' ');
  const dataDir = path.join(dir, 'temporal');
  const devServer = await startDevServer({
    dataDir,
    port: await freePort(),
    uiPort: await freePort(),
    namespace: 'default',
    extraArgs: ['--headless', ...pragmas.filter(Boolean).flatMap((p) => ['--sqlite-pragma', p])],
  });
  return { address: devServer.address, pidNeedle: dataDir, stop: () => devServer.stop() };
}
