/** The variables that keep wrangler and miniflare off the network. */
export const offlineEnv: Readonly<Record<string, string>>;
/** `process.env` plus `offlineEnv` plus `extra`. */
export function wranglerEnv(extra?: Record<string, string>): Record<string, string | undefined>;
/** Writes `<dir>/.dev.vars` (0600) with `secrets`; returns `["--env-file", <that file>]`. */
export function devVarsArgs(dir: string, secrets: Record<string, string>): string[];
