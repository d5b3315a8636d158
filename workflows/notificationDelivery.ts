// Notifications a channel refused when their step recorded them (the SMTP server down, say),
// delivered again by Temporal with backoff until the channel takes them: the step answered
// without waiting, and the outbox keeps them unsent, so nothing is lost. Started by the recording
// (workflows/kit/recording.ts), one per change; the Message-ID stays the notification's, so a
// resend is the same message.
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';

export interface NotificationDeliveryInput {
  keys: string[];
}

/** One per recorded change, ever. */
export const notificationDeliveryWorkflowId = (changeKey: string): string => `notification-delivery:${changeKey}`;

const { deliverNotifications } = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes' },
});

export async function notificationDelivery({ keys }: NotificationDeliveryInput): Promise<void> {
  await deliverNotifications({ keys, retryHere: true });
}
