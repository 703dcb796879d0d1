/**
 * How a review is cut into POST /v1/reconcile requests (issue 11): the worker refuses more than
 * `maxLinksPerRequest` links in one request (413 `too_many_links`), so rows in full are split by
 * links as well as by rows, and known rows fill each request up to `maxRowsPerRequest`.
 */
import {
  type ImportRow,
  type KnownRow,
  maxLinksPerRequest,
  maxRowsPerRequest,
} from "@pulsebridge/core";
import { describe, expect, it } from "vitest";
import { reconcileBatch, reviewRequests } from "../src/features/review/review.js";

const linked = (n: number, links: number): ImportRow[] =>
  Array.from({ length: n }, (_, i) => ({
    ref: `r${i}`,
    kind: "company",
    name: `Client ${i}`,
    links: Array.from({ length: links }, () => ({ role: "bestuurder" })),
  }));
const known = (n: number): KnownRow[] =>
  Array.from({ length: n }, (_, i) => ({
    ref: `k${i}`,
    id: `cl_${i}`,
    version: "1",
    fingerprint: "A".repeat(22),
  }));
const shape = (rs: ReturnType<typeof reviewRequests>) =>
  rs.map((r) => [r.rows.length, r.known.length]);
const linksOf = (rows: ImportRow[]) => rows.reduce((n, r) => n + (r.links?.length ?? 0), 0);

describe("the requests of a review", () => {
  it("splits rows in full by links: no request carries more than the worker's cap", () => {
    // 20,000 links a row: two rows a request (a third would make 60,000).
    const requests = reviewRequests(linked(5, 20_000), []);
    expect(shape(requests)).toEqual([
      [2, 0],
      [2, 0],
      [1, 0],
    ]);
    for (const r of requests) expect(linksOf(r.rows)).toBeLessThanOrEqual(maxLinksPerRequest);
    // Every row once, in order.
    expect(requests.flatMap((r) => r.rows.map((x) => x.ref))).toEqual(
      linked(5, 0).map((r) => r.ref),
    );
  });

  it("fills each request with known rows up to the row cap, then sends the rest alone", () => {
    const requests = reviewRequests(linked(3, 20_000), known(maxRowsPerRequest + 5));
    expect(shape(requests)).toEqual([
      [2, maxRowsPerRequest - 2],
      [1, 7],
    ]);
    const only = reviewRequests([], known(2 * maxRowsPerRequest + 1));
    expect(shape(only)).toEqual([
      [0, maxRowsPerRequest],
      [0, maxRowsPerRequest],
      [0, 1],
    ]);
  });

  it("without links, rows in full go reconcileBatch at a time, as before", () => {
    const requests = reviewRequests(linked(reconcileBatch + 10, 0), known(100));
    expect(shape(requests)).toEqual([
      [reconcileBatch, 100],
      [10, 0],
    ]);
  });
});
