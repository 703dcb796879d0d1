/** The task pane's bundle in a build: every script and style `taskpane.html` loads (office.js is Microsoft's CDN's, not ours). */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { gzipSync } from "node:zlib";

export function bundleSize(outDir: string) {
  const html = readFileSync(resolve(outDir, "taskpane.html"), "utf8");
  const files = [...html.matchAll(/(?:src|href)="(\/[^"]+\.(?:js|css))"/g)].map(
    (m) => m[1] as string,
  );
  let raw = 0;
  let gz = 0;
  for (const f of files) {
    const buf = readFileSync(resolve(outDir, `.${f}`));
    raw += buf.length;
    gz += gzipSync(buf, { level: 9 }).length;
  }
  return {
    files: files.length,
    "raw KB": +(raw / 1024).toFixed(1),
    "gzip KB": +(gz / 1024).toFixed(1),
  };
}
