/**
 * Ribbon commands and keyboard shortcuts. In the shared runtime they call the pane's app directly;
 * long jobs (pull, push) run there with their progress bar, never in a short-lived command runtime.
 */
import type { App } from "../taskpane/mount.js";

type Action = keyof App["commands"] | "palette";

export const actions: Record<string, Action> = {
  PullClients: "pull",
  Validate: "validate",
  NextProblem: "nextProblem",
  ApplySafeFixes: "applySafeFixes",
  Review: "review",
  Push: "push",
  OpenPalette: "palette",
};

/** Runs an action on the pane's app (opening the pane first), then completes the command event. */
export async function runAction(action: Action, event?: Office.AddinCommands.Event): Promise<void> {
  try {
    await Office.addin?.showAsTaskpane?.();
    const app = globalThis.pulsebridgeApp;
    if (action === "palette") app?.openPalette();
    else await app?.commands[action]();
  } finally {
    event?.completed();
  }
}

export function registerCommands(): void {
  if (typeof Office === "undefined") return;
  for (const [name, action] of Object.entries(actions)) {
    // Ribbon buttons (ExecuteFunction) and shortcuts (shortcuts.json) share the same ids.
    Office.actions?.associate(name, (event?: Office.AddinCommands.Event) =>
      runAction(action, event),
    );
  }
}

declare global {
  var pulsebridgeApp: App | undefined;
}

registerCommands();
