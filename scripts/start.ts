// `npm start`: the whole service in one command on embedded defaults. Starts a file-backed
// Temporal dev server under DATA_DIR (unless TEMPORAL_ADDRESS names a cluster), opens the database
// (PGlite under DATA_DIR unless DATABASE_URL is set), then runs the worker and the API in this
// process, sharing one database handle: PGlite allows a single process, and a second start over
// the same DATA_DIR finds every workflow and row where it left them.
//
// The embedded Temporal server is a child process: if it dies it is restarted (scripts/supervisor.ts;
// the worker and the API reconnect by themselves), and /healthz answers 503 while it is down. Past
// TEMPORAL_DEV_RESTARTS restarts in 10 minutes the service exits 1, for its own supervisor to act.
//
// At a terminal (outside production) it prints a short banner (where to go, how to sign in) and
// readable log lines; JSON lines otherwise. With `--demo` or DEMO=1 (`npm run demo`) it seeds the
// demo data through its own API once it is up (scripts/demo/), which production refuses.
import path from 'node:path';
import { Liveness } from '../api/health';
import { API_BASE } from '../api/openapi';
import { startApi } from '../api/start';
import { loadConfig } from '../config';
import { atTerminal, createLogger, logReadably } from '../config/logger';
import { openConfiguredDatabase } from '../db/open';
import { installRuntimeLogging, startWorker } from '../worker/startWorker';
import { ensureConsoleBuilt } from './buildConsole';
import { startDevServer } from './devServer';
import { supervise } from './supervisor';
import { banner } from './banner';
import { refuseInProduction, seedDemo } from './demo/index';
import { formatDemoReport } from './demo/report';

const demoFlag = process.argv.slice(2).includes('--demo');
try {
  if (demoFlag) refuseInProduction();
} catch (e) {
  console.error((e as Error).message);
  process.exit(2);
}
const config = loadConfig();
const demo = demoFlag || config.DEMO;
const forPeople = atTerminal(config);
if (forPeople) await logReadably();
const logger = createLogger(config, 'start');
installRuntimeLogging(config);
const stops: Array<() => Promise<void>> = [];
const liveness = new Liveness();

async function shutdown(code: number) {
  for (const stop of stops.reverse()) await stop().catch((e) => logger.error({ err: e }, 'stopping failed'));
  process.exit(code);
}

/** The embedded Temporal dev server, restarted when it dies. */
async function embeddedTemporal(): Promise<string> {
  const start = () =>
    startDevServer({
      dataDir: path.join(config.dataDir, 'temporal'),
      port: config.TEMPORAL_DEV_PORT,
      uiPort: config.TEMPORAL_UI_PORT,
      namespace: config.TEMPORAL_NAMESPACE,
      log: (line) => logger.info(line),
    });
  const devServer = await start();
  const supervision = supervise('the Temporal dev server', start, devServer, {
    maxRestarts: config.TEMPORAL_DEV_RESTARTS,
    onDown: (why) => {
      logger.error(why);
      liveness.markDown('temporal', why);
    },
    onUp: () => {
      logger.info('The Temporal dev server is back');
      liveness.markUp('temporal');
    },
    onGiveUp: (why) => {
      logger.fatal(`${why}: giving up`);
      void shutdown(1);
    },
    log: (line) => logger.warn(line),
  });
  stops.push(() => supervision.stop());
  return devServer.uiUrl;
}

try {
  await ensureConsoleBuilt((line) => logger.info(line));
  const temporalUi = config.embeddedTemporal ? await embeddedTemporal() : undefined;
  const database = await openConfiguredDatabase(config);
  stops.push(() => database.close());
  const worker = await startWorker(config, { database });
  stops.push(() => worker.stop());
  const api = await startApi(config, { database, liveness });
  stops.push(() => api.stop());

  logger.info(
    {
      api: `${api.url}${API_BASE}`,
      docs: `${api.url}/docs`,
      openapi: `${api.url}/openapi.json`,
      temporalUi,
      database: database.engine,
    },
    `Tempered is up: API ${api.url}${API_BASE}, docs ${api.url}/docs${temporalUi ? `, Temporal UI ${temporalUi}` : ''}`,
  );
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void shutdown(0));
  // A worker that dies on its own takes the service down with it rather than leaving a mute API.
  worker.done.catch((err) => {
    logger.fatal({ err }, 'worker failed');
    void shutdown(1);
  });
  // After the demo's summary, so that it is what the screen shows last.
  if (demo) await seed(api.url);
  if (forPeople) process.stdout.write(banner({ url: api.url, temporalUi, dataDir: config.dataDir, demo }));
} catch (err) {
  logger.fatal({ err }, 'start-up failed');
  await shutdown(1);
}

/** Seeds the demo data; a failure is told, and the service keeps running. */
async function seed(url: string): Promise<void> {
  logger.info('Seeding the demo data through the API (about half a minute the first time)');
  try {
    const report = await seedDemo({ baseUrl: url, progress: (line) => logger.debug(line) });
    const summary = formatDemoReport(report);
    if (forPeople) process.stdout.write(`\n${summary}\n`);
    else logger.info({ cases: report.cases.length, problems: report.problems }, summary.split('\n')[0]);
    if (report.problems.length > 0) logger.error({ problems: report.problems }, 'The demo data is incomplete');
  } catch (err) {
    logger.error({ err }, 'Seeding the demo data failed');
  }
}
