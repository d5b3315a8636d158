// The process kit: what every process workflow builds on its state. It registers the view query,
// the opening handshake and the bulk deadline extension, and gives the process its verbs: `step`
// registers a human step, `move` changes the status and records why, `note` records without
// moving, `run` runs the case's timeline to its end. Steps, timer milestones and signals of a case
// take turns (./oneStepAtATime.ts), so no step can act on a state another is still changing.
import type { QueryDefinition, SignalDefinition, UpdateDefinition } from '@temporalio/common';
import { allHandlersFinished, condition, continueAsNew, patched, setHandler, workflowInfo } from '@temporalio/workflow';
import { closeSteps, postponeStep, runAgenda, type HumanStep, type Milestone } from '../humanStep';
import { extendDeadlines, processOpened } from '../messages';
import { applyDeadlineExtension } from './deadlineExtensions';
import { atOnce, turns, undoneOnFailure, type Exclusive } from './oneStepAtATime';
import { record, type Change, type ProcessCore } from './recording';
import { invalidState } from './refusals';

export interface ProcessSpec<S extends string, V> {
  view: () => V;
  query: QueryDefinition<V>;
  final: readonly S[];
  /**
   * Puts an open step off by `days` calendar days, with whatever of the process's own dates follow
   * from it (a rectification's deadline moves with its evidence step). By default only the step moves.
   */
  postpone?: (step: HumanStep, days: number) => void;
}

export function processKit<S extends string, V>(core: ProcessCore & { status: S }, spec: ProcessSpec<S, V>) {
  const { view, final } = spec;
  // Runs that started before steps took turns replay as they ran: every handler at once.
  const exclusive: Exclusive = patched('steps-take-turns') ? turns() : atOnce;
  const takingTurns = exclusive !== atOnce;

  /** Moves to `to` (a final status closes every open step) and records it; returns the new view. */
  async function move(to: S, change: Omit<Change, 'from'>): Promise<V> {
    const from = core.status;
    core.status = to;
    if (final.includes(to)) closeSteps(core.agenda);
    await record(core, view, { ...change, from });
    return view();
  }

  /** Records a change that leaves the status as it is (a reminder, a measure, an extension request). */
  const note = (change: Omit<Change, 'from'>): Promise<V> => move(core.status, change);

  /**
   * Registers a human step. `guard` runs synchronously before anything enters history and refuses
   * an illegal step by throwing (it must never be async: the SDK would ignore its rejection). When
   * the step's turn comes, `guard` runs again against the state as earlier steps left it, then
   * `act` applies the step; a failed `act` leaves the state as it was. Changing a guard is
   * therefore a change to running logic: patch it.
   */
  function step<Args extends [unknown], Result>(
    update: UpdateDefinition<Result, Args>,
    guard: (...args: NoInfer<Args>) => void,
    act: (...args: NoInfer<Args>) => Promise<Result>,
  ): void {
    const handler = takingTurns
      ? (...args: Args) =>
          exclusive(() => {
            guard(...args);
            return undoneOnFailure(core, () => act(...args));
          })
      : act;
    setHandler(update, handler, { validator: guard });
  }

  /** Registers a signal from another workflow; it takes its turn like a step. */
  function signal<Args extends unknown[]>(definition: SignalDefinition<Args>, act: (...args: Args) => Promise<void>) {
    setHandler(definition, takingTurns ? (...args: Args) => exclusive(() => act(...args)) : act);
  }

  setHandler(spec.query, view);
  setHandler(processOpened, async () => {
    // Answer once the read model holds the case, so that a rule check right after the POST (首违不罚
    // reads earlier violations there) sees it. Runs opened before this answered on recording.
    const untilProjected = patched('opening-waits-for-read-model');
    await condition(() => (untilProjected ? (core.projectedVersion ?? 0) > 0 : core.version > 0));
    return view();
  });
  const postpone = spec.postpone ?? ((s: HumanStep, days: number) => void postponeStep(core.agenda, s, days));
  step(
    extendDeadlines,
    () =>
      void (
        final.includes(core.status) && invalidState(`The case is ${core.status}; it has no deadlines left to extend.`)
      ),
    (extension) => applyDeadlineExtension(core, postpone, note, extension),
  );

  return {
    is: (...statuses: readonly S[]) => statuses.includes(core.status),
    /** Refuses with 409 INVALID_STATE unless `ok`; for guards. */
    require: (ok: boolean, message: string) => ok || invalidState(message),
    move,
    note,
    step,
    signal,
    /** Runs `fn` in the case's turn: for what a workflow does outside a step, such as recording its opening. */
    exclusive,
    /**
     * Runs the case's timeline until it is done, then answers with its final view. When Temporal
     * suggests it (a long history), continues as new with the whole state carried over.
     */
    async run(onMilestone: (m: Milestone) => Promise<void>, isDone = () => final.includes(core.status)): Promise<V> {
      const shouldPause = () => workflowInfo().continueAsNewSuggested;
      const ended = await runAgenda(core.agenda, {
        isDone,
        onMilestone,
        shouldPause,
        ...(takingTurns ? { exclusive } : {}),
      });
      await condition(allHandlersFinished);
      if (ended === 'paused') await continueAsNew<(input: { resume: ProcessCore }) => Promise<V>>({ resume: core });
      return view();
    },
  };
}

export type ProcessKit<S extends string, V> = ReturnType<typeof processKit<S, V>>;
