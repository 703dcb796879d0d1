/**
 * Writes under an Idempotency-Key (a push, a stage, a part, a commit, a withdrawal): the same
 * request again answers what the first one stored, marked `replayed` so the route can say
 * `Idempotent-Replayed: true`.
 */
import { runBatch, type Statement } from "../db/batch.js";
import type { Db } from "../db/client.js";
import { ApiError } from "../lib/errors.js";

export interface Answer<T> {
  /** The stored answer of an earlier request with the same key (HTTP 200, not 201). */
  replayed: boolean;
  value: T;
}

export const replayed = <T>(value: T): Answer<T> => ({ replayed: true, value });
export const fresh = <T>(value: T): Answer<T> => ({ replayed: false, value });

/**
 * The answer an earlier request under the same key stored: null when there was none, a 409
 * `idempotency_conflict` (saying `conflict`) when that request carried another body.
 */
export async function priorAnswer<R extends { requestHash: string }, T>(
  prior: R | null | undefined,
  requestHash: string,
  conflict: string,
  view: (prior: R) => T | Promise<T>,
): Promise<Answer<T> | null> {
  if (!prior) return null;
  if (prior.requestHash !== requestHash) throw new ApiError("idempotency_conflict", conflict);
  return replayed(await view(prior));
}

/**
 * Commits the write's batch. When it fails because the same request committed first (two sent at
 * once: the unique key refused the second), `replay` finds the winner's result and that is the
 * answer; any other failure is rethrown. Null: this request's batch committed.
 */
export async function commitOrReplay<T>(
  db: Db,
  statements: Statement[],
  replay: () => Promise<Answer<T> | null>,
): Promise<Answer<T> | null> {
  try {
    await runBatch(db, statements);
    return null;
  } catch (err) {
    const again = await replay();
    if (again) return again;
    throw err;
  }
}
