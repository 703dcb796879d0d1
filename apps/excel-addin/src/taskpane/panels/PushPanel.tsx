/** Step 5: what will be pushed, the push (or retry) button, and the result once done. */
import { Button } from "@fluentui/react-components";
import { errorText } from "../actions/context.js";
import { PanelHeading } from "../components/PanelHeading.js";
import { useActions, useBusy, useT } from "../store/hooks.js";
import { usePane } from "../store/store.js";
import { PushResult } from "./PushResult.js";

export function PushPanel() {
  const { lang, tr } = useT();
  const a = useActions();
  const busy = useBusy();
  const r = usePane((s) => s.review);
  const c = usePane((s) => s.choices);
  const res = usePane((s) => s.pushResult);
  const pushError = usePane((s) => s.pushError);
  const connected = usePane((s) => s.connected);
  usePane((s) => s.validation);
  if (res && !(r && c)) return <PushResult result={res} />;
  const outlook = a.review.pushOutlook();
  return (
    <section>
      <PanelHeading>{tr("push.heading")}</PanelHeading>
      {connected && !connected.canPush ? <p className="warning">{tr("connect.readOnly")}</p> : null}
      {r && c ? (
        <>
          <p className="summary">
            {tr("push.summary", {
              adds: c.add.length,
              updates: Object.keys(c.overwrite).length,
              rows: a.review.pushableRows().length,
            })}
          </p>
          {outlook.rejectedAhead ? (
            <p className="warning" id="pb-push-invalid">
              {tr("push.invalidAhead", { count: outlook.rejectedAhead })}
            </p>
          ) : null}
          {outlook.notSent ? (
            <p className="hint" id="pb-push-not-sent">
              {tr("push.notSent", { count: outlook.notSent })}
            </p>
          ) : null}
          <div className="actions">
            <Button
              appearance="primary"
              id="pb-push"
              disabledFocusable={busy}
              onClick={() => void a.push.doPush()}
            >
              {pushError ? tr("push.retry") : tr("push.run")}
            </Button>
          </div>
          {pushError ? (
            <p className="error" id="pb-push-error" role="alert">
              {tr("push.failed", { reason: errorText(pushError, lang) })}
            </p>
          ) : null}
        </>
      ) : (
        <>
          <p className="hint">{tr("push.needReview")}</p>
          <div className="actions">
            <Button id="pb-go-review" onClick={() => a.data.show("review")}>
              {tr("push.toReview")}
            </Button>
          </div>
        </>
      )}
    </section>
  );
}
