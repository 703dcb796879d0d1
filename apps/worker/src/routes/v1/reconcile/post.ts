import { createRoute } from "@hono/zod-openapi";
import {
  maxIssuesPerRow,
  maxLinksPerRequest,
  maxRowsPerRequest,
  reconcileRequestSchema,
  reconcileResultSchema,
} from "@pulsebridge/core";
import { requireRole } from "../../../auth/middleware.js";
import { importBody } from "../../../imports/body.js";
import { jsonStream } from "../../../lib/json-stream.js";
import { bodyCodes, problems } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { serviceContext } from "../../../lib/service-context.js";
import { jsonBody, jsonResponse } from "../../../openapi/content.js";
import { exampleClient, exampleCore, exampleImportRow } from "../../../openapi/examples.js";
import { reviewRows } from "../../../services/reconcile.js";

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
    "per request across both (400 `duplicate_ref` naming both rows), " +
    `${maxLinksPerRequest} links in all rows together (\`maxLinksPerRequest\`; 413 ` +
    "`payload_too_large` with `errors[].code` `too_many_links`, its `field` and `ref` naming the " +
    "row that passes the cap: send the rows in several requests), at most " +
    `${maxIssuesPerRow} issues listed per row (the rest counted in \`issuesOmitted\`), ` +
    "MAX_IMPORT_BODY_BYTES (16 MiB) per request (413 " +
    "`payload_too_large`).",
  middleware: [requireRole("admin", "staff"), importBody] as const,
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
    const answer = await reviewRows(serviceContext(c), c.req.valid("json"));
    // Written as the client reads it, not as one string (lib/json-stream.ts: a full answer of
    // 10,000 rows is ~23 MB of JSON).
    return c.body(jsonStream(answer), 200, { "content-type": "application/json" }) as never;
  });
}
