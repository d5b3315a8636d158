// Worker logs at WARN, so test output shows failures rather than every state change.
import { DefaultLogger, Runtime } from '@temporalio/worker';

try {
  Runtime.install({ logger: new DefaultLogger('WARN') });
} catch {
  // Installed already by an earlier file in this same process: it has this logger.
}
