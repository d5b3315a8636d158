// Which worker processes took the workflow tasks of some workflows: the identities (`pid@host`)
// Temporal recorded in their histories, to show that work was spread over several workers.
import type { Connection } from '@temporalio/client';

export async function workerIdentities(connection: Connection, workflowIds: readonly string[]): Promise<string[]> {
  const identities = new Set<string>();
  for (const workflowId of workflowIds) {
    let nextPageToken: Uint8Array | undefined;
    do {
      const page = await connection.workflowService.getWorkflowExecutionHistory({
        namespace: 'default',
        execution: { workflowId },
        nextPageToken,
      });
      for (const event of page.history?.events ?? []) {
        const identity = event.workflowTaskStartedEventAttributes?.identity;
        if (identity) identities.add(identity);
      }
      nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
    } while (nextPageToken);
  }
  return [...identities];
}
