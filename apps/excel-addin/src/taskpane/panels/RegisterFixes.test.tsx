// @vitest-environment happy-dom
import { cleanup, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { setup, validatedSheet } from "../test-support.js";
import { RegisterFixes } from "./RegisterFixes.js";

afterEach(cleanup);

describe("RegisterFixes", () => {
  it("offers the register check once a sheet is loaded, and asks to connect first", async () => {
    const s = setup(<RegisterFixes />);
    const button = screen.getByRole("button");
    expect(button.getAttribute("aria-disabled")).toBe("true");
    await validatedSheet(s, [{ adminpulseId: "ap-1", name: "Peeters BV", kind: "Vennootschap" }]);
    expect(button.getAttribute("aria-disabled")).toBeNull();
    await s.user.click(button);
    expect(s.store.getState().message?.text("en")).toMatch(/connect/i);
  });
});
