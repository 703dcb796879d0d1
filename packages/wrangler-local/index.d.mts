/** The variables that keep wrangler and miniflare off the network. */
export const offlineEnv: Readonly<Record<string, string>>;
/** `process.env` plus `offlineEnv` plus `extra`. */
export function wranglerEnv(extra?: Record<string, string>): Record<string, string | undefined>;
/** Writes `<dir>/.dev.vars` (0600) with `secrets`; returns `["--env-file", <that file>]`. */
export function devVarsArgs(dir: string, secrets: Record<string, string>): string[];
/** The arguments of a local `wrangler dev` (127.0.0.1, no interactive session unless asked). */
export function devArgs(o?: {
  port?: number;
  persistTo?: string;
  inspectorPort?: number;
  testScheduled?: boolean;
  config?: string;
  vars?: Record<string, string>;
  interactive?: boolean;
}): string[];
/**
 * True once `wrangler dev`'s output since its start shows the server ready after the second build
 * its file watcher always runs (a reload of the local server that can come after `/health` answers).
 */
export function wranglerSettled(output: string): boolean;
/** Waits until `wranglerSettled(output())`; throws with the output's tail on exit or timeout. */
export function untilWranglerSettled(
  output: () => string,
  o: { exited: () => boolean; timeoutMs?: number },
): Promise<void>;
