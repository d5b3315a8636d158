// Resolution of the schemathesis CLI, with real (tiny) executables in temporary directories. Every
// call gets its own `env` and `scratch.rootDir`; nothing installs from PyPI (PATH never contains a python).
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PYPI_STAMP_FILE, stampContent, venvPython } from '../../scripts/pypiTools';
import {
  resolveSchemathesis,
  SCHEMATHESIS_INSTALL,
  SchemathesisNotFoundError,
  type ResolveSchemathesisOptions,
} from '../../scripts/schemathesis';
import { fakeExecutable, useScratchDirs } from '../support/scratch';

const scratch = useScratchDirs('tempered-schemathesis-');
const executable = fakeExecutable;

/** A finished `.tools/schemathesis` virtual environment under scratch.rootDir, as the installer leaves it. */
async function localInstall(stamp = stampContent(SCHEMATHESIS_INSTALL.packages)): Promise<string> {
  const dir = path.join(scratch.rootDir, '.tools', 'schemathesis');
  await executable(venvPython(dir));
  await writeFile(path.join(dir, PYPI_STAMP_FILE), stamp);
  return dir;
}

function options(env: NodeJS.ProcessEnv, extra: Partial<ResolveSchemathesisOptions> = {}): ResolveSchemathesisOptions {
  return { env, rootDir: scratch.rootDir, allowInstall: false, log: () => undefined, ...extra };
}

describe('resolveSchemathesis', () => {
  it('prefers SCHEMATHESIS_PATH over the local install', async () => {
    const explicit = await executable(path.join(scratch.work, 'bin', 'st'));
    await localInstall();

    const resolved = await resolveSchemathesis(options({ SCHEMATHESIS_PATH: explicit }));

    expect(resolved).toEqual({ command: explicit, args: [], origin: 'SCHEMATHESIS_PATH' });
  });

  it('fails clearly when SCHEMATHESIS_PATH points at nothing, even with a local install', async () => {
    await localInstall();

    const attempt = resolveSchemathesis(options({ SCHEMATHESIS_PATH: path.join(scratch.work, 'nope', 'st') }));

    await expect(attempt).rejects.toBeInstanceOf(SchemathesisNotFoundError);
    await expect(attempt).rejects.toThrow(/SCHEMATHESIS_PATH is set to ".*nope\/st", but .* does not exist/);
  });

  it('runs the local virtual environment as python -m schemathesis.cli', async () => {
    const dir = await localInstall();

    const resolved = await resolveSchemathesis(options({ PATH: scratch.emptyDir }));

    expect(resolved.command).toBe(venvPython(dir));
    expect(resolved.args).toEqual(['-m', 'schemathesis.cli']);
    expect(resolved.origin).toContain('schemathesis==');
  });

  it('does not take a local install made with another pin', async () => {
    await localInstall('schemathesis==3.0.0\n');

    const attempt = resolveSchemathesis(options({ PATH: scratch.emptyDir }));

    await expect(attempt).rejects.toThrow(/installing is disabled \(SCHEMATHESIS_NO_INSTALL\)/);
  });

  it('reports a failed install (no python on PATH) with the ways out', async () => {
    const lines: string[] = [];

    const attempt = resolveSchemathesis(
      options({ PATH: scratch.emptyDir }, { allowInstall: true, log: (line) => lines.push(line) }),
    );

    await expect(attempt).rejects.toThrow(/python3: not found[\s\S]*python: not found[\s\S]*SCHEMATHESIS_PATH=/);
    expect(lines.join('\n')).toContain('Installing schemathesis==');
  });

  it('reads SCHEMATHESIS_NO_INSTALL from the given env by default', async () => {
    const attempt = resolveSchemathesis({
      env: { PATH: scratch.emptyDir, SCHEMATHESIS_NO_INSTALL: '1' },
      rootDir: scratch.rootDir,
    });

    await expect(attempt).rejects.toThrow(/installing is disabled/);
  });
});
