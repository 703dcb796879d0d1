/**
 * The read floor on Bun (issue 17): a bare `Bun.serve` + `bun:sqlite` on the app's own SQLite file,
 * one indexed select per read and `Response.json` of the rows. Started by `bench/read-floor.mjs`.
 */
import { Database } from "bun:sqlite";
import { floorQueries } from "./queries.mjs";

const q = floorQueries as Record<"list" | "one" | "enterprise" | "changes", string>;
const db = new Database(process.env.DATABASE_PATH!, { readonly: true });
const stmt = {
  list: db.query(q.list),
  one: db.query(q.one),
  enterprise: db.query(q.enterprise),
  changes: db.query(q.changes),
};

const server = Bun.serve({
  hostname: "127.0.0.1",
  port: Number(process.env.PORT ?? 0),
  fetch(req) {
    const url = new URL(req.url);
    const o = url.searchParams.get("o") ?? "";
    const [, what, arg] = url.pathname.split("/");
    if (what === "health") return new Response("ok");
    if (what === "list") return Response.json(stmt.list.all(o));
    if (what === "one") return Response.json(stmt.one.get(o, arg ?? ""));
    if (what === "enterprise") return Response.json(stmt.enterprise.get(o, arg ?? ""));
    if (what === "changes")
      return Response.json(stmt.changes.all(o, Number(url.searchParams.get("cursor") ?? 0)));
    return new Response("not found", { status: 404 });
  },
});
console.log(`listening ${server.port}`);
