/**
 * The registered functions as Excel calls them: errors come back in Office's display language.
 * CustomFunctions and Office are stand-ins with the same shape as office.js's.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { t } from "../i18n/ui.js";

class FnError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
const registered = new Map<string, (...args: unknown[]) => unknown>();
const display = { language: "fr-BE" };
Object.assign(globalThis, {
  CustomFunctions: {
    associate: (name: string, fn: (...args: unknown[]) => unknown) => registered.set(name, fn),
    Error: FnError,
    ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" },
  },
  Office: {
    context: {
      get displayLanguage() {
        return display.language;
      },
      partitionKey: undefined,
    },
  },
  window: { localStorage: { getItem: () => null, setItem: () => {}, removeItem: () => {} } },
});
await import("./functions.js");

const call = async (name: string, ...args: unknown[]) => {
  try {
    return await registered.get(name)?.(...args);
  } catch (e) {
    return e;
  }
};

describe("custom functions' errors", () => {
  beforeEach(() => {
    display.language = "fr-BE";
  });

  it.each([
    ["fr-BE", "fr"],
    ["nl-BE", "nl"],
    ["en-US", "en"],
  ] as const)("CLIENT without a connection says so in %s", async (office, lang) => {
    display.language = office;
    const e = (await call("CLIENT", "0200.000.142", "name")) as FnError;
    expect(e).toBeInstanceOf(FnError);
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toBe(t(lang, "fn.not_connected"));
  });

  it("CLIENT names a bad number and an unknown field", async () => {
    expect(((await call("CLIENT", "0403.019.262", "name")) as FnError).message).toBe(
      t("fr", "fn.invalid"),
    );
    expect(((await call("CLIENT", "0403.019.261", "salaire")) as FnError).message).toBe(
      t("fr", "fn.unknown_field"),
    );
  });

  it("ISVALID refuses an unknown kind in the user's language", async () => {
    display.language = "nl-BE";
    const e = (await call("ISVALID", "rijbewijs", "x")) as FnError;
    expect(e.message).toMatch(/^Onbekende soort rijbewijs; gebruik enterprise/);
    expect(await call("ISVALID", "btw", "BE0403019261")).toBe(true);
  });
});
