// @vitest-environment happy-dom
import { act, cleanup, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { setup } from "../test-support.js";
import { MessageLine } from "./MessageLine.js";

afterEach(cleanup);

describe("MessageLine", () => {
  it("an error is an alert, other messages a polite status, and both follow the language", () => {
    const s = setup(<MessageLine />, { lang: "nl" });
    act(() => {
      s.store.setState({
        message: { kind: "error", text: (l) => (l === "nl" ? "Mislukt" : "Failed") },
      });
    });
    expect(screen.getByRole("alert").textContent).toBe("Mislukt");
    act(() => {
      s.store.setState({ lang: "en" });
    });
    expect(screen.getByRole("alert").textContent).toBe("Failed");
    act(() => {
      s.store.setState({ message: { kind: "success", text: () => "Done" } });
    });
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.getByRole("status").textContent).toBe("Done");
  });
});
