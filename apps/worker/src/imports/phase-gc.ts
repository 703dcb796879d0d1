/**
 * A full garbage collection between the phases of a large push (body parsed; validated; hashed;
 * prepared), where the runtime offers one (Runtime.collectGarbage: Bun). JavaScriptCore collects
 * by allocation volume, so each phase's garbage (the parser's text pieces, the raw rows zod has
 * copied, the hash's pieces, the reconcile's scratch) was still held when the next phase
 * allocated, and the process grew by the sum: the worst accepted pushes grew Bun's resident memory
 * by 157–170 MB (every row invalid) and 128–138 MB (every row new). Collected between phases, each
 * phase reuses what the one before let go (issue 11; BENCHMARKS.md, session 11). A small push
 * never pays for it. workerd offers an isolate no GC call; V8 sizes its young generation itself.
 */
import type { Runtime } from "../runtime/runtime.js";
import { hashRequest } from "./request-hash.js";

/** Rows from which a push is large enough that a full collection (tens of ms) is worth it. */
export const collectFromRows = 2_000;

/** `rows`: the push's row count, taken before its phases (prepare lets the rows go as it goes). */
export function collectBetweenPhases(runtime: Pick<Runtime, "collectGarbage">, rows: number) {
  if (rows >= collectFromRows) runtime.collectGarbage?.();
}

/**
 * The first phases of a push or a staged part: collect, hash the request, collect. Returns the
 * hash and the collection for the phases after it, sized by the row count taken now.
 */
export function hashBetweenCollections(
  runtime: Pick<Runtime, "collectGarbage">,
  body: { rows: readonly unknown[] },
) {
  const rows = body.rows.length;
  const collect = () => collectBetweenPhases(runtime, rows);
  collect();
  const requestHash = hashRequest(body);
  collect();
  return { requestHash, collect };
}
