import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { belgianIban } from "../reconcile/testing.js";
import { checkIban, cleanBelgianIban } from "./iban.js";

describe("cleanBelgianIban (the shortcut validateRow takes)", () => {
  it("property: agrees with checkIban on valid, spaced, lower-case and mistyped IBANs", () => {
    const spelled = fc
      .tuple(
        fc.integer({ min: 0, max: 999 }),
        fc.integer({ min: 0, max: 9_999_999 }),
        fc.constantFrom("compact", "spaced", "lower"),
        fc.option(fc.integer({ min: 2, max: 15 }), { nil: null }),
      )
      .map(([bank, account, style, typo]) => {
        let s = belgianIban(String(bank).padStart(3, "0"), account);
        if (typo !== null)
          s = `${s.slice(0, typo)}${(Number(s[typo]) + 1) % 10}${s.slice(typo + 1)}`;
        if (style === "spaced") s = s.replace(/(.{4})(?!$)/g, "$1 ");
        return style === "lower" ? s.toLowerCase() : s;
      });
    fc.assert(
      fc.property(spelled, (input) => {
        const fast = cleanBelgianIban(input);
        const full = checkIban(input, false);
        // The shortcut never accepts what the full check refuses, and gives the same form.
        if (fast !== null) expect(full).toMatchObject({ valid: true, normalized: fast });
        else if (full.valid) expect(input).not.toMatch(/^BE\d{14}$|^BE\d{2}( \d{4}){3}$/);
      }),
      { numRuns: 3000 },
    );
  });
});
