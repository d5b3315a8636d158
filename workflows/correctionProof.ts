// The link from rectification to credit repair: a rectification closed compliant proves that the
// conduct was corrected, so every penalty record of the same enterprise and matter still published
// learns of it (activities/correctionProof.ts) and the business can cite it in a repair application.
import { patched, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { CalendarDate } from '../domain';

const { proveCorrection } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

export interface ClosedRectification {
  id: string;
  enterpriseId: string;
  matterCode?: string;
  /** Evidence rounds, oldest first: the last one is the round that was accepted. */
  submissions: ReadonlyArray<{ files: ReadonlyArray<{ evidenceId: string }> }>;
}

/** Called once a rectification closes compliant. Patched in, so histories from before it replay. */
export async function announceCorrection(rectification: ClosedRectification, closedOn: CalendarDate): Promise<void> {
  if (!patched('rectification-proves-correction') || !rectification.matterCode) return;
  await proveCorrection({
    enterpriseId: rectification.enterpriseId,
    matterCode: rectification.matterCode,
    rectificationId: rectification.id,
    closedOn,
    evidenceIds: rectification.submissions.at(-1)?.files.map((f) => f.evidenceId) ?? [],
  });
}
