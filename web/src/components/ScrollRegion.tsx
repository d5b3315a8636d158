// A wide table on a narrow screen scrolls sideways inside this region, which keyboard users can
// focus and scroll (axe: scrollable-region-focusable); Ant Design's own scroll box cannot be focused.
import type { ReactNode } from 'react';

export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="scroll-region" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}
