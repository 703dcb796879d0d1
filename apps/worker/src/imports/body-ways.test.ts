/**
 * The two ways of reading an import body (Runtime.streamBodies: row by row as it streams on Bun,
 * whole on workerd) answer every request alike: the same status and the same problem, whatever the
 * body, on the push and the review (issue 11/17).
 */
import { describe, expect, it } from "vitest";
import { validEnterprise } from "../../test/fixtures.js";
import { call, harness, newOffice } from "../../test/harness.js";

const row = (i: number, extra: Record<string, unknown> = {}) => ({
  ref: `r-${i}`,
  kind: "company",
  name: `Rij ${i} \u{1F37A} "BV" [x]`,
  enterpriseNumber: validEnterprise(7000 + i),
  ...extra,
});
const push = (rows: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    source: "excel",
    createdBy: "x",
    rows,
    choices: { overwrite: {}, add: [] },
    ...extra,
  });

const bodies: [string, string, string, number][] = [
  ["/v1/imports", "valid", push([row(1), row(2)]), 201],
  [
    "/v1/imports",
    "rows out of order",
    `{"rows":${JSON.stringify([row(3)])}, "source":"excel","createdBy":"x","choices":{"overwrite":{},"add":[]}}`,
    201,
  ],
  [
    "/v1/imports",
    "zod's issues",
    push([row(1), { ref: 5, name: "x" }, "row", row(4, { email: "nope" })]),
    400,
  ],
  ["/v1/imports", "duplicate refs", push([row(1), row(1)]), 400],
  [
    "/v1/imports",
    "rows twice, the last wins",
    push([row(1)]).replace('"rows":', '"rows":[1,2],"rows":'),
    201,
  ],
  ["/v1/imports", "rows not an array", push([]).replace('"rows":[]', '"rows":{"0":1}'), 400],
  ["/v1/imports", "an unknown key", push([row(1)], { extra: [1] }), 400],
  ["/v1/imports", "malformed", push([row(1)]).replace("}]", "},]"), 400],
  ["/v1/imports", "truncated", push([row(1), row(2)]).slice(0, 120), 400],
  [
    "/v1/imports",
    "too many links",
    push(
      Array.from({ length: 251 }, (_, i) =>
        row(i, { links: Array(200).fill({ role: "director" }) }),
      ),
    ),
    413,
  ],
  [
    "/v1/reconcile",
    "a review with known rows",
    JSON.stringify({
      rows: [row(1)],
      known: [{ ref: "k", id: "c", version: "1", fingerprint: "x" }],
    }),
    400,
  ],
  [
    "/v1/reconcile",
    "a review",
    JSON.stringify({ known: [], rows: [row(1)], answer: "compact" }),
    200,
  ],
];

describe("an import body read as it streams or whole: the same answers", () => {
  it.each(bodies)("%s, %s", async (path, _name, text, want) => {
    const answers = [];
    for (const streamBodies of [true, false]) {
      const h = harness({ streamBodies });
      const office = await newOffice();
      const res = await call(h, "POST", path, {
        key: office.keys.staff,
        rawBody: text,
        headers: { "idempotency-key": "same-key" },
      });
      const body = (await res.json()) as Record<string, unknown>;
      // A stored import's own id and time differ; its outcome may not.
      const { status, counts, rejected, code, detail, errors, matching, onlyInImport, invalid } =
        body;
      answers.push({
        http: res.status,
        ...{ status, counts, rejected, code, detail, errors, matching, onlyInImport, invalid },
      });
    }
    expect(answers[0]?.http).toBe(want);
    expect(answers[0]).toEqual(answers[1]);
  });
});
