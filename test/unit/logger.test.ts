import { describe, expect, it } from 'vitest';
import { createLogger } from '../../config/logger';

describe('logs', () => {
  it('never carry a bearer token or a cookie from a request', () => {
    const lines: string[] = [];
    const logger = createLogger({ LOG_LEVEL: 'info' }, 'api', { write: (line: string) => void lines.push(line) });

    logger.info(
      { req: { headers: { authorization: 'Bearer eyJsecret', cookie: 'sid=secret', host: 'x' } } },
      'request',
    );

    expect(lines.join('')).not.toContain('secret');
    expect(JSON.parse(lines[0]!).req.headers).toEqual({ authorization: '[redacted]', cookie: '[redacted]', host: 'x' });
  });
});
