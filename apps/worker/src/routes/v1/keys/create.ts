import { createRoute } from "@hono/zod-openapi";
import { requireRole } from "../../../auth/middleware.js";
import { bodyCodes, problems } from "../../../lib/problem-responses.js";
import type { createRouter } from "../../../lib/router.js";
import { serviceContext } from "../../../lib/service-context.js";
import { jsonBody, jsonResponse } from "../../../openapi/content.js";
import { smallBodyLimit } from "../../../openapi/limits.js";
import { createKey } from "../../../services/keys.js";
import { createdKeySchema, createKeyBodySchema, exampleKey, toKeyResource } from "./schema.js";

const route = createRoute({
  method: "post",
  path: "/keys",
  tags: ["keys"],
  operationId: "createKey",
  summary: "Create an API key (shown once)",
  description:
    "Creates a key for this office with a role: `admin` (everything), `staff` (read, sync, push " +
    "imports) or `service` (read only). The full key is in this response only; the server keeps " +
    `its hash. Audited as \`key.created\`. ${smallBodyLimit}`,
  middleware: [requireRole("admin")] as const,
  request: {
    body: jsonBody(createKeyBodySchema, { name: "CRM export", role: "service" }),
  },
  responses: {
    201: jsonResponse("Created; `key` is shown this once", createdKeySchema, {
      ...exampleKey,
      lastUsedAt: null,
      key: "pb_k7d2x9qa_V3ryS3cr3tV4lu3Th4tIsSh0wnOnc3xx",
    }),
    ...problems("forbidden", ...bodyCodes),
  },
});

export function registerCreateKey(r: ReturnType<typeof createRouter>) {
  r.openapi(route, async (c) => {
    const { key, row } = await createKey(serviceContext(c), c.req.valid("json"));
    return c.json({ ...toKeyResource(row), key }, 201);
  });
}
