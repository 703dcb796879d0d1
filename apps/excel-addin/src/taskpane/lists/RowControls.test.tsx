// @vitest-environment happy-dom
import { cleanup, screen } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { setup } from "../test-support.js";
import { RowButton, RowCheckbox } from "./RowControls.js";

afterEach(cleanup);

/** A checkbox whose owner keeps its state, as the review's store does. */
function Box(p: { label?: string; ariaLabel?: string; onChange: (v: boolean) => void }) {
  const [on, setOn] = useState(false);
  return (
    <RowCheckbox
      id="pb-box"
      field="email"
      tabIndex={0}
      checked={on}
      label={p.label}
      ariaLabel={p.ariaLabel}
      onChange={(v) => {
        p.onChange(v);
        setOn(v);
      }}
    />
  );
}

describe("RowButton", () => {
  it("is a named button that runs its action on click, Enter and Space, and keeps focus", async () => {
    const go = vi.fn();
    const s = setup(
      <RowButton className="use-all" tabIndex={-1} onClick={go}>
        Ga naar rij 4
      </RowButton>,
    );
    const button = screen.getByRole("button", { name: "Ga naar rij 4" });
    expect(button.getAttribute("type")).toBe("button");
    expect(button.tabIndex).toBe(-1);
    expect(button.className).toContain("use-all");
    await s.user.click(button);
    button.focus();
    await s.user.keyboard("{Enter}[Space]");
    expect(go).toHaveBeenCalledTimes(3);
    expect(document.activeElement).toBe(button);
  });
});

describe("RowCheckbox", () => {
  it("with a visible label: named by it, and a click on the label ticks the box", async () => {
    const changed = vi.fn();
    const s = setup(<Box label="Nieuw BV (Rij 3)" onChange={changed} />);
    const box = screen.getByRole("checkbox", { name: "Nieuw BV (Rij 3)" }) as HTMLInputElement;
    expect(box.checked).toBe(false);
    await s.user.click(screen.getByText("Nieuw BV (Rij 3)"));
    expect(changed).toHaveBeenLastCalledWith(true);
    expect(box.checked).toBe(true);
    expect(box.dataset.field).toBe("email");
  });

  it("without one: named by its aria-label; Space toggles it and focus stays", async () => {
    const changed = vi.fn();
    const s = setup(<Box ariaLabel="Écraser Ville — Peeters BV" onChange={changed} />);
    const box = screen.getByRole("checkbox", { name: "Écraser Ville — Peeters BV" });
    expect(s.container.querySelector("label")).toBeNull();
    box.focus();
    await s.user.keyboard("[Space]");
    expect(changed).toHaveBeenLastCalledWith(true);
    await s.user.keyboard("[Space]");
    expect(changed).toHaveBeenLastCalledWith(false);
    expect((box as HTMLInputElement).checked).toBe(false);
    expect(document.activeElement).toBe(box);
  });
});
