// @vitest-environment happy-dom
import { importResponseSchema, type UiLanguage } from "@pulsebridge/core";
import { cleanup, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { issueText } from "../../features/validate/validate.js";
import { formatNumber, t } from "../../i18n/ui.js";
import { dirtyClients, rejectedIssue, setup, validatedSheet } from "../test-support.js";
import { PushResult } from "./PushResult.js";

afterEach(cleanup);

const issue = rejectedIssue;
const result = (o: { rejected?: string[]; total?: number; cursor?: string } = {}) => {
  const refs = o.rejected ?? [];
  const rejected = o.total ?? refs.length;
  return importResponseSchema.parse({
    id: "imp_42",
    source: "excel",
    createdBy: "An",
    createdAt: "2026-12-03T08:00:00Z",
    status: rejected ? "partially_accepted" : "accepted",
    counts: { rows: 1240 + rejected, created: 1234, updated: 5, unchanged: 1, rejected },
    rejected: refs.map((ref) => ({ ref, issues: [issue] })),
    rejectedNextCursor: o.cursor ?? null,
  });
};
const countOf = (k: string) =>
  document.querySelector(`#pb-push-counts dd[data-count="${k}"]`)?.textContent;

describe("PushResult", () => {
  it.each(["nl", "fr"] as UiLanguage[])(
    "in %s: the outcome, the import's id and the counts as numbers of the language",
    (lang) => {
      setup(<PushResult result={result()} />, { lang });
      expect(screen.getByRole("heading", { level: 2 }).textContent).toBe(
        t(lang, "push.done.accepted"),
      );
      expect(screen.getByText("imp_42").closest("p")?.textContent).toBe(
        `${t(lang, "push.importId")} imp_42`,
      );
      expect(screen.getByText(t(lang, "push.count.created"))).toBeTruthy();
      expect(countOf("created")).toBe(formatNumber(lang, 1234));
      expect(countOf("rejected")).toBe("0");
      // Nothing rejected: no list, no "fetch the rest".
      expect(screen.queryByRole("list")).toBeNull();
      expect(screen.queryByRole("button", { name: t(lang, "push.loadRest") })).toBeNull();
    },
  );

  it("thousands as the language writes them", () => {
    setup(<PushResult result={result()} />, { lang: "nl" });
    expect(countOf("created")).toBe("1.234");
    cleanup();
    setup(<PushResult result={result()} />, { lang: "fr" });
    expect(countOf("created")).toMatch(/^1\s234$/u);
  });

  it("lists the rejected rows with their reasons; a row's button selects it in the sheet", async () => {
    const s = setup(<PushResult result={result({ rejected: ["3"] })} />, { lang: "fr" });
    await validatedSheet(s, dirtyClients);
    expect(screen.getByRole("heading", { level: 2 }).textContent).toBe(
      "Import envoyé, avec des lignes refusées",
    );
    expect(document.querySelector(".count.rejected")?.className).toContain("bad");
    const heading = t("fr", "push.rejectedHeading", { count: 1 });
    expect(screen.getByRole("heading", { level: 3 }).textContent).toBe(heading);
    const list = screen.getByRole("list", { name: heading });
    const reason = issueText({ ...issue, column: "email" } as never, "fr");
    expect(within(list).getByRole("listitem").textContent).toContain(reason);
    await s.user.click(within(list).getByRole("button", { name: "Aller à la ligne 3" }));
    await expect.poll(() => s.workbook.selected?.row).toBe(1);
  });

  it("rejected rows left out of the answer: says how many, and fetches the rest on click", async () => {
    const s = setup(<PushResult result={result({ rejected: ["2"], total: 2500, cursor: "1" })} />, {
      lang: "nl",
    });
    const load = vi.spyOn(s.actions.push, "loadRejected").mockResolvedValue();
    expect(screen.getByText(/opgehaald/).textContent).toContain(
      t("nl", "push.rejectedPartial", { shown: 1, total: 2500 }),
    );
    expect(screen.getByText(/opgehaald/).textContent).toContain("1 van 2.500 geweigerde rijen");
    const more = screen.getByRole("button", { name: t("nl", "push.loadRest") });
    await s.user.click(more);
    expect(load).toHaveBeenCalledTimes(1);
    // While a step runs it stays focusable but does nothing.
    const controller = new AbortController();
    s.store.setState({ busy: { controller, label: "progress.rejected", done: 0, total: null } });
    await screen.findByRole("button", { name: t("nl", "push.loadRest") });
    expect(more.getAttribute("aria-disabled")).toBe("true");
    await s.user.click(more);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("'start a new review' clears the result and opens the review, in the language", async () => {
    const s = setup(<PushResult result={result()} />, { lang: "fr", state: { tab: "push" } });
    s.store.setState({ pushResult: result() });
    await s.user.click(screen.getByRole("button", { name: "Nouvelle comparaison" }));
    expect(s.store.getState().pushResult).toBeNull();
    expect(s.store.getState().tab).toBe("review");
    expect(screen.getByText(t("fr", "push.newReviewHint"))).toBeTruthy();
  });
});
