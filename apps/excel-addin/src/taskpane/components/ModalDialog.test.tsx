// @vitest-environment happy-dom
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { cleanup, render } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { ModalDialog } from "./ModalDialog.js";

afterEach(cleanup);

function Harness({ onClose }: { onClose?: () => void }) {
  const [open, setOpen] = useState(false);
  return (
    <FluentProvider theme={webLightTheme}>
      <button type="button" id="opener" onClick={() => setOpen(true)}>
        open
      </button>
      <ModalDialog
        open={open}
        labelledBy="t"
        describedBy="d"
        className="mine"
        onClose={() => {
          onClose?.();
          setOpen(false);
        }}
      >
        <h2 id="t">Title</h2>
        <p id="d">What it is for</p>
        <input id="first" aria-label="first" />
      </ModalDialog>
    </FluentProvider>
  );
}

const dialog = () => document.querySelector("dialog");

describe("ModalDialog", () => {
  it("is not in the page while closed; opened, it is modal, labelled, themed and has focus", async () => {
    const view = render(<Harness />);
    expect(dialog()).toBeNull();
    const opener = view.container.querySelector<HTMLButtonElement>("#opener");
    opener?.focus();
    opener?.click();
    await Promise.resolve();
    const d = dialog();
    expect(d?.open).toBe(true);
    // In the page's body (the top layer), not inside the pane's element.
    expect(d?.parentElement).toBe(document.body);
    expect(view.container.contains(d)).toBe(false);
    expect(d?.getAttribute("aria-labelledby")).toBe("t");
    expect(d?.getAttribute("aria-describedby")).toBe("d");
    expect(d?.className).toMatch(/pb-dialog .*fui-FluentProvider.* mine/);
    expect(document.activeElement?.id).toBe("first");
  });

  it("Escape asks its owner to close; closed, focus goes back to the opener", async () => {
    let asked = 0;
    const view = render(<Harness onClose={() => asked++} />);
    const opener = view.container.querySelector<HTMLButtonElement>("#opener");
    opener?.focus();
    opener?.click();
    await Promise.resolve();
    // The browser's Escape on a modal dialog is a cancelable `cancel` event.
    const cancel = new Event("cancel", { cancelable: true });
    dialog()?.dispatchEvent(cancel);
    expect(cancel.defaultPrevented).toBe(true);
    expect(asked).toBe(1);
    await Promise.resolve();
    expect(dialog()).toBeNull();
    expect(document.activeElement?.id).toBe("opener");
  });
});
