// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from "vitest";
import { holdKeys, takeHeldKeys } from "./type-ahead.js";

const press = (key: string, o: KeyboardEventInit = {}) => {
  const e = new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true, ...o });
  document.body.dispatchEvent(e);
  return e;
};

afterEach(() => {
  takeHeldKeys();
});

describe("type-ahead", () => {
  it("holds letters, Backspace and Enter in order, and hides them from the page", () => {
    let seen = 0;
    const count = () => seen++;
    document.addEventListener("keydown", count);
    holdKeys();
    for (const k of ["r", "e", "x", "Backspace", "v"]) expect(press(k).defaultPrevented).toBe(true);
    press("Enter");
    document.removeEventListener("keydown", count);
    expect(seen).toBe(0);
    expect(takeHeldKeys()).toEqual({ text: "rev", enter: true, escape: false });
  });

  it("lets shortcuts, Tab and arrows through, and stops holding once taken", () => {
    holdKeys();
    expect(press("P", { ctrlKey: true, shiftKey: true }).defaultPrevented).toBe(false);
    expect(press("Tab").defaultPrevented).toBe(false);
    expect(press("ArrowDown").defaultPrevented).toBe(false);
    press("Escape");
    expect(takeHeldKeys()).toEqual({ text: "", enter: false, escape: true });
    expect(press("a").defaultPrevented).toBe(false);
    expect(takeHeldKeys().text).toBe("");
  });
});
