// @vitest-environment happy-dom

import { reconcile } from "@pulsebridge/core";
import { cleanup, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { initialChoices } from "../../features/review/choices.js";
import { statusHeader } from "../../features/validate/validate.js";
import { t } from "../../i18n/ui.js";
import { fakeFetch, rejectedIssue, reviewedSheet, setup, validatedSheet } from "../test-support.js";
import { PushPanel } from "./PushPanel.js";

afterEach(cleanup);

const response = (rejected: { ref: string; issues: unknown[] }[]) => ({
  id: "imp_1",
  source: "excel",
  createdBy: "test",
  createdAt: "2026-12-03T08:00:00Z",
  status: rejected.length ? "partially_accepted" : "accepted",
  counts: {
    rows: 2,
    created: 1,
    updated: 0,
    unchanged: 1 - rejected.length,
    rejected: rejected.length,
  },
  rejected,
});

const issue = rejectedIssue;
const rowPage = (refs: string[], nextCursor: string | null) => ({
  data: refs.map((ref) => ({
    ref,
    action: "rejected",
    clientId: null,
    fields: [],
    client: null,
    issues: [issue],
  })),
  nextCursor,
});

describe("PushPanel", () => {
  it("pages the rejected rows the answer left out, and offers the rest after a failed page", async () => {
    const asked: string[] = [];
    let failPage = true;
    const answer = {
      ...response([{ ref: "2", issues: [issue] }]),
      counts: { rows: 2, created: 0, updated: 0, unchanged: 0, rejected: 2 },
      status: "rejected",
      rejectedNextCursor: "1",
    };
    const s = setup(<PushPanel />, {
      options: {
        fetch: async (input, init) => {
          const req = input instanceof Request ? input : new Request(String(input), init);
          const url = new URL(req.url);
          if (url.pathname === "/v1/imports/imp_1/rows") {
            asked.push(url.search);
            if (failPage) {
              failPage = false;
              throw new TypeError("network down");
            }
          }
          return fakeFetch({
            "POST /v1/imports": () => ({ status: 201, body: answer }),
            "GET /v1/imports/imp_1/rows": () => ({ body: rowPage(["3"], null) }),
          })(req);
        },
      },
    });
    await reviewedSheet(s);
    await s.user.click(await screen.findByRole("button", { name: t("en", "push.run") }));
    // The first page failed: the answer's rows are shown and marked, the rest one click away.
    const more = await screen.findByRole("button", { name: t("en", "push.loadRest") });
    expect(
      screen.getByText(t("en", "push.rejectedPartial", { shown: 1, total: 2 }), { exact: false }),
    ).toBeTruthy();
    expect(s.store.getState().sent?.rejected).toEqual(new Set(["2"]));
    await s.user.click(more);
    await waitFor(() => expect(s.store.getState().sent?.rejected).toEqual(new Set(["2", "3"])));
    const list = screen.getByRole("list", { name: t("en", "push.rejectedHeading", { count: 2 }) });
    expect(list.getAttribute("data-total")).toBe("2");
    expect(screen.queryByRole("button", { name: t("en", "push.loadRest") })).toBeNull();
    expect(asked).toEqual([
      "?action=rejected&cursor=1&limit=2000",
      "?action=rejected&cursor=1&limit=2000",
    ]);
    // Both rows are rejected in the sheet's status column, with their reason.
    const grid = s.workbook.sheets.get("PulseBridge")?.grid ?? [];
    const sheet = s.store.getState().sheet;
    if (!sheet) throw new Error("no sheet");
    const col = grid[0]?.indexOf(statusHeader(sheet, "en")) ?? -1;
    const marks = grid.slice(1).map((r) => r[col] ?? "");
    expect(marks).toHaveLength(2);
    for (const m of marks) expect(m).toMatch(new RegExp(`^${t("en", "status.rejected").trim()}`));
  });

  it("warns only about invalid rows the push will send; rows with errors and an id stay behind", async () => {
    const s = setup(<PushPanel />);
    await validatedSheet(s, [
      // Two rows of one enterprise: both are sent, the server rejects both as duplicates.
      { name: "Peeters BV", kind: "Vennootschap", enterpriseNumber: "0403.019.261" },
      { name: "Peeters BV", kind: "Vennootschap", enterpriseNumber: "0403.019.261" },
      // An error in the pane, with an AdminPulse ID: it goes to the review to claim its client,
      // and comes back under "invalid", but it is never pushed.
      { adminpulseId: "ap-9", name: "Maes SRL", kind: "Vennootschap", email: "info(at)maes.be" },
    ]);
    const results = s.store.getState().validation?.results ?? [];
    expect(results.map((r) => r.issues.some((i) => i.severity === "error"))).toEqual([
      false,
      false,
      true,
    ]);
    const review = reconcile(
      results.map((r) => r.importRow),
      [],
    );
    expect(review.invalid.map((x) => x.ref).sort()).toEqual(["2", "3", "4"]);
    s.store.setState({ review, choices: initialChoices(review) });
    const warning = await screen.findByText(t("en", "push.invalidAhead", { count: 2 }));
    expect(warning.textContent).toMatch(/^2 of the rows to push are invalid/);
    expect(screen.getByText(t("en", "push.notSent", { count: 1 })).textContent).toBe(
      "1 row with errors is not sent: it stays in the sheet with its reason.",
    );
  });

  it("asks for a review first", async () => {
    const s = setup(<PushPanel />);
    await s.user.click(screen.getByRole("button", { name: t("en", "push.toReview") }));
    expect(s.store.getState().tab).toBe("review");
  });

  it("a failed push offers a retry with the same key; the result lists rejected rows", async () => {
    const keys: string[] = [];
    let fail = true;
    const s = setup(<PushPanel />, {
      options: {
        fetch: async (input, init) => {
          const headers = (init?.headers ?? {}) as Record<string, string>;
          keys.push(String(headers["idempotency-key"]));
          if (fail) {
            fail = false;
            throw new TypeError("network down");
          }
          return fakeFetch({
            "POST /v1/imports": () => ({
              status: 201,
              body: response([{ ref: "2", issues: [issue] }]),
            }),
          })(input, init);
        },
      },
    });
    await reviewedSheet(s);
    expect(
      await screen.findByText(t("en", "push.summary", { adds: 1, updates: 0, rows: 2 })),
    ).toBeTruthy();
    await s.user.click(screen.getByRole("button", { name: t("en", "push.run") }));
    const retry = await screen.findByRole("button", { name: t("en", "push.retry") });
    expect(screen.getByRole("alert").textContent).toMatch(/cannot be reached/);
    await s.user.click(retry);
    await screen.findByText("imp_1");
    expect(keys[0]).toBe(keys[1]);
    const rejected = screen.getByRole("list", {
      name: t("en", "push.rejectedHeading", { count: 1 }),
    });
    expect(rejected.getAttribute("data-total")).toBe("1");
    expect(rejected.textContent).toContain(t("en", "review.goto", { ref: "2" }));
    await waitFor(() => expect(s.store.getState().sent?.rejected.has("2")).toBe(true));
    await s.user.click(screen.getByRole("button", { name: t("en", "push.newReview") }));
    expect(s.store.getState().pushResult).toBeNull();
    expect(s.store.getState().tab).toBe("review");
  });
});
