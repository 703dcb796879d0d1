/**
 * The read floor on workerd (issue 17): a bare Hono app on the same `wrangler dev` and the same
 * local D1 file as the app, answering each read with ONE indexed select and `c.json` of the rows.
 * The app's read endpoints are measured against it in the same run (`bench/read-floor.mjs`).
 */
import { Hono } from "hono";
import { floorQueries } from "./queries.mjs";

type Env = { DB: D1Database };
const q = floorQueries as Record<"list" | "one" | "enterprise" | "changes", string>;
const app = new Hono<{ Bindings: Env }>();
const office = (c: { req: { query: (k: string) => string | undefined } }) => c.req.query("o") ?? "";

app.get("/health", (c) => c.text("ok"));
app.get("/list", async (c) =>
  c.json((await c.env.DB.prepare(q.list).bind(office(c)).all()).results),
);
app.get("/one/:id", async (c) =>
  c.json(await c.env.DB.prepare(q.one).bind(office(c), c.req.param("id")).first()),
);
app.get("/enterprise/:n", async (c) =>
  c.json(await c.env.DB.prepare(q.enterprise).bind(office(c), c.req.param("n")).first()),
);
app.get("/changes", async (c) =>
  c.json(
    (
      await c.env.DB.prepare(q.changes)
        .bind(office(c), Number(c.req.query("cursor") ?? 0))
        .all()
    ).results,
  ),
);

export default app;
