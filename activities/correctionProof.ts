// A rectification closed compliant proves that the conduct behind a penalty was corrected (纠正失信
// 行为), one of the conditions of credit repair. This activity tells every penalty record of the same
// enterprise and matter that is still published, by signalling its workflow; each record keeps the
// proof (rectification and evidence ids) and ignores a repeat, so a retried activity is harmless.
import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../db/client';
import { processes } from '../db/schema';
import { correctionProven, type CorrectionProven, type PenaltyRecordStatus } from '../workflows/messages';

/** Records that are shown, or may be again, and so can still use a proof of correction. */
const AWAITING_REPAIR: readonly PenaltyRecordStatus[] = [
  'published',
  'repair_eligible',
  'application_pending',
  'under_review',
  'revoked',
];

export interface CorrectionToProve extends CorrectionProven {
  enterpriseId: string;
}

/** `temporal` defaults to the worker's own client (the activity context's). */
export function createCorrectionProofActivities(db: Database, temporal?: Client) {
  return {
    /** Returns the ids of the penalty records told. */
    async proveCorrection({ enterpriseId, ...proven }: CorrectionToProve): Promise<string[]> {
      const records = await db
        .select({ id: processes.id, workflowId: processes.workflowId })
        .from(processes)
        .where(
          and(
            eq(processes.processType, 'penalty_record'),
            eq(processes.enterpriseId, enterpriseId),
            eq(processes.matterCode, proven.matterCode),
            inArray(processes.status, [...AWAITING_REPAIR]),
          ),
        );
      const told: string[] = [];
      for (const { id, workflowId } of records) {
        try {
          await (temporal ?? Context.current().client).workflow.getHandle(workflowId).signal(correctionProven, proven);
          told.push(id);
        } catch (e) {
          // The record's publication ended since the read model was written: nothing to prove any more.
          if (!(e instanceof WorkflowNotFoundError)) throw e;
        }
      }
      return told;
    },
  };
}
