/** One problem: where, what, and its quick fixes (keys 1–9 apply them when the row is focused). */
import { Button } from "@fluentui/react-components";
import { columnByKey } from "../../features/sheet/columns.js";
import { useBusy, useT } from "../store/hooks.js";
import { groupLine, type Problem, type ProblemItem, problemLine } from "./model.js";

export function ProblemGroup({ item }: { item: Extract<ProblemItem, { type: "group" }> }) {
  const { lang, tr } = useT();
  const label =
    "code" in item.label
      ? groupLine(item.label.code, lang)
      : tr("fix.row", { ref: item.label.ref });
  return (
    <div className={`pb-problem-group sev-${item.severity}`}>
      <span className="pb-sev" aria-hidden="true">
        {item.severity === "error" ? "✖" : "⚠"}
      </span>
      <span className="pb-group-label">{label}</span>
      <span className="pb-badge" data-count={item.count}>
        {tr("problems.rows", { count: item.count })}
      </span>
    </div>
  );
}

export function ProblemRow(props: {
  problem: Problem;
  active: boolean;
  onGo: (p: Problem) => void;
  onFix: (p: Problem, option: number) => void;
}) {
  const { problem: p, active } = props;
  const { lang, tr } = useT();
  const busy = useBusy();
  const column = p.column ? columnByKey.get(p.column)?.labels[lang] : undefined;
  return (
    <div
      className={`pb-problem sev-${p.severity}${p.source ? " source" : ""}`}
      data-row={p.row}
      data-col={p.column ?? ""}
      data-code={p.code}
    >
      <span className="pb-sev" role="img" aria-label={tr(`problems.one.${p.severity}`)}>
        {p.severity === "error" ? "✖" : "⚠"}
      </span>
      <div className="pb-problem-body">
        <Button
          appearance="transparent"
          size="small"
          className="pb-goto"
          tabIndex={active ? 0 : -1}
          onClick={() => props.onGo(p)}
        >
          {tr("fix.row", { ref: p.ref })}
          {column ? ` · ${column}` : ""}
        </Button>
        <span className="pb-problem-text">
          {p.source ? <span className="pb-source-tag">AdminPulse · </span> : null}
          {problemLine(p, lang)}
        </span>
        {p.fix ? (
          <span className="pb-fixes">
            <code>{p.fix.current || "—"}</code> →{" "}
            {p.fix.options.slice(0, 9).map((opt, i) => (
              <Button
                key={opt.value}
                size="small"
                appearance={opt.safe ? "primary" : "secondary"}
                className={opt.safe ? "chip safe" : "chip"}
                data-ref={p.ref}
                tabIndex={active ? 0 : -1}
                disabledFocusable={busy}
                title={opt.safe ? tr("fix.safe") : tr("fix.guess")}
                aria-keyshortcuts={String(i + 1)}
                onClick={() => props.onFix(p, i)}
              >
                <kbd>{i + 1}</kbd> {tr("fix.use", { value: opt.value })}
                <span className="tag">{opt.safe ? tr("fix.safe") : tr("fix.guess")}</span>
              </Button>
            ))}
          </span>
        ) : null}
      </div>
    </div>
  );
}
