// Service (送达) of one document: the business has the policy's working days to acknowledge it in
// its portal; if the document is not served by the end of that day, the officer gets a task to serve
// it another way and record how and when (POST /documents/{id}/service), closed once served. The
// API signals `documentServed`; at the due date the record in Postgres decides, so a lost signal
// only delays closing the task. Started by the case's recording (workflows/kit/recording.ts).
import { condition, defineSignal, proxyLocalActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { endOfDayInShanghai, type CalendarDate } from '../domain';

export interface DocumentServiceInput {
  documentId: string;
  serviceDueOn: CalendarDate;
}

export const documentServed = defineSignal('documentServed');

export const documentServiceWorkflowId = (documentId: string): string => `document-service:${documentId}`;

// Local: a short write in the workflow task (the time-skipping test server cannot skip past an
// activity task in flight, and this one runs when a timer fires).
const { documentServiceTask } = proxyLocalActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

export async function documentService({ documentId, serviceDueOn }: DocumentServiceInput): Promise<void> {
  let served = false;
  setHandler(documentServed, () => void (served = true));
  const untilDue = endOfDayInShanghai(serviceDueOn).getTime() - Date.now();
  if (untilDue > 0 && (await condition(() => served, untilDue))) return;
  if (served) return;
  // Opens the officer's task unless the document was served meanwhile (answers whether it opened one).
  if (!(await documentServiceTask({ documentId, open: true }))) return;
  await condition(() => served);
  await documentServiceTask({ documentId, open: false });
}
