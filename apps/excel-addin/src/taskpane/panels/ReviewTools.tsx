/**
 * The review's tools: narrow the changed clients by who changed a field and by field, sort them,
 * take AdminPulse's changes into the sheet ("refresh these cells"), copy the review to a sheet.
 */
import { Button, Select } from "@fluentui/react-components";
import { type ComparableField, differenceOrigins, type ReconcileResult } from "@pulsebridge/core";
import type { UiKey } from "../../i18n/ui.js";
import { useActions, useBusy, useT } from "../store/hooks.js";
import { useFieldLabel } from "./ReviewMatch.js";
import {
  type OriginFilter,
  originCounts,
  type ReviewSort,
  type ReviewView,
} from "./review-view.js";

export function ReviewTools(p: {
  changed: ReconcileResult["matching"];
  fields: ComparableField[];
  view: ReviewView;
  onView: (v: ReviewView) => void;
}) {
  const { tr } = useT();
  const a = useActions();
  const busy = useBusy();
  const label = useFieldLabel();
  const counts = originCounts(p.changed);
  return (
    <>
      <div className="pb-filters" id="pb-review-tools">
        <Select
          id="pb-review-origin"
          aria-label={tr("review.filterOrigin")}
          size="small"
          value={p.view.origin}
          onChange={(_, d) => p.onView({ ...p.view, origin: d.value as OriginFilter })}
        >
          <option value="all">{`${tr("review.filterOrigin")}: ${tr("review.origin.all")}`}</option>
          {differenceOrigins.map((o) => (
            <option key={o} value={o}>
              {`${tr(`review.origin.${o}` as UiKey)} (${counts[o]})`}
            </option>
          ))}
        </Select>
        <Select
          id="pb-review-field"
          aria-label={tr("review.filterField")}
          size="small"
          value={p.view.field}
          onChange={(_, d) => p.onView({ ...p.view, field: d.value as ComparableField | "" })}
        >
          <option value="">{tr("review.field.all")}</option>
          {p.fields.map((f) => (
            <option key={f} value={f}>
              {label(f)}
            </option>
          ))}
        </Select>
        <Select
          id="pb-review-sort"
          aria-label={tr("review.sort")}
          size="small"
          value={p.view.sort}
          onChange={(_, d) => p.onView({ ...p.view, sort: d.value as ReviewSort })}
        >
          {(["row", "name", "differences"] as const).map((s) => (
            <option key={s} value={s}>
              {`${tr("review.sort")}: ${tr(`review.sort.${s}`)}`}
            </option>
          ))}
        </Select>
      </div>
      <div className="actions">
        {counts.source ? (
          <Button
            id="pb-refresh-cells"
            disabledFocusable={busy}
            onClick={() => void a.review.refreshFromSource()}
          >
            {tr("review.refreshCells", { count: counts.source })}
          </Button>
        ) : null}
        <Button
          id="pb-copy-review"
          disabledFocusable={busy}
          onClick={() => void a.review.copyToSheet()}
        >
          {tr("review.copy")}
        </Button>
      </div>
    </>
  );
}
