import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { describe, expect, inject, it } from 'vitest';
import { historiesDir } from '../support/histories';

const files = (await readdir(historiesDir)).filter((f) => f.endsWith('.json')).sort();

describe('replay of recorded histories', () => {
  it('covers every workflow type', () => {
    const types = new Set(files.map((f) => f.replace(/-[0-9a-f]+\.json$/, '')));

    expect([...types].sort()).toEqual(['observationPeriod', 'penaltyRecord', 'rectification']);
  });

  // Today's workflow code must make the same decisions as the code that wrote each history, or
  // cases already running in production would fail on their next step: guard changes with patched().
  it.each(files)('replays %s without nondeterminism', async (file) => {
    const history = historyFromJSON(JSON.parse(await readFile(path.join(historiesDir, file), 'utf8')));
    const code = await readFile(inject('workflowBundlePath'), 'utf8');

    await expect(Worker.runReplayHistory({ workflowBundle: { code } }, history, file)).resolves.toBeUndefined();
  });
});
