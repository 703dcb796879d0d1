// Run by bun-db.test.ts with `bun run` (bun:sqlite exists only under Bun): exercises the Bun
// database seam on a fresh file and prints what it observed as one JSON line.
import { sql } from "drizzle-orm";
import { runBatch } from "../../src/db/batch.js";
import { createBunSqliteDb } from "../../src/db/bun-client.js";
import { bound } from "../../src/db/prepared.js";
import { insertImportStatement } from "../../src/db/queries/imports.js";
import { createOffice } from "../../src/db/queries/offices.js";
import { imports } from "../../src/db/schema/index.js";
import { applyMigrations, openDatabase } from "../../src/runtime/bun.js";

const file = process.argv[2]!;
const client = openDatabase(file);
const firstApply = applyMigrations(client);
const secondApply = applyMigrations(client);
const recorded = client.query<{ name: string }>("select name from d1_migrations order by id").all();
const db = createBunSqliteDb(client);

await createOffice(db, { id: "o1", name: "Probe", now: 1 });
const header = {
  officeId: "o1",
  id: "imp-1",
  idempotencyKey: "k",
  requestHash: "h",
  source: "excel",
  createdBy: "x",
  keyId: "key-1",
  status: "accepted" as const,
  rowCount: 0,
  created: 0,
  updated: 0,
  unchanged: 0,
  rejected: 0,
  createdAt: 1,
};
const count = async () => (await db.select().from(imports)).length;

// A raw statement that is built but never run must not write (drizzle's sync mode would).
void db.run(sql`update offices set name = 'changed' where id = 'o1'`);
const nameAfterBuild = client.query<{ name: string }>("select name from offices").get()?.name;

let rollbackError = "";
try {
  await runBatch(db, [
    insertImportStatement(db, header),
    db.run(sql`insert into no_such_table values (1)`),
  ]);
} catch (e) {
  rollbackError = String(e);
}
const afterFailedBatch = await count();
let fkError = "";
try {
  await runBatch(db, [insertImportStatement(db, { ...header, id: "imp-2", officeId: "nobody" })]);
} catch (e) {
  fkError = String(e);
}
await runBatch(db, [insertImportStatement(db, header)]);
const afterGoodBatch = await count();
const rawRows = await db.all<{ n: number }>(sql`select count(*) as n from imports`);
// `db.$first` (bun-first.ts) returns what Drizzle's own `get` returns — keys, decoders (an SQL chunk
// mapped to a boolean), nulls — synchronously; a miss is undefined.
const firstQuery = db
  .select({
    id: imports.id,
    rows: imports.rowCount,
    status: imports.status,
    empty: sql<boolean>`${imports.rowCount} = 0`.mapWith(Boolean),
    none: sql<null>`null`,
  })
  .from(imports)
  .where(
    sql`${imports.officeId} = ${sql.placeholder("office")} and ${imports.id} = ${sql.placeholder("id")}`,
  )
  .prepare();
const firstValues = { office: "o1", id: "imp-1" };
const firstRow = db.$first(bound(firstQuery, firstValues));
const first = {
  sync: !(firstRow instanceof Promise),
  row: firstRow,
  drizzle: await firstQuery.get(firstValues),
  miss: db.$first(bound(firstQuery, { office: "o1", id: "nope" })) ?? "undefined",
};

client.close();

console.log(
  JSON.stringify({
    firstApply,
    secondApply,
    recorded: recorded.map((r) => r.name),
    nameAfterBuild,
    rollbackError,
    afterFailedBatch,
    fkError,
    afterGoodBatch,
    rawRows,
    first,
  }),
);
