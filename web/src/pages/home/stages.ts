// The stages a business sees on each of its cases, and where a status stands among them. Only
// presentation: the statuses are the API's, and so is every rule about moving between them.
import type { ProcessType } from '../../vocabulary';

export interface StageView {
  /** Keys under `stages.<processType>.` in the message files. */
  stages: readonly string[];
  current: number;
  state: 'process' | 'finish' | 'error' | 'wait';
}

const STAGES: Record<ProcessType, readonly string[]> = {
  rectification: ['ordered', 'evidence', 'review', 'followUp', 'closed'],
  observation_period: ['consent', 'observing', 'conclusion', 'outcome'],
  penalty_record: ['published', 'eligible', 'application', 'repaired'],
  offset: ['offered', 'service', 'outcome'],
};

const POSITION: Record<ProcessType, Record<string, [number, StageView['state']]>> = {
  rectification: {
    awaiting_legal_review: [0, 'process'],
    awaiting_commitment: [0, 'process'],
    awaiting_evidence: [1, 'process'],
    overdue: [1, 'error'],
    under_review: [2, 'process'],
    follow_up: [3, 'process'],
    closed: [4, 'finish'],
    escalated: [4, 'error'],
  },
  observation_period: {
    pending_consent: [0, 'process'],
    active: [1, 'process'],
    awaiting_conclusion: [2, 'process'],
    passed: [3, 'finish'],
    escalated: [3, 'error'],
    declined: [0, 'wait'],
    terminated: [3, 'wait'],
  },
  penalty_record: {
    not_published: [0, 'wait'],
    published: [0, 'process'],
    repair_eligible: [1, 'process'],
    application_pending: [2, 'process'],
    under_review: [2, 'process'],
    repaired: [3, 'finish'],
    expired: [3, 'finish'],
    revoked: [0, 'error'],
  },
  offset: {
    offered: [0, 'process'],
    declined: [0, 'wait'],
    in_service: [1, 'process'],
    completed: [2, 'finish'],
    lapsed: [2, 'error'],
  },
};

export function stageOf(processType: ProcessType, status: string): StageView {
  const [current, state] = POSITION[processType][status] ?? [0, 'process'];
  return { stages: STAGES[processType], current, state };
}
