import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { call, db, harness, newOffice } from "../../../../test/harness.js";
import { runRouteSecurity } from "../../../../test/route-security.js";
import { connections } from "../../../db/schema/index.js";

describe("PUT /v1/connection", () => {
  runRouteSecurity(harness, {
    method: "PUT",
    path: () => "/v1/connection",
    allowed: ["admin"],
    body: () => ({ kind: "token", token: "abcdefgh12345" }),
    badInputs: [
      { name: "unknown field", body: { kind: "token", token: "abcdefgh12345", extra: 1 } },
      { name: "unknown kind", body: { kind: "basic", token: "abcdefgh12345" } },
      {
        name: "bad expiry",
        body: { kind: "token", token: "abcdefgh12345", expiresAt: "tomorrow" },
      },
      { name: "SQL-looking token too short", body: { kind: "token", token: "'; --" } },
    ],
    oversizeBytes: 70_000,
  });

  it("stores the token AES-GCM encrypted (fresh IV each write), reports expiry, never returns it", async () => {
    const h = harness();
    const office = await newOffice();
    const token = "ap-token-0123456789-secret";
    const expiresAt = new Date(h.clock.t + 5 * 86_400_000).toISOString();
    const put = await call(h, "PUT", "/v1/connection", {
      key: office.keys.admin,
      body: { kind: "token", token, expiresAt },
    });
    expect(put.status).toBe(200);
    const putText = await put.text();
    expect(putText).not.toContain(token);
    expect(JSON.parse(putText)).toMatchObject({
      connected: true,
      status: "active",
      expiresAt,
      expiresSoon: true,
    });

    const row1 = (
      await db.select().from(connections).where(eq(connections.officeId, office.officeId))
    )[0]!;
    expect(row1.ciphertext).not.toContain(token);
    expect(atob(row1.ciphertext)).not.toContain(token);
    expect(
      await h.services.cipher.open(row1, { officeId: office.officeId, kind: row1.kind }),
    ).toContain(token);

    await call(h, "PUT", "/v1/connection", {
      key: office.keys.admin,
      body: { kind: "token", token },
    });
    const row2 = (
      await db.select().from(connections).where(eq(connections.officeId, office.officeId))
    )[0]!;
    expect(row2.iv).not.toBe(row1.iv);

    const get = await call(h, "GET", "/v1/connection", { key: office.keys.admin });
    const getText = await get.text();
    expect(getText).not.toContain(token);
    expect(JSON.parse(getText)).toMatchObject({ connected: true, kind: "token", expiresAt: null });

    h.clock.t += 10 * 86_400_000;
    const audit = await (await call(h, "GET", "/v1/audit", { key: office.keys.admin })).text();
    expect(audit).toContain("connection.set");
    expect(audit).not.toContain(token);
  });

  it("an expired credential is reported as expired", async () => {
    const h = harness();
    const office = await newOffice();
    const expiresAt = new Date(h.clock.t + 1000).toISOString();
    await call(h, "PUT", "/v1/connection", {
      key: office.keys.admin,
      body: { kind: "token", token: "abcdefgh12345", expiresAt },
    });
    h.clock.t += 2000;
    const get = (await (
      await call(h, "GET", "/v1/connection", { key: office.keys.admin })
    ).json()) as Record<string, unknown>;
    expect(get.status).toBe("expired");
  });
});

describe("GET/DELETE /v1/connection", () => {
  runRouteSecurity(harness, { method: "GET", path: () => "/v1/connection", allowed: ["admin"] });
  runRouteSecurity(harness, { method: "DELETE", path: () => "/v1/connection", allowed: ["admin"] });

  it("delete removes it; a second delete is a 404", async () => {
    const h = harness();
    const office = await newOffice();
    await call(h, "PUT", "/v1/connection", {
      key: office.keys.admin,
      body: { kind: "token", token: "abcdefgh12345" },
    });
    expect((await call(h, "DELETE", "/v1/connection", { key: office.keys.admin })).status).toBe(
      204,
    );
    expect((await call(h, "DELETE", "/v1/connection", { key: office.keys.admin })).status).toBe(
      404,
    );
    const get = (await (
      await call(h, "GET", "/v1/connection", { key: office.keys.admin })
    ).json()) as Record<string, unknown>;
    expect(get.connected).toBe(false);
  });
});
