/**
 * The product end to end, with real processes: the stand-in AdminPulse, the worker under
 * `wrangler dev` (local D1), the add-in's harness served by vite, and Chromium.
 * 1. A new office: keys, connection, first sync, a tool mirroring /v1/changes, staff pulling,
 *    fixing, reviewing and pushing in the task pane, the tool reading the import as CSV.
 * 2. A day later: AdminPulse edits, additions and deletions; the cron refresh; the change feed
 *    shows exactly what changed; the next pull updates the sheet in place, the user's column kept.
 */
import { randomUUID } from "node:crypto";
import type { StandIn } from "@pulsebridge/adminpulse-stand-in";
import {
  type ChangesResponse,
  type ClientResource,
  changesResponseSchema,
} from "@pulsebridge/core";
import { t } from "@pulsebridge/excel-addin/i18n";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectPane } from "./support/connect.js";
import { cell, type HarnessGlobal, sheet, typeInCell } from "./support/harness-sheet.js";
import {
  allClients,
  artifacts,
  type E2eStack,
  e2eStack,
  launchBrowser,
  snapshot,
  standInIds,
} from "./support/stack.js";

let s: E2eStack;
let browser: Browser;

beforeAll(async () => {
  [s, browser] = await Promise.all([e2eStack({ size: 150, harness: true }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await s?.close();
});

/** Every change since `cursor`, all pages. */
async function changesSince(key: string, cursor: string) {
  const all: ChangesResponse["changes"] = [];
  let next = cursor;
  for (;;) {
    const res = await s.call(key, "GET", `/v1/changes?cursor=${next}&limit=100`);
    expect(res.status).toBe(200);
    const page = changesResponseSchema.parse(res.json);
    all.push(...page.changes);
    next = page.nextCursor;
    if (!page.hasMore) return { changes: all, cursor: next };
  }
}

async function openPane(name: string): Promise<Page & { stray: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = (await context.newPage()) as Page & { stray: string[] };
  page.stray = [];
  await page.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === "127.0.0.1") return route.fallback();
    page.stray.push(url.href);
    return route.abort();
  });
  const errors: Error[] = [];
  page.on("pageerror", (e) => errors.push(e));
  await page.goto(`${s.stack.harness!.url}/harness.html?lang=en`);
  await page.fill("#pb-url", s.url);
  (page as unknown as { errors: Error[] }).errors = errors;
  void name;
  return page;
}

async function connectAndPull(page: Page, key: string) {
  await connectPane(page, s, key, "journeys");
  await page.click("#pb-pull");
  await page.waitForSelector("#pb-summary", { timeout: 60_000 });
}

function relationsById(standIn: StandIn) {
  const out = new Map<string, string>();
  const v = standIn.data.visible();
  for (let p = 0; p < v.length; p++) {
    const rel = standIn.data.relationAt(v.at(p));
    if (rel) out.set(rel.id, JSON.stringify(rel));
  }
  return out;
}

describe("a new office", () => {
  it("keys → connect → first sync → mirror → pull, fix, review, push in the pane → CSV", async () => {
    // The admin's office, keys and connection (newOffice: CLI + POST /v1/keys + PUT /v1/connection).
    const office = await s.newOffice("Kantoor Nieuw", { connect: true });
    const before = await s.call(office.keys.service, "GET", "/v1/clients");
    expect(before.json.data).toEqual([]);
    expect((await s.call(office.keys.admin, "GET", "/v1/connection")).json).toMatchObject({
      connected: true,
      status: "active",
    });

    // First sync (POST /v1/sync steps, as the admin's "sync now").
    const sync = await s.call(office.keys.admin, "POST", "/v1/sync", {});
    expect([200, 202]).toContain(sync.status);
    for (let i = 0; i < 20 && sync.json.outcome !== "completed"; i++) {
      const next = await s.call(office.keys.admin, "POST", "/v1/sync", {});
      sync.json = next.json;
    }
    expect(sync.json.outcome).toBe("completed");
    const clients = await allClients(s, office.keys.service);
    const ids = standInIds(s.standIn);
    // Every relation that maps to a valid client is cached; nothing that AdminPulse lacks.
    expect(clients.length).toBeGreaterThan(ids.size * 0.9);
    for (const c of clients) expect(ids.has(c.sourceIds.adminpulseId!)).toBe(true);
    expect(sync.json.run.added).toBe(clients.length);

    // Another tool mirrors the cache through the change feed with the service key.
    const mirror = new Map<string, ClientResource>();
    const feed = await changesSince(office.keys.service, "0");
    for (const ch of feed.changes) {
      if (ch.type === "deleted") mirror.delete(ch.id);
      else mirror.set(ch.client.id, ch.client);
    }
    expect(feed.changes.every((c) => c.type === "added")).toBe(true);
    expect(snapshot([...mirror.values()])).toEqual(snapshot(clients));
    const nothingNew = await changesSince(office.keys.service, feed.cursor);
    expect(nothingNew.changes).toEqual([]);

    // Staff pull the clients into the task pane.
    const page = await openPane("new-office");
    await connectAndPull(page, office.keys.staff);
    expect(await page.getAttribute("#grid-table", "data-rows")).toBe(String(clients.length));
    await page.screenshot({ path: `${artifacts}/journey-1-pulled.png` });

    // Fix: a changed e-mail, and an enterprise number that lost its leading zero (safe fix).
    const table = await sheet(page);
    const col = (h: string) => table.headers.indexOf(h);
    const entRow = table.rows.findIndex((r) =>
      /^0\d{3}\.\d{3}\.\d{3}$/.test(r[col("Enterprise number")] ?? ""),
    );
    expect(entRow).toBeGreaterThanOrEqual(0);
    const entOriginal = table.rows[entRow]![col("Enterprise number")]!;
    const mailRow = entRow === 0 ? 1 : 0;
    const mailId = table.rows[mailRow]![col("AdminPulse ID")]!;
    await typeInCell(page, entRow, "Enterprise number", entOriginal.replaceAll(".", "").slice(1));
    await typeInCell(page, mailRow, "E-mail", "boekhouding@nieuw-e2e.be");
    await page.click("#pb-validate");
    await expect
      .poll(() => cell(page, entRow, "Enterprise number").getAttribute("class"))
      .toMatch(/cell-(error|warning)/);
    await page.screenshot({ path: `${artifacts}/journey-1-validated.png` });
    await page.click("#pb-safe-fixes");
    await expect
      .poll(() => cell(page, entRow, "Enterprise number").textContent())
      .toBe(entOriginal);

    // Review: only the e-mail is a difference; overwrite it.
    await page.click("#tab-review");
    await page.click("#pb-review");
    await page.waitForSelector("#pb-review-counts", { timeout: 60_000 }).catch(async (e) => {
      await page.screenshot({ path: `${artifacts}/journey-1-review-failed.png` });
      throw new Error(`review did not open: ${await page.textContent("#pb-message")}`, {
        cause: e,
      });
    });
    const emailBox = page.locator('.match input.overwrite[data-field="email"]');
    await expect.poll(() => emailBox.count()).toBe(1);
    await emailBox.check();
    await page.screenshot({ path: `${artifacts}/journey-1-review.png` });

    // Push; the first answer is lost on the way back (the worker did store it): the retry reuses
    // the Idempotency-Key and gets the stored result.
    let firstStatus = 0;
    let dropped = false;
    await page.route("**/v1/imports", async (route) => {
      if (dropped || route.request().method() !== "POST") return route.fallback();
      dropped = true;
      const res = await route.fetch();
      firstStatus = res.status();
      return route.abort("connectionreset");
    });
    await page.click("#pb-to-push");
    await page.click("#pb-push");
    await page.waitForSelector("#pb-push-error");
    expect(firstStatus).toBe(201);
    expect(await page.textContent("#pb-push")).toBe(t("en", "push.retry"));
    await page.click("#pb-push");
    await page.waitForSelector("#pb-push-result", { timeout: 60_000 });
    await page.screenshot({ path: `${artifacts}/journey-1-pushed.png` });

    // The tool reads the import: exactly one, with the e-mail update, as CSV.
    const imports = await s.call(office.keys.service, "GET", "/v1/imports");
    expect(imports.json.data).toHaveLength(1);
    const imp = imports.json.data[0];
    // The e-mail ticked here, plus any row the safe fixes changed: since the three-way review the
    // user's own edits since the pull (safe fixes included) are proposed by default. The pane
    // shows the count the server stored.
    expect(imp.counts.updated).toBeGreaterThanOrEqual(1);
    expect(await page.textContent('#pb-push-counts dd[data-count="updated"]')).toBe(
      String(imp.counts.updated),
    );
    expect(imp.counts.created).toBe(0);
    const csv = await s.call(office.keys.service, "GET", `/v1/imports/${imp.id}/rows.csv`);
    expect(csv.status).toBe(200);
    const updateLine = csv.text.split("\r\n").find((l) => l.includes("boekhouding@nieuw-e2e.be"));
    expect(updateLine).toMatch(/,update,/);
    expect(updateLine).toContain(clients.find((c) => c.sourceIds.adminpulseId === mailId)!.id);
    // The cache still mirrors AdminPulse: an import is for other tools, not a write-back.
    expect(snapshot(await allClients(s, office.keys.service))).toEqual(snapshot(clients));
    expect(page.stray).toEqual([]);
    expect((page as unknown as { errors: Error[] }).errors).toEqual([]);
    await page.context().close();
  });
});

describe("a day later", () => {
  it("AdminPulse edits, adds and deletes; cron refreshes; the feed and the next pull show exactly that", async () => {
    const office = await s.newOffice("Kantoor Morgen", { sync: true });
    const start = await changesSince(office.keys.service, "0");
    const before = await allClients(s, office.keys.service);

    const page = await openPane("day-later");
    await connectAndPull(page, office.keys.staff);
    // The user adds their own column next to the table.
    await page.evaluate(() => {
      const wb = (globalThis as unknown as HarnessGlobal).harness.workbook;
      const sh = [...wb.sheets.values()].find((x) => x.table === "PulseBridgeClients")!;
      const idCol = sh.grid[0]!.indexOf("AdminPulse ID");
      sh.grid[0]!.push("My note");
      for (const r of sh.grid.slice(1)) r.push(`note for ${r[idCol]}`);
    });
    const first = await sheet(page);

    // Overnight in AdminPulse.
    const relBefore = relationsById(s.standIn);
    s.standIn.controls.mutate({ add: 3, edit: 4, delete: 2 });
    const relAfter = relationsById(s.standIn);
    const apAdded = [...relAfter.keys()].filter((id) => !relBefore.has(id));
    const apDeleted = [...relBefore.keys()].filter((id) => !relAfter.has(id));
    const apEdited = [...relAfter.keys()].filter(
      (id) => relBefore.has(id) && relBefore.get(id) !== relAfter.get(id),
    );
    expect([apAdded.length, apDeleted.length, apEdited.length]).toEqual([3, 2, 4]);

    // The nightly cron (wrangler --test-scheduled), one bounded step per call, until the run ends.
    const mutatedAt = Date.now();
    let done = false;
    for (let i = 0; i < 15 && !done; i++) {
      const cron = await fetch(`${s.url}/__scheduled?cron=${encodeURIComponent("0 1 * * *")}`);
      expect(cron.status).toBe(200);
      await cron.text();
      const runs = await s.call(office.keys.service, "GET", "/v1/sync/runs?limit=1");
      const run = runs.json.data[0];
      done =
        run.trigger === "cron" &&
        run.status === "completed" &&
        Date.parse(run.startedAt) >= mutatedAt - 1000;
    }
    expect(done).toBe(true);

    // The feed since the tool's cursor is exactly the difference between the two cache states…
    const after = await allClients(s, office.keys.service);
    const b = new Map(before.map((c) => [c.sourceIds.adminpulseId!, c]));
    const a = new Map(after.map((c) => [c.sourceIds.adminpulseId!, c]));
    const byId = new Map(before.map((c) => [c.id, c.sourceIds.adminpulseId!]));
    const sameContent = (x: ClientResource, y: ClientResource) =>
      JSON.stringify(snapshot([x])) === JSON.stringify(snapshot([y]));
    const expected = {
      added: [...a.keys()].filter((k) => !b.has(k)).sort(),
      updated: [...a.keys()].filter((k) => b.has(k) && !sameContent(a.get(k)!, b.get(k)!)).sort(),
      deleted: [...b.keys()].filter((k) => !a.has(k)).sort(),
    };
    const feed = await changesSince(office.keys.service, start.cursor);
    const got = { added: [] as string[], updated: [] as string[], deleted: [] as string[] };
    for (const ch of feed.changes) {
      if (ch.type === "deleted") got.deleted.push(byId.get(ch.id)!);
      else got[ch.type].push(ch.client.sourceIds.adminpulseId!);
    }
    for (const k of Object.keys(got) as (keyof typeof got)[]) got[k].sort();
    expect(got).toEqual(expected);
    // …and that difference is AdminPulse's night: every edit, addition and deletion is in it.
    for (const id of apAdded.filter((x) => a.has(x))) expect(got.added).toContain(id);
    for (const id of apEdited.filter((x) => b.has(x))) expect(got.updated).toContain(id);
    for (const id of apDeleted.filter((x) => b.has(x))) expect(got.deleted).toContain(id);
    expect(apAdded.filter((x) => a.has(x)).length).toBeGreaterThan(0);

    // The next pull updates the table in place: rows keep their place and the user's note.
    await page.click("#tab-data");
    await page.click("#pb-pull");
    // A re-pull says what the merge will do before the sheet changes; the user applies it.
    await page.click("#pb-pull-apply", { timeout: 60_000 });
    await expect
      .poll(() => page.textContent("#pb-message"), { timeout: 60_000 })
      .toContain(
        t("en", "data.pulled", {
          pulled: after.length,
          updated: first.rows.length - got.deleted.length,
          added: got.added.length,
          kept: got.deleted.length,
        }),
      );
    // …followed by what the merge did: AdminPulse's edits refreshed, no edit of the user's to keep.
    expect(await page.textContent("#pb-message")).toContain(
      `${got.updated.length} rows refreshed, 0 kept your edits, 0 conflicts, ${got.added.length} new.`,
    );
    const second = await sheet(page);
    const col = (h: string) => second.headers.indexOf(h);
    expect(second.headers.slice(0, first.headers.length)).toEqual(first.headers);
    expect(second.rows).toHaveLength(first.rows.length + got.added.length);
    first.rows.forEach((row, i) => {
      // Same client on the same row, note untouched.
      expect(second.rows[i]![col("AdminPulse ID")]).toBe(row[col("AdminPulse ID")]);
      expect(second.rows[i]![col("My note")]).toBe(row[col("My note")]);
    });
    for (const id of got.updated) {
      const row = second.rows.find((r) => r[col("AdminPulse ID")] === id)!;
      expect(row[col("E-mail")]).toBe(a.get(id)!.email ?? "");
    }
    const appended = second.rows
      .slice(first.rows.length)
      .map((r) => r[col("AdminPulse ID")])
      .sort();
    expect(appended).toEqual(got.added);
    await page.screenshot({ path: `${artifacts}/journey-2-next-pull.png` });
    expect(page.stray).toEqual([]);
    await page.context().close();
    void randomUUID;
  });
});
