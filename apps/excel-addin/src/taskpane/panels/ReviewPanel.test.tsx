// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { t } from "../../i18n/ui.js";
import { reviewedSheet, setup } from "../test-support.js";
import { ReviewPanel } from "./ReviewPanel.js";

afterEach(cleanup);

describe("ReviewPanel", () => {
  it("shows the buckets with counts; nothing is overwritten unless ticked", async () => {
    const s = setup(<ReviewPanel />);
    const review = await reviewedSheet(s);
    expect(review.matching[0]?.differences.map((d) => d.field)).toEqual(["address.city"]);
    await screen.findByText(/^1 new, 1 matching/);
    const match = screen.getByRole("list", { name: t("en", "review.matching") });
    const box = within(match).getByRole("checkbox");
    expect((box as HTMLInputElement).checked).toBe(false);
    box.focus();
    await s.user.click(box);
    expect(s.store.getState().choices?.overwrite.cl_1).toEqual(["address.city"]);
    // Ticking keeps focus on the box (no re-render of the pane wipes it).
    expect(document.activeElement).toBe(box);
    await s.user.click(within(match).getByRole("button", { name: t("en", "review.keepAll") }));
    expect(s.store.getState().choices?.overwrite.cl_1).toBeUndefined();
  });

  it("unticks a new client, overwrites a field everywhere, and goes to push", async () => {
    const s = setup(<ReviewPanel />);
    await reviewedSheet(s);
    const added = await screen.findByRole("checkbox", { name: /Nieuw BV/ });
    expect((added as HTMLInputElement).checked).toBe(true);
    await s.user.click(added);
    expect(s.store.getState().choices?.add).toEqual([]);
    await s.user.click(screen.getByRole("button", { name: t("en", "review.overwrite") }));
    expect(s.store.getState().choices?.overwrite.cl_1).toEqual(["address.city"]);
    await s.user.click(screen.getByRole("button", { name: t("en", "nav.push") }));
    expect(s.store.getState().tab).toBe("push");
  });

  it("searches the new clients' list", async () => {
    const s = setup(<ReviewPanel />);
    await reviewedSheet(s);
    await s.user.type(
      await screen.findByLabelText(`Search: ${t("en", "review.onlyInImport")}`),
      "zzz",
    );
    await waitFor(() => expect(screen.queryByRole("checkbox", { name: /Nieuw BV/ })).toBeNull());
  });
});
