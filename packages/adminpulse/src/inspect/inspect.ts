/**
 * `pnpm adminpulse:inspect`: reads one page of each endpoint the sync uses and reports, in
 * Markdown, what AdminPulse really sends — field names, JSON types, null rates, code values, nesting
 * (personal values masked) — and where it disagrees with the mapping table, with the override to
 * paste into ADMINPULSE_MAPPING. Raw fetch, not the typed client: the point is to see the JSON as
 * it is, before any schema reads it. The token is never printed.
 */
import { isObject } from "../mapping/read-fields.js";
import { defaultMappingTable, type MappingTable } from "../mapping/table.js";
import { compareWithTable } from "./compare.js";
import { type FieldProfile, profileObjects } from "./profile.js";

export type InspectOptions = {
  baseUrl: string;
  token: string;
  pageSize?: number;
  table?: MappingTable;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** Fixed in tests so the report is stable. */
  now?: () => Date;
};

type Answer = { status: number; json: unknown; error: string | null; path: string };

export async function inspectAdminPulse(o: InspectOptions): Promise<string> {
  const f = o.fetch ?? fetch;
  const size = o.pageSize ?? 50;
  const table = o.table ?? defaultMappingTable;
  const get = async (path: string): Promise<Answer> => {
    try {
      const res = await f(new URL(path, o.baseUrl), {
        headers: { authorization: `Bearer ${o.token}`, accept: "application/json" },
        signal: AbortSignal.timeout(o.timeoutMs ?? 15_000),
      });
      const text = await res.text();
      let json: unknown = null;
      try {
        json = JSON.parse(text);
      } catch {
        return { status: res.status, json: null, error: "not JSON", path };
      }
      const message = isObject(json) && typeof json.message === "string" ? json.message : null;
      return {
        status: res.status,
        json,
        error: res.ok ? null : (message ?? `HTTP ${res.status}`),
        path,
      };
    } catch (e) {
      return { status: 0, json: null, error: (e as Error).name, path };
    }
  };

  const relations = await get(`/relations?page=0&pageSize=${size}`);
  const rels = resultsOf(relations.json);
  const first = rels.find(isObject);
  const apr = typeof first?.uniqueIdentifier === "string" ? first.uniqueIdentifier : null;
  const uuid = typeof first?.id === "string" ? first.id : null;
  const byApr = apr ? await get(`/relations/${encodeURIComponent(apr)}`) : null;
  const byUuid = uuid ? await get(`/relations/${encodeURIComponent(uuid)}`) : null;
  const inactive = await get(`/relations?page=0&pageSize=1&includeInactive=true`);
  const users = await get(`/users?page=0&pageSize=${size}`);
  const tasks = await get(`/tasks?page=0&pageSize=${size}`);
  const last = await lastPage(get, relations.json, size);

  const out: string[] = [];
  const at = (o.now ?? (() => new Date()))().toISOString().slice(0, 16).replace("T", " ");
  out.push("# AdminPulse inspect report", "");
  out.push(
    `${new URL(o.baseUrl).host}, ${at} UTC. One page of each endpoint the sync uses; personal values masked (shown as their format: A letter, 9 digit).`,
    "",
  );
  out.push("## Endpoints", "", "| call | status | what came back |", "| --- | --- | --- |");
  const row = (a: Answer | null, label: string, what: string) =>
    a &&
    out.push(
      `| \`${label}\` | ${a.status || "no answer"}${a.error ? ` (${a.error.slice(0, 80)})` : ""} | ${what} |`,
    );
  row(relations, `GET /relations?page=0&pageSize=${size}`, envelopeOf(relations.json));
  row(last, "GET /relations (last page)", envelopeOf(last?.json));
  row(
    byApr,
    "GET /relations/{uniqueIdentifier}",
    byApr?.status === 200 ? "the relation (refreshes use this key)" : "not found by its APR code",
  );
  row(
    byUuid,
    "GET /relations/{id}",
    byUuid?.status === 200
      ? "the relation (the UUID works as a fallback)"
      : "not found by its UUID: refreshes must use the APR code",
  );
  row(inactive, "GET /relations?includeInactive=true", hiddenNote(relations.json, inactive.json));
  row(users, "GET /users", envelopeOf(users.json));
  row(tasks, "GET /tasks", envelopeOf(tasks.json));
  out.push("");
  if ([relations, users, tasks].some((a) => a.status === 401))
    out.push(
      `**The token was refused** (401${relations.error ? `: ${relations.error.slice(0, 80)}` : ""}). An expired key reads "expired": create a new one ("Read relations" right) and store it with its expiry date.`,
      "",
    );

  section(out, "Relation fields", profileObjects(rels));
  if (byApr?.status === 200 && isObject(byApr.json)) {
    const listed = new Set(Object.keys(first ?? {}));
    const extra = Object.keys(byApr.json).filter((k) => !listed.has(k));
    if (extra.length)
      out.push(`The single read adds: ${extra.map((k) => `\`${k}\``).join(", ")}.`, "");
  }
  section(out, "User fields", profileObjects(resultsOf(users.json)));
  section(out, "Task fields", profileObjects(resultsOf(tasks.json)));

  const cmp = compareWithTable(rels, table);
  out.push("## Against the mapping table", "");
  if (cmp.disagreements.length === 0)
    out.push("No disagreement: the table reads this page as it is.", "");
  else {
    out.push("| where | what |", "| --- | --- |");
    for (const d of cmp.disagreements) out.push(`| ${d.what} | ${d.detail} |`);
    out.push("");
  }
  if (Object.keys(cmp.override).length > 0) {
    const json = JSON.stringify(cmp.override);
    out.push(
      "Override to paste (worker setting `ADMINPULSE_MAPPING`; review the guesses first):",
      "",
    );
    out.push("```sh", `ADMINPULSE_MAPPING='${json.replace(/'/g, "'\\''")}'`, "```", "");
  }
  return out.join("\n");
}

function resultsOf(json: unknown): unknown[] {
  if (Array.isArray(json)) return json;
  return isObject(json) && Array.isArray(json.results) ? json.results : [];
}

function envelopeOf(json: unknown): string {
  if (Array.isArray(json)) return `a bare array of ${json.length}`;
  if (!isObject(json)) return "—";
  const keys = ["currentPage", "pageCount", "pageSize", "totalRowCount"];
  const parts = keys.map((k) => (k in json ? `${k} ${JSON.stringify(json[k])}` : `**no ${k}**`));
  const n = Array.isArray(json.results) ? json.results.length : "no";
  return `${n} results; ${parts.join(", ")}`;
}

function hiddenNote(plain: unknown, all: unknown): string {
  const t = (j: unknown) =>
    isObject(j) && typeof j.totalRowCount === "number" ? j.totalRowCount : null;
  const a = t(plain);
  const b = t(all);
  if (a === null || b === null) return "no totalRowCount to compare";
  return b > a
    ? `**${b - a} more relations** than the default list: inactive ones are hidden by default`
    : "the same count: nothing hidden by default (or the parameter is unknown)";
}

async function lastPage(get: (p: string) => Promise<Answer>, json: unknown, size: number) {
  const count = isObject(json) && typeof json.pageCount === "number" ? json.pageCount : 0;
  return count > 1 ? get(`/relations?page=${count - 1}&pageSize=${size}`) : null;
}

function section(out: string[], title: string, fields: FieldProfile[]) {
  out.push(`## ${title}`, "");
  if (fields.length === 0) {
    out.push("Nothing to show (no objects on the page).", "");
    return;
  }
  out.push("| field | JSON types | null | values or format |", "| --- | --- | --- | --- |");
  for (const p of fields) {
    const types = Object.entries(p.types)
      .map(([t, n]) => `${t} ${n}`)
      .join(", ");
    const nullRate = p.present ? `${Math.round((100 * p.nulls) / p.present)} %` : "—";
    const shown = p.personal
      ? `masked${p.shapes.length ? `: ${p.shapes.map((s) => `\`${s}\``).join(" ")}` : ""}`
      : p.values
        ? p.values.map((v) => `\`${v}\``).join(" ")
        : Object.keys(p.types).some((t) => t === "object" || t === "array")
          ? "(nested)"
          : "many";
    out.push(`| \`${p.path}\` | ${types} | ${nullRate} | ${shown} |`);
  }
  out.push("");
}
