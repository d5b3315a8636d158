// The Temporal runtime of the reliability tests' own in-process workers: SDK warnings only, and
// the native core's logs from ERROR up, since these tests take servers away on purpose and the
// core warns about every retried call meanwhile.
import { DefaultLogger, Runtime } from '@temporalio/worker';

try {
  Runtime.install({
    logger: new DefaultLogger('WARN'),
    telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' }, forward: {} } },
  });
} catch {
  // Installed already by an earlier file in this same process: it has this configuration.
}
