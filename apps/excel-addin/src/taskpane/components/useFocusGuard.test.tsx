// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { type ReactElement, Suspense, useRef, useState } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, describe, expect, it } from "vitest";
import { PanelHeading } from "./PanelHeading.js";
import { useFocusGuard } from "./useFocusGuard.js";

let root: Root | null = null;
afterEach(() => {
  root?.unmount();
  root = null;
  cleanup();
});

/** Mounted as mount.tsx mounts the pane: a root of its own, outside act(), so effects run when
 * the renderer runs them rather than when a test helper flushes them. */
function render(ui: ReactElement) {
  const el = document.createElement("div");
  document.body.append(el);
  root = createRoot(el);
  root.render(ui);
}

/** A panel's code still loading until `release` (as lazy-panels' StepPanel suspends). */
interface Gate {
  done: boolean;
  loading: Promise<void>;
  release(): Promise<void>;
}
function gate(): Gate {
  let open = () => {};
  const g: Gate = {
    done: false,
    loading: new Promise<void>((r) => {
      open = r;
    }),
    release: async () => {
      await act(async () => {
        g.done = true;
        open();
      });
    },
  };
  return g;
}

function LoadingPanel({ gate }: { gate: Gate }) {
  if (!gate.done) throw gate.loading;
  return (
    <section>
      <PanelHeading>Validation</PanelHeading>
      <button type="button">Validate all rows</button>
    </section>
  );
}

function Frame({ later }: { later: Gate }) {
  const ref = useRef<HTMLDivElement>(null);
  useFocusGuard(ref);
  const [tab, setTab] = useState<"connect" | "validate">("connect");
  return (
    <div ref={ref}>
      <button type="button" onClick={() => setTab("validate")}>
        open validate
      </button>
      <main role="tabpanel">
        <Suspense fallback={<PanelHeading>Validation (loading)</PanelHeading>}>
          {tab === "connect" ? (
            <section>
              <PanelHeading>Connection</PanelHeading>
              <button type="button" onClick={() => setTab("validate")}>
                Connect
              </button>
            </section>
          ) : (
            <LoadingPanel gate={later} />
          )}
        </Suspense>
      </main>
    </div>
  );
}

describe("useFocusGuard", () => {
  it("a step opened while its panel loads: focus goes to the placeholder's heading, then to the panel's", async () => {
    const later = gate();
    render(<Frame later={later} />);
    const connect = screen.getByRole("button", { name: "Connect" });
    // Focused in the same task as the commit: the guard listens from the commit on.
    connect.focus();
    fireEvent.click(connect);
    await waitFor(() => expect(document.activeElement?.textContent).toBe("Validation (loading)"));
    await later.release();
    await waitFor(() => expect(document.activeElement?.textContent).toBe("Validation"));
  });

  it("leaves focus alone when it is on something still shown (the control that switched)", async () => {
    const later = gate();
    render(<Frame later={later} />);
    const opener = screen.getByRole("button", { name: "open validate" });
    opener.focus();
    fireEvent.click(opener);
    await later.release();
    await screen.findByText("Validate all rows");
    expect(document.activeElement).toBe(opener);
  });
});
