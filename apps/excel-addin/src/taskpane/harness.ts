/**
 * The harness: the real task pane next to an in-memory workbook drawn as a grid, so the add-in can
 * be tried and tested end to end in any browser. No office.js is loaded here.
 */
import { pickLanguage } from "../i18n/ui.js";
import { createMemoryWorkbook, type MemoryWorkbook } from "../workbook/memory.js";
import { h } from "./dom.js";
import { type App, mountPane } from "./mount.js";
import "./harness.css";
import "./pane.css";

declare global {
  var harness: { workbook: MemoryWorkbook; app: App } | undefined;
}

const params = new URLSearchParams(location.search);
const workbook = createMemoryWorkbook();
// A sheet as another tool exports it, to try "start from a sheet you have".
workbook.addSheet("Export", [
  ["Klantnaam", "Ondernemingsnummer", "BTW-nummer", "E-mail", "Postcode", "Gemeente", "Opmerking"],
  ["Bakkerij Janssens", "403.019.261", "BE 0403 019 261", "info@janssens.be", "9000", "Gent", ""],
  ["Dubois & Fils", "0403019262", "", "contact(at)dubois.be", "4000", "Liège", "nakijken"],
]);

const pane = document.getElementById("app");
const grid = document.getElementById("grid");
if (!pane || !grid) throw new Error("harness.html is missing #app or #grid");

const themeParam = params.get("theme");
const app = mountPane({
  root: pane,
  workbook,
  storage: window.localStorage,
  language: pickLanguage(params.get("lang") ?? navigator.language),
  userName: "harness",
  // ?theme=light|dark|contrast fixes the theme; without it the pane follows the system (as in Office).
  theme:
    themeParam === "light" || themeParam === "dark" || themeParam === "contrast"
      ? themeParam
      : undefined,
});
globalThis.harness = { workbook, app };

const windowSize = 60;

function draw() {
  const names = [...workbook.sheets.keys()];
  const shown = workbook.sheets.has(workbook.active) ? workbook.active : (names[0] ?? "");
  const sheet = workbook.sheets.get(shown);
  const sel = workbook.selected?.sheet === shown ? workbook.selected : null;
  const dataRows = Math.max(0, (sheet?.grid.length ?? 1) - 1);
  const start = sel ? Math.max(0, Math.min(sel.row - 10, dataRows - windowSize)) : 0;
  const end = Math.min(dataRows, start + windowSize);
  const header = sheet?.grid[0] ?? [];
  const visible = header.map((_, i) => i).filter((i) => !sheet?.hiddenColumns.has(i));
  grid?.replaceChildren(
    h(
      "div",
      { class: "sheet-tabs", role: "tablist", "aria-label": "Sheets" },
      names.map((n) =>
        h(
          "button",
          {
            role: "tab",
            "aria-selected": String(n === shown),
            onclick: () => {
              workbook.active = n;
              workbook.selected = null;
              draw();
            },
          },
          n,
        ),
      ),
    ),
    h(
      "div",
      { class: "grid-scroll" },
      h(
        "table",
        { class: "grid", id: "grid-table", "data-sheet": shown, "data-rows": String(dataRows) },
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            h("th", { class: "rownum" }, ""),
            visible.map((i) => h("th", { scope: "col" }, header[i] ?? "")),
          ),
        ),
        h(
          "tbody",
          {},
          Array.from({ length: end - start }, (_, k) => {
            const r = start + k;
            const line = sheet?.grid[r + 1] ?? [];
            const level = sheet?.rowLevels.get(r);
            return h(
              "tr",
              { "data-row": String(r), class: level ? `row-${level}` : "" },
              h("th", { class: "rownum", scope: "row" }, String(r + 2)),
              visible.map((c) => {
                const hl = sheet?.highlights.get(r)?.get(c);
                const isSel = sel && sel.row === r && sel.column === c;
                return h(
                  "td",
                  {
                    class: [hl ? `cell-${hl}` : "", isSel ? "selected" : ""].join(" ").trim(),
                    "data-col": header[c] ?? "",
                    ondblclick: (e: Event) =>
                      edit(e.currentTarget as HTMLElement, r, c, line[c] ?? ""),
                  },
                  line[c] ?? "",
                );
              }),
            );
          }),
        ),
      ),
      end < dataRows ? h("p", { class: "muted" }, `… ${dataRows - end} more rows`) : null,
    ),
  );
  grid?.querySelector(".selected")?.scrollIntoView({ block: "center", inline: "nearest" });
}

function edit(td: HTMLElement, row: number, col: number, value: string) {
  const input = h("input", { value, class: "cell-editor", "aria-label": "cell" });
  td.replaceChildren(input);
  input.focus();
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter") workbook.userEdit(workbook.active, row, col, input.value);
    if (e.key === "Escape") draw();
  });
  input.addEventListener("blur", () => draw());
}

let scheduled = false;
workbook.onChange(() => {
  if (scheduled) return;
  scheduled = true;
  requestAnimationFrame(() => {
    scheduled = false;
    draw();
  });
});
draw();
