import { describe, expect, it } from "vitest";
import { paneCommands } from "./commands.js";
import { fuzzyFilter } from "./fuzzy.js";

const titles = (query: string, lang: "nl" | "fr" | "en" = "en") =>
  fuzzyFilter(query, paneCommands(lang), (c) => c.title).map((c) => c.title);

describe("fuzzyFilter", () => {
  it("matches abbreviations as subsequences, word starts first", () => {
    expect(titles("shrev")[0]).toBe("Show Review");
    expect(titles("nxp")[0]).toBe("Next problem");
    expect(titles("pp")[0]).toBe("Previous problem");
  });

  it("puts the title typed in full above longer titles that contain it", () => {
    expect(titles("Review")[0]).toBe("Review");
    expect(titles("review")).toContain("Show Review");
    expect(titles("Push")[0]).toBe("Push");
  });

  it("ignores case and accents, and needs every word typed", () => {
    expect(titles("verifier", "fr")[0]).toBe("Vérifier");
    expect(titles("VÉRIF", "fr")[0]).toBe("Vérifier");
    expect(titles("show rev")).toEqual(["Show Review"]);
    expect(titles("show zzz")).toEqual([]);
  });

  it("finds nothing for letters out of order or absent, everything for a blank query", () => {
    expect(titles("qqqqqq")).toEqual([]);
    expect(titles("weiver")).toEqual([]);
    expect(titles("   ")).toHaveLength(paneCommands("en").length);
  });
});
