/** Step 4: the server's four buckets, complete and searchable, and the user's choices. */
import { Button, Field, Select } from "@fluentui/react-components";
import type { ComparableField } from "@pulsebridge/core";
import { useEffect, useMemo, useState } from "react";
import { PanelHeading } from "../components/PanelHeading.js";
import { useActions, useBusy, useT } from "../store/hooks.js";
import { usePane } from "../store/store.js";
import { ReviewBuckets } from "./ReviewBuckets.js";
import { useFieldLabel } from "./ReviewMatch.js";
import { ReviewTools } from "./ReviewTools.js";
import { allMatches, differingFields, type ReviewView, viewMatches } from "./review-view.js";

export function ReviewPanel() {
  const { tr } = useT();
  const a = useActions();
  const busy = useBusy();
  const r = usePane((s) => s.review);
  const hasChoices = usePane((s) => s.choices !== null);
  const counts = usePane((s) => s.validation?.counts);
  const label = useFieldLabel();
  const changed = useMemo(() => (r ? r.matching.filter((m) => m.differences.length > 0) : []), [r]);
  const differing = useMemo(() => differingFields(changed), [changed]);
  const [field, setField] = useState<ComparableField | "">("");
  const [view, setView] = useState<ReviewView>(allMatches);
  // A new review starts unfiltered (a filter on an origin it no longer has would hide everything).
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on each new review
  useEffect(() => setView(allMatches), [r]);
  const shown = useMemo(() => viewMatches(changed, view), [changed, view]);
  const leftOut = counts ? counts.invalid + counts.skipped : 0;
  return (
    <section>
      <PanelHeading>{tr("review.heading")}</PanelHeading>
      <div className="actions">
        <Button
          appearance="primary"
          id="pb-review"
          disabledFocusable={busy}
          onClick={() => void a.review.doReview()}
        >
          {tr("review.run")}
        </Button>
      </div>
      {r && hasChoices ? (
        <>
          <p className="summary" id="pb-review-counts">
            {tr("review.counts", {
              new: r.onlyInImport.length,
              matching: r.matching.length,
              changes: changed.length,
              target: r.onlyInTarget.length,
              invalid: r.invalid.length,
            })}
          </p>
          {leftOut ? (
            <p className="warning" id="pb-review-left-out">
              {`${tr("review.leftOut", { count: leftOut })} `}
              <Button appearance="transparent" size="small" onClick={() => a.data.show("validate")}>
                {tr("review.toValidate")}
              </Button>
            </p>
          ) : null}
          {differing.length ? (
            <div className="bar">
              <Field label={tr("review.overwriteField")}>
                <Select
                  id="pb-overwrite-field"
                  value={field || differing[0]}
                  onChange={(_, d) => setField(d.value as ComparableField)}
                >
                  {differing.map((f) => (
                    <option key={f} value={f}>
                      {label(f)}
                    </option>
                  ))}
                </Select>
              </Field>
              <Button
                id="pb-overwrite-all"
                onClick={() => {
                  const f = field || differing[0];
                  if (f) a.review.overwriteEverywhere(f);
                }}
              >
                {tr("review.overwrite")}
              </Button>
            </div>
          ) : null}
          {changed.length ? (
            <ReviewTools changed={changed} fields={differing} view={view} onView={setView} />
          ) : (
            <div className="actions">
              <Button id="pb-copy-review" onClick={() => void a.review.copyToSheet()}>
                {tr("review.copy")}
              </Button>
            </div>
          )}
          <ReviewBuckets review={r} changed={shown} />
          <div className="actions">
            <Button appearance="primary" id="pb-to-push" onClick={() => a.data.show("push")}>
              {tr("nav.push")}
            </Button>
          </div>
        </>
      ) : null}
    </section>
  );
}
