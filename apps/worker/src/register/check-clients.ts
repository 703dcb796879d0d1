/**
 * Checks an office's clients against the KBO register: per request for the findings (in the
 * caller's language), and as stored statuses for the client list's "differs from the register"
 * filter. The register's tables are shared; only the statuses are office data.
 */
import type { UiLanguage } from "@pulsebridge/core";
import {
  type ClientRegisterCheck,
  checkAgainstRegister,
  createSqlReader,
  type RegisterReader,
} from "@pulsebridge/kbo/portable";
import type { Db } from "../db/client.js";
import { type ClientRow, toClient } from "../db/queries/clients.js";
import {
  registerQueryAll,
  registerVersion,
  staleRegisterClients,
  storeRegisterChecks,
} from "../db/queries/register.js";

export function registerReader(db: Db): RegisterReader {
  return createSqlReader(registerQueryAll(db));
}

/** Checks the given client rows with one bulk lookup (a few queries per 500 numbers). */
export async function checkRows(
  db: Db,
  rows: ClientRow[],
  lang: UiLanguage,
  reader: RegisterReader = registerReader(db),
): Promise<{ snapshotDate: string | null; checks: ClientRegisterCheck[] }> {
  const snapshotDate = await reader.snapshotDate();
  const numbers = rows.map((r) => r.enterpriseNumber).filter((n): n is string => n !== null);
  const entries = snapshotDate === null ? new Map() : await reader.lookupMany(numbers);
  const checks = rows.map((row) => {
    const entry = row.enterpriseNumber ? (entries.get(row.enterpriseNumber) ?? null) : null;
    const check = checkAgainstRegister(toClient(row), entry, lang, snapshotDate);
    return { clientId: row.id, lang, ...check };
  });
  return { snapshotDate, checks };
}

/** Stores the statuses of checked rows (language-free), so the list filter sees them. */
export async function rememberChecks(
  db: Db,
  officeId: string,
  version: string | null,
  now: number,
  rows: ClientRow[],
  checks: ClientRegisterCheck[],
) {
  if (version === null) return;
  const hashOf = new Map(rows.map((r) => [r.id, r.contentHash]));
  await storeRegisterChecks(
    db,
    officeId,
    version,
    now,
    checks.flatMap((c) => {
      const contentHash = hashOf.get(c.clientId);
      return contentHash && c.enterpriseNumber
        ? [{ clientId: c.clientId, contentHash, status: c.status, snapshotDate: c.snapshotDate }]
        : [];
    }),
  );
}

export interface RefreshResult {
  version: string | null;
  checked: number;
  /** False when the cap was reached and some statuses are still stale. */
  complete: boolean;
}

/**
 * Brings the office's stored statuses up to date with the clients and the register: only clients
 * whose content hash or register version changed are checked again. Capped per call (D1: 1,000
 * queries per invocation; each round of 500 costs about 8), so a first run on a huge office
 * finishes over a few requests; `complete` says whether it did.
 */
export async function refreshRegisterStatuses(
  db: Db,
  officeId: string,
  now: number,
  options: { round?: number; maxClients?: number } = {},
): Promise<RefreshResult> {
  const version = await registerVersion(db);
  if (version === null) return { version, checked: 0, complete: true };
  const round = options.round ?? 500;
  const max = options.maxClients ?? 20_000;
  const reader = registerReader(db);
  let checked = 0;
  while (checked < max) {
    const stale = (await staleRegisterClients(db, officeId, version, round)).map((r) => r.client);
    if (stale.length === 0) return { version, checked, complete: true };
    const { checks } = await checkRows(db, stale, "en", reader);
    await rememberChecks(db, officeId, version, now, stale, checks);
    checked += stale.length;
  }
  return { version, checked, complete: false };
}
