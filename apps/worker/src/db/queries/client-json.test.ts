import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { isoOf } from "./client-json.js";

/**
 * The resource JSON is written by SQLite (issue 17); its timestamps must be exactly JavaScript's
 * `toISOString()` of the stored milliseconds (the read endpoints' full JSON is checked against
 * `toClientResource` in src/routes/v1/clients/read-json.test.ts).
 */
describe("client resource JSON in SQL", () => {
  it("writes epoch milliseconds as toISOString does, on D1", async () => {
    const edges = [0, 1, 999, 1000, 86_399_999, Date.UTC(2026, 1, 28, 23, 59, 59, 999)];
    // 2,000 instants spread over years 1970–9999 (a fixed LCG: the same values every run).
    const max = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
    let x = 17;
    const samples = Array.from({ length: 2000 }, () => {
      x = (x * 48_271) % 2_147_483_647;
      return Math.floor((x / 2_147_483_647) * max);
    });
    const values = [...edges, ...samples];
    const res = await env.DB.prepare(
      `select j.value as ms, ${isoOf("j.value")} as iso from json_each(?1) as j order by j.key`,
    )
      .bind(JSON.stringify(values))
      .all<{ ms: number; iso: string }>();
    expect(res.results.map((r) => r.iso)).toEqual(values.map((v) => new Date(v).toISOString()));
  });
});
