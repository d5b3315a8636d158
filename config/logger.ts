import { pino, type Logger } from 'pino';
import type { Config } from './index';

export const createLogger = (config: Pick<Config, 'LOG_LEVEL'>, name: string): Logger =>
  pino({ name, level: config.LOG_LEVEL });
