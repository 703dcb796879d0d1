// @vitest-environment happy-dom
import { cleanup, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { setup } from "../test-support.js";
import { CommandPalette } from "./CommandPalette.js";
import { matchesShortcut, paneCommands } from "./commands.js";

afterEach(cleanup);

describe("CommandPalette", () => {
  it("lists every action in the user's language with its shortcut", async () => {
    setup(<CommandPalette />, { lang: "fr", state: { paletteOpen: true } });
    const options = await screen.findAllByRole("option");
    expect(options.length).toBe(paneCommands("fr").length);
    const validate = screen.getByRole("option", { name: /^Vérifier/ });
    expect(validate.textContent).toContain("Ctrl+Alt+Shift+V");
  });

  it("fuzzy-matches what is typed and runs the chosen command with Enter", async () => {
    const s = setup(<CommandPalette />, { lang: "en", state: { paletteOpen: true } });
    await s.user.type(await screen.findByRole("combobox"), "shrev");
    await waitFor(() => expect(screen.getAllByRole("option")[0]?.textContent).toBe("Show Review"));
    await s.user.keyboard("{Enter}");
    expect(s.store.getState().tab).toBe("review");
    expect(s.store.getState().paletteOpen).toBe(false);
  });

  it("says when nothing matches", async () => {
    const s = setup(<CommandPalette />, { lang: "nl", state: { paletteOpen: true } });
    await s.user.type(await screen.findByRole("combobox"), "qqqqqq");
    expect(await screen.findByText("Geen opdracht gevonden.")).toBeTruthy();
  });
});

describe("matchesShortcut", () => {
  const key = (k: Partial<KeyboardEvent>) =>
    ({
      key: "",
      code: "",
      ctrlKey: false,
      altKey: false,
      shiftKey: false,
      metaKey: false,
      ...k,
    }) as KeyboardEvent;
  it("reads the physical letter, so Alt's characters still match", () => {
    expect(
      matchesShortcut(
        key({ key: "◊", code: "KeyV", ctrlKey: true, altKey: true, shiftKey: true }),
        "Ctrl+Alt+Shift+V",
      ),
    ).toBe(true);
    expect(
      matchesShortcut(
        key({ key: "P", code: "KeyP", metaKey: true, shiftKey: true }),
        "Ctrl+Shift+P",
      ),
    ).toBe(true);
    expect(matchesShortcut(key({ key: "F8", code: "F8", shiftKey: true }), "F8")).toBe(false);
    expect(matchesShortcut(key({ key: "F8", code: "F8", shiftKey: true }), "Shift+F8")).toBe(true);
  });
});
