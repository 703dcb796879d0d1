import { createRoute, z } from "@hono/zod-openapi";
import type { createRouter } from "../lib/router.js";

const route = createRoute({
  method: "get",
  path: "/health",
  tags: ["meta"],
  summary: "Liveness: the worker answers and reaches D1",
  responses: {
    200: {
      description: "OK",
      content: { "application/json": { schema: z.object({ ok: z.boolean(), db: z.boolean() }) } },
    },
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
