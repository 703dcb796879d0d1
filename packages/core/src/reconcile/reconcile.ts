/**
 * Compares an import with what a target already holds, the way Accounton's import screen does:
 * new clients, clients only in the target, matching clients with their differences, and rows that
 * cannot be imported. Linear in rows + clients: every lookup goes through a hash map.
 *
 * Identity comes first: a row carrying the target's client id or the AdminPulse id IS that client,
 * whatever its numbers say now (the user may just have corrected them). Enterprise number,
 * national number, then name + postcode only match rows without a known id.
 */
import type { Client, ImportRow } from "../model/client.js";
import type { RowIssue } from "../validate/types.js";
import { rowIssue, type ValidateRowOptions } from "../validate/validate-row.js";
import { differences } from "./differences.js";
import { reconcileWarning } from "./messages.js";
import { matchName, nameKey } from "./name-key.js";
import { rowVersion, withOrigins } from "./origins.js";
import {
  identityKey,
  keyKind,
  primaryIdOf,
  usesEnterpriseNumber,
  type ValidatedRows,
  validateRows,
} from "./rows.js";
import type {
  ExistingClient,
  FieldDifference,
  FullReconcileResult,
  ReconcileResult,
} from "./types.js";

export type ReconcileOptions = ValidateRowOptions & {
  /**
   * Target client `id` as it was at `version` (its history), to tell the user's edits from source
   * changes; `undefined` when that version is unknown. Without it, only rows pulled at the current
   * version get origins other than `unknown`.
   */
  baseOf?: (id: string, version: number) => Client | undefined;
  /**
   * Whether a target client is inside what the rows were pulled from (a task template, a
   * search). Clients outside it are not "only in the target": the sheet never claimed them.
   */
  inScope?: (client: ExistingClient) => boolean;
  /**
   * Rows the target confirmed to be a client version it keeps (a `known` row of the request, see
   * fingerprint.ts), by ref: the row IS that client, taken as it is without validating it again.
   */
  known?: ReadonlyMap<string, Client>;
  /**
   * Issues kept by validation in all rows together: once spent, each further row keeps its first
   * issue and only counts the rest (`issuesOmitted`). Unset: only `maxIssues` per row applies.
   */
  maxIssuesInAll?: number;
};

type MatchedOn = ReconcileResult["matching"][number]["matchedOn"];

// How a row matched, kept in a byte per row (no object per row: this runs on 100,000 rows).
const NONE = 0;
const matchedOnCodes: MatchedOn[] = [
  "enterpriseNumber",
  "nationalNumber",
  "nameAndPostcode",
  "clientId",
  "adminpulseId",
];
const BY_ENTERPRISE = 1;
const BY_NATIONAL = 2;
const BY_NAME = 3;
const BY_CLIENT_ID = 4;
const BY_ADMINPULSE_ID = 5;

/** The key as the user reads it in a duplicate issue. */
function describeKey(key: string): string {
  const kind = keyKind(key);
  if (kind === "name") return `nameAndPostcode:${key}`;
  return kind === "enterprise" ? `enterpriseNumber:${key}` : `nationalNumber:${key}`;
}

/**
 * The identity key of a valid client, as duplicate issues name it (`enterpriseNumber:…`,
 * `nationalNumber:…`, `nameAndPostcode:…`), or null. For checks across requests: a staged push
 * reconciles each part alone, and its commit finds the rows of different parts that share a key.
 */
export function identityKeyOf(c: Client): string | null {
  const key = identityKey(c);
  return key === null ? null : describeKey(key);
}

/**
 * The error on a row that is one client with other rows (`others`: their refs), on the field that
 * made them one (`key` as `identityKeyOf` or `existing:<id>` gives it).
 */
export function duplicateIssue(key: string, others: string): RowIssue {
  const field = key.slice(0, key.indexOf(":"));
  return rowIssue(
    field === "enterpriseNumber" || field === "nationalNumber" ? field : "name",
    "row.duplicate",
    "error",
    { others, key },
  );
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

/** Adds row `i` to the group of `key`, whose first row is `first` (the second row starts it). */
function addToGroup(groups: Map<string, number[]>, key: string, first: number, i: number): void {
  const list = groups.get(key);
  if (list) list.push(i);
  else groups.set(key, [first, i]);
}

export function reconcile(
  imported: ImportRow[],
  existing: ExistingClient[],
  options: ReconcileOptions = {},
): FullReconcileResult {
  return reconcileValidated(imported, validateRows(imported, options), existing, options);
}

/**
 * reconcile of rows `validateRows` validated with the same options. `existing` may be cut to the
 * target clients `candidatesOf` the rows names (in the target's order): the answer is the same but
 * for `onlyInTarget`, which then lists only the candidates no row matched.
 */
export function reconcileValidated(
  imported: ImportRow[],
  validated: ValidatedRows,
  existing: ExistingClient[],
  options: ReconcileOptions = {},
): FullReconcileResult {
  const n = imported.length;
  const m = existing.length;
  // 1. Index the target by identifier. The first target client with a given number wins; a second
  // one stays in onlyInTarget for the user to see. Built first so that step 2 looks each row's
  // identifier up once: that one lookup finds both its target client and the other rows with it.
  const byEnterprise = new Map<string, number>();
  const byNational = new Map<string, number>();
  // Whether any target client lacks its own identifier (only those can match a row that has one
  // on name + postcode, step 5).
  let idlessTargets = false;
  // Backwards, so that the first client with a number is the one left in the index.
  for (let t = m - 1; t >= 0; t--) {
    const c = (existing[t] as ExistingClient).client;
    if (c.enterpriseNumber !== null) byEnterprise.set(c.enterpriseNumber, t);
    if (c.nationalNumber !== null) byNational.set(c.nationalNumber, t);
    if (primaryIdOf(c) === null) idlessTargets = true;
  }
  // The target by its own id and by AdminPulse id, built only when some row carries an id.
  let byClientId: Map<string, number> | null = null;
  let byAdminpulseId: Map<string, number> | null = null;
  const identityIndexes = () => {
    if (byClientId === null || byAdminpulseId === null) {
      byClientId = new Map();
      byAdminpulseId = new Map();
      for (let t = m - 1; t >= 0; t--) {
        const e = existing[t] as ExistingClient;
        byClientId.set(e.id, t);
        const ap = e.client.sourceIds.adminpulseId;
        if (ap !== null) byAdminpulseId.set(ap, t);
      }
    }
    return { byClientId, byAdminpulseId };
  };
  /** A warning when a changed number of identity-matched row `i` is another target client's. */
  const numberOwnedElsewhere = (i: number, c: Client, t: number) => {
    const own = (existing[t] as ExistingClient).client;
    const checks = [
      ["enterpriseNumber", c.enterpriseNumber, own.enterpriseNumber, byEnterprise],
      ["nationalNumber", c.nationalNumber, own.nationalNumber, byNational],
    ] as const;
    for (const [field, value, was, index] of checks) {
      if (value === null || value === was) continue;
      const other = index.get(value);
      // Negative: an earlier row's new client (-1 - row), not a target client.
      if (other === undefined || other < 0 || other === t) continue;
      const otherId = (existing[other] as ExistingClient).id;
      (warningsOf[i] as RowIssue[]).push(
        reconcileWarning(field, "row.number_of_other_client", { value, ids: otherId }, [otherId]),
      );
    }
  };

  // 2. Group rows by the client they describe (validated in validateRows).
  const { clients, warningsOf, issuesOf, omittedOf, keys } = validated;
  // hitOf[i]: position in `existing` of the client with valid row i's identifier, or -1.
  const hitOf = new Int32Array(n).fill(-1);
  // idHow[i]: BY_CLIENT_ID or BY_ADMINPULSE_ID when row i (valid or not) named its client by id.
  const idHow = new Uint8Array(n);
  // diffsOf[i]: the field differences between row i and that client.
  const diffsOf: (FieldDifference[] | undefined)[] = new Array(n);
  // A key found in the index stands for one target client, so the first row with it is kept per
  // position. A key the target lacks (a new client) is added to the index as that row, -1 - i:
  // the one lookup per row then finds a target client, an earlier row, or neither.
  const firstByEnterprise = new Int32Array(m).fill(-1);
  const firstByNational = new Int32Array(m).fill(-1);
  const byNameKey = new Map<string, number>(); // rows without identifier, also as -1 - i
  const rowGroups = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const row = imported[i] as ImportRow;
    const valid = clients[i];
    const rowId = row.id?.trim();
    const rowAdminpulseId = row.sourceIds?.adminpulseId?.trim();
    if (rowId || rowAdminpulseId) {
      const ids = identityIndexes();
      let t = rowId ? ids.byClientId.get(rowId) : undefined;
      let how = BY_CLIENT_ID;
      if (t === undefined && rowAdminpulseId) {
        t = ids.byAdminpulseId.get(rowAdminpulseId);
        how = BY_ADMINPULSE_ID;
      }
      if (t !== undefined) {
        // Identity decides: the row's numbers are ordinary fields of its own client.
        hitOf[i] = t;
        idHow[i] = how;
        if (valid) {
          diffsOf[i] = differences(row, valid, (existing[t] as ExistingClient).client);
          numberOwnedElsewhere(i, valid, t);
        }
        continue;
      }
      const unknown = reconcileWarning("sourceIds.adminpulseId", "row.unknown_id", {
        id: (rowId || rowAdminpulseId) as string,
      });
      (valid ? (warningsOf[i] as RowIssue[]) : (issuesOf[i] as RowIssue[])).push(unknown);
    }
    const key = keys[i];
    if (key === null || key === undefined) continue;
    // The key's kind by its shape, as describeKey reads it: a 10-digit enterprise number (valid
    // companies and sole proprietors), an 11-digit national number (persons), or a name key.
    const kind = keyKind(key);
    const index = kind === "name" ? byNameKey : kind === "enterprise" ? byEnterprise : byNational;
    const firstRow = kind === "national" ? firstByNational : firstByEnterprise;
    const t = index.get(key);
    if (t === undefined) index.set(key, -1 - i);
    else if (t < 0) addToGroup(rowGroups, key, -1 - t, i);
    else {
      if (valid) {
        hitOf[i] = t;
        // A row found to be a duplicate in step 3 simply drops them.
        diffsOf[i] = differences(row, valid, (existing[t] as ExistingClient).client);
      }
      const seen = firstRow[t] as number;
      if (seen < 0) firstRow[t] = i;
      else addToGroup(rowGroups, key, seen, i);
    }
  }

  // 3. Rows that share a key are duplicates: all of them become invalid, none is merged.
  const duplicates: ReconcileResult["duplicates"] = [];
  const markDuplicates = (key: string, rows: number[]) => {
    const refs = rows.map((i) => (imported[i] as ImportRow).ref);
    duplicates.push({ key, refs });
    for (const i of rows) {
      const v = clients[i];
      const others = refs.filter((r) => r !== (imported[i] as ImportRow).ref).join(", ");
      const issue = duplicateIssue(key, others);
      if (v) {
        issuesOf[i] = [issue, ...(warningsOf[i] ?? [])];
        clients[i] = undefined;
      } else {
        issuesOf[i]?.unshift(issue);
      }
    }
  };
  for (const [key, rows] of rowGroups) markDuplicates(describeKey(key), rows);

  // 4. Match on identifiers: the lookups of step 2, for the rows still valid.
  // match[i]: position in `existing` of row i's target client or -1; matchedOn[i]: how.
  const match = new Int32Array(n).fill(-1);
  const matchedOn = new Uint8Array(n);
  // claimedBy[t]: the row that matched target client t, or -1; more rows go to claimGroups.
  const claimedBy = new Int32Array(m).fill(-1);
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
    const hit = hitOf[i] as number;
    const byId = idHow[i] as number;
    // An invalid row with an id still claims its client: it is not "only in the target".
    if (byId !== NONE) claim(hit, i, byId);
    else if (!c) continue;
    else if (hit >= 0) claim(hit, i, usesEnterpriseNumber(c.kind) ? BY_ENTERPRISE : BY_NATIONAL);
    else unmatched.push(i);
  }

  // 5. Probable matches on name + postcode. A row without its identifier may match any target
  // client whose numbers do not contradict it; a row with one only a target client lacking its
  // own. Only target clients in the postcodes those rows use get their names normalised.
  const anyClientPostcodes = new Set<string>();
  const idlessClientPostcodes = new Set<string>();
  for (const i of unmatched) {
    const c = clients[i] as Client;
    const pc = c.address?.postalCode;
    if (!pc) continue;
    if (primaryIdOf(c) === null) anyClientPostcodes.add(pc);
    else if (idlessTargets) idlessClientPostcodes.add(pc);
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
        const key = nameKey(matchName(c), pc);
        const list = byName.get(key);
        if (list) list.push(t);
        else byName.set(key, [t]);
        indexedPostcodes.add(pc);
      }
    }
  }
  for (const i of byName.size > 0 ? unmatched : []) {
    const client = clients[i] as Client;
    const pc = client.address?.postalCode;
    if (!pc || !indexedPostcodes.has(pc)) continue;
    const rowHasId = primaryIdOf(client) !== null;
    const candidates = byName.get(nameKey(matchName(client), pc))?.filter((t) => {
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

  // 6. Two rows claiming one target client (possible through a probable match) are duplicates too.
  for (const [t, rows] of claimGroups) {
    markDuplicates(`existing:${(existing[t] as ExistingClient).id}`, rows);
  }

  // 7. Buckets, in input order.
  const result: FullReconcileResult = {
    onlyInImport: [],
    onlyInTarget: [],
    matching: [],
    invalid: [],
    duplicates,
  };
  const matched = new Uint8Array(m);
  for (let i = 0; i < n; i++) {
    const v = clients[i];
    const row = imported[i] as ImportRow;
    const how = matchedOn[i] as number;
    const omitted = omittedOf.get(i);
    const more = omitted ? { issuesOmitted: omitted } : {};
    if (!v) {
      const claimed = idHow[i] !== NONE ? (match[i] as number) : -1;
      if (claimed >= 0) {
        matched[claimed] = 1;
        const id = (existing[claimed] as ExistingClient).id;
        result.invalid.push({ ref: row.ref, id, issues: issuesOf[i] ?? [], ...more });
      } else result.invalid.push({ ref: row.ref, issues: issuesOf[i] ?? [], ...more });
    } else if (how !== NONE) {
      const t = match[i] as number;
      const target = existing[t] as ExistingClient;
      matched[t] = 1;
      const version = rowVersion(row);
      const current = target.version ?? null;
      const base =
        version === null || version > (current ?? Number.MAX_SAFE_INTEGER)
          ? undefined
          : version === current
            ? target.client
            : options.baseOf?.(target.id, version);
      result.matching.push({
        ref: row.ref,
        id: target.id,
        client: v,
        existing: target.client,
        matchedOn: matchedOnCodes[how - 1] as MatchedOn,
        probable: how === BY_NAME,
        version,
        currentVersion: current,
        differences: withOrigins(
          row,
          v,
          target.client,
          base,
          diffsOf[i] ?? differences(row, v, target.client),
        ),
        warnings: warningsOf[i] as RowIssue[],
        ...more,
      });
    } else {
      result.onlyInImport.push({
        ref: row.ref,
        client: v,
        warnings: warningsOf[i] as RowIssue[],
        ...more,
      });
    }
  }
  for (let t = 0; t < m; t++) {
    if (matched[t] !== 0) continue;
    const e = existing[t] as ExistingClient;
    if (options.inScope && !options.inScope(e)) continue;
    const { id, client } = e;
    result.onlyInTarget.push({
      id,
      kind: client.kind,
      name: client.name,
      enterpriseNumber: client.enterpriseNumber,
      nationalNumber: client.nationalNumber,
      code: client.sourceIds.code,
      adminpulseId: client.sourceIds.adminpulseId,
    });
  }
  return result;
}
