// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { t } from "../../i18n/ui.js";
import { cellOf, dirtyClients, setup, validatedSheet } from "../test-support.js";
import { ProblemsPanel } from "./ProblemsPanel.js";

afterEach(cleanup);

const rows = () =>
  within(screen.getByRole("list", { name: "Problems" })).queryAllByRole("listitem");

describe("Problems panel", () => {
  it("groups every problem by kind with counts, and by row", async () => {
    const s = setup(<ProblemsPanel />);
    await validatedSheet(s, dirtyClients);
    const v = s.store.getState().validation;
    expect(v?.counts.invalid).toBeGreaterThan(0);
    await waitFor(() => expect(rows().length).toBeGreaterThan(3));
    const errors = v?.problems
      .filter((p) => p.severity === "error")
      .reduce((n, p) => n + p.count, 0);
    expect(screen.getByText(new RegExp(`^${errors} error`))).toBeTruthy();
    // Group headers come first, each followed by its problems.
    expect(rows()[0]?.className).toContain("group");
    await s.user.selectOptions(screen.getByLabelText("Group by"), "row");
    await waitFor(() => expect(rows()[0]?.textContent).toMatch(/^[✖⚠]Row 2\d* row$/));
    expect(rows().find((r, i) => i > 0 && r.className.includes("group"))?.textContent).toMatch(
      /Row 3/,
    );
  });

  it("filters by severity and by column, and searches", async () => {
    const s = setup(<ProblemsPanel />);
    await validatedSheet(s, dirtyClients);
    await s.user.selectOptions(screen.getByLabelText("Column"), "email");
    await waitFor(() =>
      expect(rows().every((r) => !r.textContent?.includes("Enterprise number"))).toBe(true),
    );
    expect(rows().some((r) => r.textContent?.includes("E-mail"))).toBe(true);
    await s.user.selectOptions(screen.getByLabelText("Column"), "");
    await s.user.selectOptions(screen.getByLabelText("Severity"), "warning");
    await waitFor(() => expect(rows().filter((r) => r.querySelector(".sev-error")).length).toBe(0));
    await s.user.selectOptions(screen.getByLabelText("Severity"), "all");
    await s.user.type(screen.getByLabelText("Search: Problems"), "Row 4");
    await waitFor(() =>
      expect(
        rows()
          .filter((r) => r.className.includes("problem"))
          .every((r) => r.textContent?.includes("Row 4")),
      ).toBe(true),
    );
  });

  it("Enter on a problem selects its cell in the sheet", async () => {
    const s = setup(<ProblemsPanel />);
    await validatedSheet(s, dirtyClients);
    const problem = await waitFor(() => {
      const r = rows().find((x) => x.querySelector('[data-col="email"]'));
      if (!r) throw new Error("no e-mail problem");
      return r;
    });
    problem.focus();
    await s.user.keyboard("{Enter}");
    await waitFor(() => expect(s.workbook.selected?.row).toBe(2));
    expect(s.store.getState().cursor).toEqual({ row: 2, column: "email" });
  });

  it("a digit applies that quick fix, and focus stays in the list on the next problem", async () => {
    const s = setup(<ProblemsPanel />);
    await validatedSheet(s, dirtyClients);
    const zero = await waitFor(() => {
      const r = rows().find((x) => x.textContent?.includes("Row 2") && x.querySelector(".chip"));
      if (!r) throw new Error("no fix for row 2");
      return r;
    });
    zero.focus();
    await s.user.keyboard("1");
    await waitFor(() => expect(cellOf(s, 0, "Enterprise number")).toBe("0403.019.261"));
    await waitFor(() => expect(rows().some((r) => r.textContent?.includes("Row 2 ·"))).toBe(false));
    expect(document.activeElement).not.toBe(document.body);
    expect(screen.getByRole("list", { name: "Problems" }).contains(document.activeElement)).toBe(
      true,
    );
    expect(s.store.getState().message?.text("en")).toBe(t("en", "fix.applied", { count: 1 }));
  });

  it("shows no list when the sheet has no problem", async () => {
    const s = setup(<ProblemsPanel />);
    await validatedSheet(s, [
      {
        adminpulseId: "ap-1",
        name: "Peeters BV",
        kind: "Vennootschap",
        enterpriseNumber: "0403.019.261",
      },
    ]);
    expect(await screen.findByText("No problems.")).toBeTruthy();
  });
});
