/**
 * Focus is never lost to the page's body. When the focused element of the pane disappears (a
 * panel switched, a list row removed) or is disabled, focus goes to the current panel's heading.
 * Lists keep their own focus first (VirtualList); this is the net under everything else.
 */
import { type RefObject, useEffect } from "react";

export function useFocusGuard(root: RefObject<HTMLElement | null>) {
  useEffect(() => {
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
      if (active && active !== document.body) return;
      // Still there and enabled: the user clicked somewhere that takes no focus; leave it.
      if (last.isConnected && !last.matches(":disabled")) return;
      const home =
        el.querySelector<HTMLElement>('[role="tabpanel"] [data-focus-home]') ??
        el.querySelector<HTMLElement>("[data-focus-home]");
      home?.focus();
      last = home;
    };
    document.addEventListener("focusin", onFocusIn);
    const observer = new MutationObserver(rescue);
    observer.observe(document.body, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ["disabled"],
    });
    return () => {
      document.removeEventListener("focusin", onFocusIn);
      observer.disconnect();
    };
  }, [root]);
}
