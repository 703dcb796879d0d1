/**
 * translate fills messages split once at their placeholders; it must give what the plain regex
 * replace gives for every registered code, language and set of parameters.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { identifierMessages } from "../identifiers/messages.js";
import { reconcileMessages } from "../reconcile/messages.js";
import { rowMessages } from "../validate/messages.js";
import {
  type MessageCatalog,
  registeredCodes,
  registerMessages,
  translate,
  uiLanguages,
} from "./index.js";

/** The first implementation: a regex replace on the catalog text, what translate must equal. */
function plainTranslate(
  catalogs: MessageCatalog[],
  code: string,
  lang: (typeof uiLanguages)[number],
  params: Record<string, string | number> = {},
): string {
  for (let i = catalogs.length - 1; i >= 0; i--) {
    const entry = catalogs[i]?.[code];
    if (entry) return entry[lang].replace(/\{(\w+)\}/g, (m, k: string) => String(params[k] ?? m));
  }
  return code;
}

const names = [
  "value",
  "kind",
  "postcode",
  "city",
  "name",
  "bic",
  "vat",
  "enterprise",
  "x",
  "constructor",
];
const paramsArb = fc.dictionary(
  fc.constantFrom(...names),
  fc.oneof(
    fc.string(),
    fc.constantFrom("{value}", "$&", "$1", "{", "}"),
    fc.integer(),
    fc.double(),
  ),
);

describe("translate", () => {
  it("fills every registered message as the regex replace does, in every language", () => {
    const catalogs: MessageCatalog[] = [identifierMessages, rowMessages, reconcileMessages];
    const codes = catalogs.flatMap((c) => Object.keys(c));
    // Every catalog core registers is here.
    expect(new Set(registeredCodes())).toEqual(new Set(codes));
    fc.assert(
      fc.property(
        fc.constantFrom(...codes, "no.such_code"),
        fc.constantFrom(...uiLanguages),
        fc.option(paramsArb, { nil: undefined }),
        (code, lang, params) => {
          expect(translate(code, lang, params)).toBe(plainTranslate(catalogs, code, lang, params));
        },
      ),
      { numRuns: 3000 },
    );
  }, 30_000);

  it("fills any template, and a catalog registered later takes over a code already asked for", () => {
    const textArb = fc
      .array(
        fc.oneof(
          fc.string(),
          fc.constantFrom("{value}", "{city}", "{x}", "{", "}", "{ x}", "{a-b}"),
        ),
        {
          maxLength: 6,
        },
      )
      .map((parts) => parts.join(""));
    let n = 0;
    fc.assert(
      fc.property(textArb, textArb, paramsArb, (first, second, params) => {
        const code = `test.template_${n++}`;
        const a: MessageCatalog = { [code]: { nl: first, fr: first, en: first } };
        registerMessages(a);
        expect(translate(code, "en", params)).toBe(plainTranslate([a], code, "en", params));
        const b: MessageCatalog = { [code]: { nl: second, fr: second, en: second } };
        registerMessages(b);
        expect(translate(code, "fr", params)).toBe(plainTranslate([a, b], code, "fr", params));
        expect(translate(code, "en")).toBe(plainTranslate([a, b], code, "en"));
      }),
      { numRuns: 500 },
    );
  }, 30_000);
});
