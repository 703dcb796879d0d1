import { describe, expect, it } from "vitest";
import { registeredCodes, translate, uiLanguages } from "../i18n/index.js";
import { checkId, identifierCodes } from "./check-id.js";
import type { IdKind } from "./types.js";
import { idKinds } from "./types.js";

describe("identifier messages", () => {
  it("registers every code", () => {
    const registered = new Set(registeredCodes());
    for (const code of identifierCodes) expect(registered.has(code)).toBe(true);
  });

  it.each(identifierCodes)("%s has a distinct nl, fr and en text", (code) => {
    const texts = uiLanguages.map((lang) => translate(code, lang));
    for (const t of texts) {
      expect(t).not.toBe(code);
      expect(t.trim().length).toBeGreaterThan(10);
    }
    expect(new Set(texts).size).toBe(3);
  });

  it("every code checkId returns is a documented code, and error.message is its English text", () => {
    const inputs = [
      "",
      "x",
      "BE",
      "NL1",
      "0403019261",
      "0403019262",
      "1023456700",
      "2297964444",
      "9000000092",
      "0000000000",
      "85073003328",
      "85133000105",
      "98472899765",
      "85073500107",
      "95031500142",
      "88022999990",
      "403019261",
      "BE41091811735141",
      "GR1601101250000000012300695",
      "510007547061",
      "#",
      "0999",
      "9999",
      "a@b",
      "a <a@b.be>",
      "a@@b.be",
      ".a@b.be",
      "12345678901",
    ];
    const seen = new Set<string>();
    for (const kind of idKinds as readonly IdKind[]) {
      for (const input of inputs) {
        const r = checkId(kind, input);
        if (r.valid) for (const w of r.warnings) seen.add(w);
        else {
          seen.add(r.error.code);
          expect(r.error.message).toBe(translate(r.error.code, "en"));
        }
      }
    }
    for (const code of seen) expect(identifierCodes).toContain(code);
    // the sample reaches most codes, so this test is not vacuous
    expect(seen.size).toBeGreaterThan(20);
  });
});
