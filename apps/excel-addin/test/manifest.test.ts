/**
 * The manifest checked offline (the online validator cannot be reached here): well-formed XML that
 * Office's own parser reads, and our consistency rules — every resid defined, every command and
 * shortcut wired to an action the code registers, custom functions matching their metadata.
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { OfficeAddinManifest } from "office-addin-manifest";
import { describe, expect, it } from "vitest";
import { actions } from "../src/commands/commands.js";

const dir = resolve(import.meta.dirname, "..");
const read = (p: string) => readFileSync(resolve(dir, p), "utf8");
const xml = read("manifest.xml");
const shortcuts = JSON.parse(read("public/shortcuts.json")) as {
  actions: { id: string; type: string }[];
  shortcuts: { action: string; key: { default: string; mac?: string } }[];
};
const functionsMeta = JSON.parse(read("src/functions/functions.json")) as {
  functions: { id: string; name: string; parameters: unknown[] }[];
};

type Node = Record<string, unknown>;
const parsed = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  removeNSPrefix: true,
}).parse(xml) as Node;

/** Every element with this local name, anywhere. */
function all(node: unknown, name: string, out: Node[] = []): Node[] {
  if (Array.isArray(node)) for (const n of node) all(n, name, out);
  else if (node && typeof node === "object") {
    for (const [k, v] of Object.entries(node)) {
      if (k === name) for (const item of Array.isArray(v) ? v : [v]) out.push(item as Node);
      all(v, name, out);
    }
  }
  return out;
}
const text = (n: Node | string) => (typeof n === "string" ? n : String(n["#text"] ?? ""));

describe("manifest.xml (offline)", () => {
  it("is well-formed and read by office-addin-manifest", async () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    const info = await OfficeAddinManifest.readManifestFile(resolve(dir, "manifest.xml"));
    expect(info.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(info.hosts).toEqual(["Workbook"]);
    expect(info.permissions).toBe("ReadWriteDocument");
    expect(info.defaultSettings?.sourceLocation).toMatch(/^https:\/\/.+\/taskpane\.html$/);
  });

  it("defines every resid it uses, and every URL is https", () => {
    const ids = new Set(
      ["Image", "Url", "String"].flatMap((n) =>
        all(parsed, n)
          .map((x) => x["@id"])
          .filter(Boolean),
      ),
    );
    const used = [...xml.matchAll(/resid="([^"]+)"/g)].map((m) => m[1]);
    expect(used.length).toBeGreaterThan(20);
    for (const r of used) expect(ids, `resid ${r}`).toContain(r);
    for (const m of xml.matchAll(/(?:DefaultValue|Url)="(https?:[^"]+)"/g))
      expect(m[1]).toMatch(/^https:\/\//);
    for (const s of all(parsed, "String"))
      expect(String(s["@DefaultValue"] ?? "").length, String(s["@id"])).toBeLessThanOrEqual(250);
  });

  it("requires ExcelApi 1.8 and a shared runtime that hosts pane, commands and functions", () => {
    const sets = all(parsed, "Set").map((s) => `${s["@Name"]}@${s["@MinVersion"]}`);
    expect(sets).toEqual(expect.arrayContaining(["ExcelApi@1.8", "SharedRuntime@1.1"]));
    const runtime = all(parsed, "Runtime")[0];
    expect(runtime?.["@lifetime"]).toBe("long");
    expect(runtime?.["@resid"]).toBe("Taskpane.Url");
    expect(all(parsed, "FunctionFile")[0]?.["@resid"]).toBe("Taskpane.Url");
    const cf = all(parsed, "ExtensionPoint").find((e) => e["@type"] === "CustomFunctions");
    expect(all(cf, "Page").flatMap((p) => all(p, "SourceLocation"))[0]?.["@resid"]).toBe(
      "Taskpane.Url",
    );
  });

  it("lets the pane reach the worker's domain", () => {
    const domains = all(parsed, "AppDomain").map(text);
    expect(domains.length).toBeGreaterThan(0);
    for (const d of domains) expect(d).toMatch(/^https:\/\/[^/]+$/);
  });

  it("wires every ribbon command and shortcut to an action the code registers", () => {
    const functionNames = all(parsed, "FunctionName").map(text);
    expect(functionNames.sort()).toEqual(Object.keys(actions).sort());
    expect(shortcuts.actions.map((a) => a.id).sort()).toEqual(Object.keys(actions).sort());
    expect(all(parsed, "ExtendedOverrides")[0]?.["@Url"]).toMatch(/\/shortcuts\.json$/);
    const seen = new Set<string>();
    for (const s of shortcuts.shortcuts) {
      expect(Object.keys(actions)).toContain(s.action);
      for (const combo of [s.key.default, s.key.mac].filter((k): k is string => !!k)) {
        const parts = combo.split("+");
        const key = parts.at(-1) ?? "";
        const modifiers = parts.slice(0, -1);
        // Office's rule: one key (A–Z, 0–9, - _ +) after at least one modifier, Shift not alone.
        expect(key, combo).toMatch(/^[A-Z0-9\-_]$/);
        expect(modifiers.length, combo).toBeGreaterThan(0);
        expect(
          modifiers.every((m) => ["Ctrl", "Alt", "Shift", "Command", "Option"].includes(m)),
          combo,
        ).toBe(true);
        expect(
          modifiers.some((m) => m !== "Shift"),
          combo,
        ).toBe(true);
        expect(seen.has(combo), `duplicate ${combo}`).toBe(false);
        seen.add(combo);
      }
    }
    // Every ribbon button has a label and a tooltip.
    for (const c of all(parsed, "Control")) {
      expect(all(c, "Label")[0]?.["@resid"]).toBeTruthy();
      expect(all(c, "Description")[0]?.["@resid"]).toBeTruthy();
    }
  });

  it("gives every ribbon command an icon of its own, in 16, 32 and 80 px, that exists", () => {
    const controls = all(parsed, "Control");
    expect(controls.length).toBeGreaterThanOrEqual(8);
    const images = new Map(
      all(parsed, "Image").flatMap((x) => (x["@id"] ? [[x["@id"], x["@DefaultValue"]]] : [])),
    );
    const seen = new Set<string>();
    for (const c of controls) {
      const sizes = all(c, "Image").map((i) => [i["@size"], i["@resid"]] as [string, string]);
      expect(sizes.map(([size]) => size).sort()).toEqual(["16", "32", "80"]);
      const set = sizes.map(([, id]) => id).join();
      expect(seen.has(set), `${c["@id"]} shares its icon`).toBe(false);
      seen.add(set);
      for (const [, id] of sizes) {
        const url = String(images.get(id));
        expect(existsSync(resolve(dir, "public", new URL(url).pathname.slice(1))), url).toBe(true);
      }
    }
  });

  it("declares custom functions that functions.ts associates, in the PULSEBRIDGE namespace", () => {
    const ns = all(parsed, "String").find((s) => s["@id"] === "Functions.Namespace");
    expect(ns?.["@DefaultValue"]).toBe("PULSEBRIDGE");
    const source = read("src/functions/functions.ts");
    const associated = [...source.matchAll(/associate\("([A-Z]+)"/g)].map((m) => m[1]).sort();
    expect(functionsMeta.functions.map((f) => f.id).sort()).toEqual(associated);
    expect(associated).toEqual(["CHECK", "CLIENT", "ENTERPRISE", "ISVALID", "TOWN"]);
    expect(read("public/functions.json")).toBe(read("src/functions/functions.json"));
  });
});
