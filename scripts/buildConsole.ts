// Builds the web console (web/ → web/dist) when there is no build or a source is newer than it:
// `npm start` calls it, so a fresh clone shows the console with no other step, and an edited
// console is rebuilt on the next start. `npm run build:console` builds unconditionally.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';

export const WEB_DIR = path.resolve(import.meta.dirname, '../web');
const BUILT = path.join(WEB_DIR, 'dist', 'index.html');
/** What the build reads: the sources, the page, the build configuration, the dependencies declared. */
const SOURCES = ['src', 'index.html', 'vite.config.ts', 'package.json', 'public'];

async function newestChange(entry: string): Promise<number> {
  if (!existsSync(entry)) return 0;
  const info = await stat(entry);
  if (!info.isDirectory()) return info.mtimeMs;
  const children = await readdir(entry);
  const times = await Promise.all(children.map((child) => newestChange(path.join(entry, child))));
  return Math.max(info.mtimeMs, ...times);
}

/** Whether web/dist is missing or older than any of its sources. */
export async function consoleIsStale(): Promise<boolean> {
  if (!existsSync(BUILT)) return true;
  const built = (await stat(BUILT)).mtimeMs;
  const sources = await Promise.all(SOURCES.map((s) => newestChange(path.join(WEB_DIR, s))));
  return Math.max(...sources) > built;
}

/** Runs Vite's production build of the console (about half a minute on two cores). */
export async function buildConsole(): Promise<void> {
  const vitePackage = createRequire(path.join(WEB_DIR, 'package.json')).resolve('vite/package.json');
  const vite = path.join(path.dirname(vitePackage), 'bin', 'vite.js');
  await promisify(execFile)(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: WEB_DIR,
    // Whatever the caller runs under (vitest sets NODE_ENV=test), the console is a production build.
    env: { ...process.env, NODE_ENV: 'production' },
    maxBuffer: 16 * 1024 * 1024,
  });
}

export async function ensureConsoleBuilt(log: (message: string) => void): Promise<void> {
  if (!(await consoleIsStale())) return;
  log('Building the web console (web/dist is missing or older than its sources)...');
  await buildConsole();
}

if (import.meta.url === `file://${process.argv[1]}`) await buildConsole();
