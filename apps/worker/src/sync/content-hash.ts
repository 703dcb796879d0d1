import type { Client } from "@pulsebridge/core";
import { sha256Hex } from "../crypto/credential-cipher.js";

/** JSON with sorted keys, so equal records hash equally whatever order the mapper built them in. */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(",")}}`;
}

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
      client,
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
