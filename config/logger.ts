import { pino, type DestinationStream, type Logger } from 'pino';
import type { Config } from './index';

/** Credentials never reach the logs: request logs would otherwise carry every bearer token. */
const SECRETS = ['req.headers.authorization', 'req.headers.cookie'];

export const createLogger = (
  config: Pick<Config, 'LOG_LEVEL'>,
  name: string,
  destination?: DestinationStream,
): Logger => pino({ name, level: config.LOG_LEVEL, redact: { paths: SECRETS, censor: '[redacted]' } }, destination);
