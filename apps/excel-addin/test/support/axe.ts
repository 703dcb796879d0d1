/** axe-core in the harness: serious and critical violations only, as the issue asks. */
import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";

/** Violations inside `selector` (the pane by default; the harness's fake grid is not the product). */
export async function violations(page: Page, selector = "#app") {
  // The grid stands for Excel: hidden while axe runs, so axe spends its time on the pane.
  await page.evaluate(() => document.getElementById("grid")?.setAttribute("hidden", ""));
  const r = await new AxeBuilder({ page }).include(selector).analyze();
  await page.evaluate(() => document.getElementById("grid")?.removeAttribute("hidden"));
  return r.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

export const themes = [
  { name: "light", open: { theme: "light" as const } },
  { name: "dark", open: { theme: "dark" as const } },
  { name: "contrast", open: { forcedColors: true } },
];
