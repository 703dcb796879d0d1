import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env.js";
import { ApiError } from "../lib/errors.js";

/**
 * Pushes are heavy (a 16 MiB body, 10,000 rows reconciled): one at a time per process, a few
 * waiting, the rest refused with a 503 `import_busy` (issue 11: parallel pushes held 1.67 GB and
 * blocked /health for seconds). In-process on purpose: it bounds this process's memory, which is
 * what a queue elsewhere could not do.
 */
const maxWaiting = 2;
let running = false;
const waiting: (() => void)[] = [];

export async function withImportSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running) {
    if (waiting.length >= maxWaiting)
      throw new ApiError(
        "import_busy",
        "Other imports are being processed; retry in a few seconds.",
      );
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
  running = true;
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running = false;
  }
}

/** Let other requests (health checks, reads) run between the heavy stages of a push. */
export function yieldToOthers(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** The gate as route middleware: before the body is parsed, so waiting pushes hold no rows. */
export const importSlot = createMiddleware<AppEnv>((_c, next) => withImportSlot(next));
