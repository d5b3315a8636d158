// Starting the workflows a recorded change leaves behind (a document's service, a sync entry's
// delivery, notifications a channel refused) as workflows of their own, not children: they outlive the case's run, and a child that
// never ends would also keep the time-skipping test server from ever skipping time again. Started
// with the worker's own client; an id already in use means an earlier attempt started it.
import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';

export interface FollowUpStart {
  workflowType: 'documentService' | 'creditSync' | 'notificationDelivery';
  workflowId: string;
  args: unknown[];
}

export function createFollowUpActivities(temporal?: Client) {
  return {
    async startFollowUps({ starts }: { starts: FollowUpStart[] }): Promise<void> {
      const client = temporal ?? Context.current().client;
      const { taskQueue } = Context.current().info;
      for (const start of starts) {
        await client.workflow
          .start(start.workflowType, { taskQueue, workflowId: start.workflowId, args: start.args })
          .catch((e: unknown) => {
            if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
          });
      }
    },
  };
}
