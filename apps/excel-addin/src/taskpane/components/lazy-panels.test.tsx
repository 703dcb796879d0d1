// @vitest-environment happy-dom
import { cleanup, screen } from "@testing-library/react";
import { Suspense } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { t } from "../../i18n/ui.js";
import type { Tab } from "../store/state.js";
// The panels' chunk, in the module cache from the start (as Pane.test): what is tested is that
// lazy-panels waits for its own load, not how long Vite takes to transform the chunk.
import "../later.js";
import { setup } from "../test-support.js";
import { preloadPanels, StepPanel } from "./lazy-panels.js";
import { PanelHeading } from "./PanelHeading.js";

afterEach(cleanup);

// As Pane.tsx renders a step: a panel still loading shows its heading.
const step = (tab: Tab) => (
  <Suspense fallback={<PanelHeading>{`loading ${t("nl", `${tab}.heading`)}`}</PanelHeading>}>
    <StepPanel tab={tab} />
  </Suspense>
);
const heading = () => screen.getByRole("heading", { level: 2 }).textContent;

// The module keeps what it loaded: the tests run in order, from nothing loaded.
describe("lazy panels", () => {
  it("the connect panel is part of the first view: it renders at once", () => {
    setup(step("connect"), { lang: "nl" });
    expect(heading()).toBe(t("nl", "connect.heading"));
  });

  it("a panel not loaded yet shows its heading, then the panel once it is", async () => {
    setup(step("validate"), { lang: "nl" });
    expect(heading()).toBe(`loading ${t("nl", "validate.heading")}`);
    await screen.findByRole("button", { name: t("nl", "validate.run") }, { timeout: 10_000 });
    expect(heading()).toBe(t("nl", "validate.heading"));
  });

  it("after preloadPanels, a panel never used before renders with no fallback", async () => {
    await preloadPanels();
    setup(step("push"), { lang: "nl" });
    // Synchronously, in the first commit: no "loading" heading between.
    expect(heading()).toBe(t("nl", "push.heading"));
    expect(screen.getByRole("button", { name: t("nl", "push.toReview") })).toBeTruthy();
  });
});
