/**
 * Focus is never lost to the page's body. When the focused element of the pane disappears (a
 * panel switched, a list row removed) or is disabled, focus goes to the current panel's heading.
 * Lists keep their own focus first (VirtualList); this is the net under everything else.
 */
import { type RefObject, useLayoutEffect } from "react";

/**
 * Not rendered any more though still in the document: a subtree hidden by `hidden` or by
 * display:none (React's Suspense hides what it showed so; Preact's, which the pane ships on,
 * removes it). Browsers drop focus from it without a focusout, so the element still looks focused
 * to a check on `isConnected`.
 */
const hidden = (n: Element) => Boolean(n.closest('[hidden], [style*="display: none"]'));

export function useFocusGuard(root: RefObject<HTMLElement | null>) {
  // A layout effect: listening from the moment the pane is committed. A passive effect runs after
  // the next frame on Preact, and a focus moved before it (under load) was never seen, so a panel
  // switch afterwards left focus on the body (Pane.test failed in CI this way).
  useLayoutEffect(() => {
    const el = root.current;
    if (!el) return;
    let last: HTMLElement | null = null;
    let inDialog = false;
    // The pane's own dialogs (ModalDialog: the palette, withdraw) are <dialog>s in the top layer.
    const onFocusIn = (e: FocusEvent) => {
      const target = e.target as HTMLElement;
      inDialog = Boolean(target.closest?.("dialog"));
      last = el.contains(target) || inDialog ? target : null;
    };
    const rescue = () => {
      if (!last) return;
      // A closing dialog gives focus back to what opened it (ModalDialog), or its owner moves it a
      // moment after it is removed (withdraw's note): rescue only if that did not happen.
      if (inDialog) {
        inDialog = false;
        requestAnimationFrame(rescue);
        return;
      }
      const active = document.activeElement;
      if (active && active !== document.body && !hidden(active)) return;
      // Still there, shown and enabled: the user clicked somewhere that takes no focus; leave it.
      if (last.isConnected && !last.matches(":disabled") && !hidden(last)) return;
      const homes = (sel: string) =>
        [...el.querySelectorAll<HTMLElement>(sel)].find((h) => !hidden(h));
      const home = homes('[role="tabpanel"] [data-focus-home]') ?? homes("[data-focus-home]");
      home?.focus();
      last = home ?? null;
    };
    document.addEventListener("focusin", onFocusIn);
    const observer = new MutationObserver(rescue);
    observer.observe(document.body, {
      childList: true,
      subtree: true,
      attributes: true,
      // Not "style": the virtual lists restyle their rows on every scrolled frame, and a record
      // each was work in every frame (bench:pane). Preact's Suspense removes what it hides.
      attributeFilter: ["disabled", "hidden"],
    });
    return () => {
      document.removeEventListener("focusin", onFocusIn);
      observer.disconnect();
    };
  }, [root]);
}
