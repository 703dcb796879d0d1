/** All actions of the pane, one module per step, wired to one store. */
import type { UiLanguage } from "@pulsebridge/core";
import type { ThemeName } from "../store/state.js";
import type { PaneStore } from "../store/store.js";
import { connectActions } from "./connect.js";
import { createCtx, type PaneOptions } from "./context.js";
import { dataActions } from "./data.js";
import { fixActions } from "./fix.js";
import { pushActions } from "./push.js";
import { reviewActions } from "./review.js";
import { syncActions } from "./sync.js";
import { validateActions } from "./validate.js";
import { withdrawActions } from "./withdraw.js";

export function createActions(store: PaneStore, options: PaneOptions) {
  const ctx = createCtx(store, options);
  const validate = validateActions(ctx);
  const data = dataActions(ctx, validate);
  const sync = syncActions(ctx);
  const connect = connectActions(ctx, data.show, sync.loadSyncState);
  const fix = fixActions(ctx, validate);
  const review = reviewActions(ctx, validate, fix);
  const push = pushActions(ctx, review);
  return {
    ctx,
    connect,
    data,
    validate,
    fix,
    review,
    push,
    withdraw: withdrawActions(ctx),
    sync,
    setLanguage(lang: UiLanguage) {
      if (lang === ctx.get().lang) return;
      ctx.set({ lang });
      // The status column follows, from the stored results: nothing is fetched or re-validated.
      void validate.restatus();
    },
    setTheme: (theme: ThemeName) => ctx.set({ theme }),
    setPalette: (paletteOpen: boolean) => ctx.set({ paletteOpen }),
    cancel: () => ctx.get().busy?.controller.abort(),
  };
}

export type Actions = ReturnType<typeof createActions>;
