/**
 * The harness's drawn grid as a user meets it: a cell by data row and header, and typing into one.
 * The add-in's browser tests and the e2e journeys both use it, so the grid's markup is named once.
 */
import type { Page } from "playwright-core";

/** A cell of the harness's grid by data row and header. */
export const cell = (page: Page, row: number, header: string) =>
  page.locator(`#grid-table tr[data-row="${row}"] td[data-col="${header}"]`);

/** Types into a grid cell as a user would: double-click, type, Enter. */
export async function typeInCell(page: Page, row: number, header: string, value: string) {
  await cell(page, row, header).dblclick();
  const input = page.locator(".cell-editor");
  await input.fill(value);
  await input.press("Enter");
}
