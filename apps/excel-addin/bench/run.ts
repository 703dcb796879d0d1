/**
 * Benchmark: pull + validate of 10,000 rows through the in-memory workbook and through the Excel
 * adapter on office-addin-mock (wall time and context.sync() calls), and the task pane's bundle
 * size (gzip). Run: `pnpm --filter @pulsebridge/excel-addin bench`.
 */
import { cpus } from "node:os";
import { resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { build } from "vite";
import { createApi } from "../src/api/client.js";
import { guessExact } from "../src/features/map-columns/guess.js";
import { defaultTable, pull } from "../src/features/pull/pull.js";
import { loadSheet } from "../src/features/sheet/model.js";
import { markFor, statusHeader, validateSheet } from "../src/features/validate/validate.js";
import { createExcelWorkbook } from "../src/workbook/excel.js";
import { createMemoryWorkbook } from "../src/workbook/memory.js";
import type { Workbook } from "../src/workbook/types.js";
import { createExcelFake } from "../test/support/excel-fake.js";
import { makeClients, startFakeServer } from "../test/support/fake-server.js";
import { bundleSize as sizeOf } from "./bundle.js";

const rows = 10_000;
const appDir = resolve(import.meta.dirname, "..");

async function run(
  label: string,
  workbook: Workbook,
  syncs: () => number,
  api: ReturnType<typeof createApi>,
) {
  const t0 = performance.now();
  const s0 = syncs();
  const r = await pull({ api, workbook, query: { mode: "all" }, lang: "nl" });
  const t1 = performance.now();
  const s1 = syncs();
  const table = await workbook.readTable(defaultTable);
  if (!table) throw new Error("no table");
  const sheet = loadSheet(defaultTable, table, guessExact(table.headers));
  const t2 = performance.now();
  const s2 = syncs();
  const v = await validateSheet(sheet);
  const t3 = performance.now();
  await workbook.markRows(
    defaultTable,
    v.results.map((x) => markFor(x, sheet, "nl")),
    {
      statusHeader: statusHeader(sheet, "nl"),
      replaceAll: true,
    },
  );
  const t4 = performance.now();
  const s4 = syncs();
  return {
    workbook: label,
    rows: r.pulled,
    "pull (fetch+write) ms": Math.round(t1 - t0),
    "pull syncs": s1 - s0,
    "read ms": Math.round(t2 - t1),
    "read syncs": s2 - s1,
    "validate ms": Math.round(t3 - t2),
    "mark ms": Math.round(t4 - t3),
    "mark syncs": s4 - s2,
    "total ms": Math.round(t4 - t0),
  };
}

async function bundleSize() {
  const outDir = resolve(appDir, "dist");
  // A production build needs the manifest's URLs (build/manifest.ts); any https origin will do here.
  process.env.PULSEBRIDGE_ADDIN_URL ??= "https://addin.example.invalid";
  process.env.PULSEBRIDGE_API_URL ??= "https://api.example.invalid";
  await build({
    root: appDir,
    configFile: resolve(appDir, "vite.config.ts"),
    logLevel: "error",
    build: { outDir },
  });
  return sizeOf(outDir);
}

const server = await startFakeServer({ clients: makeClients(rows) });
try {
  const api = createApi({ baseUrl: server.url, apiKey: "pb_test_staff_key" });
  const memory = await run("memory", createMemoryWorkbook(), () => 0, api);
  const fake = createExcelFake();
  const excel = createExcelWorkbook((fn) => fn(fake.context));
  const mocked = await run("excel (office-addin-mock)", excel, () => fake.syncs.length, api);
  const maxRequest = Math.max(...fake.syncs.map((s) => s.requestBytes));
  const maxResponse = Math.max(...fake.syncs.map((s) => s.responseBytes));
  console.log(
    `excel-addin bench — node ${process.version}, ${cpus()[0]?.model ?? "cpu"} × ${cpus().length}`,
  );
  console.table([memory, mocked]);
  console.log(
    `largest sync payload: request ${(maxRequest / 1e6).toFixed(2)} MB, response ${(maxResponse / 1e6).toFixed(2)} MB (budget 2.5 MB)`,
  );
  console.log("task pane bundle (taskpane.html's scripts + styles):");
  console.table([await bundleSize()]);
} finally {
  await server.close();
}
