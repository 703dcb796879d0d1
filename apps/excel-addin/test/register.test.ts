import type { ClientResource } from "@pulsebridge/core";
import type { RegisterEntry } from "@pulsebridge/kbo/portable";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createApi } from "../src/api/client.js";
import { guessExact } from "../src/features/map-columns/guess.js";
import { defaultTable, pull } from "../src/features/pull/pull.js";
import {
  checkSheetAgainstRegister,
  registerFixes,
  registerStatus,
  takeRegisterValue,
  withRegister,
} from "../src/features/register/register.js";
import { loadSheet } from "../src/features/sheet/model.js";
import { markFor, validateOne } from "../src/features/validate/validate.js";
import { createMemoryWorkbook } from "../src/workbook/memory.js";
import { type FakeServer, makeClients, startFakeServer } from "./support/fake-server.js";

const formCode: Record<string, string> = { BV: "610", SRL: "610", NV: "014", CommV: "612" };

/** The register exactly as the client has it (so only the changes a test makes differ). */
function entryFor(c: ClientResource): RegisterEntry {
  const a = c.address;
  return {
    snapshotDate: "2025-10-04",
    enterpriseNumber: c.enterpriseNumber ?? "",
    viaEstablishment: null,
    status: "AC",
    typeOfEnterprise: "2",
    juridicalSituation: {
      code: "000",
      description: { nl: "Normale toestand", fr: "Situation normale", de: null, en: null },
    },
    legalForm: {
      code: formCode[c.legalForm ?? ""] ?? "610",
      description: { nl: null, fr: null, de: null, en: null },
    },
    startDate: "2010-01-01",
    denominations: [{ language: "2", typeOfDenomination: "001", denomination: c.name }],
    addresses: a
      ? [
          {
            entityNumber: c.enterpriseNumber ?? "",
            typeOfAddress: "REGO",
            countryNl: null,
            countryFr: null,
            zipcode: a.postalCode,
            municipalityNl: a.city,
            municipalityFr: a.city,
            streetNl: a.street,
            streetFr: a.street,
            houseNumber: a.number,
            box: a.box,
            extraAddressInfo: null,
            dateStrikingOff: null,
          },
        ]
      : [],
  };
}

let server: FakeServer;
const api = () => createApi({ baseUrl: server.url, apiKey: "pb_test_staff_key" });
beforeAll(async () => {
  server = await startFakeServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.clients = makeClients(120);
  server.register = new Map(server.clients.map((c) => [c.enterpriseNumber ?? "", entryFor(c)]));
  server.requests = [];
});

async function pulledSheet(lang: "nl" | "fr" | "en") {
  const wb = createMemoryWorkbook();
  const r = await pull({ api: api(), workbook: wb, query: { mode: "all" }, lang });
  const table = await wb.readTable(defaultTable);
  if (!table) throw new Error("no table");
  return {
    wb,
    clients: r.clients,
    sheet: loadSheet(defaultTable, table, guessExact(table.headers)),
  };
}

/** Register edits: 1 has another name, 2 is in liquidation, 3 is gone, 4 has moved. */
function changeRegister() {
  const en = (i: number) => server.clients[i - 1]?.enterpriseNumber ?? "";
  const get = (i: number) => server.register.get(en(i)) as RegisterEntry;
  get(1).denominations = [{ language: "1", typeOfDenomination: "001", denomination: "Autre Nom" }];
  get(2).juridicalSituation = {
    code: "012",
    description: {
      nl: "Vrijwillige ontbinding - vereffening",
      fr: "Dissolution volontaire - liquidation",
      de: null,
      en: null,
    },
  };
  server.register.delete(en(3));
  const moved = get(4).addresses[0];
  if (moved) Object.assign(moved, { streetNl: "Stationsstraat", streetFr: "Stationsstraat" });
}

const rowOf = (sheet: { rows: { adminpulseId?: string }[] }, ap: string) =>
  sheet.rows.findIndex((r) => r.adminpulseId === ap);

describe("register on the sheet", () => {
  it("puts a Register warning on rows that differ, in the user's language, with the snapshot date", async () => {
    changeRegister();
    const { wb, clients, sheet } = await pulledSheet("fr");
    const before = await wb.readTable(defaultTable);
    const reg = await checkSheetAgainstRegister({ api: api(), sheet, clients, lang: "fr" });
    expect(server.requests.filter((r) => r.path === "/v1/register/check")).toHaveLength(1);
    expect(reg.snapshotDate).toBe("2025-10-04");
    expect(reg.rows).toHaveLength(120);
    const byAp = (ap: string) => reg.rows.find((r) => r.row === rowOf(sheet, ap));

    expect(byAp("ap-5")?.check.status).toBe("ok");
    expect(registerStatus(byAp("ap-5")!, "fr")).toBe("Registre BCE 04-10-2025: conforme");
    expect(registerStatus(byAp("ap-1")!, "fr")).toMatch(
      /^Registre BCE 04-10-2025: Le nom diffère .*Autre Nom/,
    );
    expect(registerStatus(byAp("ap-2")!, "fr")).toContain("Dissolution volontaire - liquidation");
    expect(byAp("ap-3")?.check.status).toBe("not_in_register");
    expect(byAp("ap-4")?.check.findings.map((f) => f.code)).toEqual(["kbo.address_differs"]);

    // Merged into the row's validation mark: a valid row that differs becomes a warning row.
    const row1 = rowOf(sheet, "ap-1");
    const mark = withRegister(
      markFor(validateOne(sheet, row1), sheet, "fr"),
      byAp("ap-1"),
      sheet,
      "fr",
    );
    expect(mark.level).toBe("warning");
    expect(mark.status).toMatch(/^⚠ Registre BCE/);
    expect(mark.cells).toContainEqual({ column: "Nom", level: "warning" });
    const okMark = markFor(validateOne(sheet, rowOf(sheet, "ap-5")), sheet, "fr");
    expect(withRegister(okMark, byAp("ap-5"), sheet, "fr")).toMatchObject({
      level: "ok",
      status: `${okMark.status} · Registre BCE 04-10-2025: conforme`,
    });

    // Checking changed nothing in the workbook.
    expect(await wb.readTable(defaultTable)).toEqual(before);
  });

  it("offers the register's value per finding and writes it only when the user takes it", async () => {
    changeRegister();
    const { wb, clients, sheet } = await pulledSheet("nl");
    const reg = await checkSheetAgainstRegister({ api: api(), sheet, clients, lang: "nl" });
    const fixes = registerFixes(sheet, reg);
    // Name and address only: a juridical situation or a missing number has no value to take.
    expect(fixes.map((f) => [sheet.rows[f.row]?.adminpulseId, f.code])).toEqual([
      ["ap-1", "kbo.name_differs"],
      ["ap-4", "kbo.address_differs"],
    ]);
    const address = fixes[1]!;
    expect(address.writes).toContainEqual({
      row: rowOf(sheet, "ap-4"),
      column: "Straat",
      value: "Stationsstraat",
    });

    await wb.writeCells(defaultTable, takeRegisterValue(fixes[0]!));
    const after = await wb.readTable(defaultTable);
    const nameCol = after?.headers.indexOf("Naam") ?? -1;
    expect(after?.rows[rowOf(sheet, "ap-1")]?.[nameCol]).toBe("Autre Nom");
    expect(after?.rows[rowOf(sheet, "ap-4")]?.[after.headers.indexOf("Straat")]).toBe("Kerkstraat");
  });

  it("checks 2,500 pulled rows in calls of at most 1,000 ids", async () => {
    server.clients = makeClients(2_500);
    server.register = new Map(server.clients.map((c) => [c.enterpriseNumber ?? "", entryFor(c)]));
    const { clients, sheet } = await pulledSheet("en");
    server.requests = [];
    const progress: number[] = [];
    const reg = await checkSheetAgainstRegister({
      api: api(),
      sheet,
      clients,
      lang: "en",
      onProgress: (done) => progress.push(done),
    });
    expect(server.requests.filter((r) => r.path === "/v1/register/check")).toHaveLength(3);
    expect(progress).toEqual([1000, 2000, 2500]);
    expect(reg.rows).toHaveLength(2_500);
    expect(reg.rows.every((r) => r.check.status === "ok")).toBe(true);
  });
});
