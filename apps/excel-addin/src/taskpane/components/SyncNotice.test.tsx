// @vitest-environment happy-dom
import { cleanup, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { t } from "../../i18n/ui.js";
import { fakeFetch, focusWhenShown, meResponse, setup } from "../test-support.js";
import { SyncNotice } from "./SyncNotice.js";

afterEach(cleanup);

const run = (status: string, deletionsHeld = 0) => ({
  id: "run_1",
  kind: "full",
  trigger: "cron",
  status,
  startedAt: "2026-12-03T06:00:00Z",
  finishedAt: "2026-12-03T06:04:00Z",
  pages: 20,
  taskPages: 0,
  added: 0,
  updated: 3,
  deleted: 0,
  deletionsHeld,
  problems: {},
  errorCount: 0,
  lastError: null,
});

function pane(role: string, runs: unknown[], confirmed: string[] = []) {
  return setup(<SyncNotice />, {
    options: {
      fetch: fakeFetch({
        "GET /v1/me": () => ({ body: meResponse(role) }),
        "GET /v1/task-templates": () => ({ body: { data: [] } }),
        "GET /v1/sync/runs": () => ({ body: { data: runs } }),
        "POST /v1/sync/runs/run_1/confirm-deletions": () => {
          confirmed.push("run_1");
          return { body: { run: { ...run("completed", 7), deleted: 7 }, deleted: 7 } };
        },
      }),
    },
  });
}

describe("SyncNotice", () => {
  it("an admin confirms held deletions in two steps; cancel keeps them", async () => {
    const confirmed: string[] = [];
    const s = pane("admin", [run("deletions_held", 7), run("completed")], confirmed);
    await s.actions.connect.doConnect("https://pb.example.be", "pb_test_admin_key");
    expect(await screen.findByText(t("en", "sync.held", { count: 7 }))).toBeTruthy();
    await s.user.click(screen.getByRole("button", { name: t("en", "sync.confirm") }));
    // Asked first; focus on "cancel", the safe answer.
    expect(screen.getByText(t("en", "sync.confirmAsk", { count: 7 }))).toBeTruthy();
    const cancel = screen.getByRole("button", { name: t("en", "sync.cancel") });
    expect(document.activeElement).toBe(cancel);
    await s.user.click(cancel);
    expect(confirmed).toEqual([]);
    expect(document.activeElement).toBe(
      screen.getByRole("button", { name: t("en", "sync.confirm") }),
    );
    await s.user.click(screen.getByRole("button", { name: t("en", "sync.confirm") }));
    await s.user.click(
      screen.getByRole("button", { name: t("en", "sync.confirmYes", { count: 7 }) }),
    );
    await waitFor(() => expect(s.store.getState().heldRun).toBeNull());
    expect(confirmed).toEqual(["run_1"]);
    expect(s.store.getState().message?.text("nl")).toBe("7 klanten verwijderd.");
    expect(screen.queryByText(t("en", "sync.held", { count: 7 }))).toBeNull();
  });

  it("focus is on cancel in the commit that asks, so the next key cannot reach the page", async () => {
    const s = pane("admin", [run("deletions_held", 7)]);
    await s.actions.connect.doConnect("https://pb.example.be", "pb_test_admin_key");
    await screen.findByText(t("en", "sync.held", { count: 7 }));
    const focused = focusWhenShown("#pb-sync-confirm-yes");
    // A native click, outside act(): nothing flushes the effects early (CI failed on this gap).
    screen.getByRole("button", { name: t("en", "sync.confirm") }).click();
    expect(await focused).toBe("pb-sync-confirm-no");
    const back = focusWhenShown("#pb-sync-confirm");
    screen.getByRole("button", { name: t("en", "sync.cancel") }).click();
    expect(await back).toBe("pb-sync-confirm");
  });

  it("staff see the held deletions but no confirm button", async () => {
    const s = pane("staff", [run("deletions_held", 1)]);
    await s.actions.connect.doConnect("https://pb.example.be", "pb_test_staff_key");
    expect(await screen.findByText(t("en", "sync.held", { count: 1 }))).toBeTruthy();
    expect(screen.getByText(t("en", "sync.heldAdminOnly"))).toBeTruthy();
    expect(screen.queryByRole("button")).toBeNull();
  });

  it("only the newest full run counts: a later completed run clears the notice", async () => {
    const s = pane("admin", [
      { ...run("running"), kind: "client", id: "run_3" },
      { ...run("completed"), id: "run_2" },
      run("deletions_held", 4),
    ]);
    await s.actions.connect.doConnect("https://pb.example.be", "pb_test_admin_key");
    await waitFor(() => expect(s.store.getState().connected).not.toBeNull());
    expect(s.store.getState().heldRun).toBeNull();
    expect(screen.queryByText(/AdminPulse/)).toBeNull();
  });
});
