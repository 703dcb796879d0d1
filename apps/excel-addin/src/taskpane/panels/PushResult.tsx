/** The finished push: one summary, the rejected rows to fix, and what to do next. */
import { Button } from "@fluentui/react-components";
import type { ImportResponse } from "@pulsebridge/core";
import type { UiKey } from "../../i18n/ui.js";
import { formatNumber } from "../../i18n/ui.js";
import { PanelHeading } from "../components/PanelHeading.js";
import { RowIssueList } from "../lists/RowIssueList.js";
import { useActions, useBusy, useT } from "../store/hooks.js";
import { WithdrawImport } from "./WithdrawImport.js";

const counts = ["created", "updated", "unchanged", "rejected"] as const;

export function PushResult({ result: res }: { result: ImportResponse }) {
  const { lang, tr } = useT();
  const a = useActions();
  const busy = useBusy();
  return (
    <section id="pb-push-result" data-status={res.status}>
      <PanelHeading>{tr(`push.done.${res.status}` as UiKey)}</PanelHeading>
      <p className="import-id">
        {`${tr("push.importId")} `}
        <code id="pb-import-id">{res.id}</code>
      </p>
      <dl className="push-counts" id="pb-push-counts">
        {counts.map((k) => (
          <div
            key={k}
            className={`count ${k}${k === "rejected" && res.counts.rejected ? " bad" : ""}`}
          >
            <dt>{tr(`push.count.${k}` as UiKey)}</dt>
            <dd data-count={k} data-value={res.counts[k]}>
              {formatNumber(lang, res.counts[k])}
            </dd>
          </div>
        ))}
      </dl>
      {res.rejected.length ? (
        <>
          <h3>{tr("push.rejectedHeading", { count: res.counts.rejected })}</h3>
          <p className="hint">{tr("push.rejectedBack")}</p>
          {res.rejectedNextCursor ? (
            <p className="warning" id="pb-rejected-partial">
              {`${tr("push.rejectedPartial", { shown: res.rejected.length, total: res.counts.rejected })} `}
              <Button
                size="small"
                id="pb-rejected-more"
                disabledFocusable={busy}
                onClick={() => void a.push.loadRejected()}
              >
                {tr("push.loadRest")}
              </Button>
            </p>
          ) : null}
          <RowIssueList
            id="pb-rejected"
            label={tr("push.rejectedHeading", { count: res.counts.rejected })}
            rows={res.rejected}
            rowClass="rejected"
          />
        </>
      ) : null}
      <WithdrawImport result={res} />
      <div className="actions">
        <Button appearance="primary" id="pb-new-review" onClick={a.push.startNewReview}>
          {tr("push.newReview")}
        </Button>
      </div>
      <p className="hint">{tr("push.newReviewHint")}</p>
    </section>
  );
}
