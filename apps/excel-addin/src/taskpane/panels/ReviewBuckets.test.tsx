// @vitest-environment happy-dom
import type { ReconcileResult, UiLanguage } from "@pulsebridge/core";
import { cleanup, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { t } from "../../i18n/ui.js";
import { usePane } from "../store/store.js";
import {
  dirtyClients,
  rejectedIssue,
  reviewedSheet,
  setup,
  validatedSheet,
} from "../test-support.js";
import { ReviewBuckets } from "./ReviewBuckets.js";

afterEach(cleanup);

/** The panel's buckets over the store's review, its changed clients as ReviewPanel passes them. */
function Buckets() {
  const r = usePane((s) => s.review);
  return r ? (
    <ReviewBuckets review={r} changed={r.matching.filter((m) => m.differences.length)} />
  ) : null;
}
const summaries = () =>
  [...document.querySelectorAll("details")].map((d) => d.querySelector("summary")?.textContent);
const opened = () => [...document.querySelectorAll("details")].map((d) => d.open);

describe("ReviewBuckets", () => {
  it.each(["nl", "fr"] as UiLanguage[])(
    "in %s: the four buckets with their counts, the empty ones closed",
    async (lang) => {
      const s = setup(<Buckets />, { lang });
      await reviewedSheet(s);
      await screen.findByRole("list", { name: t(lang, "review.matching") });
      expect(summaries()).toEqual([
        `${t(lang, "review.onlyInImport")} (1)`,
        `${t(lang, "review.matching")} (1)`,
        `${t(lang, "review.onlyInTarget")} (0)`,
        `${t(lang, "review.invalid")} (0)`,
      ]);
      expect(opened()).toEqual([true, true, false, false]);
    },
  );

  it("counts as the language writes numbers", async () => {
    const s = setup(<Buckets />, { lang: "nl" });
    const review = await reviewedSheet(s);
    const [n] = review.onlyInImport;
    if (!n) throw new Error("no new client");
    const many = Array.from({ length: 1200 }, (_, i) => ({ ...n, ref: String(i + 10) }));
    s.store.setState({ review: { ...review, onlyInImport: many } });
    await waitFor(() => expect(summaries()[0]).toBe(`${t("nl", "review.onlyInImport")} (1.200)`));
  });

  it("a new client is added unless unticked; its box is named by the client and its row", async () => {
    const s = setup(<Buckets />, { lang: "fr" });
    await reviewedSheet(s);
    const box = (await screen.findByRole("checkbox", {
      name: "Nieuw BV (Ligne 3)",
    })) as HTMLInputElement;
    expect(box.checked).toBe(true);
    await s.user.click(box);
    expect(s.store.getState().choices?.add).toEqual([]);
    expect(box.checked).toBe(false);
    expect(document.activeElement).toBe(box);
  });

  it("matches without differences say so instead of a list", async () => {
    const s = setup(<Buckets />, { lang: "nl" });
    const review = await reviewedSheet(s);
    const matching = review.matching.map((m) => ({ ...m, differences: [] }));
    s.store.setState({ review: { ...review, matching } });
    expect(await screen.findByText("Geen verschillen.")).toBeTruthy();
    expect(screen.queryByRole("list", { name: t("nl", "review.matching") })).toBeNull();
  });

  it("their client whose row has errors: a button to the row, marked not sent; the invalid rows listed", async () => {
    const s = setup(<Buckets />);
    await validatedSheet(s, dirtyClients);
    const review: ReconcileResult = {
      onlyInImport: [],
      matching: [],
      onlyInTarget: [
        {
          id: "cl_9",
          kind: "company",
          name: "Maes SRL",
          enterpriseNumber: null,
          nationalNumber: null,
          code: null,
          adminpulseId: "ap-3",
        },
        {
          id: "cl_8",
          kind: "company",
          name: "Oud BV",
          enterpriseNumber: null,
          nationalNumber: null,
          code: null,
          adminpulseId: null,
        },
      ],
      invalid: [{ ref: "4", issues: [rejectedIssue as never] }],
    } as unknown as ReconcileResult;
    s.store.setState({ review });
    const target = await screen.findByRole("list", { name: "Only in PulseBridge" });
    const [maes, oud] = within(target).getAllByRole("listitem");
    expect(maes?.textContent).toBe(`Maes SRL — Go to row 4 ${t("en", "review.notSent")}`);
    expect(oud?.textContent).toBe("Oud BV");
    await s.user.click(within(target).getByRole("button", { name: "Go to row 4" }));
    await waitFor(() => expect(s.workbook.selected?.row).toBe(2));
    expect(opened()).toEqual([true, true, false, true]);
    const invalid = screen.getByRole("list", { name: "Invalid" });
    expect(within(invalid).getByRole("listitem").textContent).toMatch(/^Go to row 4: /);
  });
});
