import sift3Module from "@zootools/email-spell-checker/dist/lib/fuzzy-detection/sift3-distance.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cleanEmailAt } from "./email.js";
import {
  boundedSift3,
  domainTypoFix,
  isCleanAtKnown,
  knownMailDomains,
  suggestEmailAt,
} from "./email-typo.js";

/** The library's own distance (a CommonJS default export). */
const sift3 = ((sift3Module as unknown as { default?: typeof sift3Module }).default ??
  sift3Module) as (a: string, b: string) => number;

/** Domain-like strings: known domains with one to three edits, or random letters, dots and digits. */
const letters = "abcdefghijklmnopqrstuvwxyz.-0é";
const edited = fc
  .tuple(
    fc.constantFrom(...knownMailDomains),
    fc.array(fc.tuple(fc.nat(40), fc.constantFrom(...letters), fc.nat(3)), { maxLength: 3 }),
  )
  .map(([d, edits]) => {
    let s = d;
    for (const [at, ch, op] of edits) {
      const i = at % (s.length + 1);
      if (op === 0) s = s.slice(0, i) + ch + s.slice(i);
      else if (op === 1) s = s.slice(0, i) + s.slice(i + 1);
      else if (op === 2) s = s.slice(0, i) + ch + s.slice(i + 1);
      else if (i + 1 < s.length) s = s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
    }
    return s;
  });
const domain = fc.oneof(
  edited,
  fc.array(fc.constantFrom(...letters), { maxLength: 16 }).map((cs) => cs.join("")),
);

describe("boundedSift3 (the spell checker's distance, stopped past the threshold)", () => {
  it("property: the library's sift3 where that is within 2, else a bound above 2 and below it", () => {
    fc.assert(
      fc.property(domain, domain, (a, b) => {
        const theirs = sift3(a, b);
        const ours = boundedSift3(a, b);
        if (theirs <= 2) expect(ours).toBe(theirs);
        else {
          expect(ours).toBeGreaterThan(2);
          expect(ours).toBeLessThanOrEqual(theirs);
        }
      }),
      { numRuns: 5000 },
    );
  });

  it("property: the same suggestion as with the library's distance", () => {
    fc.assert(
      fc.property(edited, (d) => {
        expect(domainTypoFix(d)).toBe(domainTypoFix(d, null));
      }),
      { numRuns: 3000 },
    );
  });

  it("suggests the known provider for the common typos", () => {
    expect(domainTypoFix("gmial.com")).toBe("gmail.com");
    expect(domainTypoFix("telenet.b")).toBe("telenet.be");
    expect(domainTypoFix("hotmial.com")).toBe("hotmail.com");
    expect(domainTypoFix("example.org")).toBeNull();
  });
});

/** Local parts: atext, dots (also doubled or at the ends), and what a clean address may not hold. */
const localArb = fc
  .array(fc.constantFrom("a", "Z", "0", "+", "~", ".", ".", " ", "é", "@", '"'), {
    minLength: 0,
    maxLength: 70,
  })
  .map((cs) => cs.join(""));
const domainArb = fc.oneof(
  fc.constantFrom(...knownMailDomains),
  fc.constantFrom(...knownMailDomains).map((d) => d.toUpperCase()),
  fc.constantFrom(...knownMailDomains).map((d) => `${d}.`),
  fc.constantFrom(...knownMailDomains).map((d) => `x${d}`),
  domain,
);

describe("isCleanAtKnown (a clean address at a known provider, in one pattern)", () => {
  it("property: exactly the clean addresses whose domain is known as written (up to its length guard)", () => {
    fc.assert(
      fc.property(localArb, domainArb, (local, d) => {
        const address = `${local}@${d}`;
        const at = cleanEmailAt(address);
        const known = at >= 0 && knownMailDomains.includes(address.slice(at + 1));
        if (isCleanAtKnown(address)) {
          expect(known).toBe(true);
          // Nothing for the typo check to say: validateRow skips it.
          expect(suggestEmailAt(address, at)).toBeNull();
        } else if (address.length <= 71) expect(known).toBe(false);
      }),
      { numRuns: 5000 },
    );
  });

  it("accepts common addresses and refuses near misses", () => {
    expect(isCleanAtKnown("jan.peeters@telenet.be")).toBe(true);
    expect(isCleanAtKnown("info42@gmail.com")).toBe(true);
    expect(isCleanAtKnown("jan@Gmail.com")).toBe(false);
    expect(isCleanAtKnown("jan@gmailxcom")).toBe(false);
    expect(isCleanAtKnown("jan@gmial.com")).toBe(false);
    expect(isCleanAtKnown(".jan@gmail.com")).toBe(false);
    expect(isCleanAtKnown(`${"a".repeat(65)}@gmail.com`)).toBe(false);
  });
});
