/**
 * Who is pushing: the person's display name or e-mail, asked once and kept in the add-in's
 * settings (per machine, never in the workbook). Sent as `createdBy` on a push and `by` on a
 * withdrawal, so staff who share one key are told apart in the audit log (ADR 0021). Office.js
 * gives no user identity without single sign-on, hence asking.
 */
import { personSchema } from "@pulsebridge/core";
import { type KeyValueStore, storageKey } from "../connect/connect.js";

export function createPersonStore(store: KeyValueStore, partitionKey?: string) {
  const k = storageKey("person", partitionKey);
  return {
    /** The stored person, or null when none was given yet (or what is stored is not valid). */
    get(): string | null {
      const parsed = personSchema.safeParse(store.getItem(k) ?? "");
      return parsed.success ? parsed.data : null;
    },
    /** Stores the person as the worker will check it; an invalid name is refused, not stored. */
    set(name: string): { ok: true; person: string } | { ok: false; message: string } {
      const parsed = personSchema.safeParse(name);
      if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? "" };
      store.setItem(k, parsed.data);
      return { ok: true, person: parsed.data };
    },
  };
}
export type PersonStore = ReturnType<typeof createPersonStore>;
