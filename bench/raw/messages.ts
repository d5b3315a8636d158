// Messages of the raw baseline workflows, shared by the workflows and the benchmark's client.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';

export const touch = defineUpdate<number, [string]>('touch');
/** The same, but the handler runs one activity first (a reference point, not a target). */
export const touchRecorded = defineUpdate<number, [string]>('touchRecorded');
/** The same with a local activity: run inside the workflow task, no activity task of its own. */
export const touchRecordedLocally = defineUpdate<number, [string]>('touchRecordedLocally');
export const touches = defineQuery<number>('touches');
export const finish = defineSignal('finish');
