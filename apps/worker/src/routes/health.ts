import { createRoute, z } from "@hono/zod-openapi";
import { publicProblems } from "../lib/problem-responses.js";
import type { createRouter } from "../lib/router.js";
import { jsonResponse } from "../openapi/content.js";

const route = createRoute({
  method: "get",
  path: "/health",
  tags: ["meta"],
  operationId: "getHealth",
  summary: "Liveness: the worker answers and reaches D1",
  description: "No key needed. `ok` is false when the database does not answer.",
  security: [],
  responses: {
    200: jsonResponse(
      "The worker answers",
      z.object({
        ok: z.boolean().describe("True when everything below is."),
        db: z.boolean().describe("The database answered `select 1`."),
      }),
      { ok: true, db: true },
    ),
    ...publicProblems("payload_too_large"),
  },
});

export function registerHealth(app: ReturnType<typeof createRouter>) {
  app.openapi(route, async (c) => {
    let db = true;
    try {
      await c.var.db.run("select 1");
    } catch {
      db = false;
    }
    return c.json({ ok: db, db }, 200);
  });
}
