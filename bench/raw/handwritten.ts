// The hand-written equivalent of a case, the baseline a team would otherwise build: one workflow per
// case, opened by Update-with-Start and moved by one update per human step, each handler running one
// local activity that writes the case row, an audit row and a task row in one transaction
// (caseRecord.ts) before it answers, so the caller, like the API's, learns of the change only once
// it is in the read model. The state is claimed before the await and a synchronous validator
// refuses a step the state does not allow: five identical requests still give one effect.
import { ApplicationFailure, condition, proxyLocalActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { RawActivities } from './activities';
import type { CaseChange } from './caseRecord';
import { finish, openHandwritten, reviewHandwritten, type HandwrittenOrder, type HandwrittenView } from './messages';

const { recordCase } = proxyLocalActivities<RawActivities>({ startToCloseTimeout: '30 seconds' });

export async function handwrittenCase(order: HandwrittenOrder): Promise<void> {
  const { workflowId, runId } = workflowInfo();
  const openedAt = new Date().toISOString();
  let view: HandwrittenView = { ...order, id: workflowId, status: 'new', version: 0 };
  let finished = false;

  /** Moves the case, records the change, answers with the recorded case; undone if recording fails. */
  async function move(status: string, audit: CaseChange['audit'], task: CaseChange['task']): Promise<HandwrittenView> {
    const before = view;
    view = { ...view, status, version: view.version + 1 };
    try {
      await recordCase({
        id: workflowId,
        workflowId,
        runId,
        enterpriseId: order.enterpriseId,
        agency: order.agency,
        matterCode: order.matterCode,
        status,
        version: view.version,
        view,
        openedAt,
        at: new Date().toISOString(),
        audit: { ...audit, before: { status: before.status } },
        task,
      });
      return view;
    } catch (e) {
      view = before;
      throw e;
    }
  }

  const requireStatus = (status: string) => {
    if (view.status !== status) throw ApplicationFailure.nonRetryable(`case is ${view.status}`, 'INVALID_STATE');
  };
  const evidenceTask = {
    key: `${workflowId}:evidence`,
    step: 'evidence',
    assigneeRole: 'business',
    dueOn: order.dueOn,
  };

  setHandler(
    openHandwritten,
    ({ actor }) =>
      move(
        'awaiting_evidence',
        { key: `${workflowId}:opened`, actor, role: 'officer', action: 'rectification.ordered' },
        {
          ...evidenceTask,
          close: false,
        },
      ),
    { validator: (_open) => requireStatus('new') },
  );
  setHandler(
    reviewHandwritten,
    ({ actor, decision, reasons }) =>
      move(
        decision === 'accepted' ? 'follow_up' : 'awaiting_evidence',
        {
          key: `${workflowId}:review:${view.version}`,
          actor,
          role: 'officer',
          action: 'rectification.reviewed',
          reason: reasons,
        },
        { ...evidenceTask, close: decision === 'accepted' },
      ),
    { validator: (_review) => requireStatus('awaiting_evidence') },
  );
  setHandler(finish, () => void (finished = true));
  await condition(() => finished);
}
