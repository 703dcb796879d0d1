/**
 * A panel's heading. It can take focus (tabIndex -1): when a step switches panels, focus lands
 * here rather than on the page's body.
 */
import type { ReactNode } from "react";

export function PanelHeading({ children }: { children: ReactNode }) {
  return (
    <h2 tabIndex={-1} data-focus-home="">
      {children}
    </h2>
  );
}
