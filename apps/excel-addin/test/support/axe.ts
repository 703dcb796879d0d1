/** axe-core in the harness: serious and critical violations only, as the issue asks. */
import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";

/** Violations inside `selector` (the pane by default; the harness's fake grid is not the product). */
export async function violations(page: Page, selector = "#app") {
  // Colours as they settle, not mid-transition: a button drawn under the pointer (the push panel's
  // Withdraw appears where Push was clicked) starts its hover transition, and axe measured that
  // half-blended colour once under load. The pointer leaves, and transitions end at once.
  await page.mouse.move(0, 0);
  await page.addStyleTag({
    content: "*, *::before, *::after { transition: none !important; animation: none !important; }",
  });
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => done(null))));
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
