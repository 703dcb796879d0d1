// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { makeClients } from "../../../test/support/fake-server.js";
import { t } from "../../i18n/ui.js";
import { cellOf, dirtyClients, setup, validatedSheet } from "../test-support.js";
import { ProblemsPanel } from "./ProblemsPanel.js";

afterEach(cleanup);

const rows = () =>
  within(screen.getByRole("list", { name: "Problems" })).queryAllByRole("listitem");

describe("Problems panel", () => {
  it("shows what AdminPulse sent that could not be read beside the client's row, in its language", async () => {
    const [c] = makeClients(1);
    if (!c) throw new Error("client");
    const pulled = {
      ...c,
      sourceIds: { ...c.sourceIds, adminpulseId: "ap-3" },
      sourceProblems: [
        { code: "language.unknown", field: "language", seen: "string:xx" },
        { code: "upstream.not_found", field: "id", seen: "404" },
      ],
    };
    const s = setup(<ProblemsPanel />, {
      lang: "fr",
      state: { pulledClients: new Map([[pulled.id, pulled]]) },
    });
    await validatedSheet(s, dirtyClients);
    const list = () =>
      within(screen.getByRole("list", { name: "Problèmes" })).queryAllByRole("listitem");
    await s.user.selectOptions(screen.getByLabelText("Grouper par"), "row");
    // Row 4 (ap-3) holds its broken e-mail and the two problems from AdminPulse.
    await waitFor(() => expect(list().some((r) => r.textContent?.includes("Ligne 4"))).toBe(true));
    const texts = list().map((r) => r.textContent ?? "");
    const row4 = texts.findIndex((x) => /^[✖⚠]Ligne 4/.test(x));
    const rest = texts.slice(row4 + 1);
    expect(rest.some((x) => x.includes("E-mail"))).toBe(true);
    expect(rest).toContainEqual(
      expect.stringContaining(
        "AdminPulse a envoyé language sous la forme string:xx (language.unknown) ; le reste a été lu.",
      ),
    );
    expect(rest).toContainEqual(expect.stringContaining("Introuvable dans AdminPulse lors de"));
    // No quick fix for them: AdminPulse is where they are corrected.
    const source = s.container.querySelectorAll(".pb-problem.source");
    expect(source).toHaveLength(2);
    for (const el of source) expect(el.querySelector(".chip")).toBeNull();
    // By kind, each is a group of its own, named in the language.
    await s.user.selectOptions(screen.getByLabelText("Grouper par"), "kind");
    await waitFor(() =>
      expect(
        list().some((r) => r.textContent?.includes("Depuis AdminPulse : language.unknown")),
      ).toBe(true),
    );
  });

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
