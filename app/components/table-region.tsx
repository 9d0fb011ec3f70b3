import type { ReactNode } from "react";

/**
 * A wide table scrolls inside its own region, not the page (WCAG 1.4.10 reflow at 320 CSS px): the
 * region is named (1.3.1) and focusable, so keyboard users can scroll it too (2.1.1). Same pattern as
 * `.table-region` on the public results pages (app.css). Name it by a visible heading when there is
 * one (`labelledBy`), else by `label`.
 */
export function TableRegion({ label, labelledBy, children }: { label?: string; labelledBy?: string; children: ReactNode }) {
  return (
    <div className="table-region" role="region" aria-label={labelledBy ? undefined : label} aria-labelledby={labelledBy} tabIndex={0}>
      {children}
    </div>
  );
}
