/**
 * The new field checks (issue 15) in the real pane, in Chromium: an IBAN with two digits swapped,
 * a phone number that is not one, an e-mail at a mistyped provider and a town that is not in its
 * postcode show as problems in the user's language with their suggestions, and a quick fix
 * writes the suggestion into the sheet (for the town: the town's name, never the "9000 Gent" pair).
 */
import { checkId, translate } from "@pulsebridge/core";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { columnByKey } from "../../src/features/sheet/columns.js";
import { connectAndPull, type Harness, startHarness } from "../support/harness-page.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness(6);
});
afterAll(async () => {
  await h?.close();
});

type Lang = "nl" | "fr" | "en";
const header = (key: string, lang: Lang) => columnByKey.get(key as never)?.labels[lang] ?? key;

/** Types values into the pulled sheet's cells (row 0 = first client), as the user would. */
async function write(page: Page, lang: Lang, cells: { row: number; key: string; value: string }[]) {
  const named = cells.map((c) => ({ row: c.row, column: header(c.key, lang), value: c.value }));
  await page.evaluate(async (list) => {
    const wb = globalThis.harness?.workbook;
    const sheet = wb?.sheets.get("PulseBridge");
    if (!wb || !sheet) throw new Error("no pulled sheet");
    await wb.writeCells({ sheet: "PulseBridge", table: sheet.table ?? "" }, list);
  }, named);
}

/** The value of one cell of the pulled sheet. */
async function cellValue(page: Page, lang: Lang, row: number, key: string) {
  return page.evaluate(
    ([r, col]) => {
      const grid = globalThis.harness?.workbook.sheets.get("PulseBridge")?.grid ?? [];
      const at = grid[0]?.indexOf(col as string) ?? -1;
      return grid[(r as number) + 1]?.[at] ?? null;
    },
    [row, header(key, lang)] as const,
  );
}

const problem = (page: Page, key: string) => page.locator(`.pb-problem[data-col="${key}"]`);

const typoIban = "BE68 5390 0754 7043"; // BE68 5390 0754 7034 with its last two digits swapped

describe.each(["fr", "nl", "en"] as const)("field checks in the pane (%s)", (lang) => {
  it("shows IBAN, phone, e-mail and postcode-town problems with suggestions; a quick fix applies", async () => {
    const page = await h.open(lang);
    await connectAndPull(page, h.server.url);
    await write(page, lang, [
      { row: 0, key: "iban", value: typoIban },
      { row: 1, key: "phone", value: "09 123 45 67" },
      { row: 2, key: "email", value: "jan@gmial.com" },
      { row: 3, key: "postalCode", value: "9000" },
      { row: 3, key: "city", value: "Antwerpen" },
    ]);
    await page.click("#pb-validate");
    await expect.poll(() => problem(page, "city").count(), { timeout: 30_000 }).toBe(1);

    const iban = checkId("iban", typoIban);
    if (iban.valid) throw new Error("the typo must be invalid");
    const phone = checkId("phone", "09 123 45 67");
    if (phone.valid) throw new Error("the phone must be invalid");
    const expected: [string, string][] = [
      ["iban", translate(iban.error.code, lang)],
      ["phone", translate(phone.error.code, lang)],
      ["email", translate("id.email_domain_typo", lang)],
      [
        "city",
        translate("row.postcode_city_mismatch", lang, { postcode: "9000", city: "Antwerpen" }),
      ],
    ];
    for (const [key, message] of expected) {
      const text = await problem(page, key).locator(".pb-problem-text").textContent();
      expect(text, key).toBe(`${header(key, lang)}: ${message}`);
    }
    // Suggestions: the real IBAN, the provider's domain, the postcode's own town.
    await expect
      .poll(() => problem(page, "iban").locator(".chip").allTextContents())
      .toEqual([expect.stringContaining("BE68539007547034")]);
    expect(await problem(page, "email").locator(".chip").allTextContents()).toEqual([
      expect.stringContaining("jan@gmail.com"),
    ]);
    const townChips = await problem(page, "city").locator(".chip").allTextContents();
    expect(townChips).toEqual([expect.stringContaining("Gent")]);
    expect(townChips.join()).not.toContain("9000");

    // Quick fixes write the suggestion into the cell, and the problem goes.
    await problem(page, "city").locator(".chip").first().click();
    await expect.poll(() => cellValue(page, lang, 3, "city")).toBe("Gent");
    await expect.poll(() => problem(page, "city").count()).toBe(0);
    await problem(page, "email").locator(".chip").first().click();
    await expect.poll(() => cellValue(page, lang, 2, "email")).toBe("jan@gmail.com");
    await expect.poll(() => problem(page, "email").count()).toBe(0);
    expect(page.stray).toEqual([]);
    await page.context().close();
  }, 120_000);
});
