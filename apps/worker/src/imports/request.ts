import { ApiError } from "../lib/errors.js";

/** The Idempotency-Key every write on imports needs (a push, a stage, a withdrawal). */
export function requireIdempotencyKey(key: string | undefined, per: string): string {
  if (!key)
    throw new ApiError(
      "idempotency_key_required",
      `Send an Idempotency-Key header (a UUID per ${per}).`,
    );
  return key;
}
