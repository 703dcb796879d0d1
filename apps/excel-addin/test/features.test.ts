import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createApi } from "../src/api/client.js";
import { connect, createCredentialStore } from "../src/features/connect/connect.js";
import { applyToSheet, findDuplicates, fixesFor, safeFixes } from "../src/features/fix/fix.js";
import { guessExact } from "../src/features/map-columns/guess.js";
import {
  defaultTable,
  mergeRows,
  pull,
  pulledLinks,
  toClientQuery,
} from "../src/features/pull/pull.js";
import { createPushStore, pushImport } from "../src/features/push/push.js";
import {
  initialChoices,
  overwriteFieldEverywhere,
  setOverwrite,
  useAllFromSheet,
} from "../src/features/review/choices.js";
import { fetchReview } from "../src/features/review/review.js";
import { columns } from "../src/features/sheet/columns.js";
import { loadSheet } from "../src/features/sheet/model.js";
import {
  markFor,
  nextProblem,
  statusText,
  validateOne,
  validateSheet,
} from "../src/features/validate/validate.js";
import { createMemoryWorkbook } from "../src/workbook/memory.js";
import { CancelledError, markerHeader } from "../src/workbook/types.js";
import { type FakeServer, makeClients, startFakeServer } from "./support/fake-server.js";

class MemoryStorage {
  map = new Map<string, string>();
  getItem = (k: string) => this.map.get(k) ?? null;
  setItem = (k: string, v: string) => void this.map.set(k, v);
  removeItem = (k: string) => void this.map.delete(k);
}

let server: FakeServer;
const key = "pb_test_staff_key";
beforeAll(async () => {
  server = await startFakeServer({ clients: makeClients(120) });
});
afterAll(() => server.close());
beforeEach(() => {
  server.clients = makeClients(120);
  server.rejectWhen = () => null;
  server.failNextImports = 0;
});
const api = () => createApi({ baseUrl: server.url, apiKey: key });

async function pulledSheet(lang: "nl" | "fr" | "en" = "nl") {
  const wb = createMemoryWorkbook();
  const r = await pull({ api: api(), workbook: wb, query: { mode: "all" }, lang });
  const table = await wb.readTable(defaultTable);
  if (!table) throw new Error("no table");
  return { wb, r, sheet: loadSheet(defaultTable, table, guessExact(table.headers)) };
}

describe("connect", () => {
  it("stores the key in the add-in's partitioned storage only after /v1/me accepts it", async () => {
    const storage = new MemoryStorage();
    const store = createCredentialStore(storage, "part1");
    const ok = await connect({ baseUrl: `${server.url}/`, apiKey: key }, { store });
    expect(ok).toMatchObject({ ok: true, canPush: true, me: { office: { name: "Kantoor Demo" } } });
    expect([...storage.map.keys()]).toEqual(["part1.pulsebridge.connection"]);
    expect(store.load()).toEqual({ baseUrl: server.url, apiKey: key });
  });

  it("tells a wrong or revoked key, a read-only key, a bad URL and a dead server apart", async () => {
    const store = createCredentialStore(new MemoryStorage());
    expect(await connect({ baseUrl: server.url, apiKey: "pb_wrong_key_123" }, { store })).toEqual({
      ok: false,
      error: "unauthorized",
    });
    expect(
      await connect({ baseUrl: server.url, apiKey: "pb_test_revoked_key" }, { store }),
    ).toEqual({ ok: false, error: "unauthorized" });
    expect(store.load()).toBeNull();
    const service = await connect({ baseUrl: server.url, apiKey: "pb_test_service_key" });
    expect(service.ok && service.canPush).toBe(false);
    expect(await connect({ baseUrl: "pulsebridge", apiKey: key })).toEqual({
      ok: false,
      error: "invalid_url",
    });
    expect(await connect({ baseUrl: server.url, apiKey: "short" })).toEqual({
      ok: false,
      error: "invalid_key",
    });
    expect(await connect({ baseUrl: "http://127.0.0.1:9", apiKey: key })).toEqual({
      ok: false,
      error: "network",
    });
  });

  it("never puts the key in an error message", async () => {
    const a = createApi({ baseUrl: server.url, apiKey: "pb_secret_wrong_key" });
    const e = await a.me().catch((x: unknown) => x);
    expect(String(e)).not.toContain("pb_secret_wrong_key");
    expect(e).toMatchObject({ code: "unauthorized", status: 401 });
  });
});

describe("pull", () => {
  it("follows the cursor to the end and writes the fixed columns in the user's language", async () => {
    server.clients = makeClients(2_500);
    const wb = createMemoryWorkbook();
    const pages: number[] = [];
    const r = await pull({
      api: api(),
      workbook: wb,
      query: { mode: "all" },
      lang: "fr",
      onProgress: (p) => p.phase === "fetch" && pages.push(p.done),
    });
    expect(r.pulled).toBe(2_500);
    expect(pages).toEqual([1000, 2000, 2500]);
    const table = await wb.readTable(defaultTable);
    expect(table?.headers).toEqual(columns.map((c) => c.labels.fr));
    expect(table?.rows).toHaveLength(2_500);
    const first = table?.rows[0] ?? [];
    const col = (label: string) => first[table?.headers.indexOf(label) ?? -1];
    expect(col("Numéro d'entreprise")).toBe("0200.000.142");
    expect(col("Administrateurs")).toBe("Jan Peeters");
    expect(col("Actionnaires")).toBe("Jacobs Holding (60)");
  });

  it("filters by task template and by enterprise number or name", async () => {
    const wb = createMemoryWorkbook();
    const tt = await pull({
      api: api(),
      workbook: wb,
      query: { mode: "taskTemplate", taskTemplate: "Jaarrekening" },
      lang: "nl",
    });
    expect(tt.pulled).toBe(40);
    expect(toClientQuery({ mode: "search", text: "BE 0200.000.142" })).toEqual({
      enterpriseNumber: "0200000142",
    });
    expect(toClientQuery({ mode: "search", text: "Peeters" })).toEqual({ q: "Peeters" });
    const one = await api().listAllClients(toClientQuery({ mode: "search", text: "0200 000 142" }));
    expect(one.map((c) => c.id)).toEqual(["cl_1"]);
  });

  it("pulling again updates in place, keeps the user's own column and never drops a row", async () => {
    const { wb } = await pulledSheet("nl");
    const sheet = wb.sheets.get("PulseBridge");
    if (!sheet) throw new Error("no sheet");
    sheet.grid[0]?.push("Mijn notities");
    for (const [i, line] of sheet.grid.slice(1).entries()) line.push(`note ${i}`);
    const first = server.clients[0];
    if (!first) throw new Error("no client");
    first.name = "Peeters BV hernoemd";
    first.changeSeq = 10_000;
    server.clients.splice(5, 1);
    server.clients.push(...makeClients(125).slice(120));
    const r = await pull({ api: api(), workbook: wb, query: { mode: "all" }, lang: "en" });
    expect(r).toMatchObject({ updated: 119, added: 5, kept: 1 });
    const table = await wb.readTable(defaultTable);
    const headers = table?.headers ?? [];
    // Headers stay as they were (Dutch), the user's column stays where it was.
    expect(headers.slice(-1)).toEqual(["Mijn notities"]);
    expect(headers[3]).toBe("Naam");
    expect(table?.rows[0]?.[3]).toBe("Peeters BV hernoemd");
    expect(table?.rows[0]?.at(-1)).toBe("note 0");
    expect(table?.rows[5]?.at(-1)).toBe("note 5");
    expect(table?.rows).toHaveLength(125);
    expect(table?.rows[124]?.at(-1)).toBe("");
  });

  it("cancels through its AbortSignal without touching the sheet", async () => {
    server.clients = makeClients(3_000);
    const wb = createMemoryWorkbook();
    const controller = new AbortController();
    const run = pull({
      api: api(),
      workbook: wb,
      query: { mode: "all" },
      lang: "nl",
      signal: controller.signal,
      onProgress: (p) => p.done >= 1000 && controller.abort(),
    });
    await expect(run).rejects.toMatchObject({ code: "cancelled" });
    expect(wb.sheets.size).toBe(0);
  });

  it("merges pure rows by AdminPulse ID", () => {
    const m = mergeRows(
      { headers: ["AdminPulse ID", "Naam", "Extra"], rows: [["ap-9", "Oud", "x"]] },
      [{ adminpulseId: "ap-9", name: "Nieuw" }],
      "nl",
    );
    expect(m).toMatchObject({ updated: 1, added: 0, kept: 0 });
    // No version on the row: nothing says who changed the name, so the sheet's value is kept and
    // the row is marked as a conflict; with a plan from the review, AdminPulse's value lands.
    expect(m.rows[0]?.[m.headers.indexOf("Naam")]).toBe("Oud");
    expect(m.conflicts).toEqual([{ row: 0, keys: ["name"] }]);
    const planned = mergeRows(
      { headers: ["AdminPulse ID", "Naam", "Extra"], rows: [["ap-9", "Oud", "x"]] },
      [{ adminpulseId: "ap-9", name: "Nieuw" }],
      "nl",
      new Map([[0, { keep: [], conflicts: [], bump: true }]]),
    );
    expect(planned.rows[0]?.[planned.headers.indexOf("Naam")]).toBe("Nieuw");
    expect(planned.summary).toMatchObject({ refreshed: 1, keptEdits: 0, conflicts: 0 });
  });
});

describe("kind and language in words", () => {
  /** Three kinds and four languages among the first clients. */
  function mixedClients() {
    const clients = makeClients(12);
    const [person, sole, german, , english] = clients;
    if (!person || !sole || !german || !english) throw new Error("clients");
    Object.assign(person, {
      kind: "person",
      name: "Jan Peeters",
      enterpriseNumber: null,
      vatNumber: null,
      legalForm: null,
      nationalNumber: "85073003328",
      links: [],
    });
    Object.assign(sole, { kind: "soleProprietor", nationalNumber: "86020100143", links: [] });
    german.language = "de";
    english.language = "en";
    return clients;
  }
  const kindAndLanguage = (rows: { kind?: string; language?: string }[]) =>
    rows.slice(0, 5).map((r) => [r.kind, r.language]);

  it("writes kinds in the user's language and languages in their own name", async () => {
    server.clients = mixedClients();
    expect(kindAndLanguage((await pulledSheet("nl")).sheet.rows)).toEqual([
      ["Natuurlijk persoon", "Nederlands"],
      ["Eenmanszaak", "Nederlands"],
      ["Vennootschap", "Deutsch"],
      ["Vennootschap", "Français"],
      ["Vennootschap", "English"],
    ]);
    expect(kindAndLanguage((await pulledSheet("fr")).sheet.rows).map((x) => x[0])).toEqual([
      "Personne physique",
      "Entreprise individuelle",
      "Société",
      "Société",
      "Société",
    ]);
    expect(kindAndLanguage((await pulledSheet("en")).sheet.rows).map((x) => x[0])).toEqual([
      "Person",
      "Sole proprietor",
      "Company",
      "Company",
      "Company",
    ]);
  });

  it("a sheet pulled in Dutch reads back in any language: codes to the API, nothing differs", async () => {
    server.clients = mixedClients();
    const { sheet, wb } = await pulledSheet("nl");
    // A colleague types a kind and a language in French and in English, in any case.
    const third = sheet.rows[3];
    const fourth = sheet.rows[4];
    if (!third || !fourth) throw new Error("rows");
    third.kind = "SOCIÉTÉ";
    third.language = "français";
    fourth.kind = "company";
    fourth.language = "en";
    const v = await validateSheet(sheet, { pulledLinks: pulledLinks(server.clients) });
    expect(v.counts).toMatchObject({ invalid: 0, warnings: 0 });
    expect(kindAndLanguage(v.results.map((r) => r.importRow))).toEqual([
      ["person", "nl"],
      ["soleProprietor", "nl"],
      ["company", "de"],
      ["company", "fr"],
      ["company", "en"],
    ]);
    const review = await fetchReview(
      api(),
      v.results.map((r) => r.importRow),
    );
    expect(review.matching).toHaveLength(12);
    expect(review.matching.filter((m) => m.differences.length)).toEqual([]);
    // The French colleague pulls again: matched rows now read in French, the rest as they were.
    const again = await pull({ api: api(), workbook: wb, query: { mode: "all" }, lang: "fr" });
    expect(again).toMatchObject({ updated: 12, added: 0 });
    const table = await wb.readTable(defaultTable);
    if (!table) throw new Error("no table");
    const kinds = loadSheet(defaultTable, table, guessExact(table.headers)).rows.map((r) => r.kind);
    expect(kinds.slice(0, 3)).toEqual(["Personne physique", "Entreprise individuelle", "Société"]);
  });

  it("offers a kind or a language as words, in the user's language", async () => {
    const { sheet } = await pulledSheet("nl");
    const row = sheet.rows[0];
    if (!row) throw new Error("rows");
    row.kind = "hond";
    row.language = "Klingon";
    const v = await validateSheet(sheet);
    const options = (lang: "nl" | "fr") =>
      fixesFor(sheet, v, lang).map((f) => [f.column, f.options.map((o) => o.value)]);
    expect(options("nl")).toEqual([
      ["kind", ["Vennootschap", "Eenmanszaak", "Natuurlijk persoon"]],
      ["language", ["Nederlands", "Français", "English", "Deutsch"]],
    ]);
    expect(options("fr")[0]).toEqual([
      "kind",
      ["Société", "Entreprise individuelle", "Personne physique"],
    ]);
    // None of them is a safe fix: the user picks.
    expect(safeFixes(sheet, v)).toEqual([]);
  });
});

describe("validate and fix", () => {
  it("highlights invalid cells, writes a status in the user's language and counts problems", async () => {
    const { wb, sheet } = await pulledSheet("nl");
    const r0 = sheet.rows[0];
    const r1 = sheet.rows[1];
    const r2 = sheet.rows[2];
    if (!r0 || !r1 || !r2) throw new Error("rows");
    r0.enterpriseNumber = "200000142"; // lost leading zero: safe fix
    r1.enterpriseNumber = "0200.000.143"; // checksum: suggestions only
    r2.email = "info(at)client.be";
    const v = await validateSheet(sheet, { pulledLinks: new Map() });
    expect(v.counts).toMatchObject({ rows: 120, invalid: 2 });
    expect(v.problems.map((p) => p.code)).toEqual(
      expect.arrayContaining(["id.checksum", "id.email_at", "id.padded_leading_zero"]),
    );
    const marks = v.results.map((r) => markFor(r, sheet, "fr"));
    await wb.markRows(defaultTable, marks, {
      statusHeader: "Statut PulseBridge",
      replaceAll: true,
    });
    const mem = wb.sheets.get("PulseBridge");
    const headers = mem?.grid[0] ?? [];
    const status = headers.indexOf("Statut PulseBridge");
    expect(mem?.grid[2]?.[status]).toMatch(/^✖ Numéro d'entreprise: /);
    expect(mem?.grid[4]?.[status]).toBe("✔ Correct");
    expect(mem?.highlights.get(1)?.get(headers.indexOf("Ondernemingsnummer"))).toBe("error");
    expect(mem?.hiddenColumns.has(headers.indexOf(markerHeader))).toBe(true);
    // "Next problem" walks in reading order and wraps around.
    const p1 = nextProblem(v, null);
    const p2 = nextProblem(v, p1);
    const p3 = nextProblem(v, p2);
    expect([p1?.row, p2?.row, p3?.row]).toEqual([0, 1, 2]);
    expect(nextProblem(v, p3)?.row).toBe(0);
    expect(nextProblem(v, null, "id.email_at")?.row).toBe(2);

    // Safe fixes: the lost zero only; the checksum guess waits for the user.
    const safe = safeFixes(sheet, v);
    expect(safe).toEqual([{ row: 0, column: "Ondernemingsnummer", value: "0200.000.142" }]);
    const fixes = fixesFor(sheet, v);
    const checksum = fixes.find((f) => f.code === "id.checksum");
    expect(checksum?.options.every((o) => !o.safe)).toBe(true);
    expect(checksum?.options.map((o) => o.value)).toContain("0200.000.142");
    applyToSheet(sheet, safe);
    expect(validateOne(sheet, 0).issues).toEqual([]);
  });

  it("re-validates a row when the user edits it", async () => {
    const { wb, sheet } = await pulledSheet("en");
    const edits: number[][] = [];
    await wb.onEdit(defaultTable, (rows) => edits.push(rows));
    const mem = wb.sheets.get("PulseBridge");
    const col = mem?.grid[0]?.indexOf("E-mail") ?? -1;
    wb.userEdit("PulseBridge", 3, col, "broken");
    expect(edits).toEqual([[3]]);
    const line = await wb.readRow(defaultTable, 3);
    if (!line) throw new Error("row");
    const reread = loadSheet(
      defaultTable,
      { headers: line.headers, rows: [line.values], firstRow: 5 },
      sheet.mapping,
    );
    const r = validateOne(reread, 0);
    expect(statusText(r, "en")).toMatch(/^✖ E-mail: /);
  });

  it("finds duplicates in any spelling of the number", async () => {
    const { sheet } = await pulledSheet();
    const a = sheet.rows[7];
    if (a) a.enterpriseNumber = "BE 0200.000.142";
    const groups = findDuplicates(sheet);
    expect(groups).toEqual([{ key: "enterprise:0200000142", label: "0200.000.142", rows: [0, 7] }]);
    expect(findDuplicates(sheet, new Map([[7, "skipped"]]))).toEqual([]);
  });
});

describe("review and push", () => {
  it("shows the four buckets with every field kept by default", async () => {
    const { sheet } = await pulledSheet();
    const r1 = sheet.rows[1];
    const r2 = sheet.rows[2];
    if (!r1 || !r2) throw new Error("rows");
    r1.email = "nieuw@client2.be";
    r2.city = "Gand";
    sheet.rows.splice(100, 10);
    sheet.rows.push({ name: "Nieuwe Klant BV", kind: "company", enterpriseNumber: "0403.019.261" });
    const v = await validateSheet(sheet, { pulledLinks: pulledLinks(server.clients) });
    const rows = v.results
      .filter((r) => !r.issues.some((i) => i.severity === "error"))
      .map((r) => r.importRow);
    const review = await fetchReview(api(), rows);
    expect(review.onlyInImport.map((x) => x.name)).toEqual(["Nieuwe Klant BV"]);
    expect(review.onlyInTarget).toHaveLength(10);
    const changed = review.matching.filter((m) => m.differences.length);
    expect(changed.map((m) => m.differences.map((d) => d.field))).toEqual([
      ["email"],
      ["address.city"],
    ]);
    // The user's own edits since the pull are proposed; nothing else.
    expect(initialChoices(review)).toEqual({
      overwrite: { cl_2: ["email"], cl_3: ["address.city"] },
      add: ["112"],
    });
    const choices = { ...initialChoices(review), overwrite: {} };
    const c1 = setOverwrite(choices, "cl_2", "email", true);
    expect(c1.overwrite).toEqual({ cl_2: ["email"] });
    expect(setOverwrite(c1, "cl_2", "email", false).overwrite).toEqual({});
    expect(useAllFromSheet(choices, review, "cl_3").overwrite).toEqual({ cl_3: ["address.city"] });
    expect(overwriteFieldEverywhere(choices, review, "email", true).overwrite).toEqual({
      cl_2: ["email"],
    });
  });

  it("sends unchanged pulled rows as known rows, and only the edited ones in full (issue 14)", async () => {
    const { sheet } = await pulledSheet();
    const r1 = sheet.rows[1];
    const r2 = sheet.rows[2];
    if (!r1 || !r2) throw new Error("rows");
    r1.email = "nieuw@client2.be";
    r2.city = "Gand";
    // AdminPulse changes client 5 after the pull: a known row that comes back with `source`.
    const c5 = server.clients[4];
    if (!c5) throw new Error("clients");
    server.clients[4] = { ...c5, email: "nieuw@adminpulse.be", changeSeq: 1_000 };
    const v = await validateSheet(sheet, { pulledLinks: pulledLinks(server.clients) });
    const rows = v.results.map((r) => r.importRow);
    const bodies: {
      rows: { ref: string }[];
      known?: { ref: string }[];
      answer?: string;
      onlyInTarget?: boolean;
    }[] = [];
    const sent: typeof fetch = async (input, init) => {
      const req = new Request(input, init);
      bodies.push(await req.clone().json());
      return fetch(req);
    };
    const metered = createApi({ baseUrl: server.url, apiKey: key, fetch: sent });
    const review = await fetchReview(metered, rows);
    // One request of 120 known rows; the two the user edited are asked for and sent again.
    expect(
      bodies.map((b) => [b.rows.length, b.known?.length ?? 0, b.answer, b.onlyInTarget]),
    ).toEqual([
      [0, 120, "compact", undefined],
      [2, 0, "compact", false],
    ]);
    // Sheet rows 3 and 4 (the header is row 1).
    expect(bodies[1]?.rows.map((r) => r.ref)).toEqual(["3", "4"]);
    // The same review as the rows in full would give.
    const full = await api().reconcile({ rows });
    const brief = (r: typeof review) =>
      r.matching.map((m) => [m.ref, m.id, m.differences.map((d) => [d.field, d.origin])]);
    expect(brief(review)).toEqual(brief(full));
    expect(review.matching.filter((m) => m.differences.length).map((m) => m.id)).toEqual([
      "cl_2",
      "cl_3",
      "cl_5",
    ]);
    expect(review.matching.find((m) => m.id === "cl_5")?.differences).toEqual([
      { field: "email", imported: c5.email, existing: "nieuw@adminpulse.be", origin: "source" },
    ]);
  });

  it("two rows of one client in different requests are duplicates, as in one request", async () => {
    const { sheet } = await pulledSheet();
    const r0 = sheet.rows[0];
    if (!r0) throw new Error("rows");
    // The row copied to the end of the sheet and edited there: sent in full, its original as known.
    sheet.rows.push({ ...r0, email: "kopie@client1.be" });
    const v = await validateSheet(sheet, { pulledLinks: pulledLinks(server.clients) });
    const review = await fetchReview(
      api(),
      v.results.map((r) => r.importRow),
    );
    expect(review.matching.some((m) => m.id === "cl_1")).toBe(false);
    expect(review.invalid.map((i) => [i.ref, i.id, i.issues.map((x) => x.code)])).toEqual([
      ["2", "cl_1", ["row.duplicate"]],
      ["122", "cl_1", ["row.duplicate"]],
    ]);
    expect(review.duplicates).toEqual([{ key: "existing:cl_1", refs: ["2", "122"] }]);
  });

  it("retries a failed push with the same key: exactly one import, nothing lost", async () => {
    const { sheet } = await pulledSheet();
    const r1 = sheet.rows[1];
    if (!r1) throw new Error("rows");
    r1.email = "nieuw@client2.be";
    const v = await validateSheet(sheet, { pulledLinks: pulledLinks(server.clients) });
    const rows = v.results.map((r) => r.importRow);
    const review = await fetchReview(api(), rows);
    const choices = setOverwrite(initialChoices(review), "cl_2", "email", true);
    const store = createPushStore(new MemoryStorage());
    server.failNextImports = 1;
    const first = await pushImport({ api: api(), rows, choices, createdBy: "test", store });
    expect(first).toMatchObject({ ok: false, retryable: true });
    expect(store.get()?.key).toBe(first.key);
    const second = await pushImport({ api: api(), rows, choices, createdBy: "test", store });
    expect(second.ok).toBe(true);
    expect(second.key).toBe(first.key);
    expect(server.imports.size).toBe(1);
    expect(store.get()).toBeNull();
    expect(second.ok && second.response.counts.updated).toBe(1);
    expect(server.clients[1]?.email).toBe("nieuw@client2.be");
    // A later push with another body gets a fresh key.
    const third = await pushImport({
      api: api(),
      rows: rows.slice(0, 3),
      choices: initialChoices(review),
      createdBy: "test",
      store,
    });
    expect(third.key).not.toBe(first.key);
  });

  it("brings rows the server rejected back with their reasons", async () => {
    const { sheet } = await pulledSheet();
    server.rejectWhen = (row) =>
      row.ref === "4"
        ? [
            {
              field: "email",
              code: "id.email_at",
              message: "x",
              severity: "error",
              suggestions: [],
              safeFix: null,
            },
          ]
        : null;
    const v = await validateSheet(sheet);
    const rows = v.results.map((r) => r.importRow);
    const out = await pushImport({
      api: api(),
      rows,
      choices: { overwrite: {}, add: [] },
      createdBy: "t",
      store: createPushStore(new MemoryStorage()),
    });
    expect(out.ok && out.response.rejected).toEqual([
      { ref: "4", issues: [expect.objectContaining({ code: "id.email_at", field: "email" })] },
    ]);
    expect(out.ok && out.response.status).toBe("partially_accepted");
  });

  it("a service key cannot push and is told so", async () => {
    const { sheet } = await pulledSheet();
    const v = await validateSheet(sheet);
    const out = await pushImport({
      api: createApi({ baseUrl: server.url, apiKey: "pb_test_service_key" }),
      rows: v.results.map((r) => r.importRow),
      choices: { overwrite: {}, add: [] },
      createdBy: "t",
      store: createPushStore(new MemoryStorage()),
    });
    expect(out).toMatchObject({ ok: false, retryable: false, error: { code: "forbidden" } });
  });

  it("validation is cancellable", async () => {
    server.clients = makeClients(1_500);
    const { sheet } = await pulledSheet();
    const controller = new AbortController();
    const run = validateSheet(
      sheet,
      {},
      { signal: controller.signal, onProgress: (d) => d >= 500 && controller.abort() },
    );
    await expect(run).rejects.toBeInstanceOf(CancelledError);
  });
});
