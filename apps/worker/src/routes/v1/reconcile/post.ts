import { createRoute } from "@hono/zod-openapi";
import {
  compactResult,
  confirmKnown,
  knownAsRows,
  maxIssuesPerRow,
  maxRowsPerRequest,
  reconcile,
  reconcileRequestSchema,
  reconcileResultSchema,
} from "@pulsebridge/core";
import { requireRole } from "../../../auth/middleware.js";
import { allLiveClients } from "../../../db/queries/clients.js";
import { existingOf, loadBaseOf } from "../../../history/bases.js";
import { bodyCodes, problems } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { jsonBody, jsonResponse } from "../../../openapi/content.js";
import { exampleClient, exampleCore, exampleImportRow } from "../../../openapi/examples.js";
import { inScopeOf } from "../../../review/scope.js";

const route = createRoute({
  method: "post",
  path: "/reconcile",
  tags: ["reconcile"],
  operationId: "reconcile",
  summary:
    "Preview: import rows vs the cache → only in import, only in cache, matching (with differences), invalid",
  description:
    "Validates each row and matches it with the cached clients: by the row's `id` or " +
    "`sourceIds.adminpulseId` first, else enterprise number, national number, then name + " +
    "postcode. Rows carrying `version` (the changeSeq they were pulled at) get each difference's " +
    "`origin` (sheet, source, both, unknown). With `scope`, `onlyInTarget` lists only the clients " +
    "inside it. Stores nothing: push the chosen result with `POST /v1/imports`.\n\n" +
    "**At size (added 2026-12, compatible):** pulled rows the sheet has not changed can go in " +
    "`known` as id, version and fingerprint instead of every cell; rows the worker cannot " +
    'confirm come back in `resend` (send them in `rows`). `answer: "compact"` leaves the full ' +
    "records out of `matching[]` and `onlyInImport[]` (name, numbers and differences instead; " +
    "empty lists and defaults omitted). Without either, request and answer are as before. A " +
    "10,000-row review against a 10,000-client office then takes 2 requests and 4.3 MB " +
    "(BENCHMARKS.md); on Cloudflare the answer is also compressed by the platform.\n\nLimits: " +
    `${maxRowsPerRequest} rows and known rows together (400 \`validation_failed\`), refs unique ` +
    "per request across both (400 `duplicate_ref` naming both rows), at most " +
    `${maxIssuesPerRow} issues listed per row (the rest counted in \`issuesOmitted\`), ` +
    "MAX_IMPORT_BODY_BYTES (16 MiB) per request (413 " +
    "`payload_too_large`).",
  middleware: [requireRole("admin", "staff")] as const,
  request: {
    body: jsonBody(reconcileRequestSchema, { rows: [exampleImportRow] }),
  },
  responses: {
    200: jsonResponse("The comparison", reconcileResultSchema, {
      onlyInImport: [],
      onlyInTarget: [],
      matching: [
        {
          ref: "7",
          id: exampleClient.id,
          client: { ...exampleCore, email: "boekhouding@bakkerij-janssens.be" },
          existing: exampleCore,
          matchedOn: "enterpriseNumber",
          probable: false,
          version: exampleClient.changeSeq,
          currentVersion: exampleClient.changeSeq,
          differences: [
            {
              field: "email",
              imported: "boekhouding@bakkerij-janssens.be",
              existing: "info@bakkerij-janssens.be",
              origin: "sheet",
            },
          ],
          warnings: [],
        },
      ],
      invalid: [],
      duplicates: [],
    }),
    ...problems("forbidden", ...bodyCodes),
  },
});

export function registerReconcile(r: ReturnType<typeof createRouter>) {
  r.openapi(route, async (c) => {
    const { rows, known = [], scope, answer, onlyInTarget } = c.req.valid("json");
    const { officeId } = c.var.auth;
    const cached = await allLiveClients(c.var.db, officeId);
    const baseOf = await loadBaseOf(c.var.db, officeId, [...rows, ...knownAsRows(known)], cached);
    const existing = existingOf(cached);
    const confirmed = await confirmKnown(known, existing, baseOf);
    const today = new Date(c.var.services.now());
    const inScope = onlyInTarget === false ? () => false : inScopeOf(scope, cached);
    // Issues past maxIssuesPerRow are counted (`issuesOmitted`), not listed: the answer stays
    // proportional to the request (issue 11).
    const result = reconcile([...rows, ...confirmed.rows], existing, {
      today,
      baseOf,
      inScope,
      known: confirmed.clients,
      maxIssues: maxIssuesPerRow,
    });
    const resend = known.length > 0 ? { resend: confirmed.resend } : {};
    if (answer === "compact") return c.json({ ...compactResult(result), ...resend } as never, 200);
    return c.json({ ...result, ...resend }, 200);
  });
}
