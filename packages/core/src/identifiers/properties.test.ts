import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkId,
  formatEnterprise,
  formatNationalNumber,
  normalizeEnterprise,
  toVatNumber,
} from "./check-id.js";
import { mod97Suggestions } from "./suggestions.js";
import type { IdKind } from "./types.js";

const today = new Date("2026-11-25T12:00:00Z");
const pad = (n: number, w: number) => String(n).padStart(w, "0");

/** Valid enterprise numbers: first digit 0 or 1, check = 97 − base mod 97. */
const enterpriseNumber = fc
  .integer({ min: 1, max: 19_999_999 })
  .map((base) => pad(base, 8) + pad(97 - (base % 97), 2));

/** Valid NRNs (real dates in 1900–2025, born no later than "today"), normalised. */
const nrn = fc
  .record({
    date: fc.date({
      min: new Date("1900-01-01"),
      max: new Date("2025-12-31"),
      noInvalidDate: true,
    }),
    serial: fc.integer({ min: 1, max: 998 }),
  })
  .map(({ date, serial }) => {
    const y = date.getUTCFullYear();
    const base =
      ((y % 100) * 10_000 + (date.getUTCMonth() + 1) * 100 + date.getUTCDate()) * 1000 + serial;
    return pad(base, 9) + pad(97 - ((y >= 2000 ? 2e9 + base : base) % 97), 2);
  });

/** The spellings staff paste from Excel, web pages and PDFs. */
const enterpriseSpelling = fc.constantFrom(
  (n: string) => n,
  (n: string) => `BE${n}`,
  (n: string) => `be ${n}`,
  (n: string) => `${n.slice(0, 4)}.${n.slice(4, 7)}.${n.slice(7)}`,
  (n: string) => `BE ${n.slice(0, 4)}.${n.slice(4, 7)}.${n.slice(7)}`,
  (n: string) => `BE\u00a0${n.slice(0, 4)}\u2013${n.slice(4, 7)}\u2013${n.slice(7)}`,
  (n: string) => ` ${n.slice(0, 4)} ${n.slice(4, 7)} ${n.slice(7)}\t`,
  (n: string) => `${n.slice(0, 4)}/${n.slice(4, 7)}/${n.slice(7)}`,
  (n: string) => (n.startsWith("0") ? `BE (0)${n.slice(1, 4)}.${n.slice(4, 7)}.${n.slice(7)}` : n),
  (n: string) => (n.startsWith("0") ? n.slice(1) : n),
  (n: string) => n.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))),
);

const nrnSpelling = fc.constantFrom(
  (n: string) => n,
  (n: string) =>
    `${n.slice(0, 2)}.${n.slice(2, 4)}.${n.slice(4, 6)}-${n.slice(6, 9)}.${n.slice(9)}`,
  (n: string) => `${n.slice(0, 6)} ${n.slice(6, 9)} ${n.slice(9)}`,
  (n: string) => `${n.slice(0, 2)}\u00a0${n.slice(2, 4)}\u00a0${n.slice(4, 6)}\u2010${n.slice(6)}`,
  (n: string) => ` ${n} `,
);

/** Every swap of neighbours and every single-digit change of `s`. */
function oneTypoAway(s: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 1 < s.length; i++) {
    if (s[i] !== s[i + 1]) out.add(s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2));
  }
  for (let i = 0; i < s.length; i++) {
    for (let d = 0; d <= 9; d++)
      if (String(d) !== s[i]) out.add(s.slice(0, i) + d + s.slice(i + 1));
  }
  return out;
}

describe("normalise and format", () => {
  it("a valid enterprise number normalises to itself in every accepted spelling", () => {
    fc.assert(
      fc.property(enterpriseNumber, enterpriseSpelling, (n, spell) => {
        const r = checkId("enterprise", spell(n));
        expect(r.valid && r.normalized).toBe(n);
      }),
    );
  });

  it("normalise ∘ format is the identity (display and VAT forms)", () => {
    fc.assert(
      fc.property(enterpriseNumber, (n) => {
        const formatted = formatEnterprise(n);
        expect(formatted).toMatch(/^[01]\d{3}\.\d{3}\.\d{3}$/);
        expect(normalizeEnterprise(formatted ?? "")).toBe(n);
        expect(normalizeEnterprise(toVatNumber(n) ?? "")).toBe(n);
      }),
    );
  });

  it("a valid NRN normalises to itself in every spelling, and its format round-trips", () => {
    fc.assert(
      fc.property(nrn, nrnSpelling, (n, spell) => {
        const r = checkId("nrn", spell(n), { today });
        expect(r.valid && r.normalized).toBe(n);
        const formatted = formatNationalNumber(n, { today }) ?? "";
        expect(formatted).toMatch(/^\d\d\.\d\d\.\d\d-\d{3}\.\d\d$/);
        const again = checkId("nrn", formatted, { today });
        expect(again.valid && again.normalized).toBe(n);
      }),
    );
  });
});

describe("suggestions", () => {
  const digits = (n: number) =>
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(""));
  const kinds: [IdKind, number][] = [
    ["enterprise", 10],
    ["establishment", 10],
    ["nrn", 11],
    ["bis", 11],
    ["insz", 11],
  ];

  it.each(kinds)(
    "%s: every suggestion is valid, one typo away, at most five, no repeats",
    (kind, len) => {
      fc.assert(
        fc.property(digits(len), (s) => {
          const r = checkId(kind, s, { today });
          if (r.valid) return;
          expect(r.suggestions.length).toBeLessThanOrEqual(5);
          expect(new Set(r.suggestions).size).toBe(r.suggestions.length);
          const near = oneTypoAway(s);
          for (const x of r.suggestions) {
            expect(checkId(kind, x, { today }).valid).toBe(true);
            if (r.error.code !== "id.checksum_00") expect(near.has(x)).toBe(true);
          }
        }),
        { numRuns: 300 },
      );
    },
  );

  it.each(kinds)(
    "%s: a typo of a valid number finds every valid fix (brute force), swaps first",
    (kind, len) => {
      const valid = len === 10 ? enterpriseNumber : nrn;
      fc.assert(
        fc.property(valid, fc.nat(), (n, pick) => {
          const typos = [...oneTypoAway(n)];
          const typo = typos[pick % typos.length]!;
          const r = checkId(kind, typo, { today });
          if (r.valid || r.error.code !== "id.checksum") return;
          const all = [...oneTypoAway(typo)].filter((x) => checkId(kind, x, { today }).valid);
          if (all.length <= 5) expect(new Set(r.suggestions)).toEqual(new Set(all));
          else expect(r.suggestions.length).toBe(5);
          for (const x of r.suggestions) expect(all).toContain(x);
          // swaps come before single-digit changes
          const isSwap = (x: string) => [...x].filter((c, i) => c !== typo[i]).length === 2;
          const kindsInOrder = r.suggestions.map(isSwap);
          expect(kindsInOrder).toEqual([...kindsInOrder].sort((a, b) => Number(b) - Number(a)));
          // the intended number is found whenever it is the only fix of the typo's kind
          if (all.length <= 5 && checkId(kind, n, { today }).valid)
            expect(r.suggestions).toContain(n);
        }),
        { numRuns: 300 },
      );
    },
  );

  it("the fast mod-97 search equals the brute-force search for the plain check", () => {
    fc.assert(
      fc.property(digits(10), (s) => {
        const accept = (v: number) => Math.floor(v / 1e9) <= 1;
        const ok = (x: string) => {
          const base = Number(x.slice(0, 8));
          return Number(x[0]) <= 1 && (base % 97) + Number(x.slice(8)) === 97;
        };
        const fast = mod97Suggestions(s, Number(s), [0], accept, 200);
        const brute = [...oneTypoAway(s)].filter(ok);
        expect(new Set(fast)).toEqual(new Set(brute));
      }),
      { numRuns: 500 },
    );
  });

  it("a lost leading zero is suggested padded", () => {
    fc.assert(
      fc.property(
        nrn.filter((n) => n.startsWith("0")),
        (n) => {
          const stripped = n.replace(/^0+/, "");
          const r = checkId("nrn", stripped, { today });
          expect(r.valid).toBe(false);
          if (!r.valid) expect(r.suggestions).toEqual([n]);
          const cell = checkId("nrn", stripped, { today, fromNumericCell: true });
          expect(cell.valid && cell.normalized).toBe(n);
        },
      ),
    );
  });
});
