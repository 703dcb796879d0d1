/** The manifest's URLs from one build-time setting; no localhost in a production build. */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { manifestFor, urlsFromEnv } from "../build/manifest.js";

const xml = readFileSync(resolve(import.meta.dirname, "../manifest.xml"), "utf8");

describe("manifest URLs", () => {
  it("moves every add-in URL under the setting and the AppDomain to the worker", () => {
    const out = manifestFor(xml, {
      addinUrl: "https://addin.kantoor.be/pulsebridge/",
      apiUrl: "https://api.kantoor.be/v1",
    });
    expect(out).not.toMatch(/localhost/);
    const urls = [...out.matchAll(/(?:DefaultValue|Url)="(https?:[^"]+)"/g)].map((m) => m[1] ?? "");
    expect(urls.length).toBeGreaterThan(20);
    for (const u of urls) expect(u).toMatch(/^https:\/\/addin\.kantoor\.be\/pulsebridge\//);
    expect(out).toContain("<AppDomain>https://api.kantoor.be</AppDomain>");
  });

  it("refuses a production build without the setting, with localhost, or over http", () => {
    expect(() => urlsFromEnv({}, true)).toThrow(/PULSEBRIDGE_ADDIN_URL/);
    expect(() =>
      urlsFromEnv(
        {
          PULSEBRIDGE_ADDIN_URL: "https://localhost:3000",
          PULSEBRIDGE_API_URL: "https://api.kantoor.be",
        },
        true,
      ),
    ).toThrow(/localhost/);
    expect(() =>
      manifestFor(xml, { addinUrl: "http://addin.kantoor.be", apiUrl: "https://api.kantoor.be" }),
    ).toThrow(/https/);
    // Development builds keep the sideloading URLs.
    expect(urlsFromEnv({}, false).addinUrl).toBe("https://localhost:3000");
  });
});
