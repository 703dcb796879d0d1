/**
 * The sync's state as the pane shows it: a full run that held its deletions (more clients gone
 * than SYNC_DELETE_MAX_PERCENT allows) waits for an admin, who confirms them from the pane.
 */
import { t } from "../../i18n/ui.js";
import type { Ctx } from "./context.js";

export function syncActions(ctx: Ctx) {
  const { get, set } = ctx;

  /** Reads the newest full run; a failure leaves the notice as it was (it is only a notice). */
  async function loadSyncState(signal?: AbortSignal) {
    const a = ctx.api();
    if (!a) return;
    try {
      const runs = (await a.syncRuns(20, signal)).data;
      const latest = runs.find((r) => r.kind === "full");
      set({
        heldRun:
          latest?.status === "deletions_held"
            ? { id: latest.id, deletionsHeld: latest.deletionsHeld, startedAt: latest.startedAt }
            : null,
      });
    } catch {
      // An older worker without the route, or a network blip: no notice rather than an error.
    }
  }

  /** Admin only (the worker refuses others with 403): deletes the clients the run did not see. */
  async function confirmDeletions() {
    const a = ctx.api();
    const held = get().heldRun;
    if (!a || !held) return;
    await ctx.task("progress.confirmDeletions", async (signal) => {
      const r = await a.confirmDeletions(held.id, signal);
      set({ heldRun: null });
      ctx.say("success", (l) => t(l, "sync.deleted", { count: r.deleted }));
    });
  }

  return { loadSyncState, confirmDeletions };
}

export type SyncActions = ReturnType<typeof syncActions>;
