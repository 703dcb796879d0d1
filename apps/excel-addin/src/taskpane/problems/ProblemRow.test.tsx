// @vitest-environment happy-dom
import type { UiLanguage } from "@pulsebridge/core";
import { cleanup, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { issueText } from "../../features/validate/validate.js";
import { formatNumber, t } from "../../i18n/ui.js";
import { setup } from "../test-support.js";
import { groupLine, type Problem } from "./model.js";
import { ProblemGroup, ProblemRow } from "./ProblemRow.js";

afterEach(cleanup);

const issue = {
  field: "enterpriseNumber",
  code: "id.checksum",
  message: "",
  severity: "error" as const,
  suggestions: [],
  safeFix: null,
  column: "enterpriseNumber" as const,
};
const problem = (o: Partial<Problem> = {}): Problem => ({
  id: "1:enterpriseNumber:id.checksum",
  row: 1,
  ref: "3",
  column: "enterpriseNumber",
  severity: "error",
  code: issue.code,
  issue,
  fix: {
    row: 1,
    ref: "3",
    column: "enterpriseNumber",
    header: "Ondernemingsnummer",
    current: "0403.019.262",
    code: issue.code,
    options: [
      { value: "0403.019.261", safe: false },
      { value: "0403.019.226", safe: false },
    ],
  },
  ...o,
});

function row(p: Problem, lang: UiLanguage, o: { active?: boolean } = {}) {
  const onGo = vi.fn();
  const onFix = vi.fn();
  const s = setup(<ProblemRow problem={p} active={o.active ?? true} onGo={onGo} onFix={onFix} />, {
    lang,
  });
  return { ...s, onGo, onFix };
}

describe("ProblemRow", () => {
  it.each([
    ["nl", "Fout", "Rij 3 · Ondernemingsnummer", "Gebruik 0403.019.261", "controleer"],
    ["fr", "Erreur", "Ligne 3 · Numéro d'entreprise", "Utiliser 0403.019.261", "à vérifier"],
  ] as const)("in %s: severity, where, what, and the fixes", (lang, severity, where, use, tag) => {
    row(problem(), lang);
    // One problem: its icon says what it is, in the singular.
    expect(screen.getByRole("img", { name: severity })).toBeTruthy();
    expect(screen.getByRole("button", { name: where })).toBeTruthy();
    expect(screen.getByText(issueText(issue, lang))).toBeTruthy();
    const chips = screen.getAllByRole("button", { name: new RegExp(use.replace(/\./g, "\\.")) });
    expect(chips[0]?.textContent).toBe(`1 ${use}${tag}`);
    expect(chips[0]?.title).toBe(t(lang, "fix.guess"));
  });

  it("its buttons go to the cell and apply the option chosen, with its key as shortcut", async () => {
    const p = problem();
    const s = row(p, "en");
    await s.user.click(screen.getByRole("button", { name: /^Row 3/ }));
    expect(s.onGo).toHaveBeenCalledWith(p);
    const second = screen.getByRole("button", { name: /Use 0403\.019\.226/ });
    expect(second.getAttribute("aria-keyshortcuts")).toBe("2");
    await s.user.click(second);
    expect(s.onFix).toHaveBeenCalledWith(p, 1);
  });

  it("a safe fix is marked safe; nine options at most, each with its key", () => {
    const options = Array.from({ length: 12 }, (_, i) => ({ value: `v${i}`, safe: i === 0 }));
    const fix = { ...problem().fix!, options };
    row(problem({ fix }), "nl");
    const chips = screen.getAllByRole("button", { name: /Gebruik v/ });
    expect(chips.map((c) => c.getAttribute("aria-keyshortcuts"))).toEqual([
      "1",
      "2",
      "3",
      "4",
      "5",
      "6",
      "7",
      "8",
      "9",
    ]);
    expect(chips[0]?.title).toBe("veilig");
    expect(chips[0]?.className).toContain("safe");
  });

  it("while a step runs the fixes stay focusable but apply nothing; an inactive row is out of the tab order", async () => {
    const s = row(problem(), "en", { active: false });
    for (const b of screen.getAllByRole("button")) expect(b.tabIndex).toBe(-1);
    const controller = new AbortController();
    s.store.setState({ busy: { controller, label: "progress.validate", done: 0, total: null } });
    const chip = await screen.findByRole("button", { name: /Use 0403\.019\.261/ });
    await vi.waitFor(() => expect(chip.getAttribute("aria-disabled")).toBe("true"));
    await s.user.click(chip);
    expect(s.onFix).not.toHaveBeenCalled();
  });

  it("a warning without a fix; what AdminPulse sent is tagged as such", () => {
    const source = { code: "language.unknown", field: "language", seen: "string:xx" };
    const s = row(problem({ severity: "warning", fix: null, column: null, source }), "fr");
    expect(screen.getByRole("img", { name: "Remarque" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Ligne 3" })).toBeTruthy();
    expect(s.container.textContent).toContain("AdminPulse · ");
    expect(screen.queryByRole("button", { name: /Utiliser/ })).toBeNull();
  });
});

describe("ProblemGroup", () => {
  it.each([
    ["nl", 1, "1 rij"],
    ["nl", 3, "3 rijen"],
    ["fr", 1, "1 ligne"],
    ["fr", 1200, `${formatNumber("fr", 1200)} lignes`],
  ] as const)("in %s, %i: the kind and its count of rows", (lang, count, badge) => {
    const s = setup(
      <ProblemGroup
        item={{ type: "group", id: "g", label: { code: issue.code }, severity: "error", count }}
      />,
      { lang },
    );
    expect(s.container.textContent).toBe(`✖${groupLine(issue.code, lang)}${badge}`);
  });

  it("grouped by row: the row's name; the icon is hidden from screen readers", () => {
    const s = setup(
      <ProblemGroup
        item={{ type: "group", id: "g", label: { ref: "7" }, severity: "warning", count: 2 }}
      />,
      { lang: "nl" },
    );
    expect(s.container.textContent).toBe("⚠Rij 72 rijen");
    expect(s.container.querySelector(".pb-sev")?.getAttribute("aria-hidden")).toBe("true");
  });
});
