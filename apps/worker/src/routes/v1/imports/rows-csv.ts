import { createRoute, z } from "@hono/zod-openapi";
import { anyRole } from "../../../auth/middleware.js";
import { problems } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { serviceContext } from "../../../lib/service-context.js";
import { importRowsCsv } from "../../../services/import-reads.js";
import { importIdParamSchema } from "./schema.js";

const route = createRoute({
  method: "get",
  path: "/imports/{id}/rows.csv",
  tags: ["imports"],
  operationId: "exportImportRowsCsv",
  summary: "An import's rows as CSV (formula-injection safe)",
  description:
    "One line per row with its outcome and issues, UTF-8 with a byte order mark. Cells that a " +
    "spreadsheet would run as a formula (starting with `=`, `@`, TAB, CR, or `+`/`-` followed by " +
    "more than a plain number) are prefixed with `'`; signed plain numbers such as phone numbers " +
    "(`+32 9 123 45 67`) are written unchanged, quoted. `separator=;` gives the separator Excel " +
    "expects in nl-BE and fr-BE; cells holding the separator are quoted.",
  middleware: [anyRole] as const,
  request: {
    params: importIdParamSchema,
    query: z.strictObject({
      separator: z
        .enum([",", ";"])
        .default(",")
        .describe("`;` for Excel in nl-BE and fr-BE, `,` (default) elsewhere."),
    }),
  },
  responses: {
    200: {
      description: "The rows as CSV",
      content: {
        "text/csv": {
          schema: z.string(),
          example:
            "ref,action,clientId,fields,kind,name,enterpriseNumber,nationalNumber,vatNumber," +
            "legalForm,language,email,phone,street,number,box,postalCode,city,country," +
            "generalMeetingDate,responsibleUser,issues\r\n" +
            "7,update,01J9Z8Q4R6W3T2Y7X5V1N0M8KP,email,company,Bakkerij Janssens BV,0403019261,," +
            "BE0403019261,BV,nl,boekhouding@bakkerij-janssens.be,+3232123456,Meir,12,,2000," +
            "Antwerpen,BE,2027-06-10,An Peeters,\r\n",
        },
      },
    },
    ...problems("validation_failed", "not_found"),
  },
});

export function registerImportRowsCsv(r: ReturnType<typeof createRouter>) {
  r.openapi(route, async (c) => {
    const { id } = c.req.valid("param");
    const csv = await importRowsCsv(serviceContext(c), id, c.req.valid("query").separator);
    c.header("Content-Disposition", `attachment; filename="import-${id}.csv"`);
    return c.body(csv, 200, { "Content-Type": "text/csv; charset=utf-8" });
  });
}
