// What every process's messages share: the actor of a human step, and the opening handshake.
import { defineUpdate } from '@temporalio/workflow';

/** Who acts: every human step is attributed. `system` for timers. */
export interface Actor {
  sub: string;
  role: string;
}

/** Every step message carries its actor; the API fills it from the verified token. */
export type By<T> = T & { actor: Actor };

/**
 * Answers with the case's view once its opening is in the read model: what the POST that creates
 * a case waits for, so that a read or a rule check right after it sees the new case.
 */
export const processOpened = defineUpdate<unknown, []>('processOpened');
