/**
 * What one push or staged part may carry and keep (issue 11, the worst accepted push): links in
 * all rows together (`maxLinksPerRequest`) and issues in all rows together (`maxIssuesPerRequest`).
 */
import {
  type ImportResponse,
  maxIssuesPerRequest,
  maxIssuesPerRow,
  maxLinksPerRequest,
} from "@pulsebridge/core";
import { describe, expect, it } from "vitest";
import { validEnterprise } from "../../../../test/fixtures.js";
import { call, type Harness, harness, newOffice, type Office } from "../../../../test/harness.js";

/** A row whose `bad` links each give three issues (role, start date, and the date's order). */
const row = (i: number, links: number, bad = true) => ({
  ref: `row-${i}`,
  kind: "company",
  name: `Rij ${i} BV`,
  enterpriseNumber: validEnterprise(5000 + i),
  links: Array.from({ length: links }, () =>
    bad ? { role: "koning", startDate: "morgen" } : { role: "director" },
  ),
});

const push = (h: Harness, office: Office, rows: unknown[]) =>
  call(h, "POST", "/v1/imports", {
    key: office.keys.staff,
    body: { source: "excel", createdBy: "x", rows, choices: { overwrite: {}, add: [] } },
    headers: { "idempotency-key": crypto.randomUUID() },
  });

async function listed(h: Harness, office: Office) {
  const res = await call(h, "GET", "/v1/imports", { key: office.keys.staff });
  return ((await res.json()) as { data: unknown[] }).data;
}

interface Problem {
  code: string;
  detail: string;
  errors?: { field?: string; ref?: string; code: string; message: string }[];
}

describe("links per request", () => {
  it("over the cap: 413 naming the row that passes it, and nothing is stored", async () => {
    const h = harness();
    const office = await newOffice();
    // 250 rows × 200 links = 50,000; row 250's one link takes the request past the cap.
    const rows = [
      ...Array.from({ length: 250 }, (_, i) => row(i, 200, false)),
      row(250, 1, false),
      row(251, 5, false),
    ];
    expect(rows.reduce((n, r) => n + r.links.length, 0)).toBe(maxLinksPerRequest + 6);
    const res = await push(h, office, rows);
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const problem = (await res.json()) as Problem;
    expect(problem.code).toBe("payload_too_large");
    expect(problem.detail).toContain(String(maxLinksPerRequest));
    expect(problem.errors).toEqual([
      expect.objectContaining({ field: "rows.250.links", ref: "row-250", code: "too_many_links" }),
    ]);
    expect(await listed(h, office)).toHaveLength(0);
  });

  it("at the cap the push is accepted", async () => {
    const h = harness();
    const office = await newOffice();
    const rows = Array.from({ length: maxLinksPerRequest / 200 }, (_, i) => row(i, 200, false));
    const res = await push(h, office, rows);
    expect(res.status).toBe(201);
    expect(((await res.json()) as ImportResponse).counts.rows).toBe(rows.length);
  });

  it("a staged part over the cap is refused the same way, and the stage holds nothing", async () => {
    const h = harness();
    const office = await newOffice();
    const opened = await call(h, "POST", "/v1/imports/staged", {
      key: office.keys.staff,
      body: { source: "excel", createdBy: "x" },
      headers: { "idempotency-key": crypto.randomUUID() },
    });
    const { id } = (await opened.json()) as { id: string };
    const rows = Array.from({ length: 251 }, (_, i) => row(i, 200, false));
    const res = await call(h, "PUT", `/v1/imports/staged/${id}/parts/0`, {
      key: office.keys.staff,
      body: { rows, choices: { overwrite: {}, add: [] } },
    });
    expect(res.status).toBe(413);
    const problem = (await res.json()) as Problem;
    expect(problem.errors?.[0]).toMatchObject({ field: "rows.250.links", code: "too_many_links" });
    const commit = await call(h, "POST", `/v1/imports/staged/${id}/commit`, {
      key: office.keys.staff,
      body: { parts: 1 },
    });
    expect(commit.status).toBe(409);
  });

  it("a body that is not JSON is still a 400 malformed_body", async () => {
    const h = harness();
    const office = await newOffice();
    const res = await call(h, "POST", "/v1/imports", {
      key: office.keys.staff,
      rawBody: '{"rows": [',
      headers: { "idempotency-key": crypto.randomUUID() },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as Problem).code).toBe("malformed_body");
  });
});

describe("issues per request", () => {
  it("keeps 20 a row until the request's budget is spent, then each row's first; the rest are counted", async () => {
    const h = harness();
    const office = await newOffice();
    // 10 bad links = 30 issues a row; 1,000 rows × 20 kept spend the budget of 20,000.
    const full = maxIssuesPerRequest / maxIssuesPerRow;
    const rows = Array.from({ length: full + 300 }, (_, i) => row(i, 10));
    const res = await push(h, office, rows);
    expect(res.status).toBe(201);
    const body = (await res.json()) as ImportResponse;
    expect(body.counts.rejected).toBe(rows.length);
    expect(body.rejected).toHaveLength(1000);
    for (const r of body.rejected) {
      expect(r.issues).toHaveLength(maxIssuesPerRow);
      expect(r.issuesOmitted).toBe(30 - maxIssuesPerRow);
    }
    // Past the budget, read back from storage: one issue each, the other 29 counted.
    const rest = await call(
      h,
      "GET",
      `/v1/imports/${body.id}/rows?action=rejected&cursor=${body.rejectedNextCursor}&limit=2000`,
      { key: office.keys.staff },
    );
    const page = (await rest.json()) as {
      data: { ref: string; issues: { code: string }[]; issuesOmitted?: number }[];
    };
    expect(page.data).toHaveLength(300);
    expect(page.data[0]!.ref).toBe(`row-${full}`);
    for (const r of page.data) {
      expect(r.issues).toHaveLength(1);
      expect(r.issuesOmitted).toBe(29);
    }
    const kept = body.rejected.length * maxIssuesPerRow + page.data.length;
    expect(kept).toBe(maxIssuesPerRequest + 300);
  });
});
