#!/usr/bin/env node
// wrangler's build step (wrangler.jsonc `build`): puts Scalar's standalone script (~4.9 MB) in the
// static assets folder, so /docs is served by Workers Static Assets and never from a CDN, and the
// script stays out of the Worker's bundle. On Bun the server reads the same file from node_modules.
import { copyFileSync, mkdirSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";

const from = fileURLToPath(
  new URL("browser/standalone.js", import.meta.resolve("@scalar/api-reference")),
);
const to = fileURLToPath(new URL("../public/docs/scalar.js", import.meta.url));
mkdirSync(fileURLToPath(new URL("../public/docs/", import.meta.url)), { recursive: true });
const same = (() => {
  try {
    const a = statSync(from);
    const b = statSync(to);
    return a.size === b.size && b.mtimeMs >= a.mtimeMs;
  } catch {
    return false;
  }
})();
if (!same) copyFileSync(from, to);
