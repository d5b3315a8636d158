// Ant Design's Badge with the bell's count, in a module of its own: NotificationBell loads it only
// once there is something unread, so a first screen with nothing unread carries none of it.
import { Badge } from 'antd';
import type { ReactNode } from 'react';

export default function UnreadBadge({ count, cap, children }: { count: number; cap: number; children: ReactNode }) {
  return (
    // Its tooltip says what it shows ("9+"), not the number of unread notifications fetched.
    <Badge count={count} overflowCount={cap - 1} title={count >= cap ? `${cap - 1}+` : undefined} size="small">
      {children}
    </Badge>
  );
}
