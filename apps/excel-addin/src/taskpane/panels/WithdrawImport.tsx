/**
 * After a push: "withdraw this import", asked in a dialog with the person who withdraws (asked
 * once, kept per machine) and an optional reason; once done, when, by whom and why.
 */
import { Button, Field, Input, Textarea } from "@fluentui/react-components";
import type { ImportResponse } from "@pulsebridge/core";
import { useLayoutEffect, useRef, useState } from "react";
import { formatTime } from "../../i18n/ui.js";
import type { WithdrawOutcome } from "../actions/withdraw.js";
import { ModalDialog } from "../components/ModalDialog.js";
import { useActions, useBusy, useT } from "../store/hooks.js";
import { usePane } from "../store/store.js";

/** The API's bound on a reason (core's withdrawImportRequestSchema). */
const reasonMax = 500;

export function WithdrawImport({ result }: { result: ImportResponse }) {
  const { lang, tr } = useT();
  const a = useActions();
  const busy = useBusy();
  const canPush = usePane((s) => s.connected?.canPush === true);
  const done = usePane((s) => (s.withdrawn?.importId === result.id ? s.withdrawn : null));
  const [open, setOpen] = useState(false);
  const [person, setPerson] = useState("");
  const [reason, setReason] = useState("");
  const [failed, setFailed] = useState<Extract<WithdrawOutcome, { ok: false }> | null>(null);
  // One key per dialog: a retry after a lost answer is the same withdrawal, not a second one.
  const [key, setKey] = useState("");

  // The withdrawn note takes focus once the dialog closes (its button is gone), in that same
  // commit (a layout effect, see SyncNotice).
  const noteRef = useRef<HTMLElement>(null);
  useLayoutEffect(() => {
    if (done && !open) noteRef.current?.focus();
  }, [done, open]);
  // A push rejected whole stored nothing; a read-only key cannot withdraw.
  const can = result.status !== "rejected" && canPush;
  const start = () => {
    setPerson(a.withdraw.person());
    setReason("");
    setFailed(null);
    setKey(crypto.randomUUID());
    setOpen(true);
  };
  const submit = async () => {
    const out = await a.withdraw.withdraw({ person, reason, key });
    if (out.ok) setOpen(false);
    else setFailed(out);
  };
  const personMissing = failed !== null && person.trim() === "";
  return (
    <>
      {done ? (
        <section
          className="pb-withdrawn"
          id="pb-withdrawn"
          aria-labelledby="pb-withdrawn-heading"
          tabIndex={-1}
          ref={noteRef}
        >
          <h3 id="pb-withdrawn-heading">{tr("withdraw.doneHeading")}</h3>
          <p>{tr("withdraw.doneBy", { by: done.by, at: formatTime(lang, new Date(done.at)) })}</p>
          {done.reason ? (
            <p id="pb-withdrawn-reason">{tr("withdraw.doneReason", { reason: done.reason })}</p>
          ) : null}
          <p className="hint">{tr("withdraw.doneHint")}</p>
        </section>
      ) : can ? (
        <div className="actions">
          <Button id="pb-withdraw" disabledFocusable={busy} onClick={start}>
            {tr("withdraw.open")}
          </Button>
        </div>
      ) : null}
      {/* Closing it (cancel, Escape) gives focus back to the button that opened it. */}
      <ModalDialog
        open={open}
        onClose={() => setOpen(false)}
        labelledBy="pb-withdraw-title"
        describedBy="pb-withdraw-what"
      >
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <h2 id="pb-withdraw-title" className="pb-dialog-title">
            {tr("withdraw.title")}
          </h2>
          <div className="pb-withdraw-form">
            <p id="pb-withdraw-what">{tr("withdraw.what", { id: result.id })}</p>
            <Field
              label={tr("withdraw.person")}
              hint={tr("withdraw.personHint")}
              required
              validationState={personMissing ? "error" : "none"}
            >
              <Input
                id="pb-withdraw-person"
                value={person}
                maxLength={200}
                autoComplete="name"
                onChange={(_, d) => setPerson(d.value)}
              />
            </Field>
            <Field label={tr("withdraw.reason")} hint={tr("withdraw.reasonHint")}>
              <Textarea
                id="pb-withdraw-reason"
                value={reason}
                maxLength={reasonMax}
                onChange={(_, d) => setReason(d.value)}
              />
            </Field>
            {failed ? (
              <p className="error" id="pb-withdraw-error" role="alert">
                {failed.error(lang)}
              </p>
            ) : null}
          </div>
          <div className="pb-dialog-actions">
            <Button
              appearance="primary"
              type="submit"
              id="pb-withdraw-confirm"
              disabledFocusable={busy}
            >
              {failed ? tr("push.retry") : tr("withdraw.confirm")}
            </Button>
            <Button id="pb-withdraw-cancel" onClick={() => setOpen(false)}>
              {tr("withdraw.cancel")}
            </Button>
          </div>
        </form>
      </ModalDialog>
    </>
  );
}
