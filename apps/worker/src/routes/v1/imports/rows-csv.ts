import { createRoute, z } from "@hono/zod-openapi";
import { csvFields, csvValue } from "@pulsebridge/core";
import { anyRole } from "../../../auth/middleware.js";
import { getImport } from "../../../db/queries/imports.js";
import { csvLine } from "../../../imports/csv.js";
import { notFound } from "../../../lib/errors.js";
import { problemResponses } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { allImportRows, toRowResource } from "./read.js";
import { importIdParamSchema } from "./schema.js";

const route = createRoute({
  method: "get",
  path: "/imports/{id}/rows.csv",
  tags: ["imports"],
  summary: "An import's rows as CSV (formula-injection safe)",
  middleware: [anyRole] as const,
  request: { params: importIdParamSchema },
  responses: {
    200: { description: "CSV", content: { "text/csv": { schema: z.string() } } },
    ...problemResponses,
  },
});

// The client's columns come from core's field table, so a new field reaches the CSV by itself.
const header = ["ref", "action", "clientId", "fields", ...csvFields.map((f) => f.key), "issues"];

export function registerImportRowsCsv(r: ReturnType<typeof createRouter>) {
  r.openapi(route, async (c) => {
    const { id } = c.req.valid("param");
    const { officeId } = c.var.auth;
    if (!(await getImport(c.var.db, officeId, id))) throw notFound();
    let out = csvLine(header);
    for (const rec of await allImportRows(c.var.db, officeId, id)) {
      const row = toRowResource(rec);
      out += csvLine([
        row.ref,
        row.action,
        row.clientId,
        row.fields.join(";"),
        ...csvFields.map((f) => csvValue(row.client, f.path)),
        row.issues.map((i) => `${i.field}:${i.code}`).join(";"),
      ]);
    }
    c.header("Content-Disposition", `attachment; filename="import-${id}.csv"`);
    return c.body(out, 200, { "Content-Type": "text/csv; charset=utf-8" });
  });
}
