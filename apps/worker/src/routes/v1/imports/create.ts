import { createRoute } from "@hono/zod-openapi";
import {
  importRequestSchema,
  importResponseSchema,
  maxIssuesPerRow,
  maxRejectedInResponse,
  maxRowsPerRequest,
} from "@pulsebridge/core";
import { requireRole } from "../../../auth/middleware.js";
import { sha256Hex } from "../../../crypto/credential-cipher.js";
import { runBatch } from "../../../db/batch.js";
import { auditStatement } from "../../../db/queries/audit.js";
import { allLiveClients } from "../../../db/queries/clients.js";
import {
  findImportByKey,
  importRowChunks,
  importStorageBytes,
  insertImportRowsStatements,
  insertImportStatement,
} from "../../../db/queries/imports.js";
import { existingOf, loadBaseOf } from "../../../history/bases.js";
import { buildImport, rejectedIdx } from "../../../imports/build.js";
import { importSlot, yieldToOthers } from "../../../imports/gate.js";
import { ApiError } from "../../../lib/errors.js";
import { bodyCodes, problems } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { jsonBody, jsonResponse } from "../../../openapi/content.js";
import { exampleImport, exampleImportRow } from "../../../openapi/examples.js";
import { stableStringify } from "../../../sync/content-hash.js";
import { importResponse, storedIssues } from "./read.js";
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
    `Limits: ${maxRowsPerRequest} rows and MAX_IMPORT_BODY_BYTES (16 MiB) per request (413 ` +
    `\`payload_too_large\`); at most ${maxIssuesPerRow} issues per row (then \`issuesOmitted\`); ` +
    `at most ${maxRejectedInResponse} rejected rows in the response (the rest: ` +
    "`rejectedNextCursor`); the office's stored imports may hold IMPORT_STORAGE_BYTES_PER_OFFICE " +
    "(256 MiB) of rows (409 `import_quota_exceeded`); one push is processed at a time per " +
    "server process, two wait, more get a 503 `import_busy`.",
  operationId: "createImport",
  middleware: [requireRole("admin", "staff"), importSlot] as const,
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
    const key = c.req.valid("header")["idempotency-key"];
    if (!key)
      throw new ApiError(
        "idempotency_key_required",
        "Send an Idempotency-Key header (a UUID per push).",
      );
    const body = c.req.valid("json");
    const { officeId, keyId, name } = c.var.auth;
    const { db, services } = c.var;
    const requestHash = await sha256Hex(stableStringify(body));

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
    const cached = await allLiveClients(db, officeId);
    const baseOf = await loadBaseOf(db, officeId, body.rows, cached);
    await yieldToOthers();
    const built = buildImport(body, existingOf(cached), new Date(now), baseOf);
    await yieldToOthers();
    if (built.stale.length > 0) {
      throw new ApiError(
        "stale_overwrite",
        "AdminPulse changed these fields after the sheet was pulled; refresh them from AdminPulse or choose them as conflicts.",
        built.stale.map((s) => ({
          ref: s.ref,
          field: s.field,
          code: "stale_overwrite",
          message: `Row ${s.ref}: ${s.field} was changed in AdminPulse since the pull; the sheet's value is older.`,
        })),
      );
    }
    const id = crypto.randomUUID();
    const { chunks, bytes } = importRowChunks(
      built.rows.map((row, idx) => ({
        idx,
        ref: row.ref,
        action: row.action,
        clientId: row.clientId,
        fields: JSON.stringify(row.fields),
        client: row.client ? JSON.stringify(row.client) : null,
        issues: storedIssues(row),
      })),
    );
    const quota = services.config.IMPORT_STORAGE_BYTES_PER_OFFICE;
    const used = await importStorageBytes(db, officeId);
    // Two pushes at once may both pass this check: the quota can be passed by at most one push.
    if (used + bytes > quota)
      throw new ApiError(
        "import_quota_exceeded",
        `This import needs ${bytes} bytes; the office's imports hold ${used} of ${quota}.`,
      );
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
    const audit = (action: string, details: Record<string, unknown>) =>
      auditStatement(db, {
        id: crypto.randomUUID(),
        officeId,
        at: now,
        actorKeyId: keyId,
        actorName: name,
        action,
        target: id,
        details,
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
