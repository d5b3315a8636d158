// Finds schemathesis, the property-based API fuzzer that test/api/fuzz.test.ts runs against
// `/openapi.json`. Resolution order:
//   1. SCHEMATHESIS_PATH: an executable schemathesis CLI (`st` or `schemathesis` of one's own
//      install); a set-but-unusable path is an error, never silently skipped;
//   2. the project-local virtual environment `<repo>/.tools/schemathesis` (git-ignored), installed
//      from PyPI on first use (see pypiTools.ts). SCHEMATHESIS_NO_INSTALL=1 turns the install off.
// Unlike the Temporal binaries, a `schemathesis` on PATH is not taken: what a seed generates
// depends on the version, and the fuzz test's seed is meant to reproduce the same requests.
import path from 'node:path';
import {
  hasCurrentStamp,
  installDirOf,
  installFromPypi,
  isTruthyFlag,
  manualInstallCommand,
  REPO_ROOT,
  venvPython,
  whyNotExecutable,
  type PypiInstallSpec,
} from './pypiTools';

// The newest 4.x on PyPI when pinned. Its CLI options, JSON report and fuzz dictionaries are what
// the fuzz test uses; changing the pin reinstalls .tools/schemathesis on the next run.
export const SCHEMATHESIS_PYPI_PACKAGE = 'schemathesis==4.32.5';

export const SCHEMATHESIS_INSTALL: PypiInstallSpec = {
  name: 'schemathesis',
  packages: [SCHEMATHESIS_PYPI_PACKAGE],
  layout: 'venv',
  size: 'about 70 MB',
};

export interface ResolvedSchemathesis {
  /** Executable to spawn, followed by `args` and then the CLI's own arguments (`run ...`). */
  command: string;
  args: string[];
  /** Where it came from, for logs: "SCHEMATHESIS_PATH" or ".tools/schemathesis, schemathesis==...". */
  origin: string;
}

export interface ResolveSchemathesisOptions {
  /** Environment to read (SCHEMATHESIS_PATH, SCHEMATHESIS_NO_INSTALL, PATH for python). Default: process.env. */
  env?: NodeJS.ProcessEnv;
  /** Repository root holding `.tools/`. Default: this repository. */
  rootDir?: string;
  /** Allow installing into .tools/schemathesis. Default: unless env SCHEMATHESIS_NO_INSTALL is set. */
  allowInstall?: boolean;
  /** Progress lines (the first install takes a little while). Default: stderr. */
  log?: (line: string) => void;
}

export class SchemathesisNotFoundError extends Error {
  override name = 'SchemathesisNotFoundError';
}

/** One line for logs: the command and where it came from. */
export function describeSchemathesis(s: ResolvedSchemathesis): string {
  return `${[s.command, ...s.args].join(' ')} (${s.origin})`;
}

async function isCompleteInstall(dir: string): Promise<boolean> {
  return (
    (await hasCurrentStamp(dir, SCHEMATHESIS_INSTALL.packages)) &&
    (await whyNotExecutable(venvPython(dir))) === undefined
  );
}

export async function resolveSchemathesis(opts: ResolveSchemathesisOptions = {}): Promise<ResolvedSchemathesis> {
  const env = opts.env ?? process.env;
  const rootDir = opts.rootDir ?? REPO_ROOT;
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const allowInstall = opts.allowInstall ?? !isTruthyFlag(env.SCHEMATHESIS_NO_INSTALL);

  const explicit = env.SCHEMATHESIS_PATH?.trim();
  if (explicit) {
    const file = path.resolve(explicit);
    const problem = await whyNotExecutable(file);
    if (problem !== undefined) {
      throw new SchemathesisNotFoundError(
        `SCHEMATHESIS_PATH is set to "${explicit}", but ${file} ${problem}. ` +
          'Point it at a schemathesis executable, or unset it to let the project install its own.',
      );
    }
    return { command: file, args: [], origin: 'SCHEMATHESIS_PATH' };
  }

  const dir = installDirOf(SCHEMATHESIS_INSTALL, rootDir);
  const shown = path.relative(rootDir, dir) || dir;
  const local = (note = '') => ({
    command: venvPython(dir),
    args: ['-m', 'schemathesis.cli'],
    origin: `${shown}, ${SCHEMATHESIS_PYPI_PACKAGE}${note}`,
  });
  if (await isCompleteInstall(dir)) return local();

  let problem: string;
  if (allowInstall) {
    try {
      await installFromPypi(SCHEMATHESIS_INSTALL, { rootDir, env, log, isComplete: isCompleteInstall });
      if (await isCompleteInstall(dir)) return local(', installed just now');
      problem = `pip finished but ${venvPython(dir)} is missing`;
    } catch (err) {
      problem = (err as Error).message;
    }
  } else {
    problem = 'not installed, and installing is disabled (SCHEMATHESIS_NO_INSTALL)';
  }
  throw new SchemathesisNotFoundError(
    [
      `Could not find schemathesis (${SCHEMATHESIS_PYPI_PACKAGE}). ${shown}: ${problem}`,
      'Fix one of:',
      `  - make Python 3 with pip available (the project then installs ${SCHEMATHESIS_PYPI_PACKAGE} into ${shown} itself)`,
      `  - or install it by hand: ${manualInstallCommand(SCHEMATHESIS_INSTALL, shown)}`,
      '  - set SCHEMATHESIS_PATH=/absolute/path/to/st (a schemathesis 4.x CLI)',
    ].join('\n'),
  );
}
