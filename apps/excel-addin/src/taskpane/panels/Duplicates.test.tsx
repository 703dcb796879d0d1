// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { setup, validatedSheet } from "../test-support.js";
import { Duplicates } from "./Duplicates.js";

afterEach(cleanup);

describe("Duplicates", () => {
  it("lists a client twice side by side; keeping one skips the other", async () => {
    const s = setup(<Duplicates />);
    const client = { name: "Peeters BV", kind: "Vennootschap", enterpriseNumber: "0403.019.261" };
    await validatedSheet(s, [
      { adminpulseId: "ap-1", ...client },
      { ...client, email: "info@peeters.be" },
    ]);
    const group = await screen.findByRole("group");
    expect(within(group).getByText("info@peeters.be")).toBeTruthy();
    await s.user.click(within(group).getByRole("button", { name: "Keep this one: Row 3" }));
    await waitFor(() => expect(s.store.getState().skipped.has(0)).toBe(true));
    expect(s.store.getState().skipped.has(1)).toBe(false);
    await waitFor(() => expect(screen.queryByRole("group")).toBeNull());
  });
});
