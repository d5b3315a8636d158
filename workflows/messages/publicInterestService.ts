// Public-interest service in lieu of a fine (公益抵罚) messages, shared by the workflow and the API.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CalendarDate, DueDate, EnforcementMatter, OffsetResult, Policy } from '../../domain';
import type { OpenStep } from '../humanStep';
import type { Actor, By, HistoryEntry } from './common';

export const publicInterestServiceWorkflowId = (id: string) => `offset:${id}`;

/** What the officer offers, checked by the API against the agency's policy on the offer day. */
export interface OffsetOffer {
  id: string;
  enterpriseId: string;
  agency: string;
  matter: EnforcementMatter;
  /** Yuan, at most two decimals. */
  fine: number;
  reason: string;
  offeredBy: Actor;
  policy: Policy;
}

export const OFFSET_STATUSES = ['offered', 'declined', 'in_service', 'completed', 'lapsed'] as const;
export type OffsetStatus = (typeof OFFSET_STATUSES)[number];
/** The statuses a case ends at: its workflow completes, and its last recorded view is its view. */
export const OFFSET_FINAL: readonly OffsetStatus[] = ['declined', 'completed', 'lapsed'];

export interface ServiceSession {
  id: string;
  organisation: string;
  date: CalendarDate;
  hours: number;
  description: string;
  loggedAt: string;
  loggedBy: string;
  status: 'pending' | 'confirmed' | 'rejected';
  confirmation?: { confirmed: boolean; note: string; at: string; by: string };
}

export interface OffsetOutcomeView {
  result: OffsetResult;
  /** Yuan offset by the service; counted as waived in the statistics. */
  offset: number;
  remainingFine: number;
  concludedOn: CalendarDate;
}

export interface OffsetView {
  id: string;
  enterpriseId: string;
  agency: string;
  matterCode: string;
  status: OffsetStatus;
  reason: string;
  fine: number;
  hours: number;
  hoursConfirmed: number;
  yuanPerHour: number;
  offeredOn: CalendarDate;
  acceptanceDue: DueDate;
  deadline: DueDate;
  acceptance?: { accept: boolean; at: string; by: string };
  sessions: ServiceSession[];
  outcome?: OffsetOutcomeView;
  openSteps: OpenStep[];
  nextDueOn?: CalendarDate;
  policyVersion: string;
  history: HistoryEntry[];
}

export const offsetView = defineQuery<OffsetView>('offsetView');
export const answerOffset = defineUpdate<OffsetView, [By<{ accept: boolean }>]>('answerOffset');
export const logServiceSession = defineUpdate<
  OffsetView,
  [By<{ organisation: string; date: CalendarDate; hours: number; description: string }>]
>('logServiceSession');
export const confirmServiceSession = defineUpdate<
  OffsetView,
  [By<{ sessionId: string; confirmed: boolean; note: string }>]
>('confirmServiceSession');
