import { storedColumns } from "@pulsebridge/core";
import { getTableColumns, type SQL, sql } from "drizzle-orm";
import { clients } from "../schema/index.js";

/**
 * A client resource written by SQLite itself (issue 17): the expression of `clients.resource_json`,
 * the generated column migration 0014 stores with every row (ADR 0030), so the read endpoints select
 * one ready text instead of the 36 columns of the row — no row mapping, no `JSON.stringify` and no
 * per-row JSON building at read time (but for a row too large to hold it twice, see below). The text is exactly `JSON.stringify(toClientResource(row))`
 * (clients.ts), same keys, same order: resource-json.test.ts holds the stored column to it over
 * random rows and to this expression's text, read-json.test.ts every read endpoint to it. A change
 * of the resource is a change here, in `toClientResource` and a migration that rebuilds the column.
 *
 * Hand-written SQL because no library renders a JSON object from a row: plain columns go through
 * `json_quote` (text → a JSON string, NULL → null), numbers as they are, and the JSON columns are
 * spliced in verbatim (they are only ever written by this app's own `JSON.stringify`).
 */

/** `new Date(ms).toISOString()` of an epoch-milliseconds column, in integer arithmetic. */
export const isoOf = (ms: string) =>
  `strftime('%Y-%m-%dT%H:%M:%S', ${ms} / 1000, 'unixepoch') || '.' || printf('%03d', ${ms} % 1000) || 'Z'`;

const str = (column: string) => `json_quote(${column})`;

/** `sourceProblemsOf(row)`: the stored problems, plus the on-demand 404 flag when it is set. */
const sourceProblems = `case when not_found_upstream_at is null then source_problems
  else json_insert(source_problems, '$[#]', json_object('code', 'upstream.not_found', 'field', 'id',
    'seen', '404 on refresh at ' || ${isoOf("not_found_upstream_at")} || '; kept until a full scan decides')) end`;

/** Key → SQL of its JSON text, in `toClientResource`'s key order. */
const members: [string, string][] = [
  ["id", str("id")],
  ["changeSeq", "change_seq"],
  ["updatedAt", `'"' || ${isoOf("updated_at")} || '"'`],
  [
    "sourceIds",
    `'{"adminpulseId":' || ${str("adminpulse_id")} || ',"uniqueIdentifier":' || ${str("unique_identifier")} || ',"code":' || ${str("code")} || '}'`,
  ],
  ...storedColumns.map((c): [string, string] => [c.path, str(c.column)]),
  [
    "responsibleUser",
    `case when responsible_user_name <> '' then '{"id":' || ${str("responsible_user_id")} || ',"name":' || ${str("responsible_user_name")} || '}' else 'null' end`,
  ],
  ["taskTemplates", "task_templates"],
  ["address", "coalesce(nullif(address, ''), 'null')"],
  ["links", "links"],
  ["sourceProblems", sourceProblems],
];

const resourceText = `('{' || ${members.map(([key, value], i) => `'${i ? "," : ""}${JSON.stringify(key)}:' || ${value}`).join(" || ")} || '}')`;

/** The resource's JSON text over the columns of `clients`, unqualified. */
export const clientJsonSql: SQL<string> = sql.raw(resourceText) as SQL<string>;

/**
 * Up to how many bytes of text a row gets its resource stored. D1 caps a row at 2,000,000 bytes and
 * the stored text adds up to 6 bytes for each byte of a column (`json_quote` writes a control
 * character as `\u00XX`) plus its keys: 7 × 280,000 and a few KB stay under the cap, so storing it
 * never makes a write fail that fitted before. Real clients are 1–3 KB; a larger one is built when read.
 */
export const resourceStoredUpTo = 280_000;

/** The row's text columns (its integers add a few bytes each, inside the margin). */
const textColumns = Object.values(getTableColumns(clients))
  .filter((c) => c.columnType === "SQLiteText")
  .map((c) => c.name);
const rowBytes = textColumns.map((c) => `coalesce(octet_length(${c}), 0)`).join(" + ");

/** `clients.resource_json`'s expression (migration 0014): the resource, or null on a huge row. */
export const storedResourceSql = `case when ${rowBytes} <= ${resourceStoredUpTo} then ${resourceText} end`;

/** What the reads select: the stored text, or on a row too large to store it the same text built now. */
export const resourceJsonSql: SQL<string> = sql.raw(
  `coalesce(resource_json, ${resourceText})`,
) as SQL<string>;
