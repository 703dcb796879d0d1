/**
 * The add-in harness's workbook as the e2e journeys read and edit it: the pulled table's grid
 * (apps/excel-addin/src/taskpane/harness.ts exposes it on `globalThis.harness`) and typing into a
 * cell of the drawn grid, the way a user edits a cell.
 */
import type { Page } from "playwright-core";

/** The grid's cells, as the add-in's browser tests name them. */
export { cell, typeInCell } from "@pulsebridge/excel-addin/test/harness-grid";

/** What the harness page exposes on `globalThis.harness`. */
export type HarnessGlobal = {
  harness: { workbook: { sheets: Map<string, { table: string | null; grid: string[][] }> } };
};

/** The pulled table as the harness holds it: headers and rows. */
export async function sheet(page: Page) {
  return page.evaluate(() => {
    const wb = (globalThis as unknown as HarnessGlobal).harness.workbook;
    const sh = [...wb.sheets.values()].find((x) => x.table === "PulseBridgeClients")!;
    return { headers: sh.grid[0]!.slice(), rows: sh.grid.slice(1).map((r) => r.slice()) };
  });
}
