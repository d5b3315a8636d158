import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { describe, expect, inject, it } from 'vitest';
import { ENCRYPTED_ENCODING } from '../../config/payloadCodec';
import { historiesDir } from '../support/histories';
import { testDataConverter } from '../support/payloadCodec';

const files = (await readdir(historiesDir)).filter((f) => f.endsWith('.json')).sort();

describe('replay of recorded histories', () => {
  it('covers every workflow type', () => {
    const types = new Set(files.map((f) => f.replace(/-[0-9a-f]+\.json$/, '')));

    expect([...types].sort()).toEqual(['observationPeriod', 'penaltyRecord', 'rectification']);
  });

  it('covers histories recorded with encrypted payloads beside the plaintext ones from before', async () => {
    const encoding = Buffer.from(ENCRYPTED_ENCODING).toString('base64');
    const texts = await Promise.all(files.map((f) => readFile(path.join(historiesDir, f), 'utf8')));

    expect(texts.some((t) => t.includes(encoding))).toBe(true);
    expect(texts.some((t) => !t.includes(encoding))).toBe(true);
  });

  // Today's workflow code must make the same decisions as the code that wrote each history, or
  // cases already running in production would fail on their next step: guard changes with patched().
  it.each(files)('replays %s without nondeterminism', async (file) => {
    const history = historyFromJSON(JSON.parse(await readFile(path.join(historiesDir, file), 'utf8')));
    const code = await readFile(inject('workflowBundlePath'), 'utf8');

    // The test key decodes the histories recorded encrypted; older plaintext ones pass through the codec.
    await expect(
      Worker.runReplayHistory({ workflowBundle: { code }, dataConverter: testDataConverter }, history, file),
    ).resolves.toBeUndefined();
  });
});
