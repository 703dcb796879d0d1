// @vitest-environment happy-dom
import { cleanup, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { t } from "../../i18n/ui.js";
import { cellOf, dirtyClients, setup, validatedSheet } from "../test-support.js";
import { ValidatePanel } from "./ValidatePanel.js";

afterEach(cleanup);

describe("ValidatePanel", () => {
  it("summarises with plurals, applies the safe fixes only, and steps through problems", async () => {
    const s = setup(<ValidatePanel />, { lang: "nl" });
    await validatedSheet(s, dirtyClients);
    const counts = s.store.getState().validation!.counts;
    expect(screen.getByText(t("nl", "validate.summary", counts))).toBeTruthy();
    const safe = screen.getByRole("button", { name: t("nl", "fix.safeAll", { count: 1 }) });
    await s.user.click(safe);
    await waitFor(() => expect(cellOf(s, 0, "Ondernemingsnummer")).toBe("0403.019.261"));
    // The checksum typo is a guess: left for the user.
    expect(cellOf(s, 1, "Ondernemingsnummer")).toBe("0403.019.262");
    // Focus stays on the button (disabled now: nothing safe left), never on the body.
    expect(document.activeElement).toBe(safe);
    await s.user.click(screen.getByRole("button", { name: t("nl", "validate.next") }));
    await waitFor(() => expect(s.workbook.selected?.row).toBe(1));
    await s.user.click(screen.getByRole("button", { name: t("nl", "validate.next") }));
    await waitFor(() => expect(s.workbook.selected?.row).toBe(2));
    await s.user.click(screen.getByRole("button", { name: t("nl", "problems.previous") }));
    await waitFor(() => expect(s.workbook.selected?.row).toBe(1));
  });

  it("Enter on Validate keeps focus on the button while it runs and after", async () => {
    const s = setup(<ValidatePanel />);
    await validatedSheet(s, dirtyClients);
    const run = screen.getByRole("button", { name: t("en", "validate.run") });
    run.focus();
    await s.user.keyboard("{Enter}");
    await waitFor(() => expect(s.store.getState().busy).toBeNull());
    expect(document.activeElement).toBe(run);
  });
});
