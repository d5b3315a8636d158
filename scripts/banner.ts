// What `npm start` tells a person at a terminal once the service is up: where to go and how to get
// in, in a few lines, before the log lines take over. Not printed to a pipe or in production,
// where the JSON log line "Tempered is up" says the same to machines.
import path from 'node:path';
import { signInLines } from './demo/report';

export interface BannerFacts {
  /** The API's origin, e.g. http://127.0.0.1:3000. */
  url: string;
  temporalUi?: string;
  dataDir: string;
  /** Whether the demo data is being seeded (its users are then named). */
  demo: boolean;
}

export function banner({ url, temporalUi, dataDir, demo }: BannerFacts): string {
  const relative = path.relative(process.cwd(), dataDir);
  const rows: Array<[string, string]> = [
    ['Console', `${url}/`],
    ['API docs', `${url}/docs`],
    ['Temporal UI', temporalUi ?? 'not embedded (TEMPORAL_ADDRESS is set)'],
    ['Data folder', relative && !relative.startsWith('..') ? `./${relative}` : dataDir],
  ];
  const signIn = demo
    ? signInLines(`${url}/`)
    : [
        `Sign in at ${url}/sign-in: pick a role, type a user name and the agency (e.g. EXAMPLE-PANJIN) or a credit code.`,
        'Nothing to look at yet? Stop with Ctrl+C and run `npm run demo` for two agencies, twenty enterprises and their cases.',
      ];
  return [
    '',
    '  Tempered is up',
    ...rows.map(([label, value]) => `  ${label.padEnd(12)} ${value}`),
    '',
    ...signIn.map((line) => `  ${line}`),
    '  Stop with Ctrl+C.',
    '',
  ].join('\n');
}
