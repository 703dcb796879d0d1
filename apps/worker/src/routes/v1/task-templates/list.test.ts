import { describe, expect, it } from "vitest";
import { record } from "../../../../test/fixtures.js";
import { call, harness, newOffice, seedClients } from "../../../../test/harness.js";
import { runRouteSecurity } from "../../../../test/route-security.js";

describe("GET /v1/task-templates", () => {
  runRouteSecurity(harness, {
    method: "GET",
    path: () => "/v1/task-templates",
    allowed: ["admin", "staff", "service"],
  });

  it("counts live clients per template, for the caller's office only", async () => {
    const h = harness();
    h.source.records = [record(1, {}, ["BTW", "Jaarrekening"]), record(2, {}, ["BTW"]), record(3)];
    const office = await newOffice();
    await seedClients(h, office);
    const other = await newOffice();
    const res = await call(h, "GET", "/v1/task-templates", { key: office.keys.service });
    expect(await res.json()).toEqual({
      data: [
        { name: "BTW", clientCount: 2 },
        { name: "Jaarrekening", clientCount: 1 },
      ],
    });
    expect(
      await (await call(h, "GET", "/v1/task-templates", { key: other.keys.service })).json(),
    ).toEqual({ data: [] });
  });
});
