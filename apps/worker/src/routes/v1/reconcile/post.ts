import { createRoute } from "@hono/zod-openapi";
import { reconcile, reconcileRequestSchema, reconcileResultSchema } from "@pulsebridge/core";
import { requireRole } from "../../../auth/middleware.js";
import { allLiveClients, toClient } from "../../../db/queries/clients.js";
import { bodyCodes, problems } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { jsonBody, jsonResponse } from "../../../openapi/content.js";
import { exampleClient, exampleCore, exampleImportRow } from "../../../openapi/examples.js";

const route = createRoute({
  method: "post",
  path: "/reconcile",
  tags: ["reconcile"],
  operationId: "reconcile",
  summary:
    "Preview: import rows vs the cache → only in import, only in cache, matching (with differences), invalid",
  description:
    "Validates each row and matches it with the cached clients (enterprise number, national " +
    "number, then name + postcode). Stores nothing: push the chosen result with `POST /v1/imports`.",
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
    const { rows } = c.req.valid("json");
    const cached = await allLiveClients(c.var.db, c.var.auth.officeId);
    const existing = cached.map((row) => ({ id: row.id, client: toClient(row) }));
    return c.json(reconcile(rows, existing, { today: new Date(c.var.services.now()) }), 200);
  });
}
