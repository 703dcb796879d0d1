/**
 * The task pane's bundle size and what makes it: `pnpm --filter @pulsebridge/excel-addin
 * bench:bundle`. A production build (as bench:pane makes it), then the total of bench/bundle.ts
 * and the packages it is made of.
 */
import { resolve } from "node:path";
import { build } from "vite";
import { breakdownPlugin, breakdownTable, bundleSize, paneFiles } from "./bundle.js";
import { outDir } from "./preview-build.js";

const appDir = resolve(import.meta.dirname, "..");
process.env.PULSEBRIDGE_ADDIN_URL ??= "https://addin.example.invalid";
process.env.PULSEBRIDGE_API_URL ??= "https://api.example.invalid";
const parts = new Map<string, string[]>();
await build({
  root: appDir,
  configFile: resolve(appDir, "vite.config.ts"),
  logLevel: "error",
  build: { outDir, manifest: true },
  plugins: [breakdownPlugin(parts)],
});
console.log(
  "task pane bundle (everything taskpane.html can load, lazy chunks too; office.js excluded):",
);
console.table([bundleSize(outDir)]);
console.log(paneFiles(outDir).join("\n"));
console.log("by package (rendered code before minification, gzipped per package):");
console.table(breakdownTable(parts, Number(process.argv[2] ?? 30)));
