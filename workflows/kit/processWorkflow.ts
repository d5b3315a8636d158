// A process workflow declared once: how its state begins (or resumes after continue-as-new), its
// view and final statuses, its steps, what it records on opening and what its timer milestones do.
// The same run for every process: build the kit, register the steps, record the opening in the
// case's turn, then run the timeline to its end.
import type { QueryDefinition } from '@temporalio/common';
import type { Policy } from '../../domain';
import type { HumanStep, Milestone } from '../humanStep';
import { processKit, type ProcessKit } from './processKit';
import type { Change, ProcessCore } from './recording';

/** What the parts of a process workflow share: the state, the case's policy and the process kit. */
export interface ProcessCase<S extends ProcessCore, V> {
  state: S;
  policy: Policy;
  kit: ProcessKit<S['status'], V>;
}

export interface ProcessDefinition<I, S extends ProcessCore, V> {
  /** The state of a new case from its input, or the state carried over by continue-as-new. */
  state(input: I): S;
  policy(state: S): Policy;
  view(state: S): V;
  query: QueryDefinition<V>;
  final: readonly S['status'][];
  /** See ProcessSpec.postpone. */
  postpone?(process: ProcessCase<S, V>, step: HumanStep, days: number): void;
  steps(process: ProcessCase<S, V>): void;
  /** Plans the first steps of a new or resumed run and says what to record for it, if anything. */
  open(process: ProcessCase<S, V>, input: I): Omit<Change, 'from'> | undefined;
  onMilestone(process: ProcessCase<S, V>, milestone: Milestone): Promise<void>;
  /** Done at a final status unless said otherwise. */
  isDone?(process: ProcessCase<S, V>): boolean;
}

export function processWorkflow<I, S extends ProcessCore, V>(definition: ProcessDefinition<I, S, V>) {
  return async (input: I): Promise<V> => {
    const state = definition.state(input);
    const { postpone } = definition;
    const kit: ProcessKit<S['status'], V> = processKit(state, {
      view: () => definition.view(state),
      query: definition.query,
      final: definition.final,
      ...(postpone ? { postpone: (step: HumanStep, days: number) => postpone(process, step, days) } : {}),
    });
    const process: ProcessCase<S, V> = { state, policy: definition.policy(state), kit };
    definition.steps(process);
    const opening = definition.open(process, input);
    if (opening) await kit.exclusive(() => kit.note(opening));
    const { isDone } = definition;
    return kit.run((m) => definition.onMilestone(process, m), isDone ? () => isDone(process) : undefined);
  };
}
