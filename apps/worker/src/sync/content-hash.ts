import { type Client, storedColumns } from "@pulsebridge/core";
import { sha256Hex } from "../crypto/credential-cipher.js";
import { stableStringify } from "../lib/stable-json.js";

export { stableStringify };

/**
 * The version of a cached client. Source problems count only when there are some, so clients
 * without problems keep the hash they had before problems were recorded (no feed-wide rewrite).
 */
export function contentHash(
  client: Client,
  taskTemplates: string[],
  sourceProblems: readonly { code: string; field: string; seen: string }[] = [],
): Promise<string> {
  return sha256Hex(
    stableStringify({
      client: withStoredKeys(client),
      taskTemplates: [...taskTemplates].sort(),
      ...(sourceProblems.length > 0 ? { sourceProblems } : {}),
    }),
  );
}

/** Lower-case, accent-free text that `q` searches with instr(). */
export function foldSearch(s: string): string {
  return s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").trim();
}

export function searchTextOf(client: Client): string {
  return foldSearch(
    [client.name, client.sourceIds.code, client.sourceIds.uniqueIdentifier, client.enterpriseNumber]
      .filter(Boolean)
      .join(" "),
  );
}

const rootFields = storedColumns.map((c) => c.path).filter((p) => !p.includes("."));

/**
 * A client with every stored field present (null when the source had none), so a client read back
 * from the cache (`toClient`, every column) hashes like the same client fresh from the mapping,
 * which may leave out fields AdminPulse does not carry (IBAN, BIC). Without this the finalize
 * steps (templates, link names) and the next page would rewrite each other's versions every run.
 */
function withStoredKeys(client: Client): Client {
  const full: Record<string, unknown> = { ...client };
  for (const f of rootFields) if (full[f] === undefined) full[f] = null;
  return full as Client;
}
