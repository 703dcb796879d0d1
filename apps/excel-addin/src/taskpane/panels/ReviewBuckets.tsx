/** The review's buckets as complete, searchable lists: new, changed, only in PulseBridge, invalid. */
import type { ReconcileResult } from "@pulsebridge/core";
import { useMemo } from "react";
import { reviewName, reviewNumbers } from "../../features/review/choices.js";
import { isInvalid } from "../../features/validate/validate.js";
import { formatNumber, type UiKey } from "../../i18n/ui.js";
import { RowButton, RowCheckbox } from "../lists/RowControls.js";
import { RowIssueList } from "../lists/RowIssueList.js";
import { VirtualList } from "../lists/VirtualList.js";
import { useActions, useT } from "../store/hooks.js";
import { usePane } from "../store/store.js";
import { lightHeading, ReviewMatch } from "./ReviewMatch.js";
import { matchSearchText, withBareNumbers } from "./review-view.js";

type Result = ReconcileResult;

export function ReviewBuckets({
  review: r,
  changed,
}: {
  review: Result;
  changed: Result["matching"];
}) {
  const { lang, tr } = useT();
  // "Ongeldig (1.200)": the counts in the language's digits, as the lists' own counts are.
  const titled = (key: UiKey, n: number) => `${tr(key)} (${formatNumber(lang, n)})`;
  return (
    <>
      <details open id="pb-bucket-new">
        <summary>{titled("review.onlyInImport", r.onlyInImport.length)}</summary>
        <NewClients items={r.onlyInImport} />
      </details>
      <details open id="pb-bucket-matching">
        <summary>{titled("review.matching", r.matching.length)}</summary>
        {r.matching.every((m) => m.differences.length === 0) ? (
          <p className="muted">{tr("review.identical")}</p>
        ) : (
          <VirtualList
            id="pb-matches"
            label={tr("review.matching")}
            items={changed}
            getKey={(m) => m.id}
            searchText={(m) => withBareNumbers(matchSearchText(m))}
            estimate={190}
            estimateOf={matchHeight}
            maxHeight={480}
            // A changed client is ~170 px tall: two rows beyond each edge cover a fast scroll.
            overscan={2}
            render={(m, s) => <ReviewMatch match={m} active={s.active} />}
            renderLite={(m) => lightHeading(m, tr)}
          />
        )}
      </details>
      <details id="pb-bucket-target">
        <summary>{titled("review.onlyInTarget", r.onlyInTarget.length)}</summary>
        <p className="hint">{tr("review.onlyInTargetHint")}</p>
        <OnlyInTarget items={r.onlyInTarget} />
      </details>
      <details open={r.invalid.length > 0} id="pb-bucket-invalid">
        <summary>{titled("review.invalid", r.invalid.length)}</summary>
        <RowIssueList id="pb-invalid" label={tr("review.invalid")} rows={r.invalid} />
      </details>
    </>
  );
}

/**
 * A changed client's height in Chromium at the pane's usual width: heading, buttons, the table's
 * header, and one line per difference (measured; a wrapped line is corrected by measuring).
 */
const matchHeight = (m: Result["matching"][number]) => 136 + 32 * m.differences.length;

function NewClients({ items }: { items: Result["onlyInImport"] }) {
  const { tr } = useT();
  const a = useActions();
  const add = usePane((s) => s.choices?.add);
  const chosen = useMemo(() => new Set(add ?? []), [add]);
  return (
    <VirtualList
      id="pb-new"
      label={tr("review.onlyInImport")}
      items={items}
      getKey={(n) => n.ref}
      searchText={(n) =>
        withBareNumbers(
          `${reviewName(n)} ${n.ref} ${reviewNumbers(n).enterpriseNumber ?? ""} ${reviewNumbers(n).nationalNumber ?? ""}`,
        )
      }
      render={(n, s) => (
        <RowCheckbox
          id={`pb-add-${n.ref}`}
          tabIndex={s.active ? 0 : -1}
          checked={chosen.has(n.ref)}
          onChange={(v) => a.review.setAdd(n.ref, v)}
          label={`${reviewName(n)} (${tr("fix.row", { ref: n.ref })})`}
        />
      )}
    />
  );
}

/** A client of theirs whose row has errors (or was skipped) is in the sheet, just not sent. */
function OnlyInTarget({ items }: { items: Result["onlyInTarget"] }) {
  const { tr } = useT();
  const a = useActions();
  const sheet = usePane((s) => s.sheet);
  const results = usePane((s) => s.validation?.results);
  const rowOfClient = useMemo(() => {
    const map = new Map<string, number>();
    for (const res of results ?? [])
      if (sheet && (res.skipped || isInvalid(res))) {
        const id = sheet.rows[res.row]?.adminpulseId?.trim();
        if (id) map.set(id, res.row);
      }
    return map;
  }, [results, sheet]);
  const rowOf = (x: Result["onlyInTarget"][number]) =>
    x.adminpulseId ? rowOfClient.get(x.adminpulseId) : undefined;
  return (
    <VirtualList
      id="pb-target"
      label={tr("review.onlyInTarget")}
      items={items}
      getKey={(x) => x.id}
      searchText={(x) =>
        withBareNumbers(
          `${x.name} ${x.enterpriseNumber ?? ""} ${x.nationalNumber ?? ""} ${x.code ?? ""}`,
        )
      }
      render={(x, s) => {
        const row = rowOf(x);
        return (
          <>
            {x.name}
            {row === undefined || !sheet ? null : (
              <>
                {" — "}
                <RowButton
                  className="pb-row-link"
                  tabIndex={s.active ? 0 : -1}
                  onClick={() => void a.validate.goTo(row, null)}
                >
                  {tr("review.goto", { ref: String(sheet.firstRow + row) })}
                </RowButton>
                <span className="muted">{` ${tr("review.notSent")}`}</span>
              </>
            )}
          </>
        );
      }}
    />
  );
}
