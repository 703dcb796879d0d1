import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  call,
  db,
  type Harness,
  harness,
  newOffice,
  type Office,
} from "../../../../test/harness.js";
import { runRouteSecurity } from "../../../../test/route-security.js";
import { auditEvents, webhookEndpoints } from "../../../db/schema/index.js";

const hook = "https://hooks.example.be/pulsebridge";

async function register(h: Harness, office: Office, body: Record<string, unknown> = {}) {
  const res = await call(h, "POST", "/v1/webhooks", {
    key: office.keys.admin,
    body: { url: hook, events: ["clients.changed"], ...body },
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; secret: string; url: string; enabled: boolean };
}

const setupEndpoint = async (h: Harness, office: Office) => ({
  id: (await register(h, office)).id,
});

describe("POST /v1/webhooks", () => {
  runRouteSecurity(harness, {
    method: "POST",
    path: () => "/v1/webhooks",
    allowed: ["admin"],
    body: () => ({ url: hook, events: ["clients.changed"] }),
    badInputs: [
      { name: "no events", body: { url: hook, events: [] } },
      { name: "unknown event", body: { url: hook, events: ["clients.exploded"] } },
      { name: "an event twice", body: { url: hook, events: ["sync.failed", "sync.failed"] } },
      { name: "unknown field", body: { url: hook, events: ["sync.failed"], officeId: "x" } },
      { name: "URL not a string", body: { url: 5, events: ["sync.failed"] } },
      { name: "malformed JSON", rawBody: '{"url":' },
    ],
    oversizeBytes: 70_000,
  });

  it("shows the secret once; it is stored sealed, never listed, never audited", async () => {
    const h = harness();
    const office = await newOffice();
    const created = await register(h, office, { description: "CRM" });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const secretBody = created.secret.slice(6);

    const [row] = await db
      .select()
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.id, created.id));
    expect(JSON.stringify(row)).not.toContain(secretBody);
    // Sealed with the office and endpoint bound in: it opens with that binding only.
    const sealed = {
      ciphertext: row!.secretCiphertext,
      iv: row!.secretIv,
      keyId: row!.secretKeyId,
    };
    const ctx = { officeId: office.officeId, kind: `webhook:${created.id}` };
    expect(await h.services.cipher.open(sealed, ctx)).toBe(created.secret);
    await expect(h.services.cipher.open(sealed, { ...ctx, officeId: "other" })).rejects.toThrow();

    for (const path of ["/v1/webhooks", `/v1/webhooks/${created.id}`, "/v1/audit"]) {
      const text = await (await call(h, "GET", path, { key: office.keys.admin })).text();
      expect(text).not.toContain(secretBody);
    }
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.target, created.id));
    expect(audit.map((a) => a.action)).toEqual(["webhook.created"]);
  });

  it.each([
    ["http://hooks.example.be/x", "https only"],
    ["https://10.1.2.3/x", "private"],
    ["https://169.254.169.254/latest/meta-data", "private"],
    ["https://127.0.0.1:8443/x", "loopback"],
    ["http://127.0.0.1:4567/x", "https only"],
  ])("refuses %s with 400 webhook_url_refused naming the rule", async (url, reason) => {
    const h = harness();
    const office = await newOffice();
    const res = await call(h, "POST", "/v1/webhooks", {
      key: office.keys.admin,
      body: { url, events: ["clients.changed"] },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as {
      code: string;
      errors: { field: string; message: string }[];
    };
    expect(body.code).toBe("webhook_url_refused");
    expect(body.errors[0]!.field).toBe("url");
    expect(body.errors[0]!.message).toContain(reason);
  });

  it("accepts plain http to loopback only when the server allows it (development)", async () => {
    const h = harness({ config: { WEBHOOK_ALLOW_LOOPBACK_HTTP: "1" } });
    const office = await newOffice();
    const created = await register(h, office, { url: "http://127.0.0.1:4567/hook" });
    expect(created.url).toBe("http://127.0.0.1:4567/hook");
  });

  it("stops at WEBHOOK_MAX_ENDPOINTS with 409 webhook_limit_reached", async () => {
    const h = harness({ config: { WEBHOOK_MAX_ENDPOINTS: "2" } });
    const office = await newOffice();
    await register(h, office);
    await register(h, office);
    const res = await call(h, "POST", "/v1/webhooks", {
      key: office.keys.admin,
      body: { url: hook, events: ["clients.changed"] },
    });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { code: string }).code).toBe("webhook_limit_reached");
    // Another office has its own allowance.
    await register(h, await newOffice());
  });
});

describe("GET /v1/webhooks", () => {
  runRouteSecurity(harness, { method: "GET", path: () => "/v1/webhooks", allowed: ["admin"] });

  it("lists only the caller's office", async () => {
    const h = harness();
    const a = await newOffice();
    const b = await newOffice();
    const mine = await register(h, a);
    await register(h, b);
    const list = (await (await call(h, "GET", "/v1/webhooks", { key: a.keys.admin })).json()) as {
      data: { id: string }[];
    };
    expect(list.data.map((e) => e.id)).toEqual([mine.id]);
  });
});

describe("GET /v1/webhooks/{id}", () => {
  runRouteSecurity(harness, {
    method: "GET",
    path: ({ seed }) => `/v1/webhooks/${seed.id}`,
    allowed: ["admin"],
    ownsResource: true,
    setup: setupEndpoint,
  });
});

describe("PATCH /v1/webhooks/{id}", () => {
  runRouteSecurity(harness, {
    method: "PATCH",
    path: ({ seed }) => `/v1/webhooks/${seed.id}`,
    allowed: ["admin"],
    ownsResource: true,
    setup: setupEndpoint,
    body: () => ({ enabled: false }),
    badInputs: [
      { name: "empty change", body: {} },
      { name: "unknown field", body: { secret: "whsec_x" } },
      { name: "enabled not a boolean", body: { enabled: "no" } },
    ],
  });

  it("pauses and resumes, changes events and URL (checked again), and audits each", async () => {
    const h = harness();
    const office = await newOffice();
    const { id } = await register(h, office);
    const patch = (body: unknown) =>
      call(h, "PATCH", `/v1/webhooks/${id}`, { key: office.keys.admin, body });

    const paused = (await (await patch({ enabled: false })).json()) as Record<string, unknown>;
    expect(paused).toMatchObject({ enabled: false, disabledReason: "admin" });
    const resumed = (await (
      await patch({ enabled: true, events: ["sync.failed"] })
    ).json()) as Record<string, unknown>;
    expect(resumed).toMatchObject({ enabled: true, disabledReason: null, events: ["sync.failed"] });
    const refused = await patch({ url: "https://192.168.0.10/hook" });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { code: string }).code).toBe("webhook_url_refused");
    expect(((await (await patch({ url: `${hook}/v2` })).json()) as { url: string }).url).toBe(
      `${hook}/v2`,
    );
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.target, id));
    expect(audit.filter((a) => a.action === "webhook.updated")).toHaveLength(3);
  });
});

describe("DELETE /v1/webhooks/{id}", () => {
  runRouteSecurity(harness, {
    method: "DELETE",
    path: ({ seed }) => `/v1/webhooks/${seed.id}`,
    allowed: ["admin"],
    ownsResource: true,
    setup: setupEndpoint,
  });

  it("deletes (404 afterwards) and audits", async () => {
    const h = harness();
    const office = await newOffice();
    const { id } = await register(h, office);
    const del = await call(h, "DELETE", `/v1/webhooks/${id}`, { key: office.keys.admin });
    expect(del.status).toBe(204);
    const again = await call(h, "GET", `/v1/webhooks/${id}`, { key: office.keys.admin });
    expect(again.status).toBe(404);
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.target, id));
    expect(audit.map((a) => a.action)).toContain("webhook.deleted");
  });
});

describe("POST /v1/webhooks/{id}/rotate-secret", () => {
  runRouteSecurity(harness, {
    method: "POST",
    path: ({ seed }) => `/v1/webhooks/${seed.id}/rotate-secret`,
    allowed: ["admin"],
    ownsResource: true,
    setup: setupEndpoint,
  });

  it("returns a new secret once, and the stored one is the new one", async () => {
    const h = harness();
    const office = await newOffice();
    const created = await register(h, office);
    const res = await call(h, "POST", `/v1/webhooks/${created.id}/rotate-secret`, {
      key: office.keys.admin,
    });
    expect(res.status).toBe(200);
    const { secret } = (await res.json()) as { secret: string };
    expect(secret).not.toBe(created.secret);
    const [row] = await db
      .select()
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.id, created.id));
    const sealed = {
      ciphertext: row!.secretCiphertext,
      iv: row!.secretIv,
      keyId: row!.secretKeyId,
    };
    expect(
      await h.services.cipher.open(sealed, {
        officeId: office.officeId,
        kind: `webhook:${created.id}`,
      }),
    ).toBe(secret);
  });
});

describe("GET /v1/webhooks/{id}/deliveries", () => {
  runRouteSecurity(harness, {
    method: "GET",
    path: ({ seed }) => `/v1/webhooks/${seed.id}/deliveries`,
    allowed: ["admin"],
    ownsResource: true,
    setup: setupEndpoint,
  });
});

describe("POST /v1/webhooks/{id}/deliveries/{deliveryId}/redeliver", () => {
  runRouteSecurity(harness, {
    method: "POST",
    path: ({ seed }) => `/v1/webhooks/${seed.id}/deliveries/${seed.deliveryId}/redeliver`,
    allowed: ["admin"],
    ownsResource: true,
    setup: async (h, office) => {
      const { id } = await register(h, office, { events: ["import.pushed"] });
      const { emitStatement } = await import("../../../webhooks/events.js");
      const { runBatch } = await import("../../../db/batch.js");
      await runBatch(db, [
        emitStatement(db, {
          officeId: office.officeId,
          type: "import.pushed",
          now: Date.now(),
          data: { importId: "i1" },
        }),
      ]);
      const log = (await (
        await call(h, "GET", `/v1/webhooks/${id}/deliveries`, { key: office.keys.admin })
      ).json()) as { data: { id: string }[] };
      return { id, deliveryId: log.data[0]!.id };
    },
  });
});
