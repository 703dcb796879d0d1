// @vitest-environment happy-dom
import type { ReconcileResult, UiLanguage } from "@pulsebridge/core";
import { cleanup, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { reviewName } from "../../features/review/choices.js";
import { columnByKey } from "../../features/sheet/columns.js";
import { t } from "../../i18n/ui.js";
import { usePane } from "../store/store.js";
import { reviewedSheet, setup } from "../test-support.js";
import { lightHeading, ReviewMatch } from "./ReviewMatch.js";

afterEach(cleanup);

type Match = ReconcileResult["matching"][number];
const city = (lang: UiLanguage) => columnByKey.get("city")?.labels[lang] ?? "";

/** The review's first match, as the list renders it (its choices come from the store). */
function FirstMatch({ active }: { active: boolean }) {
  const m = usePane((s) => s.review?.matching[0]);
  return m ? <ReviewMatch match={m} active={active} /> : null;
}

/** Peeters BV of reviewedSheet: the sheet says Gent, PulseBridge Antwerpen. */
async function shown(lang: UiLanguage, o: { active?: boolean; edit?: (m: Match) => Match } = {}) {
  const s = setup(<FirstMatch active={o.active ?? true} />, { lang });
  const review = await reviewedSheet(s);
  const found = review.matching[0];
  if (!found) throw new Error("no match");
  const match = o.edit ? o.edit(found) : found;
  s.store.setState({ review: { ...review, matching: [match] } });
  await screen.findByRole("table");
  return { ...s, match };
}
const overwriteBox = (lang: UiLanguage) =>
  screen.getByRole("checkbox", {
    name: `${t(lang, "review.overwrite")} ${city(lang)} — Peeters BV`,
  });

describe("ReviewMatch", () => {
  it.each(["nl", "fr"] as UiLanguage[])(
    "in %s: the client, and a table of what differs",
    async (lang) => {
      await shown(lang);
      expect(screen.getByRole("heading", { level: 4 }).textContent).toBe(
        `Peeters BV (${t(lang, "fix.row", { ref: "2" })})`,
      );
      expect(screen.getAllByRole("columnheader").map((h) => h.textContent)).toEqual([
        t(lang, "review.field"),
        t(lang, "review.sheet"),
        t(lang, "review.target"),
        t(lang, "review.overwrite"),
      ]);
      const line = screen.getByRole("row", { name: new RegExp(city(lang)) });
      expect(
        within(line)
          .getAllByRole("cell")
          .map((c) => c.textContent),
      ).toEqual(["Gent", "Antwerpen", ""]);
      expect(overwriteBox(lang)).toBeTruthy();
      expect(screen.getByRole("button", { name: t(lang, "review.useAll") })).toBeTruthy();
      expect(screen.queryByText(t(lang, "review.probable"))).toBeNull();
    },
  );

  it("ticking overwrites that field; 'keep all' and 'use the sheet's data' choose for the whole client", async () => {
    const s = await shown("en");
    const box = overwriteBox("en") as HTMLInputElement;
    expect(box.checked).toBe(false);
    await s.user.click(box);
    expect(s.store.getState().choices?.overwrite[s.match.id]).toEqual(["address.city"]);
    expect(box.checked).toBe(true);
    expect(box.closest("tr")?.className).toBe("chosen");
    expect(document.activeElement).toBe(box);
    await s.user.click(box);
    expect(s.store.getState().choices?.overwrite[s.match.id] ?? []).toEqual([]);
    await s.user.click(box);
    // Named alike on every client's row: each says which client it acts on.
    const keep = screen.getByRole("button", { name: "Keep all" });
    const about = document.getElementById(keep.getAttribute("aria-describedby") ?? "");
    expect(about?.textContent).toContain(reviewName(s.match));
    await s.user.click(keep);
    expect(s.store.getState().choices?.overwrite[s.match.id]).toBeUndefined();
    expect(box.checked).toBe(false);
    await s.user.click(screen.getByRole("button", { name: "Use the data from the sheet" }));
    expect(s.store.getState().choices?.overwrite[s.match.id]).toEqual(["address.city"]);
  });

  it("a field AdminPulse changed since the pull cannot be overwritten, and says why", async () => {
    await shown("nl", {
      edit: (m) => ({ ...m, differences: m.differences.map((d) => ({ ...d, origin: "source" })) }),
    });
    expect(screen.queryByRole("checkbox")).toBeNull();
    const line = screen.getByRole("row", { name: new RegExp(city("nl")) });
    expect(within(line).getByRole("rowheader").textContent).toBe(
      `${city("nl")} (gewijzigd in AdminPulse)`,
    );
    expect(line.textContent).toContain(t("nl", "review.sourceNoOverwrite"));
  });

  it("a probable match warns; an inactive row keeps its controls out of the tab order", async () => {
    const s = await shown("fr", { active: false, edit: (m) => ({ ...m, probable: true }) });
    expect(screen.getByText(t("fr", "review.probable"))).toBeTruthy();
    for (const c of [...screen.getAllByRole("button"), screen.getByRole("checkbox")])
      expect(c.tabIndex).toBe(-1);
    expect(lightHeading(s.match, (k, p) => t("fr", k, p))).toBe("Peeters BV (Ligne 2)");
  });
});
