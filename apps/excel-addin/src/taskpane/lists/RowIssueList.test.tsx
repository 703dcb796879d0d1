// @vitest-environment happy-dom
import type { UiLanguage } from "@pulsebridge/core";
import { cleanup, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { issueText } from "../../features/validate/validate.js";
import { dirtyClients, rejectedIssue, setup, validatedSheet } from "../test-support.js";
import { RowIssueList, type RowIssues } from "./RowIssueList.js";

afterEach(cleanup);

const kbo = { ...rejectedIssue, field: "enterpriseNumber", code: "id.checksum" };
const rows: RowIssues[] = [
  { ref: "3", issues: [kbo as never] },
  { ref: "4", issues: [rejectedIssue as never, kbo as never] },
];
const reason = (i: typeof kbo, column: "email" | "enterpriseNumber", lang: UiLanguage) =>
  issueText({ ...i, column } as never, lang);

async function list(lang: UiLanguage) {
  const s = setup(
    <RowIssueList id="pb-rejected" label="Refusées" rows={rows} rowClass="rejected" />,
    {
      lang,
    },
  );
  await validatedSheet(s, dirtyClients);
  const items = () =>
    within(screen.getByRole("list", { name: "Refusées" })).getAllByRole("listitem");
  return { ...s, items };
}

describe("RowIssueList", () => {
  it.each(["nl", "fr"] as UiLanguage[])(
    "in %s: each row with a button to it and its reasons",
    async (lang) => {
      const { items } = await list(lang);
      expect(items().map((r) => r.textContent)).toEqual([
        `${lang === "nl" ? "Ga naar rij 3" : "Aller à la ligne 3"}: ${reason(kbo, "enterpriseNumber", lang)}`,
        `${lang === "nl" ? "Ga naar rij 4" : "Aller à la ligne 4"}: ${reason(rejectedIssue, "email", lang)} · ${reason(kbo, "enterpriseNumber", lang)}`,
      ]);
      expect(items()[0]?.className).toContain("rejected");
    },
  );

  it("the button selects the row in the sheet, and so does Enter on the row", async () => {
    const s = await list("en");
    await s.user.click(screen.getByRole("button", { name: "Go to row 4" }));
    await waitFor(() => expect(s.workbook.selected?.row).toBe(2));
    s.items()[0]?.focus();
    await s.user.keyboard("{Enter}");
    await waitFor(() => expect(s.workbook.selected?.row).toBe(1));
  });

  it("one tab stop: the active row's button; ↓ moves it", async () => {
    const s = await list("en");
    const tabbable = () => screen.getAllByRole("button").filter((b) => b.tabIndex === 0);
    expect(tabbable().map((b) => b.textContent)).toEqual(["Go to row 3"]);
    s.items()[0]?.focus();
    await s.user.keyboard("{ArrowDown}");
    await waitFor(() => expect(tabbable().map((b) => b.textContent)).toEqual(["Go to row 4"]));
  });

  it("searches the reasons in the language shown", async () => {
    const s = await list("fr");
    const words = reason(rejectedIssue, "email", "fr").split(" ").slice(0, 3).join(" ");
    await s.user.type(screen.getByRole("searchbox", { name: "Rechercher: Refusées" }), words);
    await waitFor(() =>
      expect(s.items().map((r) => r.textContent?.slice(0, 18))).toEqual(["Aller à la ligne 4"]),
    );
  });
});
