import { describe, expect, it } from "vitest";
import { validEnterprise } from "../../../../test/fixtures.js";
import { call, harness, newOffice } from "../../../../test/harness.js";

/** A row with `links` bad links: every link gives several issues. */
const badRow = (i: number, links: number) => ({
  ref: `row-${i}`,
  kind: "company",
  name: `Bad ${i}`,
  enterpriseNumber: validEnterprise(3000 + i),
  links: Array.from({ length: links }, () => ({ role: "koning", startDate: "morgen" })),
});

const push = (h: ReturnType<typeof harness>, key: string, rows: unknown[]) => {
  const body = { source: "excel", createdBy: "x", rows, choices: { overwrite: {}, add: [] } };
  return call(h, "POST", "/v1/imports", {
    key,
    body,
    headers: { "idempotency-key": crypto.randomUUID() },
  });
};

interface Pushed {
  id: string;
  counts: { rejected: number };
  rejected: { ref: string; issues: unknown[]; issuesOmitted?: number }[];
  rejectedNextCursor: string | null;
}

describe("import amplification (issue 11)", () => {
  it("bounds issues per row and keeps the response proportional to the request", async () => {
    const h = harness();
    const office = await newOffice();
    const rows = Array.from({ length: 50 }, (_, i) => badRow(i, 100));
    const requestBytes = JSON.stringify(rows).length;
    const res = await push(h, office.keys.staff, rows);
    expect(res.status).toBe(201);
    const text = await res.text();
    const body = JSON.parse(text) as Pushed;
    expect(body.counts.rejected).toBe(50);
    // 100 links × 3 issues: 20 listed, the other 280 counted (validateRow builds only the 20).
    for (const r of body.rejected) {
      expect(r.issues).toHaveLength(20);
      expect(r.issuesOmitted).toBe(280);
    }
    expect(text.length).toBeLessThan(requestBytes * 2);
    // The stored rows are bounded the same way.
    const page = (await (
      await call(h, "GET", `/v1/imports/${body.id}/rows?limit=5`, { key: office.keys.service })
    ).json()) as { data: { issues: unknown[]; issuesOmitted?: number }[] };
    expect(page.data[0]!.issues).toHaveLength(20);
    expect(page.data[0]!.issuesOmitted).toBe(280);
  });

  it("summarises rejected rows past the first 1,000 and pages the rest", async () => {
    const h = harness();
    const office = await newOffice();
    const rows = Array.from({ length: 1203 }, (_, i) => ({
      ref: `r${i}`,
      kind: "company",
      name: "",
    }));
    const res = await push(h, office.keys.staff, rows);
    const body = (await res.json()) as Pushed;
    expect(body.counts.rejected).toBe(1203);
    expect(body.rejected).toHaveLength(1000);
    expect(body.rejectedNextCursor).not.toBeNull();
    const rest = (await (
      await call(
        h,
        "GET",
        `/v1/imports/${body.id}/rows?action=rejected&cursor=${body.rejectedNextCursor}`,
        { key: office.keys.staff },
      )
    ).json()) as { data: { ref: string; action: string }[]; nextCursor: string | null };
    expect(rest.data.map((r) => r.ref)).toEqual(rows.slice(1000).map((r) => r.ref));
    expect(rest.nextCursor).toBeNull();
  });

  it("an office over its import storage quota gets a 409 problem and nothing is stored", async () => {
    const h = harness({ config: { IMPORT_STORAGE_BYTES_PER_OFFICE: "200000" } });
    const office = await newOffice();
    const other = await newOffice();
    const rows = Array.from({ length: 40 }, (_, i) => badRow(i, 5));
    expect((await push(h, office.keys.staff, rows)).status).toBe(201);
    const over = await push(h, office.keys.staff, rows);
    expect(over.status).toBe(409);
    const problem = (await over.json()) as { code: string; detail: string };
    expect(problem.code).toBe("import_quota_exceeded");
    const list = (await (
      await call(h, "GET", "/v1/imports", { key: office.keys.staff })
    ).json()) as { data: unknown[] };
    expect(list.data).toHaveLength(1);
    // The quota is per office: another office pushes freely.
    expect((await push(h, other.keys.staff, rows)).status).toBe(201);
  });

  it("rows of long 4-byte names are chunked by bytes under D1's statement cap", async () => {
    const h = harness();
    const office = await newOffice();
    // 1,000 rows × ~2,000 emoji (8 KB of UTF-8 each, 4 KB of UTF-16 units): ~8 MB in bytes.
    const name = "\u{1F37A}".repeat(999);
    const rows = Array.from({ length: 1000 }, (_, i) => ({
      ref: `e${i}`,
      kind: "company",
      name,
      enterpriseNumber: validEnterprise(4000 + i),
    }));
    const res = await push(h, office.keys.staff, rows);
    expect(res.status).toBe(201);
  });
});
