/**
 * Compares an import with what a target already holds, the way Accounton's import screen does:
 * new clients, clients only in the target, matching clients with their differences, and rows that
 * cannot be imported. Linear in rows + clients: every lookup goes through a hash map.
 */
import { checkId } from "../identifiers/check-id.js";
import type { Client, ClientKind, ImportRow } from "../model/client.js";
import type { RowIssue } from "../validate/types.js";
import { rowIssue, type ValidateRowOptions, validateRow } from "../validate/validate-row.js";
import { differences } from "./differences.js";
import { nameKey } from "./name-key.js";
import type { ExistingClient, ReconcileResult } from "./types.js";

export type ReconcileOptions = ValidateRowOptions;

type MatchedOn = ReconcileResult["matching"][number]["matchedOn"];

// How a row matched, kept in a byte per row (no object per row: this runs on 100,000 rows).
const NONE = 0;
const matchedOnCodes: MatchedOn[] = ["enterpriseNumber", "nationalNumber", "nameAndPostcode"];
const BY_ENTERPRISE = 1;
const BY_NATIONAL = 2;
const BY_NAME = 3;

const usesEnterpriseNumber = (kind: ClientKind) => kind !== "person";

function primaryIdOf(c: Client): string | null {
  return usesEnterpriseNumber(c.kind) ? c.enterpriseNumber : c.nationalNumber;
}

/**
 * Identity of the client a row describes, for duplicate detection; `null` when it carries nothing
 * to compare on. Enterprise numbers (10 digits), national numbers (11 digits) and name keys (which
 * contain "|") cannot collide, so the bare value is the key: no string is built per row.
 */
function identityKey(c: Client): string | null {
  if (usesEnterpriseNumber(c.kind)) return c.enterpriseNumber;
  if (c.nationalNumber) return c.nationalNumber;
  const postcode = c.address?.postalCode;
  return postcode ? nameKey(c.name, postcode) : null;
}

/** The key as the user reads it in a duplicate issue. */
function describeKey(key: string): string {
  if (key.includes("|")) return `nameAndPostcode:${key}`;
  return key.length === 10 ? `enterpriseNumber:${key}` : `nationalNumber:${key}`;
}

/**
 * An invalid row can still name a client (a valid enterprise number next to a bad e-mail); it
 * joins the duplicate check so that fixing it later does not silently create a second client.
 */
function identityKeyOfInvalid(row: ImportRow, options: ReconcileOptions): string | null {
  const enterprise = row.enterpriseNumber?.trim() || row.vatNumber?.trim();
  if (enterprise) {
    const check = checkId("enterprise", enterprise);
    return check.valid ? check.normalized : null;
  }
  const national = row.nationalNumber?.trim();
  if (national) {
    const check = checkId("insz", national, options);
    return check.valid ? check.normalized : null;
  }
  return null;
}

/** No identifier contradicts: each is missing on one side or equal. */
function compatible(a: Client, b: Client): boolean {
  return (
    (a.enterpriseNumber === null ||
      b.enterpriseNumber === null ||
      a.enterpriseNumber === b.enterpriseNumber) &&
    (a.nationalNumber === null ||
      b.nationalNumber === null ||
      a.nationalNumber === b.nationalNumber)
  );
}

/**
 * Records `value` under `key` in `first`; on a second value for the key, starts (or extends) its
 * group in `groups`. Unique keys, the common case, never allocate an array.
 */
function group<K>(first: Map<K, number>, groups: Map<K, number[]>, key: K, value: number): void {
  const seen = first.get(key);
  if (seen === undefined) first.set(key, value);
  else {
    const list = groups.get(key);
    if (list) list.push(value);
    else groups.set(key, [seen, value]);
  }
}

export function reconcile(
  imported: ImportRow[],
  existing: ExistingClient[],
  options: ReconcileOptions = {},
): ReconcileResult {
  const n = imported.length;
  // 1. Validate every row, and group rows by the client they describe.
  // Per row: its client when valid, its warnings or issues. Parallel arrays rather than an object
  // per row: every object kept alive for the whole run costs a copy in each young-generation GC.
  const clients: (Client | undefined)[] = new Array(n);
  const warningsOf: (RowIssue[] | undefined)[] = new Array(n);
  const issuesOf: (RowIssue[] | undefined)[] = new Array(n);
  const rowByKey = new Map<string, number>();
  const rowGroups = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const row = imported[i] as ImportRow;
    const result = validateRow(row, options);
    let key: string | null;
    if (result.ok) {
      clients[i] = result.client;
      warningsOf[i] = result.warnings;
      key = identityKey(result.client);
    } else {
      issuesOf[i] = result.issues;
      key = identityKeyOfInvalid(row, options);
    }
    if (key !== null) group(rowByKey, rowGroups, key, i);
  }

  // 2. Rows that share a key are duplicates: all of them become invalid, none is merged.
  const duplicates: ReconcileResult["duplicates"] = [];
  const markDuplicates = (key: string, rows: number[]) => {
    const refs = rows.map((i) => (imported[i] as ImportRow).ref);
    duplicates.push({ key, refs });
    for (const i of rows) {
      const v = clients[i];
      const others = refs.filter((r) => r !== (imported[i] as ImportRow).ref).join(", ");
      // The issue sits on the field that made the rows one client.
      const field = key.slice(0, key.indexOf(":"));
      const issue = rowIssue(
        field === "enterpriseNumber" || field === "nationalNumber" ? field : "name",
        "row.duplicate",
        "error",
        { others, key },
      );
      if (v) {
        issuesOf[i] = [issue, ...(warningsOf[i] ?? [])];
        clients[i] = undefined;
      } else {
        issuesOf[i]?.unshift(issue);
      }
    }
  };
  for (const [key, rows] of rowGroups) markDuplicates(describeKey(key), rows);

  // 3. Match on identifiers through hash indexes of the target. The first target client with a
  // given number wins; a second one stays in onlyInTarget for the user to see.
  const byEnterprise = new Map<string, number>();
  const byNational = new Map<string, number>();
  // Backwards, so that the first client with a number is the one left in the index.
  for (let t = existing.length - 1; t >= 0; t--) {
    const c = (existing[t] as ExistingClient).client;
    if (c.enterpriseNumber !== null) byEnterprise.set(c.enterpriseNumber, t);
    if (c.nationalNumber !== null) byNational.set(c.nationalNumber, t);
  }
  // match[i]: position in `existing` of row i's target client or -1; matchedOn[i]: how.
  const match = new Int32Array(n).fill(-1);
  const matchedOn = new Uint8Array(n);
  // claimedBy[t]: the row that matched target client t, or -1; more rows go to claimGroups.
  const claimedBy = new Int32Array(existing.length).fill(-1);
  const claimGroups = new Map<number, number[]>();
  const claim = (t: number, row: number, how: number) => {
    match[row] = t;
    matchedOn[row] = how;
    const first = claimedBy[t] as number;
    if (first < 0) claimedBy[t] = row;
    else {
      const list = claimGroups.get(t);
      if (list) list.push(row);
      else claimGroups.set(t, [first, row]);
    }
  };
  const unmatched: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = clients[i];
    if (!c) continue;
    const id = primaryIdOf(c);
    if (id !== null) {
      const enterprise = usesEnterpriseNumber(c.kind);
      const hit = (enterprise ? byEnterprise : byNational).get(id);
      if (hit !== undefined) {
        claim(hit, i, enterprise ? BY_ENTERPRISE : BY_NATIONAL);
        continue;
      }
    }
    unmatched.push(i);
  }

  // 4. Probable matches on name + postcode. A row without its identifier may match any target
  // client whose numbers do not contradict it; a row with one only a target client lacking its
  // own. Only target clients in the postcodes those rows use get their names normalised.
  const anyClientPostcodes = new Set<string>();
  const idlessClientPostcodes = new Set<string>();
  for (const i of unmatched) {
    const c = clients[i] as Client;
    const pc = c.address?.postalCode;
    if (!pc) continue;
    (primaryIdOf(c) === null ? anyClientPostcodes : idlessClientPostcodes).add(pc);
  }
  const byName = new Map<string, number[]>();
  const indexedPostcodes = new Set<string>();
  if (anyClientPostcodes.size + idlessClientPostcodes.size > 0) {
    for (let t = 0; t < existing.length; t++) {
      if ((claimedBy[t] as number) >= 0) continue;
      const c = (existing[t] as ExistingClient).client;
      const pc = c.address?.postalCode;
      if (!pc) continue;
      if (
        (anyClientPostcodes.size > 0 && anyClientPostcodes.has(pc)) ||
        (primaryIdOf(c) === null && idlessClientPostcodes.has(pc))
      ) {
        const key = nameKey(c.name, pc);
        const list = byName.get(key);
        if (list) list.push(t);
        else byName.set(key, [t]);
        indexedPostcodes.add(pc);
      }
    }
  }
  for (const i of unmatched) {
    const client = clients[i] as Client;
    const pc = client.address?.postalCode;
    if (!pc || !indexedPostcodes.has(pc)) continue;
    const rowHasId = primaryIdOf(client) !== null;
    const candidates = byName.get(nameKey(client.name, pc))?.filter((t) => {
      const c = (existing[t] as ExistingClient).client;
      return (!rowHasId || primaryIdOf(c) === null) && compatible(client, c);
    });
    if (!candidates || candidates.length === 0) continue;
    if (candidates.length > 1) {
      const ids = candidates.map((t) => (existing[t] as ExistingClient).id);
      (warningsOf[i] as RowIssue[]).push(
        rowIssue("name", "row.ambiguous_match", "warning", { ids: ids.join(", ") }, ids),
      );
      continue;
    }
    claim(candidates[0] as number, i, BY_NAME);
  }

  // 5. Two rows claiming one target client (possible through a probable match) are duplicates too.
  for (const [t, rows] of claimGroups) {
    markDuplicates(`existing:${(existing[t] as ExistingClient).id}`, rows);
  }

  // 6. Buckets, in input order.
  const result: ReconcileResult = {
    onlyInImport: [],
    onlyInTarget: [],
    matching: [],
    invalid: [],
    duplicates,
  };
  const matched = new Uint8Array(existing.length);
  for (let i = 0; i < n; i++) {
    const v = clients[i];
    const row = imported[i] as ImportRow;
    const how = matchedOn[i] as number;
    if (!v) {
      result.invalid.push({ ref: row.ref, issues: issuesOf[i] ?? [] });
    } else if (how !== NONE) {
      const t = match[i] as number;
      const target = existing[t] as ExistingClient;
      matched[t] = 1;
      result.matching.push({
        ref: row.ref,
        id: target.id,
        client: v,
        existing: target.client,
        matchedOn: matchedOnCodes[how - 1] as MatchedOn,
        probable: how === BY_NAME,
        differences: differences(row, v, target.client),
        warnings: warningsOf[i] as RowIssue[],
      });
    } else {
      result.onlyInImport.push({ ref: row.ref, client: v, warnings: warningsOf[i] as RowIssue[] });
    }
  }
  for (let t = 0; t < existing.length; t++) {
    if (matched[t] === 0) result.onlyInTarget.push(existing[t] as ExistingClient);
  }
  return result;
}
