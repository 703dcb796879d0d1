import { createRoute } from "@hono/zod-openapi";
import { taskTemplateListResponseSchema } from "@pulsebridge/core";
import { anyRole } from "../../../auth/middleware.js";
import { taskTemplateCounts } from "../../../db/queries/clients.js";
import { problems } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { jsonResponse } from "../../../openapi/content.js";

const route = createRoute({
  method: "get",
  path: "/task-templates",
  tags: ["clients"],
  operationId: "listTaskTemplates",
  summary: "Task templates in use, with how many cached clients have each",
  description: "For the `taskTemplate` filter of `GET /v1/clients`.",
  middleware: [anyRole] as const,
  responses: {
    200: jsonResponse("The task templates", taskTemplateListResponseSchema, {
      data: [{ name: "Jaarafsluiting", clientCount: 412 }],
    }),
    ...problems(),
  },
});

export function registerTaskTemplates(r: ReturnType<typeof createRouter>) {
  r.openapi(route, async (c) => {
    const data = await taskTemplateCounts(c.var.db, c.var.auth.officeId);
    return c.json(
      { data: data.map((d) => ({ name: d.name, clientCount: Number(d.clientCount) })) },
      200,
    );
  });
}
