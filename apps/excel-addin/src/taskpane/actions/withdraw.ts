/**
 * After a push: withdraw its import (POST /v1/imports/{id}/withdraw, ADR 0021). The import and its
 * rows stay readable; tools that took its rows are told to undo them. The person who withdraws is
 * the one asked for once (features/push/person.ts), so staff sharing a key are told apart.
 */
import type { UiLanguage } from "@pulsebridge/core";
import { createPersonStore } from "../../features/push/person.js";
import { t } from "../../i18n/ui.js";
import type { Ctx } from "./context.js";

type Text = (lang: UiLanguage) => string;
export type WithdrawOutcome = { ok: true } | { ok: false; error: Text };

export function withdrawActions(ctx: Ctx) {
  const { get, set, o } = ctx;
  const people = () => createPersonStore(o.storage, o.partitionKey);

  /** The stored person, else the name Office gave, for the dialog's first value. */
  const person = () => people().get() ?? o.userName ?? "";

  /**
   * Withdraws the import on screen. `key` is the dialog's Idempotency-Key: a retry after a lost
   * answer sends the same key, and the server answers the withdrawal it already made.
   */
  async function withdraw(input: { person: string; reason: string; key: string }) {
    const id = get().pushResult?.id;
    const a = ctx.api();
    if (!id || !a) return fail((l) => t(l, "error.needConnect"));
    const stored = people().set(input.person);
    if (!stored.ok) return fail((l) => t(l, "withdraw.personInvalid"));
    const reason = input.reason.trim();
    let outcome: WithdrawOutcome | null = null;
    await ctx.task("progress.withdraw", async (signal) => {
      try {
        const res = await a.withdrawImport(
          id,
          { by: stored.person, ...(reason ? { reason } : {}) },
          input.key,
          signal,
        );
        const w = res.withdrawn;
        set({
          withdrawn: {
            importId: id,
            at: w?.at ?? new Date().toISOString(),
            by: w?.by ?? stored.person,
            reason: w?.reason ?? (reason || null),
          },
        });
        ctx.say("success", (l) => t(l, "withdraw.done", { id }));
        outcome = { ok: true };
      } catch (e) {
        // The dialog shows why, in the pane's language; nothing changed on the server.
        outcome = { ok: false, error: (l) => ctx.errorText(e, l) };
      }
    });
    // null: another step was running, so nothing was sent.
    return outcome ?? fail((l) => t(l, "action.cancelled"));
  }

  function fail(error: Text): WithdrawOutcome {
    return { ok: false, error };
  }

  return { person, withdraw };
}
