// @vitest-environment happy-dom
import { cleanup, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { setup } from "../test-support.js";
import { DataPanel } from "./DataPanel.js";

afterEach(cleanup);

describe("DataPanel", () => {
  it("offers a task template or a search only in their mode, and pull only when connected", async () => {
    const s = setup(<DataPanel />, {
      state: {
        templates: [{ name: "Btw-aangifte", clientCount: 12 }],
        pullTemplate: "Btw-aangifte",
      },
    });
    expect(screen.queryByLabelText("Task template")).toBeNull();
    expect(
      screen.getByRole("button", { name: "Pull into Excel" }).getAttribute("aria-disabled"),
    ).toBe("true");
    await s.user.click(screen.getByLabelText("Clients of a task template"));
    expect(s.store.getState().pullMode).toBe("taskTemplate");
    expect(screen.getByRole("option", { name: "Btw-aangifte (12)" })).toBeTruthy();
    await s.user.click(screen.getByLabelText("Search by name or enterprise number"));
    await s.user.type(screen.getByRole("searchbox"), "Janssens");
    expect(s.store.getState().pullSearch).toBe("Janssens");
  });

  it("maps an existing sheet: guesses the columns, and confirming validates it", async () => {
    const s = setup(<DataPanel />);
    s.workbook.addSheet("Export", [
      ["Klantnaam", "Ondernemingsnummer", "E-mail"],
      ["Bakkerij Janssens", "403.019.261", "info@janssens.be"],
    ]);
    s.actions.data.refreshSheets();
    await waitFor(() => expect(s.store.getState().mapSheet).toBe("Export"));
    await s.user.click(screen.getByRole("button", { name: "Map columns" }));
    const name = (await screen.findByLabelText("Name")) as HTMLSelectElement;
    expect(name.value).toBe("Klantnaam");
    await s.user.click(screen.getByRole("button", { name: /Use this mapping/ }));
    await waitFor(() => expect(s.store.getState().validation?.counts.rows).toBe(1));
    expect(s.store.getState().tab).toBe("validate");
  });
});
