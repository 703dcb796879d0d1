/** The person and contact checks of validateRow (issue 15), through validateRow itself. */

import { describe, expect, it } from "vitest";
import { translate, uiLanguages } from "../i18n/index.js";
import { suggestEmail } from "../identifiers/email-typo.js";
import type { ImportRow } from "../model/client.js";
import { type ValidateRowResult, validateRow } from "./validate-row.js";

const today = new Date("2026-06-01T00:00:00Z");
const company = { kind: "company", name: "Bakkerij Peeters BV", enterpriseNumber: "0403.019.261" };
const run = (row: Omit<ImportRow, "ref">): ValidateRowResult =>
  validateRow({ ref: "2", ...row }, { today });
const issues = (r: ValidateRowResult) => (r.ok ? r.warnings : r.issues);
const find = (r: ValidateRowResult, code: string) => issues(r).find((i) => i.code === code);

describe("first and last names", () => {
  it("derives a person's name from the parts", () => {
    const r = run({
      kind: "person",
      firstName: "Jan",
      lastName: "Peeters",
      nationalNumber: "85073003328",
    });
    expect(r.ok && r.client).toMatchObject({
      name: "Peeters Jan",
      firstName: "Jan",
      lastName: "Peeters",
    });
  });

  it("accepts the same name typed in any order, and warns when it differs", () => {
    const same = run({
      kind: "person",
      name: "Jan Peeters",
      firstName: "Jan",
      lastName: "Peeters",
    });
    expect(find(same, "row.name_parts_differ")).toBeUndefined();
    const other = run({
      kind: "person",
      name: "Marie Peeters",
      firstName: "Jan",
      lastName: "Peeters",
    });
    expect(find(other, "row.name_parts_differ")?.suggestions).toEqual(["Peeters Jan"]);
    expect(other.ok && other.client.name).toBe("Peeters Jan");
  });

  it("keeps a sole proprietor's trade name, and a single-name sheet still works", () => {
    const sole = run({
      kind: "soleProprietor",
      name: "Frituur Jan",
      firstName: "Jan",
      lastName: "Peeters",
      enterpriseNumber: "0403.019.261",
    });
    expect(sole.ok && sole.client.name).toBe("Frituur Jan");
    const single = run({ kind: "person", name: "Jan Peeters", nationalNumber: "85073003328" });
    expect(single.ok && single.client).toMatchObject({
      name: "Jan Peeters",
      firstName: null,
      lastName: null,
    });
  });

  it("reads a name cell next to a first-name cell as the family name (AdminPulse template)", () => {
    const r = run({
      kind: "person",
      name: "Peeters",
      firstName: "Jan",
      nationalNumber: "85073003328",
    });
    expect(r.ok && r.client).toMatchObject({
      name: "Peeters Jan",
      firstName: "Jan",
      lastName: "Peeters",
    });
    expect(issues(r)).toEqual([]);
  });

  it("requires a name or its parts", () => {
    expect(
      find(run({ kind: "person", nationalNumber: "85073003328" }), "row.required")?.field,
    ).toBe("name");
  });
});

describe("IBAN and BIC", () => {
  it("normalises a Belgian IBAN and derives its BIC from the National Bank's list", () => {
    const r = run({ ...company, iban: "be56 3631 2345 6788" });
    expect(r.ok && [r.client.iban, r.client.bic]).toEqual(["BE56363123456788", "BBRUBEBB"]);
  });

  it("refuses a mistyped IBAN with the likely right one", () => {
    const r = run({ ...company, iban: "BE56 3631 2345 6789" });
    expect(r.ok).toBe(false);
    const issue = issues(r).find((i) => i.field === "iban");
    expect(issue?.severity).toBe("error");
    expect(issue?.suggestions.length).toBeGreaterThan(0);
  });

  it("accepts a valid foreign IBAN and refuses a broken one", () => {
    const nl = run({ ...company, iban: "NL91 ABNA 0417 1643 00", bic: "ABNANL2A" });
    expect(nl.ok && [nl.client.iban, nl.client.bic]).toEqual(["NL91ABNA0417164300", "ABNANL2A"]);
    expect(
      find(run({ ...company, iban: "NL91 ABNA 0417 1643 01" }), "id.iban_invalid"),
    ).toBeDefined();
  });

  it("warns when a typed BIC is not the account's bank, refuses a malformed one", () => {
    const r = run({ ...company, iban: "BE56363123456788", bic: "GEBABEBB" });
    expect(find(r, "row.bic_mismatch")?.suggestions).toEqual(["BBRUBEBB"]);
    const branch = run({ ...company, iban: "BE56363123456788", bic: "BBRUBEBBXXX" });
    expect(issues(branch)).toEqual([]);
    expect(find(run({ ...company, bic: "GEB-1" }), "row.bic_invalid")?.severity).toBe("error");
  });

  it("warns when the bank code is not in the list (539 is missing from the shipped copy)", () => {
    expect(
      find(run({ ...company, iban: "BE69 5391 2345 6778" }), "id.iban_bank_unknown"),
    ).toBeDefined();
    // 102 is a valid bank code without a BIC (docs/identifiers.md).
    expect(
      find(run({ ...company, iban: "BE45102000000089" }), "id.iban_bank_unknown"),
    ).toBeDefined();
  });
});

describe("phone, e-mail domain and postcode ↔ town", () => {
  it("stores a phone in E.164 and keeps an unreadable one with a warning", () => {
    const ok = run({ ...company, phone: "0470/12.34.56" });
    expect(ok.ok && ok.client.phone).toBe("+32470123456");
    const odd = run({ ...company, phone: "09 123 45 67" });
    expect(odd.ok && odd.client.phone).toBe("09 123 45 67");
    expect(find(odd, "id.phone_invalid")?.severity).toBe("warning");
  });

  it.each([
    ["jan@gmial.com", "jan@gmail.com"],
    ["jan@hotmial.be", "jan@hotmail.be"],
    ["jan@skynet.bee", "jan@skynet.be"],
    ["jan@proximus.eb", "jan@proximus.be"],
  ])("suggests %s → %s", (email, fixed) => {
    expect(find(run({ ...company, email }), "id.email_domain_typo")?.suggestions).toEqual([fixed]);
  });

  it("suggests the provider for an invalid address too, and leaves real domains alone", () => {
    const r = run({ ...company, email: "jan@telenet.b" });
    expect(issues(r).find((i) => i.field === "email")?.suggestions).toContain("jan@telenet.be");
    expect(issues(run({ ...company, email: "info@bakkerij-peeters.be" }))).toEqual([]);
  });

  it("reads a known provider in place and still catches an upper-case typo", () => {
    expect(suggestEmail("jan@telenet.be")).toBeNull();
    expect(suggestEmail("Jan@GMAIL.COM")).toBeNull();
    expect(suggestEmail("Jan@GMIAL.COM")).toBe("Jan@gmail.com");
    expect(suggestEmail("jan@gmail.co")).toBe("jan@gmail.com");
  });

  it("warns for 9000 Antwerpen, suggesting 9000 Gent and 2000 Antwerpen", () => {
    const r = run({ ...company, address: { postalCode: "9000", city: "Antwerpen" } });
    const issue = find(r, "row.postcode_city_mismatch");
    expect(issue?.suggestions.slice(0, 2)).toEqual(["9000 Gent", "2000 Antwerpen"]);
    for (const lang of uiLanguages)
      expect(translate(issue?.code ?? "", lang, issue?.params)).toContain("9000");
  });

  it.each([
    ["4000", "Luik"],
    ["4000", "LIÈGE"],
    ["1050", "Elsene"],
    ["9031", "Drongen"],
  ])("accepts %s %s (any official name, case and accents ignored)", (postalCode, city) => {
    expect(issues(run({ ...company, address: { postalCode, city } }))).toEqual([]);
  });

  it("warns for a postcode bpost does not list, and checks foreign addresses not at all", () => {
    expect(
      find(run({ ...company, address: { postalCode: "9999", city: "X" } }), "row.postcode_unknown"),
    ).toBeDefined();
    expect(
      issues(run({ ...company, address: { postalCode: "9000", city: "Paris", country: "FR" } })),
    ).toEqual([]);
  });
});
