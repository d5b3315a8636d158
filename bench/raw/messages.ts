// Messages of the raw baseline workflows, shared by the workflows and the benchmark's client.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';

export const touch = defineUpdate<number, [string]>('touch');
/** The same, but the handler runs one activity first (a reference point, not a target). */
export const touchRecorded = defineUpdate<number, [string]>('touchRecorded');
/** The same with a local activity: run inside the workflow task, no activity task of its own. */
export const touchRecordedLocally = defineUpdate<number, [string]>('touchRecordedLocally');
export const touches = defineQuery<number>('touches');
export const finish = defineSignal('finish');

/** What the hand-written equivalent of a rectification order carries (bench/raw/handwritten.ts). */
export interface HandwrittenOrder {
  enterpriseId: string;
  agency: string;
  matterCode: string;
  findings: string;
  requiredActions: string[];
  dueOn: string;
}

/** The case as the hand-written workflow answers it: the row it just wrote to the read model. */
export interface HandwrittenView extends HandwrittenOrder {
  id: string;
  status: string;
  version: number;
}

/** Opens the case (sent with its start: Update-with-Start). */
export const openHandwritten = defineUpdate<HandwrittenView, [{ actor: string }]>('openHandwritten');
/** The officer's review: one human step. */
export const reviewHandwritten = defineUpdate<
  HandwrittenView,
  [{ actor: string; decision: 'accepted' | 'rejected'; reasons: string }]
>('reviewHandwritten');
