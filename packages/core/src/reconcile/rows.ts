/**
 * The first half of reconcile: every row validated and given the key of the client it describes,
 * before any target client is looked at. Apart so that a caller whose target is large (the worker's
 * cache of an office, ~27 MB for 10,000 clients in a 128 MB isolate) can read only the target
 * clients these rows can match (`candidatesOf`) and finish with `reconcileValidated` (issue 11/17).
 */
import { checkId } from "../identifiers/check-id.js";
import type { Client, ClientKind, ImportRow } from "../model/client.js";
import type { RowIssue } from "../validate/types.js";
import { type ValidateRowResult, validateRow } from "../validate/validate-row.js";
import { matchName, nameKey } from "./name-key.js";
import type { ReconcileOptions } from "./reconcile.js";

export const usesEnterpriseNumber = (kind: ClientKind) => kind !== "person";

export function primaryIdOf(c: Client): string | null {
  return usesEnterpriseNumber(c.kind) ? c.enterpriseNumber : c.nationalNumber;
}

/**
 * Identity of the client a row describes, for duplicate detection; `null` when it carries nothing
 * to compare on. Enterprise numbers (10 digits), national numbers (11 digits) and name keys (which
 * contain "|") cannot collide, so the bare value is the key: no string is built per row.
 */
export function identityKey(c: Client): string | null {
  if (usesEnterpriseNumber(c.kind)) return c.enterpriseNumber;
  if (c.nationalNumber) return c.nationalNumber;
  const postcode = c.address?.postalCode;
  return postcode ? nameKey(matchName(c), postcode) : null;
}

/** Whether a key (as identityKey gives it) is a name key, an enterprise or a national number. */
export const keyKind = (key: string) =>
  key.includes("|") ? "name" : key.length === 10 ? "enterprise" : "national";

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

/**
 * Per row: its client when valid, its warnings or issues, the key of the client it describes.
 * Parallel arrays rather than an object per row: every object kept alive for the whole run costs a
 * copy in each young-generation GC.
 */
export interface ValidatedRows {
  clients: (Client | undefined)[];
  warningsOf: (RowIssue[] | undefined)[];
  issuesOf: (RowIssue[] | undefined)[];
  /** omittedOf.get(i): issues of row i past options.maxIssues, counted by validateRow (few rows). */
  omittedOf: Map<number, number>;
  keys: (string | null)[];
}

/** Validates every row under the options' issue caps (`maxIssues`, `maxIssuesInAll`). */
export function validateRows(imported: ImportRow[], options: ReconcileOptions): ValidatedRows {
  const n = imported.length;
  const v: ValidatedRows = {
    clients: new Array(n),
    warningsOf: new Array(n),
    issuesOf: new Array(n),
    omittedOf: new Map(),
    keys: new Array(n),
  };
  const budget = issueBudget(options);
  for (let i = 0; i < n; i++) {
    const row = imported[i] as ImportRow;
    const knownClient = options.known?.get(row.ref);
    const result: ValidateRowResult = knownClient
      ? { ok: true, client: knownClient, warnings: [] }
      : validateRow(row, budget.options());
    budget.spend(result.ok ? result.warnings.length : result.issues.length);
    if (result.issuesOmitted) v.omittedOf.set(i, result.issuesOmitted);
    if (result.ok) {
      v.clients[i] = result.client;
      v.warningsOf[i] = result.warnings;
      v.keys[i] = identityKey(result.client);
    } else {
      v.issuesOf[i] = result.issues;
      v.keys[i] = identityKeyOfInvalid(row, options);
    }
  }
  return v;
}

/**
 * Every target client validated rows can match or be told about, as what selects them: by the
 * target's id or AdminPulse id, by enterprise or national number (the rows' keys, and the numbers of
 * rows matched by id, for `row.number_of_other_client`), or by postcode for a match on name: any
 * client there for a row without its own identifier, else only clients lacking theirs. A target
 * cut to these clients (all of them with each value, in the target's order) reconciles the rows as
 * the whole target does, but for `onlyInTarget`.
 */
export interface Candidates {
  ids: string[];
  adminpulseIds: string[];
  enterpriseNumbers: string[];
  nationalNumbers: string[];
  anyPostcodes: string[];
  idlessPostcodes: string[];
}

export function candidatesOf(imported: ImportRow[], v: ValidatedRows): Candidates {
  const sets = {
    ids: new Set<string>(),
    adminpulseIds: new Set<string>(),
    enterpriseNumbers: new Set<string>(),
    nationalNumbers: new Set<string>(),
    anyPostcodes: new Set<string>(),
    idlessPostcodes: new Set<string>(),
  };
  const add = (set: Set<string>, value: string | null | undefined) => {
    if (value) set.add(value);
  };
  imported.forEach((row, i) => {
    add(sets.ids, row.id?.trim());
    add(sets.adminpulseIds, row.sourceIds?.adminpulseId?.trim());
    const key = v.keys[i];
    if (key) {
      const kind = keyKind(key);
      if (kind !== "name")
        add(kind === "enterprise" ? sets.enterpriseNumbers : sets.nationalNumbers, key);
    }
    const c = v.clients[i];
    if (!c) return;
    add(sets.enterpriseNumbers, c.enterpriseNumber);
    add(sets.nationalNumbers, c.nationalNumber);
    const pc = c.address?.postalCode;
    add(primaryIdOf(c) === null ? sets.anyPostcodes : sets.idlessPostcodes, pc);
  });
  return {
    ids: [...sets.ids],
    adminpulseIds: [...sets.adminpulseIds],
    enterpriseNumbers: [...sets.enterpriseNumbers],
    nationalNumbers: [...sets.nationalNumbers],
    anyPostcodes: [...sets.anyPostcodes],
    idlessPostcodes: [...sets.idlessPostcodes],
  };
}

/**
 * The validation options of each row under `maxIssuesInAll`: `maxIssues` per row while the budget
 * lasts, then 1 (a refused row still says why). One options object per distinct cap, not per row.
 */
function issueBudget(options: ReconcileOptions) {
  let left = options.maxIssuesInAll ?? Number.POSITIVE_INFINITY;
  const perRow = options.maxIssues ?? Number.POSITIVE_INFINITY;
  const byCap = new Map<number, ReconcileOptions>();
  return {
    options(): ReconcileOptions {
      const cap = Math.max(1, Math.min(perRow, left));
      if (cap === perRow) return options;
      let o = byCap.get(cap);
      if (!o) {
        o = { ...options, maxIssues: cap };
        byCap.set(cap, o);
      }
      return o;
    },
    spend(kept: number) {
      left -= kept;
    },
  };
}
