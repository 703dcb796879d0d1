// Types for stack.mjs / processes.mjs, so the TypeScript tests and benchmarks can import them.
export interface Proc {
  name: string;
  pid: number | undefined;
  logFile: string;
  exited: Promise<number>;
  readonly running: boolean;
  onOutput(fn: (text: string) => void): () => void;
  tail(lines?: number): string;
  stop(opts?: { signal?: NodeJS.Signals; graceMs?: number }): Promise<void>;
}
export interface WorkerHandle {
  url: string;
  port: number;
  proc: Proc | null;
  start(): Promise<void>;
  kill(signal?: NodeJS.Signals): Promise<void>;
  restart(): Promise<void>;
}
export interface Stack {
  persistDir: string;
  logDir: string;
  standIn: { url: string; token: string; proc?: Proc } | null;
  worker: WorkerHandle;
  harness: { url: string; proc: Proc } | null;
  demo: { officeId: string; key: string; sync?: SyncResult } | null;
  stop(): Promise<void>;
}
export interface StackOptions {
  ports?: { standIn?: number; worker?: number; harness?: number };
  persistDir?: string;
  logDir?: string;
  keepState?: boolean;
  standIn?:
    | false
    | { url: string; token: string }
    | { size?: number; seed?: string; token?: string };
  demo?: { name?: string; officeId?: string; key?: string; connect?: boolean; sync?: boolean };
  harness?: boolean;
  vars?: Record<string, string>;
  echo?: boolean;
}
export interface SyncResult {
  steps: number;
  outcomes: string[];
  run: { status: string; added: number; updated: number; deleted: number; pages: number } | null;
}
export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: parsed JSON of any endpoint; callers narrow it with zod
  json: any;
}
export const repoRoot: string;
export const keyPattern: RegExp;
export const apiKeyFormat: string;
export function generateApiKey(): string;
export function applyMigrations(persistDir: string): Promise<void>;
/** SQL on the local D1 in `persistDir`; the statement's result rows. */
export function d1Execute(persistDir: string, sql: string): Promise<Record<string, unknown>[]>;
export function createOffice(
  persistDir: string,
  opts?: { name?: string; officeId?: string; key?: string },
): Promise<{ officeId: string; key: string }>;
export function api(
  baseUrl: string,
  key: string | null,
  method: string,
  pathname: string,
  body?: unknown,
  headers?: Record<string, string>,
): Promise<ApiResponse>;
export function syncUntilDone(
  baseUrl: string,
  key: string,
  opts?: { maxSteps?: number; busyWaitMs?: number },
): Promise<SyncResult>;
export function startStack(options?: StackOptions): Promise<Stack>;
export function freePort(): Promise<number>;
export function portInUse(port: number): Promise<boolean>;
