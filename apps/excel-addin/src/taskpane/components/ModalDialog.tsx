/**
 * A modal dialog on the browser's own `<dialog>` (showModal: the top layer, the pane behind it
 * inert, Tab kept inside), in place of Fluent's Dialog, whose motion, portal and tabster code were
 * ~19 KB gzip of the task pane's bundle (ADR 0029). It is rendered only while open, into the
 * page's body with the FluentProvider's theme class (so the theme's tokens reach pane.css
 * `.pb-dialog`), as Fluent's portal did: inside the pane's element, axe takes the top-layer
 * dialog for clipped by the harness's pane box and its fields' labels for invisible.
 * - opening focuses the first field or button in it (as Fluent's did);
 * - Escape asks `onClose` (the browser's `cancel`), the owner's state closes it;
 * - closing gives focus back to what had it before opening, if that is still there.
 */
import { useThemeClassName } from "@fluentui/react-components";
import { type ReactNode, useLayoutEffect, useRef } from "react";
import { createPortal } from "react-dom";

const firstFocusable = "input:not(:disabled), textarea:not(:disabled), select, button";

export function ModalDialog(props: {
  open: boolean;
  onClose: () => void;
  /** The id of the dialog's title (aria-labelledby). */
  labelledBy: string;
  describedBy?: string;
  className?: string;
  children: ReactNode;
}) {
  const { open, onClose, labelledBy, describedBy, className, children } = props;
  const ref = useRef<HTMLDialogElement>(null);
  const themeClass = useThemeClassName();
  const close = useRef(onClose);
  close.current = onClose;
  // A layout effect: shown and focused in the commit that renders it, so keys typed next reach it.
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!open || !dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    dialog.querySelector<HTMLElement>(firstFocusable)?.focus();
    // Escape: the owner decides (it may be busy); the browser would close it behind its back.
    const onCancel = (e: Event) => {
      e.preventDefault();
      close.current();
    };
    dialog.addEventListener("cancel", onCancel);
    return () => {
      dialog.removeEventListener("cancel", onCancel);
      if (dialog.open) dialog.close();
      if (opener?.isConnected && !dialog.contains(opener)) opener.focus();
    };
  }, [open]);
  if (!open) return null;
  const dialog = (
    <dialog
      ref={ref}
      className={`pb-dialog ${themeClass} ${className ?? ""}`}
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
    >
      {children}
    </dialog>
  );
  return createPortal(dialog, document.body);
}
