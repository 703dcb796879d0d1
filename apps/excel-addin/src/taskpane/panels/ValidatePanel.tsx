/** Step 3: validate, the summary, safe fixes, the register check, problems and duplicates. */
import { Button } from "@fluentui/react-components";
import { useMemo } from "react";
import { safeFixes } from "../../features/fix/fix.js";
import { PanelHeading } from "../components/PanelHeading.js";
import { ProblemsPanel } from "../problems/ProblemsPanel.js";
import { useActions, useBusy, useT } from "../store/hooks.js";
import { usePane } from "../store/store.js";
import { Duplicates } from "./Duplicates.js";
import { RegisterFixes } from "./RegisterFixes.js";

export function ValidatePanel() {
  const { tr } = useT();
  const a = useActions();
  const busy = useBusy();
  const v = usePane((s) => s.validation);
  const sheet = usePane((s) => s.sheet);
  const version = usePane((s) => s.sheetVersion);
  // biome-ignore lint/correctness/useExhaustiveDependencies: version marks in-place sheet edits
  const safeCount = useMemo(
    () => (v && sheet ? safeFixes(sheet, v).length : 0),
    [v, sheet, version],
  );
  return (
    <section>
      <PanelHeading>{tr("validate.heading")}</PanelHeading>
      <div className="actions">
        <Button
          appearance="primary"
          id="pb-validate"
          disabledFocusable={busy}
          onClick={() => void a.validate.doValidate()}
        >
          {tr("validate.run")}
        </Button>
        {v ? (
          <>
            <Button
              id="pb-prev"
              onClick={() => void a.validate.step(-1)}
              aria-keyshortcuts="Shift+F8"
            >
              {tr("problems.previous")}
            </Button>
            <Button id="pb-next" onClick={() => void a.validate.step(1)} aria-keyshortcuts="F8">
              {tr("validate.next")}
            </Button>
          </>
        ) : null}
      </div>
      {v ? (
        <>
          <p id="pb-summary" className="summary">
            {tr("validate.summary", v.counts)}
          </p>
          <RegisterFixes />
          <h3>{tr("fix.heading")}</h3>
          <div className="actions">
            <Button
              id="pb-safe-fixes"
              appearance="primary"
              disabledFocusable={busy || safeCount === 0}
              onClick={() => void a.fix.doSafeFixes()}
            >
              {tr("fix.safeAll", { count: safeCount })}
            </Button>
          </div>
          <p className="hint">{tr("fix.safeHint")}</p>
          <ProblemsPanel />
          <Duplicates />
        </>
      ) : null}
    </section>
  );
}
