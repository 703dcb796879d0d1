/**
 * The actions before their module has loaded (mount.tsx loads it after the first view is on
 * screen): each call waits for the real actions, then makes the same call. The first view's
 * components (header, tabs, connect form, status bar) only call actions from events, so they work
 * with this stand-in; no call is lost, it runs a moment later. Return values become promises.
 */
import type { Actions } from "./index.js";

type Fn = (...args: unknown[]) => unknown;

export function deferredActions(ready: Promise<Actions>): Actions {
  const groups = new Map<string, unknown>();
  const group = (name: string) => {
    const call = (...args: unknown[]) =>
      ready.then((a) => (a as unknown as Record<string, Fn>)[name]?.(...args));
    // `actions.x(…)` for a top-level action, `actions.x.y(…)` for a step's.
    return new Proxy(call, {
      get: (_, member) =>
        typeof member !== "string"
          ? undefined
          : (...args: unknown[]) =>
              ready.then((a) =>
                (a as unknown as Record<string, Record<string, Fn>>)[name]?.[member]?.(...args),
              ),
    });
  };
  return new Proxy({} as Actions, {
    get: (_, name) => {
      if (typeof name !== "string") return undefined;
      if (!groups.has(name)) groups.set(name, group(name));
      return groups.get(name);
    },
  });
}
