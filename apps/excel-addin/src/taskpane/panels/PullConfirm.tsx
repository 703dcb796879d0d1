/**
 * A re-pull, before anything in the sheet changes: what the merge will do ("412 rows refreshed,
 * 9 kept your edits, 2 conflicts"), to apply or to leave the sheet as it is.
 */
import { Button } from "@fluentui/react-components";
import { useLayoutEffect, useRef } from "react";
import { summaryText } from "../../features/pull/merge.js";
import { useT } from "../store/hooks.js";
import { usePane } from "../store/store.js";

export function PullConfirm() {
  const { lang, tr } = useT();
  const ask = usePane((s) => s.pullConfirm);
  const apply = useRef<HTMLButtonElement>(null);
  // A layout effect: Apply has focus in the commit that shows it (see SyncNotice).
  useLayoutEffect(() => {
    if (ask) apply.current?.focus();
  }, [ask]);
  if (!ask) return null;
  return (
    <section className="pb-confirm" id="pb-pull-confirm" aria-labelledby="pb-pull-confirm-heading">
      <h3 id="pb-pull-confirm-heading">{tr("pull.confirmHeading")}</h3>
      <p id="pb-pull-summary">{summaryText(ask.summary, lang)}</p>
      <div className="actions">
        <Button
          appearance="primary"
          id="pb-pull-apply"
          ref={apply}
          onClick={() => ask.answer(true)}
        >
          {tr("pull.apply")}
        </Button>
        <Button id="pb-pull-cancel" onClick={() => ask.answer(false)}>
          {tr("pull.cancel")}
        </Button>
      </div>
    </section>
  );
}
