// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { t } from "../../i18n/ui.js";
import { createMemoryWorkbook } from "../../workbook/memory.js";
// The chunk mount.tsx loads after the first paint (actions, panels, Fluent's full barrel), loaded
// here with the test file: imported on the fly inside a test, Vite's first transform of Fluent's
// barrel took over 15 s in a clean clone, which the focus test below would count as its own time.
import "../later.js";
import { type App, mountPane } from "../mount.js";
import { memoryStorage } from "../test-support.js";
import { preloadPanels } from "./lazy-panels.js";

let app: App | null = null;
afterEach(() => {
  app?.unmount();
  app = null;
  cleanup();
});

function mount(lang: "nl" | "fr" | "en" = "en") {
  const root = document.createElement("div");
  document.body.append(root);
  app = mountPane({
    root,
    workbook: createMemoryWorkbook(),
    storage: memoryStorage(),
    language: lang,
    theme: "dark",
  });
  return root;
}

describe("Pane", () => {
  it("renders the frame in the given language and theme", async () => {
    const root = mount("fr");
    expect(await screen.findByRole("tab", { name: "Connexion" })).toBeTruthy();
    expect(root.querySelector(".pb-app")?.className).toContain("theme-dark");
    expect(document.documentElement.lang).toBe("fr");
    expect(screen.getByRole("heading", { level: 2 }).textContent).toBe(t("fr", "connect.heading"));
  });

  it("switches language from the header; the tabs follow", async () => {
    mount("nl");
    fireEvent.change(await screen.findByLabelText("Taal"), { target: { value: "en" } });
    expect(await screen.findByRole("tab", { name: "Review" })).toBeTruthy();
  });

  it("opens the palette with Ctrl+Shift+P", async () => {
    mount();
    await screen.findByRole("tab", { name: "Connect" });
    fireEvent.keyDown(document, { key: "P", code: "KeyP", ctrlKey: true, shiftKey: true });
    // The palette is a Fluent dialog: under load its first render can take over a second.
    expect(
      await screen.findByRole("combobox", { name: "Command palette" }, { timeout: 10_000 }),
    ).toBeTruthy();
  });

  it("when a step switches panels, focus lands on the new panel's heading, not the body", async () => {
    mount();
    const tab = await screen.findByRole("tab", { name: "Connect" });
    const connect = screen.getByRole("button", { name: "Connect" });
    connect.focus();
    // The switch from one loaded panel to another (a panel still loading shows its heading first).
    await preloadPanels();
    app?.show("validate");
    await waitFor(
      () => expect(document.activeElement?.textContent).toBe(t("en", "validate.heading")),
      { timeout: 10_000 },
    );
    expect(tab).toBeTruthy();
  });
});
