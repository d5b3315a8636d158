// `npm run api`: the HTTP API alone, for deployments that scale it apart from the worker.
import { loadConfig } from '../config';
import { startApi } from './start';

const api = await startApi(loadConfig());
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void api.stop());
