import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, newOffice } from "../../test/harness.js";
import { runBatch } from "./batch.js";
import { insertImportStatement } from "./queries/imports.js";
import { imports } from "./schema/index.js";

describe("runBatch", () => {
  it("is all or nothing: a failing statement rolls back the import written before it", async () => {
    const office = await newOffice();
    const header = {
      officeId: office.officeId,
      id: "imp-1",
      idempotencyKey: "k",
      requestHash: "h",
      source: "excel",
      createdBy: "x",
      keyId: office.keyIds.staff,
      status: "accepted" as const,
      rowCount: 0,
      created: 0,
      updated: 0,
      unchanged: 0,
      rejected: 0,
      createdAt: 1,
    };
    await expect(
      runBatch(db, [
        insertImportStatement(db, header),
        db.run(sql`insert into no_such_table values (1)`),
      ]),
    ).rejects.toThrow();
    expect(await db.select().from(imports).where(eq(imports.officeId, office.officeId))).toEqual(
      [],
    );
    await runBatch(db, [insertImportStatement(db, header)]);
    expect(
      await db.select().from(imports).where(eq(imports.officeId, office.officeId)),
    ).toHaveLength(1);
  });
});
