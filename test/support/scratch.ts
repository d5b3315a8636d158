// Throwaway directories for tests of how tools are found: a fresh repository root and an empty
// directory (for PATH) per test, and tiny executables to put in them.
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';

export function useScratchDirs(prefix: string): { work: string; rootDir: string; emptyDir: string } {
  const dirs = { work: '', rootDir: '', emptyDir: '' };
  beforeEach(async () => {
    dirs.work = await mkdtemp(path.join(tmpdir(), prefix));
    dirs.rootDir = path.join(dirs.work, 'repo');
    dirs.emptyDir = path.join(dirs.work, 'empty');
    await mkdir(dirs.rootDir, { recursive: true });
    await mkdir(dirs.emptyDir, { recursive: true });
  });
  afterEach(async () => {
    await rm(dirs.work, { recursive: true, force: true });
  });
  return dirs;
}

/** A shell script at `file` that prints "fake", executable unless `mode` says otherwise. */
export async function fakeExecutable(file: string, mode = 0o755): Promise<string> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, '#!/bin/sh\necho fake\n');
  await chmod(file, mode);
  return file;
}
