/**
 * Turns a reconcile preview and the user's choices into the records to write. Nothing changes
 * without a choice: a matching client keeps every field not listed for it, a new client is only
 * created when its ref was ticked, and choices naming unknown ids, refs or fields do nothing.
 */
import { type Client, type ComparableField, comparableFields } from "../model/client.js";
import { noAddress as emptyAddress } from "./blank.js";
import type { AppliedReconcile, FullReconcileResult, ReconcileChoices } from "./types.js";

function overwrite(target: Client, source: Client, field: ComparableField): void {
  if (field.startsWith("address.")) {
    const sub = field.slice("address.".length) as keyof typeof emptyAddress;
    const value = source.address?.[sub] ?? null;
    const address = { ...(target.address ?? emptyAddress), [sub]: value };
    // An address whose last filled part was cleared is no address at all, as validateRow reads it.
    target.address = Object.values(address).every((v) => v === null) ? null : address;
    return;
  }
  const key = field as Exclude<ComparableField, `address.${string}`>;
  (target as Record<typeof key, unknown>)[key] = structuredClone(source[key]);
}

export interface ApplyOptions {
  /**
   * Hand each created client out as the result holds it, not a copy: for a caller that drops the
   * result and never changes the client (the worker's push; a copy of 10,000 new clients was a
   * second copy of every name beside the first, +25 MB in the isolate, issue 11/17).
   */
  shareCreates?: boolean;
}

export function applyReconcile(
  result: FullReconcileResult,
  choices: ReconcileChoices,
  options: ApplyOptions = {},
): AppliedReconcile {
  const applied: AppliedReconcile = { creates: [], updates: [] };

  const add = new Set(choices.add);
  for (const entry of result.onlyInImport) {
    if (add.has(entry.ref))
      applied.creates.push({
        ref: entry.ref,
        client: options.shareCreates ? entry.client : structuredClone(entry.client),
      });
  }

  for (const m of result.matching) {
    const chosen = Object.hasOwn(choices.overwrite, m.id) ? choices.overwrite[m.id] : undefined;
    if (!chosen || chosen.length === 0) continue;
    // Only fields the reconcile found different can be written: a field the import did not carry
    // was never compared, and overwriting it would clear the target's value unasked.
    const differing = new Set(m.differences.map((d) => d.field));
    const wanted = new Set(chosen);
    const fields = comparableFields.filter((f) => wanted.has(f) && differing.has(f));
    if (fields.length === 0) continue;
    const client = structuredClone(m.existing);
    for (const f of fields) overwrite(client, m.client, f);
    applied.updates.push({ id: m.id, ref: m.ref, client, fields });
  }
  return applied;
}

/**
 * Overwrite choices that would write the sheet's stale value over a change the source made since
 * the pull (origin `source`): never what the user meant, so a push refuses them. A conflict
 * (`both`) may be overwritten: choosing it is the user's decision.
 */
export function staleOverwrites(
  result: FullReconcileResult,
  choices: ReconcileChoices,
): { ref: string; id: string; field: ComparableField }[] {
  const out: { ref: string; id: string; field: ComparableField }[] = [];
  for (const m of result.matching) {
    const chosen = Object.hasOwn(choices.overwrite, m.id) ? choices.overwrite[m.id] : undefined;
    if (!chosen || chosen.length === 0) continue;
    const wanted = new Set(chosen);
    for (const d of m.differences)
      if (d.origin === "source" && wanted.has(d.field))
        out.push({ ref: m.ref, id: m.id, field: d.field });
  }
  return out;
}
