// @vitest-environment happy-dom
import { cleanup, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { t } from "../../i18n/ui.js";
import { focusWhenShown, setup } from "../test-support.js";
import { PullConfirm } from "./PullConfirm.js";

afterEach(cleanup);

const summary = { refreshed: 412, keptEdits: 9, conflicts: 2, added: 3, untouched: 0 };

describe("PullConfirm", () => {
  it("says what a re-pull will do, focuses Apply, and answers once per button", async () => {
    const answers: boolean[] = [];
    const s = setup(<PullConfirm />, {
      lang: "nl",
      state: { pullConfirm: { summary, answer: (ok) => answers.push(ok) } },
    });
    expect(
      screen.getByText("412 rijen bijgewerkt, 9 behouden uw wijzigingen, 2 conflicten, 3 nieuw."),
    ).toBeTruthy();
    const apply = screen.getByRole("button", { name: t("nl", "pull.apply") });
    expect(document.activeElement).toBe(apply);
    await s.user.click(screen.getByRole("button", { name: t("nl", "pull.cancel") }));
    await s.user.click(apply);
    expect(answers).toEqual([false, true]);
  });

  it("Apply has focus in the commit that shows the question", async () => {
    const s = setup(<PullConfirm />);
    const focused = focusWhenShown("#pb-pull-apply");
    // A store update outside act(), as the pull makes it: nothing flushes the effects early.
    s.store.setState({ pullConfirm: { summary, answer: () => {} } });
    expect(await focused).toBe("pb-pull-apply");
  });

  it("shows nothing when no pull is waiting", async () => {
    const s = setup(<PullConfirm />);
    expect(s.container.textContent).toBe("");
    // …and a focus test waiting for Apply fails naming it, not on the test's timeout.
    await expect(focusWhenShown("#pb-pull-apply", 50)).rejects.toThrow(
      "#pb-pull-apply did not appear within 50 ms",
    );
  });
});
