import { type Client, registeredCodes, translate } from "@pulsebridge/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkAgainstRegister } from "../src/check/check.js";
import { registerFindingCodes } from "../src/check/messages.js";
import { normalizeName, sameName } from "../src/check/normalize.js";
import {
  createMemoryReader,
  createSqlReader,
  type RegisterReader,
} from "../src/check/register-entry.js";
import { entity, type SynthEntity } from "../src/generator/entities.js";
import { writeFullDump } from "../src/generator/write-dump.js";
import { loadDump } from "../src/load/loader.js";
import { MemoryRegisterStore } from "../src/load/memory-store.js";
import { openDump } from "../src/load/source.js";
import type { QueryAll } from "../src/load/sql-store.js";
import { SEED, SNAPSHOT, sqliteRegister, tempDir } from "./fixtures.js";

const N = 400;
let cleanup: () => Promise<void>;
let reader: RegisterReader;
let sqlReader: RegisterReader;
let sqlQueryAll: QueryAll;
const all = Array.from({ length: N }, (_, i) => entity(SEED, i));
const find = (p: (e: SynthEntity) => boolean) => {
  const e = all.find(p);
  if (!e) throw new Error("fixture lacks this case");
  return e;
};

function client(over: Partial<Client>): Client {
  return {
    sourceIds: { adminpulseId: null, uniqueIdentifier: null, code: null },
    kind: "company",
    name: "x",
    enterpriseNumber: null,
    nationalNumber: null,
    vatNumber: null,
    legalForm: null,
    language: "nl",
    email: null,
    phone: null,
    address: null,
    generalMeetingDate: null,
    responsibleUser: null,
    links: [],
    ...over,
  };
}

/** The client exactly as the register has it (Dutch fields). */
function matching(e: SynthEntity): Client {
  const a = e.rego ?? e.establishments[0]?.address ?? null;
  return client({
    kind: e.typeOfEnterprise === "1" ? "soleProprietor" : "company",
    name: e.names[0]?.text ?? "",
    enterpriseNumber: e.number,
    legalForm: e.juridicalForm === "610" || e.juridicalFormCac === "610" ? "BV" : null,
    address: a && {
      street: a.streetNl,
      number: a.houseNumber,
      box: a.box || null,
      postalCode: a.zipcode,
      city: a.municipalityNl,
      country: "BE",
    },
  });
}

beforeAll(async () => {
  const t = await tempDir();
  cleanup = t.cleanup;
  const dump = await writeFullDump(t.dir, {
    seed: SEED,
    enterprises: N,
    extractNumber: 140,
    snapshotDate: SNAPSHOT,
  });
  const store = new MemoryRegisterStore();
  const sql = sqliteRegister();
  for (const s of [store, sql.store]) {
    const source = await openDump(dump);
    await loadDump(source, s);
    await source.close();
  }
  reader = createMemoryReader(store);
  sqlReader = createSqlReader(sql.adapter.queryAll);
  sqlQueryAll = sql.adapter.queryAll;
});
afterAll(() => cleanup());

const check = async (c: Client, lang: "nl" | "fr" | "en" = "en", r = reader) =>
  checkAgainstRegister(
    c,
    c.enterpriseNumber ? await r.lookup(c.enterpriseNumber) : null,
    lang,
    await r.snapshotDate(),
  );
const codes = (r: Awaited<ReturnType<typeof check>>) => r.findings.map((f) => f.code);

describe("name normalisation", () => {
  it("ignores case, accents, punctuation, legal-form words and word order", () => {
    expect(normalizeName("BAKKERIJ PEETERS B.V.")).toBe("bakkerij peeters");
    expect(sameName("Électricité Lefèvre SRL", "electricite lefevre")).toBe(true);
    expect(sameName("Naamloze vennootschap Maes", "Maes NV")).toBe(true);
    expect(sameName("Peeters, Jan", "Jan Peeters")).toBe(true);
    expect(sameName("Bakkerij Peeters", "Bakkerij Janssens")).toBe(false);
  });
});

describe("checkAgainstRegister", () => {
  it("finds nothing for a client that matches, in memory and through SQL", async () => {
    const e = find(
      (x) =>
        x.juridicalForm === "610" &&
        x.juridicalFormCac === null &&
        x.juridicalSituation === "000" &&
        x.rego?.dateStrikingOff === null,
    );
    for (const r of [reader, sqlReader]) {
      const result = await check(matching(e), "nl", r);
      expect(result).toMatchObject({ status: "ok", snapshotDate: SNAPSHOT, findings: [] });
    }
    const shouting = { ...matching(e), name: `${e.names[0]?.text.toUpperCase()} bv` };
    expect((await check(shouting)).status).toBe("ok");
  });

  it("says an unknown number is unknown, stopped or never existed, with the snapshot date", async () => {
    const result = await check(client({ enterpriseNumber: "0800123405" }));
    expect(result.status).toBe("not_in_register");
    expect(result.findings[0]).toMatchObject({
      code: "kbo.not_in_register",
      severity: "error",
      snapshotDate: SNAPSHOT,
    });
    expect(result.findings[0]?.message).toContain("unknown, stopped or never existed");
    expect(result.findings[0]?.message).toContain("0800.123.405");
  });

  it("reports a juridical situation other than normal with its description in the user's language", async () => {
    const e = find((x) => x.juridicalSituation === "012");
    const c = matching(e);
    const nl = await check(c, "nl");
    const fr = await check(c, "fr");
    const en = await check(c, "en");
    expect(nl.status).toBe("differs");
    expect(nl.findings.find((f) => f.code === "kbo.juridical_situation")?.localizedMessage).toBe(
      "Het register vermeldt de rechtstoestand 012: Vrijwillige ontbinding - vereffening.",
    );
    expect(fr.findings.find((f) => f.code === "kbo.juridical_situation")?.registerValue).toBe(
      "Dissolution volontaire - liquidation",
    );
    expect(en.findings.find((f) => f.code === "kbo.juridical_situation")?.message).toContain(
      "Voluntary dissolution and liquidation",
    );
  });

  it("offers the official name in the user's language when the name differs", async () => {
    const e = find(
      (x) => x.names.filter((n) => n.type === "001").length === 2 && x.juridicalSituation === "000",
    );
    const c = { ...matching(e), name: "Totally Different" };
    const fr = await check(c, "fr");
    const finding = fr.findings.find((f) => f.code === "kbo.name_differs");
    expect(finding?.registerValue).toBe(e.names.find((n) => n.language === "1")?.text);
    expect(finding?.clientValue).toBe("Totally Different");
    // Either official name is accepted.
    const dutch = { ...c, name: e.names.find((n) => n.language === "2")?.text ?? "" };
    expect(codes(await check(dutch, "fr"))).not.toContain("kbo.name_differs");
  });

  it("reports a name that matches only an abbreviation or commercial name, as information", async () => {
    const e = find(
      (x) =>
        x.names.some((n) => n.type === "003") &&
        x.juridicalSituation === "000" &&
        x.juridicalForm === "610",
    );
    const commercial = e.names.find((n) => n.type === "003")?.text ?? "";
    const result = await check({ ...matching(e), name: commercial });
    const f = result.findings.find((x) => x.code === "kbo.name_matches_alias");
    expect(f).toMatchObject({ severity: "info", registerValue: e.names[0]?.text });
    expect(f?.message).toContain("commercial name");
  });

  it("compares legal forms through abbreviations and offers the register's", async () => {
    const e = find((x) => x.juridicalForm === "014" && x.juridicalSituation === "000");
    expect(codes(await check({ ...matching(e), legalForm: "NV" }))).not.toContain(
      "kbo.legal_form_differs",
    );
    expect(codes(await check({ ...matching(e), legalForm: "s.a." }))).not.toContain(
      "kbo.legal_form_differs",
    );
    const wrong = await check({ ...matching(e), legalForm: "BV" }, "fr");
    expect(wrong.findings.find((f) => f.code === "kbo.legal_form_differs")).toMatchObject({
      registerValue: "SA",
      clientValue: "BV",
    });
    const person = find((x) => x.typeOfEnterprise === "1");
    expect(codes(await check({ ...matching(person), legalForm: "BV" }))).toContain(
      "kbo.legal_form_natural_person",
    );
  });

  it("compares addresses in NL or FR, and offers the register's address", async () => {
    const bxl = find(
      (x) =>
        x.rego !== null && x.rego.streetNl !== x.rego.streetFr && x.juridicalSituation === "000",
    );
    const c = matching(bxl);
    const inFrench = {
      ...c,
      address: c.address && {
        ...c.address,
        street: bxl.rego?.streetFr ?? null,
        city: bxl.rego?.municipalityFr ?? null,
      },
    };
    expect(codes(await check(inFrench))).not.toContain("kbo.address_differs");
    const moved = { ...c, address: c.address && { ...c.address, number: "999" } };
    const result = await check(moved, "fr");
    const f = result.findings.find((x) => x.code === "kbo.address_differs");
    expect(f?.registerValue).toEqual({ ...inFrench.address, country: "BE" });
    expect(f?.localizedMessage).toContain(bxl.rego?.streetFr);
  });

  it("uses an establishment's address for a natural person, and looks up establishment numbers", async () => {
    const p = find((x) => x.typeOfEnterprise === "1" && x.juridicalSituation === "000");
    expect((await check(matching(p))).status).toBe("ok");
    const est = p.establishments[0]?.number ?? "";
    const via = await check({ ...matching(p), enterpriseNumber: est });
    expect(via.findings.map((f) => [f.code, f.severity])).toEqual([
      ["kbo.via_establishment", "info"],
    ]);
    expect(via.status).toBe("ok");
  });

  it("does not judge a client without a number, or when no register is loaded", async () => {
    expect((await check(client({}))).status).toBe("not_applicable");
    const none = checkAgainstRegister(client({ enterpriseNumber: "0800123405" }), null, "nl", null);
    expect(none).toMatchObject({ status: "not_loaded", findings: [] });
  });

  it("registers every finding code in nl, fr and en", () => {
    for (const code of registerFindingCodes) {
      expect(registeredCodes()).toContain(code);
      for (const lang of ["nl", "fr", "en"] as const) expect(translate(code, lang)).not.toBe(code);
    }
  });
});

describe("lookupMany", () => {
  it("gives, in a few queries, exactly what lookup gives one by one (SQL and memory)", async () => {
    const asked = [
      ...all.map((e) => e.number),
      ...all.flatMap((e) => e.establishments.map((s) => s.number)).slice(0, 50),
      "0000000097", // well-formed, not in the register
    ];
    let queries = 0;
    const counting = createSqlReader(async (q, p) => {
      queries++;
      return sqlQueryAll(q, p);
    });
    const many = await counting.lookupMany(asked);
    // snapshot + codes + per 500 numbers: establishments, enterprises, names, holders, addresses.
    expect(queries).toBeLessThanOrEqual(2 + 5 * Math.ceil(asked.length / 500));
    for (const n of asked) expect(many.get(n) ?? null).toEqual(await sqlReader.lookup(n));
    const viaMemory = await reader.lookupMany(asked);
    for (const n of asked) expect(viaMemory.get(n) ?? null).toEqual(await reader.lookup(n));
    expect(many.has("0000000097")).toBe(false);
    expect(many.size).toBe(asked.length - 1);
  });
});
