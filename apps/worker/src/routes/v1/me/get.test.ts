import { describe, expect, it } from "vitest";
import { call, connect, harness, newOffice } from "../../../../test/harness.js";
import { runRouteSecurity } from "../../../../test/route-security.js";

describe("GET /v1/me", () => {
  runRouteSecurity(harness, {
    method: "GET",
    path: () => "/v1/me",
    allowed: ["admin", "staff", "service"],
    badInputs: [],
  });

  it("names the office, the key and the connection (never the token)", async () => {
    const h = harness();
    const office = await newOffice("Kantoor Peeters");
    const before = (await (
      await call(h, "GET", "/v1/me", { key: office.keys.staff })
    ).json()) as Record<string, unknown>;
    expect(before).toEqual({
      office: { id: office.officeId, name: "Kantoor Peeters" },
      key: {
        id: office.keyIds.staff,
        prefix: office.keys.staff.slice(3, 11),
        role: "staff",
        name: "staff key",
      },
      adminpulse: { connected: false, status: null, reason: null, expiresAt: null, expiry: null },
    });
    await connect(h, office, "very-secret-adminpulse-token");
    const res = await call(h, "GET", "/v1/me", { key: office.keys.service });
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({
      adminpulse: { connected: true, status: "active", reason: null },
    });
    expect(text).not.toContain("very-secret");
  });
});
