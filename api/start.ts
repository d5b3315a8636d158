// Brings the API up on the configured port, with its own database handle unless given one.
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DirectoryEvidenceStore } from './evidenceStore';
import { todayInShanghai } from '../domain';
import { Client, Connection } from '@temporalio/client';
import type { DestinationStream } from 'pino';
import type { Config } from '../config';
import { createLogger } from '../config/logger';
import { loadPayloadCodec, logPayloadKeys } from '../config/payloadCodec';
import { dataConverterOf, temporalConnectionOptions } from '../config/temporal';
import type { DatabaseHandle } from '../db/client';
import { openConfiguredDatabase } from '../db/open';
import { createApp } from './app';
import { configuredIdentity } from './auth';
import type { Liveness } from './health';
import { ensureSupervisionListCalendar } from './services/supervisionCalendar';

/** Where the console's build lives (web/dist, see docs/console.md). */
export const CONSOLE_DIR = path.resolve(import.meta.dirname, '../web/dist');

export interface RunningApi {
  url: string;
  stop(): Promise<void>;
}

/** `database`: a handle the caller keeps (and closes); `logDestination`: where logs go instead of stdout; `liveness`: what `npm start` supervises. */
export async function startApi(
  config: Config,
  shared?: { database?: DatabaseHandle; logDestination?: DestinationStream; liveness?: Liveness },
): Promise<RunningApi> {
  const logger = createLogger(config, 'api', shared?.logDestination);
  const database = shared?.database ?? (await openConfiguredDatabase(config));
  const payloadCodec = await loadPayloadCodec(config);
  logPayloadKeys(logger, payloadCodec, config);
  const connection = await Connection.connect(temporalConnectionOptions(config));
  const temporal = new Client({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    dataConverter: dataConverterOf(payloadCodec.codec),
  });
  // Not awaited: the API serves while Temporal is still coming up; a failure is only logged.
  ensureSupervisionListCalendar(temporal, config.TEMPORAL_TASK_QUEUE).catch((err: unknown) =>
    logger.warn({ err }, 'could not start the graded lists calendar; it starts with the next API process'),
  );
  const evidence = new DirectoryEvidenceStore(path.join(config.dataDir, 'evidence'));
  const documents = new DirectoryEvidenceStore(path.join(config.dataDir, 'documents'));
  const today = async () => todayInShanghai(new Date());
  const identity = await configuredIdentity(config, logger);
  await identity.verifier.prepare?.();
  const app = createApp({
    config,
    db: database.db,
    temporal,
    evidence,
    documents,
    today,
    ...identity,
    logger,
    codecEndpoint: { codec: payloadCodec.codec, corsOrigins: config.codecCorsOrigins },
    liveness: shared?.liveness,
    consoleDir: CONSOLE_DIR,
    devTokens: config.developmentTokens,
  });
  if (!existsSync(path.join(CONSOLE_DIR, 'index.html')))
    logger.warn(`The web console is not built (${CONSOLE_DIR}); build it with \`npm run build:console\`.`);
  const server = app.listen(config.PORT, config.HOST);
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.HOST}:${port}`;
  logger.info({ url }, 'API listening');
  return {
    url,
    async stop() {
      await new Promise((resolve) => server.close(resolve));
      await connection.close();
      if (!shared?.database) await database.close();
    },
  };
}
