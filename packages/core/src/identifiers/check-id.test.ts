import validator from "validator";
import { describe, expect, it } from "vitest";
import {
  checkId,
  formatEnterprise,
  formatEstablishment,
  formatNationalNumber,
  ibanFromBban,
  normalizeEnterprise,
  normalizeNationalNumber,
  toVatNumber,
} from "./check-id.js";
import type { IdCheck, IdKind } from "./types.js";

/** Fixed "today" so the future-date rule is deterministic. */
const today = new Date("2026-11-25T12:00:00Z");
const check = (kind: IdKind, input: string) => checkId(kind, input, { today });

function valid(r: IdCheck): Extract<IdCheck, { valid: true }> {
  if (!r.valid) throw new Error(`expected valid, got ${r.error.code}`);
  return r;
}
function invalid(r: IdCheck): Extract<IdCheck, { valid: false }> {
  if (r.valid) throw new Error(`expected invalid, got ${r.normalized}`);
  return r;
}
/** A 9-digit base with its 1900-style check digits. */
function withCheck(base: number): string {
  return `${String(base).padStart(9, "0")}${String(97 - (base % 97)).padStart(2, "0")}`;
}
const code = (kind: IdKind, input: string) => invalid(check(kind, input)).error.code;

describe("enterprise number (rules §1)", () => {
  it.each([
    ["0403.019.261", "0403019261"],
    ["0403019261", "0403019261"],
    ["BE0403019261", "0403019261"],
    ["be 0403 019 261", "0403019261"],
    ["BE 0403-019-261", "0403019261"],
    ["0403/019/261", "0403019261"],
    ["0566.988.259", "0566988259"], // the Flemish government's worked example
    ["BE (0)468.561.072", "0468561072"],
    ["(0)403019261", "0403019261"],
    ["1023456797", "1023456797"], // base divisible by 97 gets 97
    ["\u00a0BE\u202f0403\u2013019\u2014261\u00a0", "0403019261"], // NBSP, narrow NBSP, en/em dash
    ["0403\u2212019\u2010261", "0403019261"], // minus sign, hyphen
    ["\uff10\uff14\uff10\uff13\uff10\uff11\uff19\uff12\uff16\uff11", "0403019261"], // fullwidth digits
  ])("accepts %j as %s", (input, normalized) => {
    const r = valid(check("enterprise", input));
    expect(r.normalized).toBe(normalized);
    expect(r.formatted).toBe(
      `${normalized.slice(0, 4)}.${normalized.slice(4, 7)}.${normalized.slice(7)}`,
    );
    expect(r.warnings).toEqual([]);
  });

  it("pads a 9-digit number (old notation or a lost zero) and says so", () => {
    for (const input of ["403019261", "BE403019261", "BE 428759497", "403.019.261"]) {
      const r = valid(check("enterprise", input));
      expect(r.normalized).toMatch(/^0\d{9}$/);
      expect(r.warnings).toEqual(["id.padded_leading_zero"]);
    }
  });

  it.each([
    ["BE 0220,764.971", "id.characters"], // `,` is not a separator
    ["BE BE 0220764971", "id.characters"], // only one BE is stripped
    ["BE04O3019261", "id.characters"], // letter O
    ["BE 02A2.239.951", "id.characters"],
    ["NL123456789B01", "id.prefix"],
    ["FR40303265045", "id.prefix"],
    ["BG123", "id.prefix"],
    ["B0403019261", "id.characters"],
    ["X403019261", "id.characters"],
    ["", "id.empty"],
    ["  . - ", "id.empty"],
    ["BE", "id.length"],
    ["12345678", "id.length"],
    ["04030192611", "id.length"],
    ["BE0000000000", "id.all_zeros"],
    ["BE000000000", "id.all_zeros"],
    ["1023456700", "id.checksum_00"],
    ["0403025300", "id.checksum_00"],
    ["BE431150351", "id.checksum"],
    ["0403019262", "id.checksum"],
    ["BE2000021323", "id.establishment_unit"],
    ["2297964444", "id.establishment_unit"],
    ["2.297.964.444", "id.establishment_unit"],
    ["9000000092", "id.first_digit"],
    ["2403019261", "id.first_digit"],
    ["(1)403019261", "id.characters"],
    ["(0403019261", "id.characters"],
  ])("rejects %j with %s", (input, expected) => {
    expect(code("enterprise", input)).toBe(expected);
  });

  it("gives the English message of the code", () => {
    expect(invalid(check("enterprise", "2297964444")).error.message).toBe(
      "This is an establishment unit number (starts with 2 to 8), not an enterprise number.",
    );
  });

  it("suggests 97 for check digits 00", () => {
    expect(invalid(check("enterprise", "1023456700")).suggestions).toEqual(["1023456797"]);
    expect(invalid(check("enterprise", "0403025300")).suggestions).toEqual(["0403025397"]);
  });

  it("suggests the swap first, then single-digit fixes", () => {
    // 0403019261 with the last two digits swapped
    const r = invalid(check("enterprise", "0403019216"));
    expect(r.error.code).toBe("id.checksum");
    expect(r.suggestions[0]).toBe("0403019261");
    // one digit wrong
    expect(invalid(check("enterprise", "0403019262")).suggestions).toContain("0403019261");
    // a wrong first digit is fixed to the enterprise series
    expect(invalid(check("enterprise", "2403019261")).suggestions).toEqual(["0403019261"]);
  });

  it("suggests the digits meant by look-alike letters", () => {
    expect(invalid(check("enterprise", "BE04O3019261")).suggestions).toEqual(["0403019261"]);
    expect(invalid(check("enterprise", "BE 02A2.239.951")).suggestions).toEqual([]);
    expect(invalid(check("nrn", "85.O7.3O-O33.28")).suggestions).toEqual(["85073003328"]);
  });

  it("suggests in normalised form for a 9-digit input", () => {
    const r = invalid(check("enterprise", "BE403019216"));
    expect(r.suggestions[0]).toBe("0403019261");
  });

  it("never suggests anything for an establishment unit number in the enterprise column", () => {
    expect(invalid(check("enterprise", "2297964444")).suggestions).toEqual([]);
  });
});

describe("establishment unit number (rules §1)", () => {
  it("accepts 2.297.964.444 (belgif) and formats it", () => {
    const r = valid(check("establishment", "2.297.964.444"));
    expect(r.normalized).toBe("2297964444");
    expect(r.formatted).toBe("2.297.964.444");
    expect(valid(check("establishment", "2000021323")).normalized).toBe("2000021323");
  });
  it.each([
    ["0403019261", "id.enterprise_number"],
    ["9000000092", "id.first_digit"],
    ["2297964445", "id.checksum"],
    ["297964444", "id.length"], // no implied leading digit
  ])("rejects %j with %s", (input, expected) => {
    expect(code("establishment", input)).toBe(expected);
  });
});

describe("national register number (rules §2)", () => {
  it.each([
    ["85.07.30-033.28", "85073003328"],
    ["850730 033 28", "85073003328"], // the SIS card layout
    ["85.07.30-033 28", "85073003328"],
    ["17 07 30 033 84", "17073003384"], // 2000+ check: born 2017
    ["05031500262", "05031500262"], // 1905
    ["05031500291", "05031500291"], // 2005
    ["00000100166", "00000100166"], // fictitious date, 1900
    ["00000100195", "00000100195"], // fictitious date, 2000
    ["00000000128", "00000000128"], // only the year known (2000)
    ["00010000135", "00010000135"], // day unknown
    ["81050003552", "81050003552"], // day unknown
    ["00022900145", "00022900145"], // 2000-02-29 exists
    ["40000100133", "40000100133"], // month 00, any day
    ["40000095579", "40000095579"],
    ["75.06.08-980.09", "75060898009"],
  ])("accepts %j as %s", (input, normalized) => {
    const r = valid(check("nrn", input));
    expect(r.normalized).toBe(normalized);
    const n = normalized;
    expect(r.formatted).toBe(
      `${n.slice(0, 2)}.${n.slice(2, 4)}.${n.slice(4, 6)}-${n.slice(6, 9)}.${n.slice(9)}`,
    );
  });

  it.each([
    ["95031500142", "id.future_date"], // 2000-style check for 2095
    ["00022900116", "id.not_a_date"], // checks as 1900, 1900-02-29 does not exist
    ["85073500107", "id.not_a_date"], // day 35 (python-stdnum accepts: deliberate)
    ["85133000105", "id.month"],
    ["12345678901", "id.checksum"],
    ["98.47.28-997.65", "id.bis_month"],
    ["75.26.08-980.52", "id.bis_month"],
    ["85073003329", "id.checksum"],
    ["00000000000", "id.all_zeros"],
    ["1", "id.length"],
    ["850730033280", "id.length"],
    ["85/07/30-033.28", "id.characters"],
    ["85.07.30-033.2B", "id.characters"],
    ["", "id.empty"],
  ])("rejects %j with %s", (input, expected) => {
    expect(code("nrn", input)).toBe(expected);
  });

  it("rejects a check digit pair 00 that python-stdnum's sum test lets through", () => {
    // base 000000097 is divisible by 97, so the check is 97; "00" passes (base + 00) mod 97 == 0
    expect(valid(check("nrn", "00000009797")).normalized).toBe("00000009797");
    expect(code("nrn", "00000009700")).toBe("id.checksum");
  });

  it("rejects birth dates after today, and accepts today", () => {
    const base = 261125001; // 2026-11-25, serial 001
    const nrn = `${base}${String(97 - ((2e9 + base) % 97)).padStart(2, "0")}`;
    expect(valid(check("nrn", nrn)).normalized).toBe(nrn);
    const tomorrow = 261126001;
    const nrn2 = `${tomorrow}${String(97 - ((2e9 + tomorrow) % 97)).padStart(2, "0")}`;
    expect(code("nrn", nrn2)).toBe("id.future_date");
    // only the month known, next month: future; this month: fine
    const dec = 261200001;
    expect(code("nrn", `${dec}${String(97 - ((2e9 + dec) % 97)).padStart(2, "0")}`)).toBe(
      "id.future_date",
    );
    const nov = 261100001;
    expect(check("nrn", `${nov}${String(97 - ((2e9 + nov) % 97)).padStart(2, "0")}`).valid).toBe(
      true,
    );
  });

  it("uses the real date when no today is given", () => {
    expect(checkId("nrn", "95031500142").valid).toBe(false);
    expect(checkId("nrn", "17073003384").valid).toBe(true);
  });

  it("warns on serial 000 or 999 but accepts it", () => {
    expect(valid(check("nrn", "88022999990")).warnings).toEqual(["id.serial_000_999"]);
  });

  it("pads a number from a numeric cell and warns; from text it only suggests", () => {
    const r = valid(checkId("nrn", "5031500291", { fromNumericCell: true, today }));
    expect(r.normalized).toBe("05031500291");
    expect(r.warnings).toEqual(["id.padded_leading_zero"]);
    // 2000-02-29 typed as a number loses three zeros
    expect(valid(checkId("nrn", "22900145", { fromNumericCell: true, today })).normalized).toBe(
      "00022900145",
    );
    const text = invalid(check("nrn", "5031500291"));
    expect(text.error.code).toBe("id.length");
    expect(text.suggestions).toEqual(["05031500291"]);
  });

  it("suggests the swapped and the one-digit fixes, valid ones only", () => {
    expect(invalid(check("nrn", "85073003382")).suggestions).toEqual(["85073003328"]);
    const r = invalid(check("nrn", "85070303328"));
    expect(r.suggestions[0]).toBe("85073003328");
    for (const s of r.suggestions) expect(check("nrn", s).valid).toBe(true);
  });
});

describe("BIS number and INSZ (rules §3)", () => {
  it.each([
    ["98.47.28-997.65", "98472899765"], // 1998-07-28, M
    ["75.26.08-980.52", "75260898052"], // gender unknown
    ["75.46.08-980.95", "75460898095"],
    ["01 49 07 001 85", "01490700185"], // 2001-09-07
    ["80240199943", "80240199943"], // serial 999 is normal on BIS (belgif)
    ["00210000178", "00210000178"], // day unknown (stdnum-js rejects: deliberate)
    ["00400100155", "00400100155"],
    ["00200100112", "00200100112"],
    ["00400100184", "00400100184"],
    ["00200100141", "00200100141"],
    ["00400000117", "00400000117"],
    ["00200000171", "00200000171"],
    ["00410000124", "00410000124"],
    ["88222999936", "88222999936"],
    ["08222999934", "08222999934"],
    ["88422999979", "88422999979"],
    ["08422999977", "08422999977"],
    ["99200199926", "99200199926"],
    ["01200199934", "01200199934"],
    ["99400199969", "99400199969"],
    ["01451599980", "01451599980"],
  ])("accepts %j as %s", (input, normalized) => {
    const r = valid(check("bis", input));
    expect(r.normalized).toBe(normalized);
    expect(r.warnings).toEqual([]);
    expect(valid(check("insz", input)).normalized).toBe(normalized);
  });

  it.each([
    ["85.07.30-033.28", "id.nrn_month"],
    ["00000100195", "id.nrn_month"], // an NRN is not a BIS number
    ["85533000191", "id.month"], // 53
    ["85333000148", "id.month"], // 33
    [withCheck(926120999), "id.month"], // 61
    ["85473500193", "id.not_a_date"], // day 35 (python-stdnum accepts: deliberate)
    ["85273500150", "id.not_a_date"],
    ["12345678901", "id.checksum"],
    ["08222999935", "id.checksum"],
    ["01200199935", "id.checksum"],
  ])("rejects %j with %s", (input, expected) => {
    expect(code("bis", input)).toBe(expected);
  });

  it("insz accepts NRN and BIS, and rejects other months", () => {
    expect(check("insz", "85073003328").valid).toBe(true);
    expect(check("insz", "98472899765").valid).toBe(true);
    expect(code("insz", "85333000148")).toBe("id.month");
    expect(code("insz", "85133000105")).toBe("id.month");
  });
});

describe("Belgian IBAN (rules §4)", () => {
  it.each([
    ["BE32 123-4567890-02", "BE32123456789002", "BE32 1234 5678 9002"],
    ["be 54 9799 7279 3197", "BE54979972793197", "BE54 9799 7279 3197"],
    ["BE54310100270097", "BE54310100270097", "BE54 3101 0027 0097"], // remainder 0 → 97
    ["BE45102000000089", "BE45102000000089", "BE45 1020 0000 0089"], // bank 102, no BIC
    ["BE 43.4679.1170.4101", "BE43467911704101", "BE43 4679 1170 4101"],
    ["BE62 5100 0754 7061", "BE62510007547061", "BE62 5100 0754 7061"],
    // bank code 138 is unassigned: python-stdnum rejects it, we do not check bank codes (deliberate)
    ["BE83138811735115", "BE83138811735115", "BE83 1388 1173 5115"],
  ])("accepts %j", (input, normalized, formatted) => {
    const r = valid(check("iban", input));
    expect(r.normalized).toBe(normalized);
    expect(r.formatted).toBe(formatted);
  });

  it.each([
    ["BE41091811735141", "id.iban_national_check"], // passes ISO, fails the national check
    ["BE54310100270000", "id.iban_national_check"],
    ["BE42091811735141", "id.checksum"],
    ["GR1601101250000000012300695", "id.iban_country"], // a valid Greek IBAN
    ["NL91ABNA0417164300", "id.iban_country"],
    ["510007547061", "id.iban_bban"],
    ["123-4567890-02", "id.iban_bban"],
    ["BE3212345678900", "id.length"],
    ["BE32 1234 5678 900A", "id.characters"],
    ["12345", "id.length"],
    ["#BE32", "id.format"],
    ["", "id.empty"],
  ])("rejects %j with %s", (input, expected) => {
    expect(code("iban", input)).toBe(expected);
  });

  it("converts an old account number only as a suggestion", () => {
    expect(invalid(check("iban", "510-0075470-61")).suggestions).toEqual(["BE62510007547061"]);
    expect(ibanFromBban("510007547061")).toBe("BE62510007547061");
  });

  it("suggests the swapped IBAN, never an invalid one", () => {
    const r = invalid(check("iban", "BE32123456789020"));
    expect(r.suggestions[0]).toBe("BE32123456789002");
    for (const s of r.suggestions) expect(check("iban", s).valid).toBe(true);
  });
});

describe("postcode (rules §5)", () => {
  it.each([
    ["1000", "1000"],
    [" 9000 ", "9000"],
    ["B-1000", "1000"],
    ["BE-1000", "1000"],
    ["b-2000", "2000"],
    ["B\u20133500", "3500"],
    ["9992", "9992"],
  ])("accepts %j as %s", (input, normalized) => {
    const r = valid(check("postcode", input));
    expect(r.normalized).toBe(normalized);
    expect(r.warnings).toEqual([]);
  });
  it("warns above 9992", () => {
    expect(valid(check("postcode", "9999")).warnings).toEqual(["id.postcode_above_range"]);
  });
  it.each([
    ["0999", "id.postcode_range"],
    ["0000", "id.postcode_range"],
    ["100", "id.length"],
    ["10000", "id.length"],
    ["1OOO", "id.characters"],
    ["10 00", "id.characters"],
    ["1000 Brussel", "id.characters"],
    ["NL-1000", "id.characters"],
    ["B-", "id.empty"],
    ["  ", "id.empty"],
  ])("rejects %j with %s", (input, expected) => {
    expect(code("postcode", input)).toBe(expected);
  });
});

describe("e-mail (rules §6)", () => {
  it.each([
    ["jan@example.be", "jan@example.be"],
    ["  Jan.Peeters@Example.BE ", "Jan.Peeters@example.be"], // trim; lower-case the domain only
    ["a+b@sub.example.com", "a+b@sub.example.com"],
    ["o'brien@example.ie", "o'brien@example.ie"],
    ["x@a-b.be", "x@a-b.be"],
  ])("accepts %j as %s", (input, normalized) => {
    expect(valid(check("email", input)).normalized).toBe(normalized);
  });
  it.each([
    ["jan@example", "id.email_domain"], // WHATWG accepts it, the policy does not
    ["jan@example.123", "id.email_domain"],
    ["jan@-example.be", "id.email_domain"],
    ["jan@example..be", "id.email_domain"],
    [".jan@example.be", "id.email_local"],
    ["jan.@example.be", "id.email_local"],
    ["ja..n@example.be", "id.email_local"],
    ['"jan"@example.be', "id.email_local"],
    ["jan peeters@example.be", "id.email_local"],
    ["Jan <jan@example.be>", "id.email_display_name"],
    ["jan@@example.be", "id.email_at"],
    ["jan.example.be", "id.email_at"],
    [`${"a".repeat(65)}@example.be`, "id.email_length"],
    [`a@${`${"b".repeat(60)}.`.repeat(5)}be`, "id.email_length"],
    ["", "id.empty"],
  ])("rejects %j with %s", (input, expected) => {
    expect(code("email", input)).toBe(expected);
  });
});

describe("e-mail policy vs validator.isEmail", () => {
  // The vectors of the rules, plus the cases where the policy is deliberately stricter.
  const vectors = [
    "jan@example.be",
    "  Jan.Peeters@Example.BE ",
    "a+b@sub.example.com",
    "o'brien@example.ie",
    "x@a-b.be",
    "jan@example",
    "jan@example.123",
    "jan@-example.be",
    "jan@example..be",
    ".jan@example.be",
    "jan.@example.be",
    "ja..n@example.be",
    "jan peeters@example.be",
    "Jan <jan@example.be>",
    "jan@@example.be",
    "jan.example.be",
    `${"a".repeat(65)}@example.be`,
  ];
  it.each(vectors)("%j: same verdict as isEmail after trim", (input) => {
    expect(check("email", input).valid).toBe(validator.isEmail(input.trim()));
  });
  it.each([
    '"jan"@example.be', // quoted local part
    "jän@example.be", // non-ASCII local part
    "jan@example.xn--p1ai", // IDN top-level domain
  ])("%j: isEmail accepts, the policy refuses (why the policy is hand-written)", (input) => {
    expect(validator.isEmail(input)).toBe(true);
    expect(check("email", input).valid).toBe(false);
  });
});

describe("helpers", () => {
  it("normalise and format enterprise numbers", () => {
    expect(normalizeEnterprise("BE 0403.019.261")).toBe("0403019261");
    expect(normalizeEnterprise("BE 0403.019.262")).toBeNull();
    expect(formatEnterprise("403019261")).toBe("0403.019.261");
    expect(toVatNumber("0403.019.261")).toBe("BE0403019261");
    expect(toVatNumber("2297964444")).toBeNull();
    expect(formatEstablishment("2297964444")).toBe("2.297.964.444");
  });
  it("format national register and BIS numbers", () => {
    expect(formatNationalNumber("85073003328")).toBe("85.07.30-033.28");
    expect(formatNationalNumber("98472899765")).toBe("98.47.28-997.65");
    expect(formatNationalNumber("85073003329")).toBeNull();
    expect(normalizeNationalNumber("85.07.30-033.28")).toBe("85073003328");
  });
  it("judges the text of a non-string value from untyped callers", () => {
    expect(valid(checkId("enterprise", 403019261 as unknown as string)).normalized).toBe(
      "0403019261",
    );
    expect(invalid(checkId("nrn", null as unknown as string)).error.code).toBe("id.empty");
  });

  it("rejects an unknown kind from untyped callers", () => {
    expect(invalid(checkId("vat" as IdKind, "x")).error.code).toBe("id.unknown_kind");
  });
});
