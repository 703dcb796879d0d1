/** Clients that appear twice: their rows side by side, and "keep this one". */
import { Button } from "@fluentui/react-components";
import { useMemo } from "react";
import { findDuplicates } from "../../features/fix/fix.js";
import { columns } from "../../features/sheet/columns.js";
import { useActions, useT } from "../store/hooks.js";
import { usePane } from "../store/store.js";

export function Duplicates() {
  const { lang, tr } = useT();
  const a = useActions();
  const sheet = usePane((s) => s.sheet);
  const skipped = usePane((s) => s.skipped);
  const version = usePane((s) => s.sheetVersion);
  // biome-ignore lint/correctness/useExhaustiveDependencies: version marks in-place sheet edits
  const groups = useMemo(
    () => (sheet ? findDuplicates(sheet, skipped) : []),
    [sheet, skipped, version],
  );
  if (!sheet || groups.length === 0) return null;
  const rowLabel = (r: number) => tr("fix.row", { ref: String(sheet.firstRow + r) });
  return (
    <section aria-labelledby="pb-dup-heading">
      <h3 id="pb-dup-heading">{tr("dup.heading")}</h3>
      {groups.map((g) => (
        // biome-ignore lint/a11y/useSemanticElements: a labelled group around a table, not a form
        <div
          key={g.key}
          className="dup"
          role="group"
          aria-label={`${tr("dup.heading")} ${g.label}`}
        >
          <table>
            <thead>
              <tr>
                <td />
                {g.rows.map((r) => (
                  <th key={r} scope="col">
                    {rowLabel(r)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {columns
                .filter((c) => g.rows.some((r) => sheet.rows[r]?.[c.key]))
                .map((c) => {
                  const vals = g.rows.map((r) => sheet.rows[r]?.[c.key] ?? "");
                  return (
                    <tr key={c.key} className={new Set(vals).size > 1 ? "differs" : ""}>
                      <th scope="row">{c.labels[lang]}</th>
                      {vals.map((x, i) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: one cell per row of the group
                        <td key={i}>{x}</td>
                      ))}
                    </tr>
                  );
                })}
              <tr>
                <td />
                {g.rows.map((r) => (
                  <td key={r}>
                    <Button
                      size="small"
                      aria-label={`${tr("dup.keep")}: ${rowLabel(r)}`}
                      onClick={() => void a.fix.keepDuplicate(r, g.rows)}
                    >
                      {tr("dup.keep")}
                    </Button>
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}
