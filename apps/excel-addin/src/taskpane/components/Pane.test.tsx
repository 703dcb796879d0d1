// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { t } from "../../i18n/ui.js";
import { createMemoryWorkbook } from "../../workbook/memory.js";
import { type App, mountPane } from "../mount.js";
import { memoryStorage } from "../test-support.js";

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
    app?.show("validate");
    // `show` waits for the actions' chunk (mount.tsx loads it after the first paint): its first
    // import in this test run, transformed on the fly, took over a second on CI's loaded machine.
    await waitFor(
      () => expect(document.activeElement?.textContent).toBe(t("en", "validate.heading")),
      { timeout: 10_000 },
    );
    expect(tab).toBeTruthy();
  });
});
