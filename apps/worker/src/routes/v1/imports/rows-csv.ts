import { createRoute, z } from "@hono/zod-openapi";
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

const header = [
  "ref",
  "action",
  "clientId",
  "fields",
  "kind",
  "name",
  "enterpriseNumber",
  "nationalNumber",
  "vatNumber",
  "legalForm",
  "language",
  "email",
  "phone",
  "street",
  "number",
  "box",
  "postalCode",
  "city",
  "country",
  "generalMeetingDate",
  "responsibleUser",
  "issues",
];

export function registerImportRowsCsv(r: ReturnType<typeof createRouter>) {
  r.openapi(route, async (c) => {
    const { id } = c.req.valid("param");
    const { officeId } = c.var.auth;
    if (!(await getImport(c.var.db, officeId, id))) throw notFound();
    let out = csvLine(header);
    for (const rec of await allImportRows(c.var.db, officeId, id)) {
      const row = toRowResource(rec);
      const cl = row.client;
      const a = cl?.address;
      out += csvLine([
        row.ref,
        row.action,
        row.clientId,
        row.fields.join(";"),
        cl?.kind,
        cl?.name,
        cl?.enterpriseNumber,
        cl?.nationalNumber,
        cl?.vatNumber,
        cl?.legalForm,
        cl?.language,
        cl?.email,
        cl?.phone,
        a?.street,
        a?.number,
        a?.box,
        a?.postalCode,
        a?.city,
        a?.country,
        cl?.generalMeetingDate,
        cl?.responsibleUser?.name,
        row.issues.map((i) => `${i.field}:${i.code}`).join(";"),
      ]);
    }
    c.header("Content-Disposition", `attachment; filename="import-${id}.csv"`);
    return c.body(out, 200, { "Content-Type": "text/csv; charset=utf-8" });
  });
}
