// What every process's messages share: the actor of a human step, the history and credit-file
// entries every case produces, the opening handshake and the bulk deadline extension.
import { defineUpdate } from '@temporalio/workflow';
import type { CalendarDate } from '../../domain';

/** Who acts: every human step is attributed. `system` for timers. */
export interface Actor {
  sub: string;
  role: string;
}

/** Every step message carries its actor; the API fills it from the verified token. */
export type By<T> = T & { actor: Actor };

/** One line of a case's history (every view carries them): who did what, when, and why. */
export interface HistoryEntry {
  at: string;
  actor: string;
  role: string;
  action: string;
  from: string;
  to: string;
  reason?: string;
}

/** An outcome in the enterprise's credit file (诚信档案), keyed so that a retried write is one entry. */
export interface CreditFileEntry {
  key: string;
  occurredOn: CalendarDate;
  kind: string;
  summary: string;
  details?: unknown;
}

/**
 * Answers with the case's view once its opening is in the read model: what the POST that creates
 * a case waits for, so that a read or a rule check right after it sees the new case.
 */
export const processOpened = defineUpdate<unknown, []>('processOpened');

/**
 * A bulk deadline extension (批量延期) as it reaches one case: put these open steps (their keys in
 * the case's agenda) off by `days` calendar days. `batchId` makes it idempotent: a case applies a
 * batch once, however often it is sent.
 */
export interface DeadlineExtension {
  batchId: string;
  stepKeys: string[];
  days: number;
  reason: string;
}

export interface ExtendedStep {
  key: string;
  step: string;
  from: CalendarDate;
  to: CalendarDate;
}

export interface DeadlineExtensionResult {
  /** False when the case had already applied this batch: nothing changed this time. */
  applied: boolean;
  extended: ExtendedStep[];
  /** Requested steps that are no longer open (done or closed since they were listed). */
  skipped: string[];
}

export const extendDeadlines = defineUpdate<DeadlineExtensionResult, [By<DeadlineExtension>]>('extendDeadlines');
