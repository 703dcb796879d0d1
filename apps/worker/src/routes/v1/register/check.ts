import { createRoute, z } from "@hono/zod-openapi";
import { type UiLanguage, uiLanguages } from "@pulsebridge/core";
import {
  REGISTER_BULK_MAX,
  registerBulkRequestSchema,
  registerBulkResponseSchema,
} from "@pulsebridge/kbo/portable";
import { anyRole } from "../../../auth/middleware.js";
import { bodyCodes, problems } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { serviceContext } from "../../../lib/service-context.js";
import { jsonBody, jsonResponse } from "../../../openapi/content.js";
import { exampleClient, exampleRegisterCheck } from "../../../openapi/examples.js";
import { smallBodyLimit } from "../../../openapi/limits.js";
import { registerLanguage } from "../../../register/language.js";
import { checkClients } from "../../../services/register.js";

const route = createRoute({
  method: "post",
  path: "/register/check",
  tags: ["register"],
  operationId: "checkRegister",
  summary: "Check up to 1,000 of the office's clients against the KBO register in one call",
  description:
    "For the Excel add-in's pulled rows. Ids that are not this office's live clients come back in " +
    "`notFound` (another office's ids look exactly like unknown ones). Read-only: nothing is " +
    `changed. Limits: 1–${REGISTER_BULK_MAX} ids a request (400 \`validation_failed\`). ${smallBodyLimit}`,
  middleware: [anyRole, registerLanguage] as const,
  request: {
    query: z.strictObject({
      lang: z.enum(uiLanguages).optional().describe("Language of `localizedMessage`."),
    }),
    body: jsonBody(registerBulkRequestSchema, { ids: [exampleClient.id] }),
  },
  responses: {
    200: jsonResponse("The checks", registerBulkResponseSchema, {
      snapshotDate: "2026-11-01",
      lang: "en",
      data: [exampleRegisterCheck],
      notFound: [],
    }),
    ...problems(...bodyCodes),
  },
});

export function registerBulkCheck(r: ReturnType<typeof createRouter>) {
  r.openapi(route, async (c) => {
    const lang = c.get("language") as UiLanguage;
    return c.json(await checkClients(serviceContext(c), c.req.valid("json").ids, lang), 200);
  });
}
