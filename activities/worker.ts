// `npm run worker`: the Temporal worker alone, for deployments that scale it apart from the API.
import { loadConfig } from '../config';
import { startWorker } from './startWorker';

const worker = await startWorker(loadConfig());
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void worker.stop());
await worker.done;
