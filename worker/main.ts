// `npm run worker`: the Temporal worker alone, for deployments that scale it apart from the API.
import { loadConfig } from '../config';
import { installRuntimeLogging, startWorker } from './startWorker';

const config = loadConfig();
installRuntimeLogging(config);
const worker = await startWorker(config);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void worker.stop());
await worker.done;
