/** A long step's progress and its cancel button. */
import { Button, ProgressBar } from "@fluentui/react-components";
import { useActions, useT } from "../store/hooks.js";
import { usePane } from "../store/store.js";

export function Progress() {
  const { tr } = useT();
  const a = useActions();
  const busy = usePane((s) => s.busy);
  if (!busy) return null;
  const label = tr(busy.label, { done: busy.done, total: busy.total ?? "?" });
  return (
    <div className="pb-progress" role="status" aria-live="polite">
      <span className="progress-label">{label}</span>
      <ProgressBar
        aria-label={label}
        value={busy.total ? busy.done / busy.total : undefined}
        thickness="large"
      />
      <Button size="small" id="pb-cancel" onClick={a.cancel}>
        {tr("action.cancel")}
      </Button>
    </div>
  );
}
