// The replay gate: every recorded history (test/histories/) replays against today's workflow code,
// and every branch of every patch is covered by at least one of them. Cases run for months, so a
// change that would make a running case decide differently must be guarded with patched(), and
// this test is what catches the change that was not. How histories are recorded and retired:
// docs/testing.md ("The replay gate").
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { describe, expect, inject, it } from 'vitest';
import { ENCRYPTED_ENCODING } from '../../config/payloadCodec';
import { historiesDir, loadHistories, patchesIn, patchesInSource } from '../support/histories';
import { testDataConverter } from '../support/payloadCodec';

const histories = await loadHistories();
const typeOf = (file: string) => file.replace(/-[0-9a-f]+\.json$/, '');
/** Workflows outside the process kit (graded supervision's timers, a document's service, a sync entry's delivery): the kit's patches never reach them. */
const OUTSIDE_THE_KIT = new Set([
  'supervisionListCalendar',
  'whitelistExpiry',
  'creditSync',
  'documentService',
  'notificationDelivery',
]);
/** Process workflows first deployed after the kit's patches: no run of theirs can take an old branch. */
const BORN_PATCHED = new Set(['objection', 'publicInterestService']);

describe('replay of recorded histories', () => {
  it('covers every workflow type', () => {
    expect([...new Set(histories.map((h) => typeOf(h.file)))].sort()).toEqual([
      'creditSync',
      'documentService',
      'notificationDelivery',
      'objection',
      'observationPeriod',
      'penaltyRecord',
      'publicInterestService',
      'rectification',
      'supervisionListCalendar',
      'whitelistExpiry',
    ]);
  });

  it('covers histories recorded with encrypted payloads beside the plaintext ones from before', async () => {
    const encoding = Buffer.from(ENCRYPTED_ENCODING).toString('base64');
    const texts = await Promise.all(histories.map((h) => readFile(path.join(historiesDir, h.file), 'utf8')));

    expect(texts.some((t) => t.includes(encoding))).toBe(true);
    expect(texts.some((t) => !t.includes(encoding))).toBe(true);
  });

  // A patch every run reaches (the process kit's) has its old branch in the histories recorded
  // before it, its new branch in those recorded after; a patch only some paths reach (proving a
  // correction) at least has its new branch covered, its old one by the histories from before it.
  it('covers both branches of every patch, for every workflow type the patch applies to', async () => {
    const source = await patchesInSource();
    const uncovered: string[] = [];
    for (const { id, everyRun } of source) {
      for (const type of new Set(histories.map((h) => typeOf(h.file)).filter((t) => !OUTSIDE_THE_KIT.has(t)))) {
        const ofType = histories.filter((h) => typeOf(h.file) === type);
        const withPatch = ofType.filter((h) => patchesIn(h.history).has(id)).length;
        if (everyRun && withPatch === 0) uncovered.push(`${type}: no history takes the new branch of ${id}`);
        if (everyRun && withPatch === ofType.length && !BORN_PATCHED.has(type))
          uncovered.push(`${type}: no history takes the old branch of ${id}`);
      }
      if (!histories.some((h) => patchesIn(h.history).has(id)))
        uncovered.push(`no history takes the new branch of ${id}`);
    }

    expect(uncovered).toEqual([]);
  });

  // One replaying worker for all of them: starting a worker per history cost most of the gate's time.
  it(`replays all ${histories.length} histories without nondeterminism`, async () => {
    const code = await readFile(inject('workflowBundlePath'), 'utf8');
    const failures: string[] = [];

    // The test key decodes the histories recorded encrypted; older plaintext ones pass through the codec.
    const results = Worker.runReplayHistories(
      { workflowBundle: { code }, dataConverter: testDataConverter },
      histories.map(({ file, history }) => ({ workflowId: file, history })),
    );
    for await (const result of results) if (result.error) failures.push(`${result.workflowId}: ${result.error}`);

    expect(failures).toEqual([]);
  });
});
