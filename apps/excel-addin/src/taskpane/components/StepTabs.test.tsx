// @vitest-environment happy-dom
import { cleanup, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { defaultTable } from "../../features/pull/pull.js";
import { t, type UiKey } from "../../i18n/ui.js";
import { tabs } from "../store/state.js";
import { setup } from "../test-support.js";
import { StepTabs } from "./StepTabs.js";

afterEach(cleanup);

const tabOf = (name: string) => screen.getByRole("tab", { name });
const selected = () =>
  screen
    .getAllByRole("tab")
    .filter((el) => el.getAttribute("aria-selected") === "true")
    .map((el) => el.textContent);
const tabStops = () =>
  screen
    .getAllByRole("tab")
    .filter((el) => el.tabIndex === 0)
    .map((el) => el.textContent);

describe("StepTabs", () => {
  it.each(["nl", "fr"] as const)(
    "names the five steps in %s, in order, in a named tablist",
    (lang) => {
      setup(<StepTabs />, { lang });
      const list = screen.getByRole("tablist", { name: t(lang, "app.title") });
      expect(
        within(list)
          .getAllByRole("tab")
          .map((el) => el.textContent),
      ).toEqual(tabs.map((x) => t(lang, `nav.${x}` as UiKey)));
      expect(selected()).toEqual([t(lang, "nav.connect")]);
    },
  );

  it("a click opens the step: it alone is selected and is the one tab stop", async () => {
    const s = setup(<StepTabs />, { lang: "nl" });
    await s.user.click(tabOf("Controleren"));
    expect(s.store.getState().tab).toBe("validate");
    expect(selected()).toEqual(["Controleren"]);
    expect(tabStops()).toEqual(["Controleren"]);
    expect(tabOf("Controleren").getAttribute("aria-controls")).toBe("panel-validate");
  });

  it("→/← open the next/previous step and move focus with it, wrapping at the ends", async () => {
    const s = setup(<StepTabs />);
    tabOf("Connect").focus();
    await s.user.keyboard("{ArrowRight}");
    expect(s.store.getState().tab).toBe("data");
    expect(document.activeElement).toBe(tabOf("Data"));
    expect(tabStops()).toEqual(["Data"]);
    await s.user.keyboard("{ArrowLeft}{ArrowLeft}");
    expect(s.store.getState().tab).toBe("push");
    expect(document.activeElement).toBe(tabOf("Push"));
    await s.user.keyboard("{ArrowRight}");
    expect(s.store.getState().tab).toBe("connect");
    expect(document.activeElement).toBe(tabOf("Connect"));
  });

  it("End and Home open the last and first step; other keys leave the step alone", async () => {
    const s = setup(<StepTabs />, { lang: "fr" });
    tabOf("Connexion").focus();
    await s.user.keyboard("{End}");
    expect(s.store.getState().tab).toBe("push");
    expect(document.activeElement).toBe(tabOf("Envoyer"));
    expect(selected()).toEqual(["Envoyer"]);
    await s.user.keyboard("{Home}");
    expect(s.store.getState().tab).toBe("connect");
    expect(document.activeElement).toBe(tabOf("Connexion"));
    await s.user.keyboard("{ArrowDown}x");
    expect(s.store.getState().tab).toBe("connect");
    expect(document.activeElement).toBe(tabOf("Connexion"));
  });

  it("opening the data step reads the workbook's sheets for it", async () => {
    const s = setup(<StepTabs />);
    await s.workbook.writeTable(defaultTable, { headers: ["Naam"], rows: [["a"]] });
    await s.user.click(tabOf("Data"));
    await screen.findByRole("tab", { name: "Data", selected: true });
    await expect.poll(() => s.store.getState().sheets).toContain(defaultTable.sheet);
  });
});
