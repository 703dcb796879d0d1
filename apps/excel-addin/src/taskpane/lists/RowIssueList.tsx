/** Rows the server refused (review's "invalid", push's "rejected"): go to the row, and why. */
import { Button } from "@fluentui/react-components";
import type { RowIssue } from "@pulsebridge/core";
import { columnOfIssue } from "../../features/sheet/columns.js";
import { rowOfRef } from "../../features/sheet/model.js";
import { issueText } from "../../features/validate/validate.js";
import { useActions, useT } from "../store/hooks.js";
import { usePane } from "../store/store.js";
import { VirtualList } from "./VirtualList.js";

export interface RowIssues {
  ref: string;
  issues: RowIssue[];
}

export function RowIssueList(p: {
  id: string;
  label: string;
  rows: RowIssues[];
  rowClass?: string;
}) {
  const { lang, tr } = useT();
  const a = useActions();
  const sheet = usePane((s) => s.sheet);
  const reasons = (x: RowIssues) =>
    x.issues.map((i) => issueText({ ...i, column: columnOfIssue(i.field, []) }, lang)).join(" · ");
  const go = (x: RowIssues) => sheet && void a.validate.goTo(rowOfRef(sheet, x.ref), null);
  return (
    <VirtualList
      id={p.id}
      label={p.label}
      items={p.rows}
      getKey={(x) => x.ref}
      searchText={(x) => `${x.ref} ${reasons(x)}`}
      rowClass={() => p.rowClass ?? ""}
      onEnter={go}
      render={(x, s) => (
        <>
          <Button
            appearance="transparent"
            size="small"
            tabIndex={s.active ? 0 : -1}
            onClick={() => go(x)}
          >
            {tr("review.goto", { ref: x.ref })}
          </Button>
          {`: ${reasons(x)}`}
        </>
      )}
    />
  );
}
