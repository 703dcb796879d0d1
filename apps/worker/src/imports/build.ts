import {
  type AppliedReconcile,
  applyReconcile,
  type ExistingClient,
  type FullReconcileResult,
  type ImportRequest,
  type ImportRowResource,
  maxIssuesPerRequest,
  maxIssuesPerRow,
  type ReconcileOptions,
  reconcileValidated,
  staleOverwrites,
  type ValidatedRows,
  validateRows,
} from "@pulsebridge/core";

export interface BuiltImport {
  rows: ImportRowResource[];
  counts: { rows: number; created: number; updated: number; unchanged: number; rejected: number };
  status: "accepted" | "partially_accepted" | "rejected";
  rejected: ReturnType<typeof rejectedEntry>[];
  /** The overwrite choices that took effect, for the audit log. */
  overwrites: { ref: string; clientId: string; fields: string[] }[];
  /** Chosen overwrites of a field the source changed since the pull: the push is refused. */
  stale: { ref: string; id: string; field: string }[];
}

/**
 * How a push validates its rows: issues past maxIssuesPerRow, and past maxIssuesPerRequest in all
 * rows, are counted, never built up (issue 11: 10,000 rows of 40 bad links were 1.2 M issue objects
 * before a cut at the end, and still 200,000 with 20 a row).
 */
export const importValidation = (today: Date): ReconcileOptions => ({
  today,
  maxIssues: maxIssuesPerRow,
  maxIssuesInAll: maxIssuesPerRequest,
});

/**
 * Re-validate and reconcile the pushed rows against the cache (never trust the add-in's own run),
 * apply the user's choices, and give every row its outcome, in request order. `validated`: the
 * rows as `validateRows(rows, importValidation(today))` gave them, when the caller read the cache
 * for them (prepare.ts); `existing` may then be only their candidates.
 */
export function buildImport(
  body: Pick<ImportRequest, "rows" | "choices">,
  existing: ExistingClient[],
  today: Date,
  baseOf?: ReconcileOptions["baseOf"],
  validated?: ValidatedRows,
): BuiltImport {
  // Origins are derived again here, from the worker's own history: the add-in's are not trusted.
  const options = importValidation(today);
  const result: FullReconcileResult = reconcileValidated(
    body.rows,
    validated ?? validateRows(body.rows, options),
    existing,
    { ...options, baseOf },
  );
  const withOmitted = issueCut();
  // The created clients are the result's own: nothing here changes them, and the result goes.
  const applied: AppliedReconcile = applyReconcile(result, body.choices, { shareCreates: true });
  const invalid = new Map(result.invalid.map((r) => [r.ref, r]));
  const creates = new Map(applied.creates.map((c) => [c.ref, c]));
  const updates = new Map(applied.updates.map((u) => [u.ref, u]));
  const matching = new Map(result.matching.map((m) => [m.ref, m]));
  const fresh = new Map(result.onlyInImport.map((o) => [o.ref, o]));

  const rows: ImportRowResource[] = body.rows.map((row): ImportRowResource => {
    const bad = invalid.get(row.ref);
    if (bad) {
      const { issues, issuesOmitted } = bad;
      return withOmitted(
        { ref: row.ref, action: "rejected", clientId: null, fields: [], client: null, issues },
        issuesOmitted,
      );
    }
    const u = updates.get(row.ref);
    const m = matching.get(row.ref);
    if (u) {
      return withOmitted(
        {
          ref: row.ref,
          action: "update",
          clientId: u.id,
          fields: u.fields,
          client: u.client,
          issues: m?.warnings ?? [],
        },
        m?.issuesOmitted,
      );
    }
    const cr = creates.get(row.ref);
    const f = fresh.get(row.ref);
    if (cr) {
      return withOmitted(
        {
          ref: row.ref,
          action: "create",
          clientId: null,
          fields: [],
          client: cr.client,
          issues: f?.warnings ?? [],
        },
        f?.issuesOmitted,
      );
    }
    if (m) {
      return withOmitted(
        {
          ref: row.ref,
          action: "unchanged",
          clientId: m.id,
          fields: [],
          client: m.existing,
          issues: m.warnings,
        },
        m.issuesOmitted,
      );
    }
    // A valid new client the user did not tick: kept as "unchanged" (nothing will be created).
    return withOmitted(
      {
        ref: row.ref,
        action: "unchanged",
        clientId: null,
        fields: [],
        client: f?.client ?? null,
        issues: f?.warnings ?? [],
      },
      f?.issuesOmitted,
    );
  });

  const count = (a: ImportRowResource["action"]) => rows.filter((r) => r.action === a).length;
  const counts = {
    rows: rows.length,
    created: count("create"),
    updated: count("update"),
    unchanged: count("unchanged"),
    rejected: count("rejected"),
  };
  const status =
    counts.rejected === 0
      ? "accepted"
      : counts.rejected === counts.rows
        ? "rejected"
        : "partially_accepted";
  return {
    rows,
    counts,
    status,
    rejected: rows.filter((r) => r.action === "rejected").map(rejectedEntry),
    overwrites: applied.updates.map((u) => ({ ref: u.ref, clientId: u.id, fields: u.fields })),
    stale: staleOverwrites(result, body.choices),
  };
}

/**
 * Cuts each row, in request order, to at most maxIssuesPerRow issues and — once maxIssuesPerRequest
 * are kept in all rows — to its first issue, counting the rest: those validateRow only counted and
 * those reconcile added past the cap (an unknown id, a duplicate). Issue 11: 100 bad links must not
 * make a row store and answer hundreds, nor 10,000 such rows 200,000.
 */
function issueCut() {
  let left = maxIssuesPerRequest;
  return (row: ImportRowResource, counted: number | undefined): ImportRowResource => {
    const cap = Math.max(1, Math.min(maxIssuesPerRow, left));
    let omitted = counted ?? 0;
    if (row.issues.length > cap) {
      omitted += row.issues.length - cap;
      row.issues = row.issues.slice(0, cap);
    }
    left -= row.issues.length;
    if (omitted > 0) row.issuesOmitted = omitted;
    return row;
  };
}

/** A rejected row as a push's response lists it. */
export function rejectedEntry(r: ImportRowResource) {
  return {
    ref: r.ref,
    issues: r.issues,
    ...(r.issuesOmitted ? { issuesOmitted: r.issuesOmitted } : {}),
  };
}

/** The row index of the n-th (0-based) rejected row: the cursor after the response's last one. */
export function rejectedIdx(rows: ImportRowResource[], n: number): number {
  let seen = -1;
  for (let i = 0; i < rows.length; i++)
    if (rows[i]!.action === "rejected" && ++seen === n) return i;
  return -1;
}
