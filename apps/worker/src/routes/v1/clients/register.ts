import { createRoute, z } from "@hono/zod-openapi";
import { type UiLanguage, uiLanguages } from "@pulsebridge/core";
import { clientRegisterResponseSchema } from "@pulsebridge/kbo/portable";
import { anyRole } from "../../../auth/middleware.js";
import { problems } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { serviceContext } from "../../../lib/service-context.js";
import { jsonResponse } from "../../../openapi/content.js";
import { exampleRegisterCheck } from "../../../openapi/examples.js";
import { registerLanguage } from "../../../register/language.js";
import { checkClient } from "../../../services/register.js";
import { clientIdParamSchema } from "./schema.js";

const route = createRoute({
  method: "get",
  path: "/clients/{id}/register",
  tags: ["register"],
  operationId: "checkClientRegister",
  summary: "Check one client against the KBO register (findings in the caller's language)",
  description:
    "Findings in `?lang=` or Accept-Language (nl, fr, en; default en), each with the register's value to take. Nothing is changed. The register's snapshot date comes with every check.",
  middleware: [anyRole, registerLanguage] as const,
  request: {
    params: clientIdParamSchema,
    query: z.strictObject({
      lang: z.enum(uiLanguages).optional().describe("Language of `localizedMessage`."),
    }),
  },
  responses: {
    200: jsonResponse("The check", clientRegisterResponseSchema, {
      data: exampleRegisterCheck,
    }),
    ...problems("validation_failed", "not_found"),
  },
});

export function registerGetClientRegister(r: ReturnType<typeof createRouter>) {
  r.openapi(route, async (c) => {
    const lang = c.get("language") as UiLanguage;
    const check = await checkClient(serviceContext(c), c.req.valid("param").id, lang);
    return c.json({ data: check }, 200);
  });
}
