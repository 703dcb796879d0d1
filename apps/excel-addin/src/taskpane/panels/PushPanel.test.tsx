// @vitest-environment happy-dom
import { cleanup, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { t } from "../../i18n/ui.js";
import { fakeFetch, reviewedSheet, setup } from "../test-support.js";
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

describe("PushPanel", () => {
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
              body: response([
                {
                  ref: "2",
                  issues: [
                    {
                      field: "email",
                      code: "id.email_at",
                      message: "",
                      severity: "error",
                      suggestions: [],
                      safeFix: null,
                    },
                  ],
                },
              ]),
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
