import { describe, expect, it } from "vitest";
import { call, harness, newOffice } from "../../../../test/harness.js";
import { runRouteSecurity } from "../../../../test/route-security.js";

describe("POST /v1/keys", () => {
  runRouteSecurity(harness, {
    method: "POST",
    path: () => "/v1/keys",
    allowed: ["admin"],
    body: () => ({ name: "tool", role: "service" }),
    badInputs: [
      { name: "unknown field", body: { name: "x", role: "staff", officeId: "other" } },
      { name: "wrong role", body: { name: "x", role: "root" } },
      { name: "wrong type", body: { name: 5, role: "staff" } },
      { name: "malformed JSON", rawBody: '{"name":' },
    ],
    oversizeBytes: 70_000,
  });

  it("shows the key once; it works, is stored hashed, listed by prefix, and audited", async () => {
    const h = harness();
    const office = await newOffice();
    const res = await call(h, "POST", "/v1/keys", {
      key: office.keys.admin,
      body: { name: "Power BI", role: "service" },
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; key: string; prefix: string; role: string };
    expect(created.key).toMatch(/^pb_[a-z0-9]{8}_[a-f0-9]{64}$/);
    expect(created.key.startsWith(`pb_${created.prefix}_`)).toBe(true);

    const me = await call(h, "GET", "/v1/me", { key: created.key });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({
      key: { id: created.id, role: "service", name: "Power BI" },
    });

    const list = (await (await call(h, "GET", "/v1/keys", { key: office.keys.admin })).json()) as {
      data: Record<string, unknown>[];
    };
    const listed = list.data.find((k) => k.id === created.id)!;
    expect(listed).toMatchObject({ prefix: created.prefix, role: "service" });
    expect(listed.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(list)).not.toContain(created.key.split("_")[2]);

    const audit = (await (
      await call(h, "GET", "/v1/audit", { key: office.keys.admin })
    ).json()) as {
      data: { action: string; target: string }[];
    };
    expect(audit.data).toContainEqual(
      expect.objectContaining({ action: "key.created", target: created.id }),
    );
  });
});

describe("DELETE /v1/keys/{id}", () => {
  runRouteSecurity(harness, {
    method: "DELETE",
    path: ({ seed }) => `/v1/keys/${seed.id}`,
    allowed: ["admin"],
    ownsResource: true,
    setup: async (_h, office) => ({ id: office.keyIds.service }),
  });

  it("revokes at once (401 afterwards), audits, and a second revoke is a 404", async () => {
    const h = harness();
    const office = await newOffice();
    expect((await call(h, "GET", "/v1/me", { key: office.keys.staff })).status).toBe(200);
    const del = await call(h, "DELETE", `/v1/keys/${office.keyIds.staff}`, {
      key: office.keys.admin,
    });
    expect(del.status).toBe(204);
    expect((await call(h, "GET", "/v1/me", { key: office.keys.staff })).status).toBe(401);
    expect(
      (await call(h, "DELETE", `/v1/keys/${office.keyIds.staff}`, { key: office.keys.admin }))
        .status,
    ).toBe(404);
    const audit = (await (
      await call(h, "GET", "/v1/audit", { key: office.keys.admin })
    ).json()) as {
      data: { action: string; target: string }[];
    };
    expect(audit.data).toContainEqual(
      expect.objectContaining({ action: "key.revoked", target: office.keyIds.staff }),
    );
  });
});

describe("the office's last admin key (issue 11)", () => {
  it("cannot be revoked (409 last_admin_key); once another admin key exists it can", async () => {
    const h = harness();
    const office = await newOffice();
    const refused = await call(h, "DELETE", `/v1/keys/${office.keyIds.admin}`, {
      key: office.keys.admin,
    });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { code: string }).code).toBe("last_admin_key");
    expect((await call(h, "GET", "/v1/me", { key: office.keys.admin })).status).toBe(200);

    const second = (await (
      await call(h, "POST", "/v1/keys", {
        key: office.keys.admin,
        body: { role: "admin", name: "Second admin" },
      })
    ).json()) as { id: string; key: string };
    const ok = await call(h, "DELETE", `/v1/keys/${office.keyIds.admin}`, { key: second.key });
    expect(ok.status).toBe(204);
    // Now the second is the last one.
    const again = await call(h, "DELETE", `/v1/keys/${second.id}`, { key: second.key });
    expect(again.status).toBe(409);
    expect((await call(h, "GET", "/v1/me", { key: second.key })).status).toBe(200);
  });

  it("two admins revoking each other at once leave one admin key", async () => {
    const h = harness();
    const office = await newOffice();
    const second = (await (
      await call(h, "POST", "/v1/keys", {
        key: office.keys.admin,
        body: { role: "admin", name: "Second admin" },
      })
    ).json()) as { id: string; key: string };
    const [a, b] = await Promise.all([
      call(h, "DELETE", `/v1/keys/${second.id}`, { key: office.keys.admin }),
      call(h, "DELETE", `/v1/keys/${office.keyIds.admin}`, { key: second.key }),
    ]);
    expect([a.status, b.status].sort()).toEqual([204, 409]);
  });
});

describe("GET /v1/keys", () => {
  runRouteSecurity(harness, { method: "GET", path: () => "/v1/keys", allowed: ["admin"] });

  it("lists only the caller's office", async () => {
    const h = harness();
    const a = await newOffice();
    const b = await newOffice();
    const list = (await (await call(h, "GET", "/v1/keys", { key: a.keys.admin })).json()) as {
      data: { id: string }[];
    };
    expect(list.data.map((k) => k.id).sort()).toEqual(Object.values(a.keyIds).sort());
    expect(list.data.map((k) => k.id)).not.toContain(b.keyIds.admin);
  });
});
