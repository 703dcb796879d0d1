/**
 * End to end in real Chromium: the harness page (task pane + in-memory workbook) served by vite,
 * talking to the fake worker. Connect, pull 2,000 clients, validate, fix, review with an overwrite
 * choice, push (a failed push retried with the same key), rejected rows back — in nl, fr and en.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kindWords, languageNames } from "../../src/features/sheet/values.js";
import { t } from "../../src/i18n/ui.js";
import { makeClients, rejectedIssue } from "../support/fake-server.js";
import { appDir, cell, type Harness, startHarness, typeInCell } from "../support/harness-page.js";

const shots = `${appDir}/test-results`;
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});
const open = (lang: "nl" | "fr" | "en") => h.open(lang);

const labels = {
  nl: {
    enterprise: "Ondernemingsnummer",
    email: "E-mail",
    city: "Gemeente",
    status: "PulseBridge-status",
    kind: "Soort",
    language: "Taal",
  },
  fr: {
    enterprise: "Numéro d'entreprise",
    email: "E-mail",
    city: "Localité",
    status: "Statut PulseBridge",
    kind: "Type",
    language: "Langue",
  },
  en: {
    enterprise: "Enterprise number",
    email: "E-mail",
    city: "City",
    status: "PulseBridge status",
    kind: "Kind",
    language: "Language",
  },
} as const;

describe("task pane in the harness (Chromium)", () => {
  for (const lang of ["nl", "fr", "en"] as const) {
    it(`connect → pull → validate → fix → review → push, in ${lang}`, async () => {
      h.server.clients = makeClients(2_000);
      h.server.rejectWhen = (row) => (row.ref === "9" ? [rejectedIssue] : null);
      const page = await open(lang);
      const L = labels[lang];

      // Connect: a wrong key is explained, the right one connects.
      await page.fill("#pb-url", h.server.url);
      await page.fill("#pb-key", "pb_wrong_key_123");
      await page.click("#pb-connect");
      await expect
        .poll(() => page.textContent("#pb-message"))
        .toBe(t(lang, "connect.error.unauthorized"));
      await page.fill("#pb-key", "pb_test_staff_key");
      await page.click("#pb-connect");
      await page.waitForSelector("#pb-pull");
      await page.screenshot({ path: `${shots}/${lang}-1-connected.png` });

      // Pull 2,000 clients; validation runs right after.
      await page.click("#pb-pull");
      await page.waitForSelector("#pb-summary", { timeout: 60_000 });
      expect(await page.textContent("#pb-summary")).toBe(
        t(lang, "validate.summary", { rows: 2000, valid: 2000, invalid: 0, warnings: 0 }),
      );
      expect(await page.getAttribute("#grid-table", "data-rows")).toBe("2000");
      // Kinds in the user's words, languages by their own name.
      expect(await cell(page, 0, L.kind).textContent()).toBe(kindWords.company[lang]);
      expect(await cell(page, 3, L.language).textContent()).toBe(languageNames.fr);

      // Break three rows as users do: a lost leading zero, a typo, a broken e-mail.
      const original1 = (await cell(page, 1, L.enterprise).textContent()) ?? "";
      const original0 = (await cell(page, 0, L.enterprise).textContent()) ?? "";
      await typeInCell(page, 0, L.enterprise, original0.replace(/\./g, "").replace(/^0/, ""));
      const typo = `${original1.slice(0, -1)}${(Number(original1.at(-1)) + 1) % 10}`;
      await typeInCell(page, 1, L.enterprise, typo);
      await typeInCell(page, 2, L.email, "info(at)client3.be");
      await page.click("#pb-validate");
      await expect
        .poll(() => page.textContent("#pb-summary"))
        .toBe(t(lang, "validate.summary", { rows: 2000, valid: 1998, invalid: 2, warnings: 1 }));
      await expect
        .poll(() => cell(page, 1, L.enterprise).getAttribute("class"))
        .toContain("cell-error");
      expect(await cell(page, 1, L.status).textContent()).toMatch(/^✖ /);
      // Next problem selects the cell in the sheet.
      await page.click("#pb-next");
      await expect
        .poll(() => page.locator("#grid-table td.selected").getAttribute("data-col"))
        .toBe(L.enterprise);
      await page.screenshot({ path: `${shots}/${lang}-2-validated.png` });

      // Another language: the status column follows at once, from the stored results only.
      const other = lang === "nl" ? "fr" : "nl";
      const asked = h.server.requests.length;
      const status = (await cell(page, 1, L.status).textContent()) ?? "";
      await page.selectOption("#pb-language", other);
      await expect
        .poll(() => cell(page, 1, L.status).textContent())
        .toMatch(new RegExp(`^✖ ${labels[other].enterprise}: `));
      expect(await cell(page, 1, L.enterprise).getAttribute("class")).toContain("cell-error");
      expect(await page.textContent("#pb-summary")).toBe(
        t(other, "validate.summary", { rows: 2000, valid: 1998, invalid: 2, warnings: 1 }),
      );
      await page.selectOption("#pb-language", lang);
      await expect.poll(() => cell(page, 1, L.status).textContent()).toBe(status);
      expect(h.server.requests.length).toBe(asked);

      // Safe fixes: the lost zero only; the typo waits for the user's pick.
      await page.click("#pb-safe-fixes");
      await expect.poll(() => cell(page, 0, L.enterprise).textContent()).toBe(original0);
      expect(await cell(page, 1, L.enterprise).textContent()).toBe(typo);
      await page.locator(`#pb-problems button.chip[data-ref="3"]`, { hasText: original1 }).click();
      await expect.poll(() => cell(page, 1, L.enterprise).textContent()).toBe(original1);
      // Editing the e-mail re-validates that row at once.
      await typeInCell(page, 2, L.email, "info@client3.be");
      await expect.poll(() => cell(page, 2, L.status).textContent()).toBe(t(lang, "status.ok"));
      await expect
        .poll(() => page.textContent("#pb-summary"))
        .toBe(t(lang, "validate.summary", { rows: 2000, valid: 2000, invalid: 0, warnings: 0 }));

      // A change to review: the city of row 4 (sheet row 6).
      await typeInCell(page, 4, L.city, "Gand");
      await page.click("#tab-review");
      await page.click("#pb-review");
      await page.waitForSelector("#pb-review-counts", { timeout: 60_000 });
      const boxes = page.locator(".match input[type=checkbox]");
      await expect.poll(() => boxes.count()).toBeGreaterThan(0);
      // Only the user's own edits since the pull are ticked (issue 14); nothing else.
      for (const b of await boxes.all()) {
        const origin = await b.evaluate((el) => el.closest("tr")?.getAttribute("data-origin"));
        expect(await b.isChecked()).toBe(origin === "sheet");
      }
      await page.locator('.match input.overwrite[data-field="address.city"]').first().check();
      await page.screenshot({ path: `${shots}/${lang}-3-review.png`, fullPage: false });

      // Push; in Dutch the first attempt's answer is lost and the retry reuses the key.
      const importsBefore = h.server.imports.size;
      if (lang === "nl") h.server.failNextImports = 1;
      await page.click("#pb-to-push");
      await page.click("#pb-push");
      if (lang === "nl") {
        await page.waitForSelector("#pb-push-error");
        expect(await page.textContent("#pb-push")).toBe(t(lang, "push.retry"));
        await page.click("#pb-push");
      }
      await page.waitForSelector("#pb-push-result", { timeout: 60_000 });
      expect(h.server.imports.size).toBe(importsBefore + 1);
      // One summary: counts and the import id in the panel, no second copy in the banner, no
      // push button left to press.
      const imp = [...h.server.imports.values()].at(-1)?.response;
      expect(await page.textContent("#pb-import-id")).toBe(imp?.id);
      // The city ticked by hand and the fixed e-mail of row 2 (a user edit, proposed by default).
      expect(await page.textContent('#pb-push-counts dd[data-count="updated"]')).toBe("2");
      expect(await page.textContent('#pb-push-counts dd[data-count="rejected"]')).toBe("1");
      expect(await page.textContent("#pb-message")).toBe("");
      expect(await page.locator("#pb-push").count()).toBe(0);
      const keys = h.server.requests
        .filter((r) => r.path === "/v1/imports")
        .map((r) => r.idempotencyKey);
      if (lang === "nl") expect(keys.at(-1)).toBe(keys.at(-2));
      const changed = h.server.clients.find((c) => c.address?.city === "Gand");
      expect(changed?.id).toBe("cl_5");
      // The rejected row is back in the sheet with its reason.
      expect(await page.locator("#pb-rejected [role=listitem].rejected").count()).toBe(1);
      await expect
        .poll(() => cell(page, 7, L.status).textContent())
        .toContain(t(lang, "status.rejected").trim());
      await page.click("#pb-rejected [role=listitem].rejected button");
      await expect.poll(() => page.locator("#grid-table td.selected").count()).toBe(1);
      await page.screenshot({ path: `${shots}/${lang}-4-pushed.png` });
      // The pushed rows' statuses follow a language switch too.
      await page.selectOption("#pb-language", other);
      await expect
        .poll(() => cell(page, 7, L.status).textContent())
        .toContain(t(other, "status.rejected").trim());
      expect(await cell(page, 10, L.status).textContent()).toBe(
        t(other, "status.sent", { id: imp?.id ?? "" }),
      );
      await page.selectOption("#pb-language", lang);
      // Next: a new review. It resets the review and the push, never the sheet.
      const grid = await page.evaluate(() =>
        JSON.stringify(globalThis.harness?.workbook.sheets.get("PulseBridge")?.grid),
      );
      await page.click("#pb-new-review");
      await page.waitForSelector("#panel-review #pb-review");
      expect(await page.locator("#pb-review-counts").count()).toBe(0);
      expect(
        await page.evaluate(() =>
          JSON.stringify(globalThis.harness?.workbook.sheets.get("PulseBridge")?.grid),
        ),
      ).toBe(grid);
      await page.click("#tab-push");
      expect(await page.locator("#pb-push-result").count()).toBe(0);
      expect(await page.locator("#pb-go-review").count()).toBe(1);
      expect(page.stray).toEqual([]);
      await page.context().close();
    }, 180_000);
  }

  it("starts from an existing sheet: guesses the mapping and validates it", async () => {
    const page = await open("nl");
    await page.click("#tab-data");
    await page.click("#pb-map");
    await page.waitForSelector("#pb-map-name");
    expect(await page.inputValue("#pb-map-name")).toBe("Klantnaam");
    expect(await page.inputValue("#pb-map-enterpriseNumber")).toBe("Ondernemingsnummer");
    expect(await page.inputValue("#pb-map-vatNumber")).toBe("BTW-nummer");
    await page.screenshot({ path: `${shots}/nl-5-mapping.png` });
    await page.click("#pb-map-confirm");
    await page.waitForSelector("#pb-summary");
    // Row 3 has a checksum typo and a broken e-mail; the enterprise number of row 2 is fine.
    expect(await page.textContent("#pb-summary")).toMatch(/^2 rijen: 1 in orde, 1 met fouten/);
    await page.context().close();
  }, 60_000);
});
