/**
 * A full sync that held its deletions: what it means, and for an admin the confirmation, asked
 * twice (the first click only asks), since it deletes clients for good.
 */
import { Button } from "@fluentui/react-components";
import { useLayoutEffect, useRef, useState } from "react";
import { useActions, useBusy, useT } from "../store/hooks.js";
import { usePane } from "../store/store.js";

export function SyncNotice() {
  const { tr } = useT();
  const a = useActions();
  const busy = useBusy();
  const held = usePane((s) => s.heldRun);
  const admin = usePane((s) => s.connected?.role === "admin");
  const [asking, setAsking] = useState<boolean | null>(null);
  // Focus follows the question: to "cancel" when asked, back to the button when cancelled. A
  // layout effect: in the commit that swaps the buttons. Preact runs a passive one a frame later,
  // and in that gap focus was on the body and a key pressed went nowhere (CI failed so).
  const cancelRef = useRef<HTMLButtonElement>(null);
  const askRef = useRef<HTMLButtonElement>(null);
  useLayoutEffect(() => {
    if (asking === true) cancelRef.current?.focus();
    else if (asking === false) askRef.current?.focus();
  }, [asking]);
  if (!held) return null;
  const count = held.deletionsHeld;
  return (
    <section className="pb-sync-notice" id="pb-sync-held" aria-live="polite">
      <p>{tr("sync.held", { count })}</p>
      {!admin ? (
        <p className="hint">{tr("sync.heldAdminOnly")}</p>
      ) : asking ? (
        <div className="actions">
          <span id="pb-sync-ask">{tr("sync.confirmAsk", { count })}</span>
          <Button
            appearance="primary"
            id="pb-sync-confirm-yes"
            disabledFocusable={busy}
            onClick={() => {
              setAsking(null);
              void a.sync.confirmDeletions();
            }}
          >
            {tr("sync.confirmYes", { count })}
          </Button>
          <Button id="pb-sync-confirm-no" ref={cancelRef} onClick={() => setAsking(false)}>
            {tr("sync.cancel")}
          </Button>
        </div>
      ) : (
        <Button
          id="pb-sync-confirm"
          ref={askRef}
          disabledFocusable={busy}
          onClick={() => setAsking(true)}
        >
          {tr("sync.confirm")}
        </Button>
      )}
    </section>
  );
}
