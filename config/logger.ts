import { pino, type DestinationStream, type Logger } from 'pino';
import type { Config } from './index';

/** Credentials never reach the logs: request logs would otherwise carry every bearer token. */
const SECRETS = ['req.headers.authorization', 'req.headers.cookie'];

/** Where this process's loggers write unless told otherwise: stdout (JSON lines), or a terminal's readable lines. */
let processDestination: DestinationStream | undefined;

export const createLogger = (
  config: Pick<Config, 'LOG_LEVEL'>,
  name: string,
  destination?: DestinationStream,
): Logger =>
  pino(
    { name, level: config.LOG_LEVEL, redact: { paths: SECRETS, censor: '[redacted]' } },
    destination ?? processDestination,
  );

/** A person reads stdout: a terminal, outside production (where log collectors read JSON whatever stdout is). */
export const atTerminal = (config: Pick<Config, 'NODE_ENV'>, stdout: { isTTY?: boolean } = process.stdout): boolean =>
  Boolean(stdout.isTTY) && config.NODE_ENV !== 'production';

/**
 * For `npm start` at a terminal: every logger created afterwards writes readable lines (pino-pretty,
 * a development dependency) instead of JSON, a request as one line. Answers whether it could: not
 * where development dependencies are not installed, which keeps JSON.
 */
export async function logReadably(): Promise<boolean> {
  const pretty = await import('pino-pretty').catch(() => undefined);
  if (!pretty) return false;
  processDestination = pretty.default({
    colorize: true,
    sync: true,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,req,res,responseTime,sdkComponent,taskQueue',
    messageFormat: (log, messageKey) => {
      const { req, res, responseTime } = log as {
        req?: { method: string; url: string };
        res?: { statusCode: number };
        responseTime?: number;
      };
      return req && res
        ? `${req.method} ${req.url} ${res.statusCode} ${responseTime ?? '?'} ms`
        : String(log[messageKey] ?? '');
    },
  });
  return true;
}
