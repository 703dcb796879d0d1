import { storedColumns } from "@pulsebridge/core";
import { type SQL, sql } from "drizzle-orm";

/**
 * A client resource written by SQLite itself (issue 17): the read endpoints select this one text
 * column instead of the 36 columns of the row, so neither Drizzle's row mapping nor a
 * `JSON.stringify` per row runs in JavaScript — on Bun that was most of a list page's cost beyond
 * the floor's. The text is exactly `JSON.stringify(toClientResource(row))` (clients.ts), same keys,
 * same order; src/routes/v1/clients/read-json.test.ts holds every read endpoint to it.
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

/** The resource's JSON text, for `select` (columns of `clients`, unqualified). */
export const clientJsonSql: SQL<string> = sql.raw(
  `('{' || ${members.map(([key, value], i) => `'${i ? "," : ""}${JSON.stringify(key)}:' || ${value}`).join(" || ")} || '}')`,
) as SQL<string>;
