import { describe, expect, it } from "vitest";
import { call, harness, newOffice } from "../../../../test/harness.js";
import { runRouteSecurity } from "../../../../test/route-security.js";

describe("GET /v1/audit", () => {
  runRouteSecurity(harness, {
    method: "GET",
    path: () => "/v1/audit",
    allowed: ["admin"],
    badInputs: [
      { name: "forged cursor", path: "/v1/audit?cursor=WyJ4Il0" },
      { name: "unknown field", path: "/v1/audit?office=1" },
    ],
  });

  it("pages newest first and holds only this office's events", async () => {
    const h = harness();
    const office = await newOffice();
    const other = await newOffice();
    for (let i = 0; i < 5; i++) {
      h.clock.t += 1000;
      await call(h, "POST", "/v1/keys", {
        key: office.keys.admin,
        body: { name: `k${i}`, role: "service" },
      });
    }
    await call(h, "POST", "/v1/keys", {
      key: other.keys.admin,
      body: { name: "theirs", role: "service" },
    });
    const names: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await call(h, "GET", `/v1/audit?limit=2${cursor ? `&cursor=${cursor}` : ""}`, {
        key: office.keys.admin,
      });
      const body = (await res.json()) as {
        data: { details: { name: string } }[];
        nextCursor: string | null;
      };
      names.push(...body.data.map((e) => e.details.name));
      cursor = body.nextCursor;
    } while (cursor);
    expect(names).toEqual(["k4", "k3", "k2", "k1", "k0"]);
  });
});
