// The worst bodies issue 11's limits still accept (and the worst one they now refuse), shared by
// bench/attack-memory.mjs (Bun, peak RSS) and bench/heap.mjs (the isolate's V8 heap under wrangler
// dev): 10,000 rows, maxLinksPerRequest links, padded to the 16 MiB body limit.
import {
  importLinkSchema,
  importRowSchema,
  linkRoles,
  maxLinksPerRequest,
  maxRowsPerRequest,
} from "@pulsebridge/core";
import { validEnterprise } from "../test/fixtures.ts";

const MB = 2 ** 20;
const bodyLimit = 16 * MB; // MAX_IMPORT_BODY_BYTES, as the Bun entry runs by default
const role = linkRoles[0];

/** Every cell of an import row (of its groups and of a link), read from core's schema. */
const cellsOf = (shape) =>
  Object.keys(shape).filter(
    (k) => !["ref", "id", "version", "links", "sourceIds", "address"].includes(k),
  );
const rootCells = cellsOf(importRowSchema.shape);
const groupCells = (g) => Object.keys(importRowSchema.shape[g].unwrap().shape);
const linkCells = Object.keys(importLinkSchema.shape);

/**
 * The push body with `rows(i)` as row i for every allowed row, the links shared out to the
 * per-request cap, and the first text cell of each row padded so that the body is as large as the
 * body limit allows (less 64 KiB for the envelope's slack).
 */
function fillBody(rowOf, textKey, add) {
  const n = maxRowsPerRequest;
  const perRow = Math.floor(maxLinksPerRequest / n);
  const rows = Array.from({ length: n }, (_, i) => rowOf(i, perRow));
  const envelope = (rs) => ({
    source: "bench",
    createdBy: "bench",
    rows: rs,
    choices: { overwrite: {}, add: add ? rs.map((r) => r.ref) : [] },
  });
  const bare = Buffer.byteLength(JSON.stringify(envelope(rows)));
  const pad = Math.floor((bodyLimit - 64 * 1024 - bare) / n);
  for (const r of rows) r[textKey] = `${r[textKey]} ${"x".repeat(Math.max(0, pad - 1))}`;
  const text = JSON.stringify(envelope(rows));
  return { text, rows: n, links: perRow * n };
}

/**
 * The most work an accepted push can be made to do: every row invalid, every cell of the row, its
 * address, its ids and its links filled with a value that is an issue (the most strings to parse
 * and the most issues to count), links at the per-request cap, the body at its limit.
 */
export function badBody() {
  const cells = (keys) => Object.fromEntries(keys.map((k) => [k, "zz"]));
  return fillBody(
    (i, links) => ({
      ref: `w-${i}`,
      ...cells(rootCells),
      sourceIds: cells(groupCells("sourceIds")),
      address: cells(groupCells("address")),
      links: Array.from({ length: links }, () => ({ ...cells(linkCells), role: "koning" })),
    }),
    "name",
    false,
  );
}

/**
 * The most an accepted push can make the server store: every row a valid new client, all of them
 * chosen for creation, links at the cap, the body at its limit in the clients' own text.
 */
export function validBody() {
  return fillBody(
    (i, links) => ({
      ref: `v-${i}`,
      kind: "company",
      name: `Geldig ${i} BV`,
      enterpriseNumber: validEnterprise(i),
      email: `info${i}@example.be`,
      address: { street: "Kerkstraat", number: String(i), postalCode: "9000", city: "Gent" },
      links: Array.from({ length: links }, (_, k) => ({
        role,
        relationIdentifier: `rel-${i}-${k}`,
        name: `Bestuurder ${k}`,
      })),
    }),
    "name",
    true,
  );
}

/** The worst push before the links cap: 10,000 rows × 40 bad links (15.5 MiB). Refused now. */
export function oldWorstBody() {
  const link = { role: "koning", startDate: "morgen" };
  const perLink = JSON.stringify(link).length + 1;
  const links = Math.floor((15.5 * MB) / 10_000 / perLink) - 1;
  const rows = Array.from({ length: 10_000 }, (_, i) => ({
    ref: `w-${i}`,
    kind: "company",
    name: `Versterker ${i} BV`,
    links: Array.from({ length: links }, () => link),
  }));
  const text = JSON.stringify({
    source: "bench",
    createdBy: "bench",
    rows,
    choices: { overwrite: {}, add: [] },
  });
  return { text, rows: 10_000, links: links * 10_000 };
}
