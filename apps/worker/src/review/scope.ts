/**
 * The pull's scope as a filter on the cache, the same way GET /v1/clients selects: a task
 * template by name, a search by enterprise number (any spelling) or by folded text.
 */
import { checkId, type ExistingClient, type PullScope } from "@pulsebridge/core";
import type { ClientRow } from "../db/queries/clients.js";
import { foldSearch } from "../sync/content-hash.js";

export function inScopeOf(
  scope: PullScope | undefined,
  cached: ClientRow[],
): ((e: ExistingClient) => boolean) | undefined {
  if (!scope || scope.mode === "all") return undefined;
  let keep: (c: ClientRow) => boolean;
  if (scope.mode === "taskTemplate") {
    const name = scope.taskTemplate;
    keep = (c) => (JSON.parse(c.taskTemplates) as string[]).includes(name);
  } else {
    const id = checkId("enterprise", scope.text.trim());
    const text = foldSearch(scope.text);
    keep = id.valid
      ? (c) => c.enterpriseNumber === id.normalized
      : (c) => c.searchText.includes(text);
  }
  const ids = new Set(cached.filter(keep).map((c) => c.id));
  return (e) => ids.has(e.id);
}
