// @vitest-environment happy-dom
import { act, cleanup, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { setup } from "../test-support.js";
import { Progress } from "./Progress.js";

afterEach(cleanup);

describe("Progress", () => {
  it("shows nothing when idle; a long step's count in the user's language, and Cancel aborts it", async () => {
    const s = setup(<Progress />, { lang: "fr" });
    expect(screen.queryByRole("status")).toBeNull();
    const controller = new AbortController();
    act(() => {
      s.store.setState({ busy: { controller, label: "progress.fetch", done: 250, total: 1000 } });
    });
    expect(screen.getByRole("status").textContent).toContain("250 clients chargés…");
    expect(screen.getByRole("progressbar").getAttribute("aria-valuenow")).toBe("0.25");
    await s.user.click(screen.getByRole("button", { name: "Annuler" }));
    expect(controller.signal.aborted).toBe(true);
  });
});
