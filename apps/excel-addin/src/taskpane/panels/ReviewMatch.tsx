/** One client whose sheet row differs from PulseBridge: per field, keep or overwrite. */
import type { ComparableField, ReconcileResult } from "@pulsebridge/core";
import { memo } from "react";
import {
  canOverwrite,
  originLabel,
  reviewName,
  showFieldValue,
} from "../../features/review/choices.js";
import { columns } from "../../features/sheet/columns.js";
import { RowButton, RowCheckbox } from "../lists/RowControls.js";
import { useActions, useT } from "../store/hooks.js";
import { usePane } from "../store/store.js";

type Match = ReconcileResult["matching"][number];

export function useFieldLabel() {
  const { lang } = useT();
  return (f: ComparableField) => {
    const col = columns.find((x) => x.field === f);
    if (col) return col.labels[lang];
    return f === "links" ? (columns.find((x) => x.key === "directors")?.labels[lang] ?? f) : f;
  };
}

type Tr = ReturnType<typeof useT>["tr"];

/** The heading's id: each row's "keep all" and "use the sheet" name their client through it. */
const headingId = (m: Match) => `match-${m.id}`;

const heading = (m: Match, tr: Tr) => (
  <h4 id={headingId(m)}>
    {`${reviewName(m)} `}
    <span className="muted">({tr("fix.row", { ref: m.ref })})</span>
  </h4>
);

/**
 * A changed client while the list scrolls fast: its heading as text, at the full row's height
 * (lists/VirtualList.tsx `renderLite`); the full row replaces it once the list rests. Text, not
 * elements: rows mount on every scrolled frame, and each element of theirs was allocation that
 * filled the young generation (bench:pane). `tr` is the panel's (no subscription per row).
 */
export const lightHeading = (m: Match, tr: Tr) =>
  `${reviewName(m)} (${tr("fix.row", { ref: m.ref })})`;

/**
 * Memoised: a scrolling list renders its visible rows again on every frame; a row whose match and
 * focus did not change (its choices come from the store) is not rebuilt.
 */
export const ReviewMatch = memo(function ReviewMatch({
  match: m,
  active,
}: {
  match: Match;
  active: boolean;
}) {
  const { lang, tr } = useT();
  const a = useActions();
  const chosen = usePane((s) => s.choices?.overwrite[m.id]);
  const label = useFieldLabel();
  const tab = active ? 0 : -1;
  return (
    <div className="match" data-id={m.id}>
      {heading(m, tr)}
      {m.probable ? <p className="warning">{tr("review.probable")}</p> : null}
      <div className="usebar">
        <RowButton
          className="use-all"
          tabIndex={tab}
          describedBy={headingId(m)}
          onClick={() => a.review.takeAllFromSheet(m.id)}
        >
          {tr("review.useAll")}
        </RowButton>
        <RowButton tabIndex={tab} describedBy={headingId(m)} onClick={() => a.review.keepAll(m.id)}>
          {tr("review.keepAll")}
        </RowButton>
      </div>
      <table className="diff">
        <thead>
          <tr>
            <th scope="col">{tr("review.field")}</th>
            <th scope="col">{tr("review.sheet")}</th>
            <th scope="col">{tr("review.target")}</th>
            <th scope="col">{tr("review.overwrite")}</th>
          </tr>
        </thead>
        <tbody>
          {m.differences.map((d) => {
            const on = (chosen ?? []).includes(d.field);
            return (
              <tr key={d.field} className={on ? "chosen" : ""} data-origin={d.origin}>
                <th scope="row">
                  {label(d.field)}
                  {d.origin !== "unknown" ? (
                    <span className="pb-origin">{` ${originLabel(d.origin, lang)}`}</span>
                  ) : null}
                </th>
                <td>{showFieldValue(d.field, d.imported, lang)}</td>
                <td>{showFieldValue(d.field, d.existing, lang)}</td>
                <td>
                  {canOverwrite(d.origin) ? (
                    <RowCheckbox
                      id={`pb-ow-${m.id}-${d.field}`}
                      className="overwrite"
                      field={d.field}
                      tabIndex={tab}
                      ariaLabel={`${tr("review.overwrite")} ${label(d.field)} — ${reviewName(m)}`}
                      checked={on}
                      onChange={(v) => a.review.setOverwrite(m.id, d.field, v)}
                    />
                  ) : (
                    // AdminPulse changed it since the pull: the sheet holds the old value.
                    <span className="muted" title={tr("review.sourceNoOverwrite")}>
                      {"—"}
                      <span className="pb-sr">{tr("review.sourceNoOverwrite")}</span>
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
});
