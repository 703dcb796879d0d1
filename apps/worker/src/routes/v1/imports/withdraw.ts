import { createRoute } from "@hono/zod-openapi";
import { importSummarySchema, withdrawImportRequestSchema } from "@pulsebridge/core";
import { requireRole } from "../../../auth/middleware.js";
import { runBatch } from "../../../db/batch.js";
import { getStage } from "../../../db/queries/import-stages.js";
import { getImport, withdrawImportStatements } from "../../../db/queries/imports.js";
import { requireIdempotencyKey } from "../../../imports/request.js";
import { ApiError, notFound } from "../../../lib/errors.js";
import { problems } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { jsonBody, jsonResponse } from "../../../openapi/content.js";
import { exampleAt, exampleImport } from "../../../openapi/examples.js";
import { smallBodyLimit } from "../../../openapi/limits.js";
import { idempotencyHeaderSchema, importIdParamSchema, toImportSummary } from "./schema.js";

const exampleWithdrawn = {
  ...(({ rejected, ...summary }) => summary)(exampleImport),
  status: "withdrawn" as const,
  withdrawn: { at: exampleAt, by: "an.peeters@kantoor.be", reason: "Pushed the wrong sheet" },
};

const route = createRoute({
  method: "post",
  path: "/imports/{id}/withdraw",
  tags: ["imports"],
  operationId: "withdrawImport",
  summary: "Withdraw a pushed import (staff or admin)",
  description:
    "Marks the import `withdrawn` (its counts and rows stay readable), records who withdrew it and " +
    "why in the import and the audit log (`import.withdrawn`). `GET /v1/imports?status=withdrawn` " +
    "lists withdrawn imports, so tools that took an import's rows can undo what they took. Requires " +
    "an `Idempotency-Key`: the same key again answers 200 with `Idempotent-Replayed: true`; a " +
    "withdrawal of an import already withdrawn by another request, of an import rejected whole " +
    "(nothing was stored) or of a staged import not committed is a 409 `import_not_withdrawable`. " +
    smallBodyLimit,
  middleware: [requireRole("admin", "staff")] as const,
  request: {
    params: importIdParamSchema,
    headers: idempotencyHeaderSchema,
    body: jsonBody(withdrawImportRequestSchema, {
      by: "an.peeters@kantoor.be",
      reason: "Pushed the wrong sheet",
    }),
  },
  responses: {
    200: jsonResponse("Withdrawn (or replayed)", importSummarySchema, exampleWithdrawn),
    ...problems(
      "forbidden",
      "not_found",
      "validation_failed",
      "malformed_body",
      "unsupported_media_type",
      "idempotency_key_required",
      "import_not_withdrawable",
    ),
  },
});

export function registerWithdrawImport(r: ReturnType<typeof createRouter>) {
  r.openapi(route, async (c) => {
    const key = requireIdempotencyKey(c.req.valid("header")["idempotency-key"], "withdrawal");
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const { officeId, keyId, name } = c.var.auth;
    const { db, services } = c.var;
    const answer = async (replayed: boolean) => {
      const imp = await getImport(db, officeId, id);
      if (!imp) throw notFound();
      if (imp.withdrawnAt !== null) {
        if (imp.withdrawKey !== key)
          throw new ApiError(
            "import_not_withdrawable",
            `This import was withdrawn already (${new Date(imp.withdrawnAt).toISOString()}).`,
          );
        if (replayed) c.header("Idempotent-Replayed", "true");
        return c.json(toImportSummary(imp), 200);
      }
      return null;
    };
    const imp = await getImport(db, officeId, id);
    if (!imp) {
      if (await getStage(db, officeId, id))
        throw new ApiError(
          "import_not_withdrawable",
          "This is a staged import that was not committed: nothing was pushed.",
        );
      throw notFound();
    }
    const done = await answer(true);
    if (done) return done;
    if (imp.status === "rejected")
      throw new ApiError(
        "import_not_withdrawable",
        "Every row of this import was rejected: nothing was stored that could be withdrawn.",
      );
    const at = services.now();
    await runBatch(
      db,
      withdrawImportStatements(db, {
        officeId,
        id,
        at,
        by: body.by,
        reason: body.reason || null,
        key,
        audit: {
          id: crypto.randomUUID(),
          actorKeyId: keyId,
          actorName: name,
          details: JSON.stringify({
            by: body.by,
            reason: body.reason || null,
            counts: {
              rows: imp.rowCount,
              created: imp.created,
              updated: imp.updated,
            },
          }),
        },
      }),
    );
    // Committed: its import.withdrawn event can go out now, not at the next cron.
    await services.notifyWebhooks?.(officeId);
    // Another request may have withdrawn it between the read and the batch: `answer` tells.
    const after = await answer(false);
    if (!after) throw new Error("withdrawal not recorded");
    return after;
  });
}
