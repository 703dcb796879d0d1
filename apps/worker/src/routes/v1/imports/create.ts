import { createRoute } from "@hono/zod-openapi";
import {
  importRequestSchema,
  importResponseSchema,
  maxRejectedInResponse,
} from "@pulsebridge/core";
import { requireRole } from "../../../auth/middleware.js";
import { runBatch } from "../../../db/batch.js";
import {
  findImportByKey,
  importStorageBytes,
  insertImportRowsStatements,
  insertImportStatement,
} from "../../../db/queries/imports.js";
import { importBody } from "../../../imports/body.js";
import { rejectedIdx } from "../../../imports/build.js";
import { importSlot } from "../../../imports/gate.js";
import { checkQuota, prepareImport } from "../../../imports/prepare.js";
import { importAudit, requireIdempotencyKey } from "../../../imports/request.js";
import { hashRequest } from "../../../imports/request-hash.js";
import { ApiError } from "../../../lib/errors.js";
import { bodyCodes, problems } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { jsonBody, jsonResponse } from "../../../openapi/content.js";
import { exampleImport, exampleImportRow } from "../../../openapi/examples.js";
import { importRequestLimits } from "../../../openapi/limits.js";
import { emitStatement } from "../../../webhooks/events.js";
import { importResponse } from "./read.js";
import { idempotencyHeaderSchema, toImportSummary } from "./schema.js";

const route = createRoute({
  method: "post",
  path: "/imports",
  tags: ["imports"],
  summary: "Push a cleaned import (idempotent, validated again, stored all or nothing)",
  description:
    "Requires an `Idempotency-Key` header. The same key with the same body returns the stored " +
    "result (200, `Idempotent-Replayed: true`); with another body it is refused (409). Rows are " +
    "validated again; what is refused comes back in `rejected`, the rest is stored in one batch. " +
    `${importRequestLimits} At most ${maxRejectedInResponse} rejected rows in the response (the rest: ` +
    "`rejectedNextCursor`); the office's stored imports may hold IMPORT_STORAGE_BYTES_PER_OFFICE " +
    "(256 MiB) of rows (409 `import_quota_exceeded`); one push is processed at a time per " +
    "server process, two wait, more get a 503 `import_busy`.",
  operationId: "createImport",
  middleware: [requireRole("admin", "staff"), importSlot, importBody] as const,
  request: {
    headers: idempotencyHeaderSchema,
    body: jsonBody(importRequestSchema, {
      source: "excel",
      createdBy: "an.peeters@kantoor.be",
      rows: [exampleImportRow],
      choices: { overwrite: { "7": ["email"] }, add: [] },
    }),
  },
  responses: {
    201: jsonResponse("Stored", importResponseSchema, exampleImport),
    200: jsonResponse(
      "Replayed: the stored result of the same push",
      importResponseSchema,
      exampleImport,
    ),
    ...problems(
      "forbidden",
      ...bodyCodes,
      "idempotency_key_required",
      "idempotency_conflict",
      "import_quota_exceeded",
      "import_busy",
      "stale_overwrite",
    ),
  },
});

export function registerCreateImport(r: ReturnType<typeof createRouter>) {
  r.openapi(route, async (c) => {
    const key = requireIdempotencyKey(c.req.valid("header")["idempotency-key"], "push");
    const body = c.req.valid("json");
    const { officeId, keyId, name } = c.var.auth;
    const { db, services } = c.var;
    const requestHash = hashRequest(body);

    const replay = async () => {
      const prior = await findImportByKey(db, officeId, key);
      if (!prior) return null;
      if (prior.requestHash !== requestHash) {
        throw new ApiError(
          "idempotency_conflict",
          "This Idempotency-Key was used for a different import.",
        );
      }
      c.header("Idempotent-Replayed", "true");
      return c.json(await importResponse(db, prior), 200);
    };
    const prior = await replay();
    if (prior) return prior;

    const now = services.now();
    const { built, chunks, bytes } = await prepareImport(db, officeId, body, now);
    const id = crypto.randomUUID();
    const used = await importStorageBytes(db, officeId);
    checkQuota(used, bytes, services.config.IMPORT_STORAGE_BYTES_PER_OFFICE);
    const header = {
      officeId,
      id,
      idempotencyKey: key,
      requestHash,
      source: body.source,
      createdBy: body.createdBy,
      keyId,
      status: built.status,
      rowCount: built.counts.rows,
      created: built.counts.created,
      updated: built.counts.updated,
      unchanged: built.counts.unchanged,
      rejected: built.counts.rejected,
      storedBytes: bytes,
      createdAt: now,
    };
    const audit = importAudit(db, {
      officeId,
      at: now,
      keyId,
      name,
      person: body.createdBy,
      target: id,
    });
    try {
      // One batch: the import, every row and the audit events commit together or not at all.
      await runBatch(db, [
        insertImportStatement(db, header),
        ...insertImportRowsStatements(db, officeId, id, chunks),
        audit("import.pushed", {
          source: body.source,
          createdBy: body.createdBy,
          counts: built.counts,
          scope: body.scope ?? { mode: "all" },
        }),
        emitStatement(db, {
          officeId,
          type: "import.pushed",
          now,
          data: { importId: id, status: built.status, counts: built.counts },
        }),
        ...(built.overwrites.length > 0
          ? [
              audit("import.overwrites", {
                createdBy: body.createdBy,
                overwrites: built.overwrites,
              }),
            ]
          : []),
      ]);
    } catch (err) {
      // Lost a race with the same key: the winner's row exists now.
      const again = await replay();
      if (again) return again;
      throw err;
    }
    await c.var.services.notifyWebhooks?.(officeId);
    const response = {
      ...toImportSummary(header),
      rejected: built.rejected.slice(0, maxRejectedInResponse),
      rejectedNextCursor:
        built.rejected.length > maxRejectedInResponse
          ? String(rejectedIdx(built.rows, maxRejectedInResponse - 1))
          : null,
    };
    return c.json(response, 201);
  });
}
