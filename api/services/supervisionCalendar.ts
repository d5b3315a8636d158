// Makes sure the yearly graded lists' calendar runs (workflows/supervision/supervisionListCalendar.ts):
// started by every API process at start-up, joined when one is running already.
import type { Client } from '@temporalio/client';
import { SUPERVISION_LIST_CALENDAR_ID } from '../../workflows/messages/supervision';

export async function ensureSupervisionListCalendar(temporal: Client, taskQueue: string): Promise<void> {
  await temporal.workflow.start('supervisionListCalendar', {
    workflowId: SUPERVISION_LIST_CALENDAR_ID,
    taskQueue,
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
}
