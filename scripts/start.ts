// `npm start`: the whole service in one command on embedded defaults. Starts a file-backed
// Temporal dev server under DATA_DIR (unless TEMPORAL_ADDRESS names a cluster), opens the database
// (PGlite under DATA_DIR unless DATABASE_URL is set), then runs the worker and the API in this
// process, sharing one database handle: PGlite allows a single process, and a second start over
// the same DATA_DIR finds every workflow and row where it left them.
import path from 'node:path';
import { startApi } from '../api/start';
import { installRuntimeLogging, startWorker } from '../activities/startWorker';
import { loadConfig } from '../config';
import { createLogger } from '../config/logger';
import { openConfiguredDatabase } from '../db/open';
import { API_BASE } from '../api/openapi';
import { ensureConsoleBuilt } from './buildConsole';
import { startDevServer } from './devServer';

const config = loadConfig();
const logger = createLogger(config, 'start');
installRuntimeLogging(config);
const stops: Array<() => Promise<void>> = [];

async function shutdown(code: number) {
  for (const stop of stops.reverse()) await stop().catch((e) => logger.error({ err: e }, 'stopping failed'));
  process.exit(code);
}

try {
  await ensureConsoleBuilt((line) => logger.info(line));
  let temporalUi: string | undefined;
  if (config.embeddedTemporal) {
    const devServer = await startDevServer({
      dataDir: path.join(config.dataDir, 'temporal'),
      port: config.TEMPORAL_DEV_PORT,
      uiPort: config.TEMPORAL_UI_PORT,
      namespace: config.TEMPORAL_NAMESPACE,
      log: (line) => logger.info(line),
    });
    stops.push(() => devServer.stop());
    temporalUi = devServer.uiUrl;
  }
  const database = await openConfiguredDatabase(config);
  stops.push(() => database.close());
  const worker = await startWorker(config, { database });
  stops.push(() => worker.stop());
  const api = await startApi(config, { database });
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
} catch (err) {
  logger.fatal({ err }, 'start-up failed');
  await shutdown(1);
}
