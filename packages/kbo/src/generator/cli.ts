/**
 * pnpm --filter @pulsebridge/kbo generate --out <dir> --enterprises N [--zip] [--seed S]
 *   [--extract 140] [--snapshot 2025-10-04]
 *   [--update --changed 1000 --removed 100 --added 100]   (an Update on top of that dump)
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { writeFullDump, writeUpdate } from "./write-dump.js";

const { values } = parseArgs({
  options: {
    out: { type: "string" },
    enterprises: { type: "string" },
    zip: { type: "boolean", default: false },
    seed: { type: "string", default: "1" },
    extract: { type: "string" },
    snapshot: { type: "string" },
    update: { type: "boolean", default: false },
    changed: { type: "string", default: "100" },
    removed: { type: "string", default: "10" },
    added: { type: "string", default: "10" },
  },
});

const int = z.coerce.number().int().nonnegative();
const args = z
  .object({
    out: z.string().min(1, "--out <dir> is required"),
    enterprises: int.max(4_000_000),
    zip: z.boolean(),
    seed: int,
    extract: int.optional(),
    snapshot: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
    update: z.boolean(),
    changed: int,
    removed: int,
    added: int,
  })
  .safeParse(values);
if (!args.success) {
  process.stderr.write(
    `generate: ${args.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("; ")}\n`,
  );
  process.exit(2);
}
const a = args.data;
const started = performance.now();
const common = {
  seed: a.seed,
  enterprises: a.enterprises,
  zip: a.zip,
  extractNumber: a.extract ?? (a.update ? 141 : 140),
  snapshotDate: a.snapshot ?? (a.update ? "2025-10-05" : "2025-10-04"),
};
const written = a.update
  ? await writeUpdate(a.out, { ...common, changed: a.changed, removed: a.removed, added: a.added })
  : await writeFullDump(a.out, common);
process.stdout.write(`${written} (${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
