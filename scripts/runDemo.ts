// `npm run demo [-- --url http://host:port]`: the demo data (scripts/demo/). If a service already
// answers at the URL (by default this checkout's, HOST:PORT), seeds it through its API and exits;
// otherwise starts the whole service as `npm start -- --demo` does, seeding it once it is up.
// Refuses with NODE_ENV=production.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { refuseInProduction, seedDemo } from './demo/index';
import { formatDemoReport, signInLines } from './demo/report';

const { values } = parseArgs({ options: { url: { type: 'string' } } });

/** How long a service that answers but is not ready yet (still starting) is waited for. */
const READY_WAIT_MS = 120_000;

/** Whether a service answers at `url` (false when nothing listens there); waits while it is starting (503). */
async function serviceAt(url: string): Promise<boolean> {
  const deadline = Date.now() + READY_WAIT_MS;
  for (;;) {
    const status = await fetch(`${url}/readyz`).then(
      (res) => res.status,
      () => undefined,
    );
    if (status === undefined) return false;
    if (status === 200) return true;
    if (status !== 503) throw new Error(`Something other than Tempered answers at ${url} (/readyz ${status}).`);
    if (Date.now() > deadline) throw new Error(`The service at ${url} answers but is not ready (/readyz 503).`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

try {
  refuseInProduction();
  const config = loadConfig();
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST;
  const url = (values.url ?? `http://${host}:${config.PORT}`).replace(/\/$/, '');
  if (await serviceAt(url)) {
    console.log(`Seeding the demo data into the service at ${url} …`);
    const report = await seedDemo({ baseUrl: url, progress: (line) => console.log(`  ${line}`) });
    console.log(`\n${formatDemoReport(report)}\n\n${signInLines(`${url}/`).join('\n')}`);
    process.exit(report.problems.length > 0 ? 1 : 0);
  } else if (values.url) {
    throw new Error(`Nothing answers at ${url}.`);
  } else {
    process.argv.push('--demo');
    await import('./start');
  }
} catch (e) {
  console.error((e as Error).message);
  process.exit(2);
}
