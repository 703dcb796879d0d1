/**
 * The Problems view, like an editor's: every problem of the sheet grouped by kind or by row, with
 * counts, filters by severity and column, go-to-cell, and quick fixes on one key.
 */
import { Select } from "@fluentui/react-components";
import { useMemo, useState } from "react";
import { columns, type FieldKey } from "../../features/sheet/columns.js";
import { VirtualList } from "../lists/VirtualList.js";
import { useActions, useT } from "../store/hooks.js";
import { usePane } from "../store/store.js";
import {
  countBySeverity,
  filterProblems,
  type GroupBy,
  groupLine,
  groupProblems,
  type Problem,
  type ProblemItem,
  problemLine,
  problemsOf,
  type SeverityFilter,
} from "./model.js";
import { ProblemGroup, ProblemRow } from "./ProblemRow.js";
import { sourceProblemsByRow } from "./source.js";

export function ProblemsPanel() {
  const { lang, tr } = useT();
  const a = useActions();
  const sheet = usePane((s) => s.sheet);
  const validation = usePane((s) => s.validation);
  const version = usePane((s) => s.sheetVersion);
  const pulled = usePane((s) => s.pulledClients);
  const conflicts = usePane((s) => s.conflicts);
  const [groupBy, setGroupBy] = useState<GroupBy>("kind");
  const [severity, setSeverity] = useState<SeverityFilter>("all");
  const [column, setColumn] = useState<FieldKey | "">("");
  // biome-ignore lint/correctness/useExhaustiveDependencies: version marks in-place sheet edits
  const all = useMemo(
    () =>
      sheet && validation
        ? problemsOf(sheet, validation, lang, sourceProblemsByRow(sheet, pulled), conflicts)
        : [],
    [sheet, validation, lang, version, pulled, conflicts],
  );
  const items = useMemo(
    () => groupProblems(filterProblems(all, { severity, column }), groupBy),
    [all, severity, column, groupBy],
  );
  const counts = countBySeverity(all);
  const usedColumns = useMemo(() => new Set(all.map((p) => p.column)), [all]);
  if (!validation) return null;

  const go = (p: Problem) => void a.validate.goTo(p.row, p.column);
  const fix = (p: Problem, i: number) => {
    const opt = p.fix?.options[i];
    if (p.fix && opt) void a.fix.applyFix({ row: p.row, column: p.fix.header, value: opt.value });
  };
  const text = (i: ProblemItem) =>
    i.type === "group"
      ? "code" in i.label
        ? groupLine(i.label.code, lang)
        : i.label.ref
      : `${i.problem.ref} ${problemLine(i.problem, lang)} ${i.problem.fix?.current ?? ""}`;

  return (
    <section aria-labelledby="pb-problems-heading" className="pb-problems">
      <h3 id="pb-problems-heading">
        {tr("problems.heading")}{" "}
        <span id="pb-problem-counts" className="pb-badge">
          {tr("problems.count", counts)}
        </span>
      </h3>
      <div className="pb-filters">
        <Select
          id="pb-group-by"
          aria-label={tr("problems.groupBy")}
          value={groupBy}
          onChange={(_, d) => setGroupBy(d.value as GroupBy)}
          size="small"
        >
          <option value="kind">{`${tr("problems.groupBy")}: ${tr("problems.byKind")}`}</option>
          <option value="row">{`${tr("problems.groupBy")}: ${tr("problems.byRow")}`}</option>
        </Select>
        <Select
          id="pb-severity"
          aria-label={tr("problems.severity")}
          value={severity}
          onChange={(_, d) => setSeverity(d.value as SeverityFilter)}
          size="small"
        >
          {(["all", "error", "warning"] as const).map((s) => (
            <option key={s} value={s}>
              {tr(`problems.severity.${s}`)}
            </option>
          ))}
        </Select>
        <Select
          id="pb-column"
          aria-label={tr("problems.column")}
          value={column}
          onChange={(_, d) => setColumn(d.value as FieldKey | "")}
          size="small"
        >
          <option value="">{tr("problems.column.all")}</option>
          {columns
            .filter((c) => usedColumns.has(c.key))
            .map((c) => (
              <option key={c.key} value={c.key}>
                {c.labels[lang]}
              </option>
            ))}
        </Select>
      </div>
      <p className="hint" id="pb-problems-keys">
        {tr("problems.keys")}
      </p>
      {all.length === 0 ? (
        <p className="ok">{tr("problems.none")}</p>
      ) : (
        <VirtualList
          id="pb-problems"
          label={tr("problems.heading")}
          items={items}
          getKey={(i) => i.id}
          searchText={text}
          estimate={56}
          maxHeight={420}
          rowClass={(i) => (i.type === "group" ? "group" : "problem")}
          onEnter={(i) => i.type === "problem" && go(i.problem)}
          onKey={(i, e) => {
            if (i.type !== "problem" || !/^[1-9]$/.test(e.key) || e.ctrlKey || e.metaKey)
              return false;
            fix(i.problem, Number(e.key) - 1);
            return true;
          }}
          render={(i, s) =>
            i.type === "group" ? (
              <ProblemGroup item={i} />
            ) : (
              <ProblemRow problem={i.problem} active={s.active} onGo={go} onFix={fix} />
            )
          }
        />
      )}
    </section>
  );
}
