// Objections (异议申诉) to credit-file entries: what the API files and asks, what the workflow shows.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CalendarDate, DueDate, ObjectionDecision, Policy, ProcessType } from '../../domain';
import type { OpenStep } from '../humanStep';
import type { Actor, By, HistoryEntry } from './common';
import type { EvidenceFile } from './rectification';

export type ObjectionStatus = 'pending' | ObjectionDecision;
/** The statuses a case ends at: its workflow completes, and its last recorded view is its view. */
export const OBJECTION_FINAL: readonly ObjectionStatus[] = ['upheld', 'corrected', 'removed'];

/** The disputed entry as it stood when the objection was filed. */
export interface DisputedEntry {
  key: string;
  kind: string;
  summary: string;
  occurredOn: CalendarDate;
  processType: ProcessType;
  processId: string;
}

export interface ObjectionFiling {
  id: string;
  enterpriseId: string;
  /** The agency of the case that wrote the entry, if any. */
  agency?: string;
  entry: DisputedEntry;
  reasons: string;
  files: EvidenceFile[];
  filedBy: Actor;
  policy: Policy;
}

export interface ObjectionDecisionRecord {
  decision: ObjectionDecision;
  reasons: string;
  /** The entry's text before the decision, kept whatever the outcome. */
  oldText: string;
  correctedText?: string;
  decidedBy: string;
  decidedOn: CalendarDate;
}

export interface ObjectionView {
  id: string;
  enterpriseId: string;
  agency?: string;
  status: ObjectionStatus;
  entry: DisputedEntry;
  reasons: string;
  files: EvidenceFile[];
  filedBy: string;
  filedOn: CalendarDate;
  dueOn: DueDate;
  decision?: ObjectionDecisionRecord;
  openSteps: OpenStep[];
  nextDueOn?: CalendarDate;
  history: HistoryEntry[];
  policyVersion: string;
}

export const objectionWorkflowId = (entryKey: string): string => `objection:${entryKey}`;

export const objectionView = defineQuery<ObjectionView>('objectionView');
export const decideObjection = defineUpdate<
  ObjectionView,
  [By<{ decision: ObjectionDecision; reasons: string; correctedText?: string }>]
>('decideObjection');
