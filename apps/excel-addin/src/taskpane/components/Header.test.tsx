// @vitest-environment happy-dom
import { cleanup, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { t } from "../../i18n/ui.js";
import { setup } from "../test-support.js";
import { Header } from "./Header.js";

afterEach(cleanup);

describe("Header", () => {
  it.each(["nl", "fr"] as const)(
    "shows the title, the commands button and the language in %s",
    (lang) => {
      setup(<Header />, { lang });
      expect(screen.getByRole("heading", { level: 1 }).textContent).toBe(t(lang, "app.title"));
      const open = screen.getByRole("button", { name: t(lang, "palette.open") });
      expect(open.getAttribute("aria-keyshortcuts")).toBe("Ctrl+Shift+P");
      expect(open.title).toBe(`${t(lang, "palette.title")} (Ctrl+Shift+P)`);
      const select = screen.getByRole("combobox", { name: t(lang, "app.language") });
      expect((select as HTMLSelectElement).value).toBe(lang);
      expect(screen.getAllByRole("option").map((o) => (o as HTMLOptionElement).value)).toEqual([
        "nl",
        "fr",
        "en",
      ]);
      // Each named in its own language, whatever the pane's (the code alone is read as letters).
      expect(screen.getByRole("option", { name: "Français" }).getAttribute("lang")).toBe("fr");
      expect(screen.getByRole("option", { name: "Nederlands" })).toBeTruthy();
    },
  );

  it("the commands button opens the palette", async () => {
    const s = setup(<Header />);
    await s.user.click(screen.getByRole("button", { name: "Commands" }));
    expect(s.store.getState().paletteOpen).toBe(true);
  });

  it("choosing a language switches the pane's words, and keeps focus on the select", async () => {
    const s = setup(<Header />, { lang: "nl" });
    const select = screen.getByRole("combobox", { name: "Taal" });
    await s.user.selectOptions(select, "fr");
    expect(s.store.getState().lang).toBe("fr");
    expect(screen.getByRole("button", { name: "Commandes" })).toBeTruthy();
    const again = screen.getByRole("combobox", { name: "Langue" });
    expect(again).toBe(select);
    expect(document.activeElement).toBe(select);
    await s.user.selectOptions(select, "en");
    expect(screen.getByRole("combobox", { name: "Language" })).toBe(select);
  });
});
