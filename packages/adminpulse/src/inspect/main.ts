/**
 * `pnpm adminpulse:inspect --base-url https://api.adminpulse.be --token <key> [--out report.md]`
 * The token may also come from ADMINPULSE_TOKEN (so it stays out of the shell history); it is
 * never printed. Writes the Markdown report to --out, else to stdout.
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { resolveMappingTable } from "../mapping/table.js";
import { inspectAdminPulse } from "./inspect.js";

const { values } = parseArgs({
  options: {
    "base-url": { type: "string", default: "https://api.adminpulse.be" },
    token: { type: "string" },
    out: { type: "string" },
    "page-size": { type: "string", default: "50" },
  },
});
const token = values.token ?? process.env.ADMINPULSE_TOKEN;
if (!token) {
  console.error("--token (or ADMINPULSE_TOKEN) is required");
  process.exit(2);
}
const pageSize = Number(values["page-size"]);
if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 400) {
  console.error("--page-size must be 1–400");
  process.exit(2);
}
// The deployment's own override, when set, is what the report compares against.
const mapping = resolveMappingTable(process.env.ADMINPULSE_MAPPING);
if (!mapping.ok) {
  console.error(`ADMINPULSE_MAPPING is invalid: ${mapping.issues.join("; ")}`);
  process.exit(2);
}
const report = await inspectAdminPulse({
  baseUrl: values["base-url"],
  token,
  pageSize,
  table: mapping.table,
});
if (values.out) {
  writeFileSync(values.out, report);
  console.error(`report written to ${values.out}`);
} else process.stdout.write(report);
