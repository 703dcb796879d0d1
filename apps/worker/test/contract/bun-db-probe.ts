// Run by bun-db.test.ts with `bun run` (bun:sqlite exists only under Bun): exercises the Bun
// database seam on a fresh file and prints what it observed as one JSON line.
import { sql } from "drizzle-orm";
import { runBatch } from "../../src/db/batch.js";
import { createBunSqliteDb } from "../../src/db/bun-client.js";
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
  }),
);
