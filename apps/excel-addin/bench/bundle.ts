/**
 * The task pane's bundle: every script and style the pane can load, office.js excepted (Microsoft's
 * CDN serves it). Counted from Vite's build manifest: `taskpane.html`'s entry and everything it
 * imports, statically or lazily (a lazy chunk is still shipped to the pane), with their CSS.
 * Each file is gzipped alone at level 9, as a static host sends it.
 *
 * `pnpm --filter @pulsebridge/excel-addin bench:bundle` builds and prints the total and which
 * packages make it (each package's rendered code before minification, gzipped together: a guide
 * to where bytes are, not the shipped figure).
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { gzipSync } from "node:zlib";
import type { Plugin } from "vite";

interface ManifestChunk {
  file: string;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

/** Files `taskpane.html` can load, from the manifest a build with `build.manifest: true` writes. */
export function paneFiles(outDir: string): string[] {
  const path = resolve(outDir, ".vite/manifest.json");
  if (!existsSync(path)) throw new Error(`${path} is missing: build with build.manifest = true`);
  const manifest = JSON.parse(readFileSync(path, "utf8")) as Record<string, ManifestChunk>;
  const files = new Set<string>();
  const seen = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || seen.has(key)) return;
    seen.add(key);
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const k of [...(chunk.imports ?? []), ...(chunk.dynamicImports ?? [])]) visit(k);
  };
  visit("taskpane.html");
  return [...files].filter((f) => /\.(js|css)$/.test(f)).sort();
}

export function bundleSize(outDir: string) {
  const files = paneFiles(outDir);
  let raw = 0;
  let gz = 0;
  for (const f of files) {
    const buf = readFileSync(resolve(outDir, f));
    raw += buf.length;
    gz += gzipSync(buf, { level: 9 }).length;
  }
  return {
    files: files.length,
    "raw KB": +(raw / 1024).toFixed(1),
    "gzip KB": +(gz / 1024).toFixed(1),
  };
}

/** A package's name from a module id ("react-dom", "core/identifiers/data", "addin/taskpane"). */
function ownerOf(id: string): string {
  const pkg = id.match(/node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/);
  if (pkg?.[1]) return pkg[1];
  const ws = id.match(/packages\/([^/]+)\/src\/([^/]+)(\/[^/]+\/)?/);
  if (ws) return `${ws[1]}/${ws[2]}${ws[3]?.includes("data") ? "/data" : ""}`;
  const own = id.match(/apps\/excel-addin\/src\/([^/]+)/);
  return own ? `addin/${own[1]}` : "other";
}

/** A plugin that collects, per package, the rendered code of the modules in the pane's chunks. */
export function breakdownPlugin(into: Map<string, string[]>): Plugin {
  return {
    name: "pulsebridge-bundle-breakdown",
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== "chunk" || chunk.name === "harness") continue;
        for (const [id, m] of Object.entries(chunk.modules)) {
          if (!m.code) continue;
          const owner = ownerOf(id);
          into.set(owner, [...(into.get(owner) ?? []), m.code]);
        }
      }
    },
  };
}

export function breakdownTable(parts: Map<string, string[]>, top = 30) {
  return [...parts]
    .map(([owner, code]) => ({
      owner,
      "gzip KB (unminified)": +(gzipSync(code.join("\n"), { level: 9 }).length / 1024).toFixed(1),
    }))
    .sort((a, b) => b["gzip KB (unminified)"] - a["gzip KB (unminified)"])
    .slice(0, top);
}
