/**
 * The round trip staff can trust (issue 14), end to end with real processes: the stand-in
 * AdminPulse, the worker under `wrangler dev`, the add-in's harness and Chromium. A small office
 * (200 relations). What the review showed is read from the worker's answers to the pane, what was
 * pushed from GET /v1/imports.
 *   (a) a pulled row's enterprise number made invalid, then fixed to a new one → the same client
 *       is updated: no new client, nothing "only in PulseBridge";
 *   (b) AdminPulse changes a field after the pull, the user edits another → the review says
 *       `source` and `sheet`; the push writes only the user's edit;
 *   (c) pulled by task template → the review lists only that template's clients;
 *   (d) a re-pull keeps the edits not pushed yet.
 */
import type { ImportRowResource, ReconcileResult } from "@pulsebridge/core";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectPane } from "./support/connect.js";
import { cell, sheet, typeInCell } from "./support/harness-sheet.js";
import {
  allClients,
  artifacts,
  type E2eStack,
  e2eStack,
  launchBrowser,
  type Office,
} from "./support/stack.js";

let s: E2eStack;
let browser: Browser;
let office: Office;

beforeAll(async () => {
  [s, browser] = await Promise.all([e2eStack({ size: 200, harness: true }), launchBrowser()]);
  office = await s.newOffice("Kantoor Rondgang", { sync: true });
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await s?.close();
});

/** A pane with the office's staff key, its reviews recorded as the worker answered them. */
async function openPane() {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const reviews: { result: ReconcileResult }[] = [];
  page.on("response", async (res) => {
    if (!res.url().endsWith("/v1/reconcile") || res.request().method() !== "POST") return;
    reviews.push({ result: (await res.json()) as ReconcileResult });
  });
  const errors: Error[] = [];
  page.on("pageerror", (e) => errors.push(e));
  await page.goto(`${s.stack.harness!.url}/harness.html?lang=en`);
  await page.fill("#pb-url", s.url);
  await connectPane(page, s, office.keys.staff, "round-trip");
  return { page, reviews, errors };
}

async function pullAll(page: Page) {
  // The pull button lives on the data step; after a pull the pane shows the validate step.
  await page.click("#tab-data");
  await page.click("#pb-pull");
  await page.waitForSelector("#pb-summary", { timeout: 60_000 });
}

/** Review in the pane; the reviews recorded since `from`, merged as the pane merges them. */
async function review(page: Page, reviews: { result: ReconcileResult }[], name: string) {
  const from = reviews.length;
  await page.click("#tab-review");
  await page.click("#pb-review");
  await page.waitForSelector("#pb-review-counts", { timeout: 60_000 }).catch(async (e) => {
    await page.screenshot({ path: `${artifacts}/round-trip-${name}-review-failed.png` });
    throw new Error(`review did not open: ${await page.textContent("#pb-message")}`, { cause: e });
  });
  const answers = reviews.slice(from).map((r) => r.result);
  expect(answers.length).toBeGreaterThan(0);
  // A client is only in PulseBridge when no answer claimed it: the pane sends unchanged pulled
  // rows as known rows and the ones the worker asks for (`resend`) again in a second request.
  const claimed = new Set([
    ...answers.flatMap((r) => r.matching.map((m) => m.id)),
    ...answers.flatMap((r) => r.invalid.flatMap((x) => (x.id ? [x.id] : []))),
  ]);
  const merged: ReconcileResult = {
    onlyInImport: answers.flatMap((r) => r.onlyInImport),
    onlyInTarget: (answers[0]?.onlyInTarget ?? []).filter((t) => !claimed.has(t.id)),
    matching: answers.flatMap((r) => r.matching),
    invalid: answers.flatMap((r) => r.invalid),
    duplicates: answers.flatMap((r) => r.duplicates),
  };
  lastAnswers = answers;
  return [merged];
}
/** The worker's answers to the last review, as they came (for the request count and `resend`). */
let lastAnswers: ReconcileResult[] = [];

async function push(page: Page, name: string) {
  const before = (await s.call(office.keys.service, "GET", "/v1/imports")).json.data.length;
  await page.click("#pb-to-push");
  await page.click("#pb-push");
  await page.waitForSelector("#pb-push-result", { timeout: 60_000 }).catch(async (e) => {
    await page.screenshot({ path: `${artifacts}/round-trip-${name}-push-failed.png` });
    throw e;
  });
  const list = (await s.call(office.keys.service, "GET", "/v1/imports")).json.data;
  expect(list).toHaveLength(before + 1);
  const imp = list[0];
  const rows = (await s.call(office.keys.service, "GET", `/v1/imports/${imp.id}/rows?limit=500`))
    .json.data as ImportRowResource[];
  return { imp, rows };
}

/** 0 + 7 digits + 2 check digits: a valid enterprise number, dotted as the sheet shows it. */
function enterprise(i: number): string {
  const base = 7_000_000 + i;
  const n = `0${base}${String(97 - (base % 97)).padStart(2, "0")}`;
  return `${n.slice(0, 4)}.${n.slice(4, 7)}.${n.slice(7)}`;
}

describe("the round trip", () => {
  it("(a) a fixed enterprise number updates the same client: no duplicate, nothing only in PulseBridge", async () => {
    const { page, reviews, errors } = await openPane();
    await pullAll(page);
    const t = await sheet(page);
    const col = (h: string) => t.headers.indexOf(h);
    // A company whose row is valid apart from the number we break (the stand-in's office has
    // rows with other errors: those are never pushed, and only claim their client in the review).
    let row = -1;
    for (const [i, r] of t.rows.slice(0, 50).entries()) {
      if (!/^0\d{3}\.\d{3}\.\d{3}$/.test(r[col("Enterprise number")] ?? "")) continue;
      if ((await page.locator(`#grid-table tr[data-row="${i}"] td.cell-error`).count()) > 0)
        continue;
      row = i;
      break;
    }
    expect(row).toBeGreaterThanOrEqual(0);
    const apId = t.rows[row]![col("AdminPulse ID")]!;
    const client = (await allClients(s, office.keys.service)).find(
      (c) => c.sourceIds.adminpulseId === apId,
    )!;
    // Invalid first (the check digits are wrong), then fixed to the client's new number.
    await typeInCell(page, row, "Enterprise number", "0123.456.789");
    await page.click("#pb-validate");
    await expect
      .poll(() => cell(page, row, "Enterprise number").getAttribute("class"))
      .toMatch(/cell-error/);
    // Invalid, the row still claims its client by id: not "only in PulseBridge", never new.
    const invalid = await review(page, reviews, "a-invalid");
    expect(invalid.flatMap((r) => r.invalid).filter((x) => x.id === client.id)).toHaveLength(1);
    expect(invalid.flatMap((r) => r.onlyInTarget)).toEqual([]);
    expect(invalid.flatMap((r) => r.onlyInImport)).toEqual([]);
    // The fix: the new number, and the VAT number that contains it (else the row stays invalid).
    const fixed = enterprise(row);
    const vat = `BE${fixed.replaceAll(".", "")}`;
    await typeInCell(page, row, "Enterprise number", fixed);
    await typeInCell(page, row, "VAT number", vat);
    await page.click("#tab-validate");
    await page.click("#pb-validate");
    await expect
      .poll(() => cell(page, row, "Enterprise number").getAttribute("class"))
      .not.toMatch(/cell-error/);

    const got = await review(page, reviews, "a");
    const matching = got.flatMap((r) => r.matching);
    const mine = matching.find((m) => m.id === client.id)!;
    expect(mine.matchedOn).toMatch(/clientId|adminpulseId/);
    expect(mine.differences).toEqual([
      expect.objectContaining({ field: "enterpriseNumber", origin: "sheet" }),
      expect.objectContaining({ field: "vatNumber", origin: "sheet" }),
    ]);
    expect(got.flatMap((r) => r.onlyInImport)).toEqual([]);
    expect(got.flatMap((r) => r.onlyInTarget)).toEqual([]);

    const { imp, rows } = await push(page, "a");
    expect(imp.counts.created).toBe(0);
    const update = rows.filter((r) => r.action === "update");
    expect(update.map((r) => [r.clientId, [...r.fields].sort()])).toEqual([
      [client.id, ["enterpriseNumber", "vatNumber"]],
    ]);
    expect(update[0]!.client?.enterpriseNumber).toBe(fixed.replaceAll(".", ""));
    expect(update[0]!.client?.vatNumber).toBe(vat);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("(b) AdminPulse's change is `source`, the user's edit `sheet`; the push writes only the edit", async () => {
    const { page, reviews, errors } = await openPane();
    await pullAll(page);
    const before = new Map(
      (await allClients(s, office.keys.service)).map((c) => [c.id, JSON.stringify(c)]),
    );
    // AdminPulse changes e-mail and phone of a few relations; the worker syncs them.
    s.standIn.controls.mutate({ edit: 3 });
    for (let i = 0; i < 20; i++) {
      const r = await s.call(office.keys.admin, "POST", "/v1/sync", {});
      if (r.json.outcome === "completed") break;
    }
    const changed = (await allClients(s, office.keys.service)).filter(
      (c) => before.has(c.id) && before.get(c.id) !== JSON.stringify(c),
    );
    expect(changed.length).toBeGreaterThan(0);
    const target = changed[0]!;
    const t = await sheet(page);
    const col = (h: string) => t.headers.indexOf(h);
    const row = t.rows.findIndex((r) => r[col("AdminPulse ID")] === target.sourceIds.adminpulseId);
    expect(row).toBeGreaterThanOrEqual(0);
    await typeInCell(page, row, "City", "Sint-Martens-Latem");
    await page.click("#pb-validate");

    const got = await review(page, reviews, "b");
    // Every other pulled row went as a known row (id, version, fingerprint) and was confirmed,
    // AdminPulse's edits included; only the row the user edited was asked for in full.
    expect(lastAnswers.map((a) => a.resend?.length)).toEqual([1, undefined]);
    expect(lastAnswers[1]!.matching.map((m) => m.id)).toEqual([target.id]);
    const mine = got.flatMap((r) => r.matching).find((m) => m.id === target.id)!;
    const origins = Object.fromEntries(mine.differences.map((d) => [d.field, d.origin]));
    expect(origins["address.city"]).toBe("sheet");
    const upstream = Object.entries(origins).filter(([f]) => f !== "address.city");
    expect(upstream.length).toBeGreaterThan(0);
    for (const [, origin] of upstream) expect(origin).toBe("source");
    // The pane shows them so: its rows carry the origin.
    await expect
      .poll(() =>
        page
          .locator(`.match[data-id="${target.id}"] tr[data-origin]`)
          .evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-origin")).sort()),
      )
      .toEqual(mine.differences.map((d) => d.origin).sort());

    const { rows } = await push(page, "b");
    const update = rows.filter((r) => r.action === "update");
    expect(update.map((r) => [r.clientId, r.fields])).toEqual([[target.id, ["address.city"]]]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("(c) pulled by task template, the review lists only that template's clients", async () => {
    const { page, reviews, errors } = await openPane();
    const templates = (await s.call(office.keys.staff, "GET", "/v1/task-templates")).json.data as {
      name: string;
      clientCount: number;
    }[];
    const template = templates.find((x) => x.clientCount > 0)!;
    await page.click("#pb-mode-taskTemplate");
    await page.selectOption("#pb-template", template.name);
    await pullAll(page);
    const t = await sheet(page);
    expect(t.rows).toHaveLength(template.clientCount);

    const got = await review(page, reviews, "c");
    // The office has clients outside the template: without the pulled scope travelling with the
    // review they would all be "only in PulseBridge". (The request body is not read here:
    // Chromium hands Playwright no post data for a body this large.)
    const everyone = await allClients(s, office.keys.service);
    const inTemplate = new Set(
      everyone.filter((c) => c.taskTemplates.includes(template.name)).map((c) => c.id),
    );
    expect(everyone.length).toBeGreaterThan(inTemplate.size);
    expect(got.flatMap((r) => r.onlyInTarget)).toEqual([]);
    // Every row claims its client: a match, or an invalid row that names its client by id.
    const claimed = [
      ...got.flatMap((r) => r.matching).map((m) => m.id),
      ...got.flatMap((r) => r.invalid).map((r) => r.id),
    ];
    expect(claimed.length).toBe(template.clientCount);
    for (const id of claimed) expect(inTemplate.has(id ?? "")).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("(d) a re-pull keeps the edits not pushed yet", async () => {
    const { page, errors } = await openPane();
    await pullAll(page);
    const t = await sheet(page);
    const col = (h: string) => t.headers.indexOf(h);
    await typeInCell(page, 0, "E-mail", "nog.niet.verstuurd@kantoor-e2e.be");
    await typeInCell(page, 1, "City", "Deinze");
    const untouched = t.rows[2]![col("E-mail")];
    // The re-pull says what it will do before the sheet changes; the user applies it.
    await page.click("#tab-data");
    await page.click("#pb-pull");
    await expect
      .poll(() => page.textContent("#pb-pull-summary"), { timeout: 60_000 })
      .toContain("kept your edits");
    await page.click("#pb-pull-apply");
    await page.waitForSelector("#pb-summary", { timeout: 60_000 });
    const after = await sheet(page);
    expect(after.rows[0]![col("E-mail")]).toBe("nog.niet.verstuurd@kantoor-e2e.be");
    expect(after.rows[1]![col("City")]).toBe("Deinze");
    expect(after.rows[2]![col("E-mail")]).toBe(untouched);
    expect(after.rows).toHaveLength(t.rows.length);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
