import type { StageRecord } from "../../../db/queries/import-stages.js";
import { ApiError, notFound } from "../../../lib/errors.js";

/** The stage if it still takes parts: unknown (or another office's) is a 404, closed a 409. */
export function openStage(stage: StageRecord | null, now: number): StageRecord {
  if (!stage) throw notFound();
  if (stage.status !== "open")
    throw new ApiError("staged_import_closed", "This staged import was committed already.");
  if (stage.expiresAt <= now)
    throw new ApiError(
      "staged_import_closed",
      "This staged import expired before its commit; its parts are dropped. Push again.",
    );
  return stage;
}
