// @vitest-environment happy-dom
import type { ReconcileResult } from "@pulsebridge/core";
import { cleanup, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { initialChoices } from "../../features/review/choices.js";
import { t } from "../../i18n/ui.js";
import { cellOf, setup, validatedSheet } from "../test-support.js";
import { ReviewPanel } from "./ReviewPanel.js";

afterEach(cleanup);

/**
 * Two pulled clients, reviewed: Peeters (row 2) — the user changed the city, AdminPulse the
 * e-mail; Aardappel (row 3) — both changed the e-mail (a conflict).
 */
async function threeWay(s: ReturnType<typeof setup>) {
  await validatedSheet(s, [
    {
      adminpulseId: "ap-1",
      name: "Peeters BV",
      kind: "Vennootschap",
      enterpriseNumber: "0403.019.261",
      city: "Gand",
      email: "oud@peeters.be",
    },
    {
      adminpulseId: "ap-2",
      name: "Aardappel NV",
      kind: "Vennootschap",
      enterpriseNumber: "0200.000.142",
      email: "mijn@aardappel.be",
    },
  ]);
  const [a, b] = s.store.getState().validation?.results ?? [];
  if (!a?.client || !b?.client) throw new Error("rows did not parse");
  const match = (
    ref: string,
    id: string,
    client: NonNullable<typeof a.client>,
    existing: NonNullable<typeof a.client>,
    differences: ReconcileResult["matching"][number]["differences"],
  ) => ({
    ref,
    id,
    client,
    existing,
    matchedOn: "adminpulseId" as const,
    probable: false,
    version: 1,
    currentVersion: 2,
    differences,
    warnings: [],
  });
  const peetersThere = {
    ...a.client,
    email: "nieuw@peeters.be",
    address: { ...a.client.address, city: "Gent" },
  } as typeof a.client;
  const review: ReconcileResult = {
    onlyInImport: [],
    onlyInTarget: [],
    invalid: [],
    duplicates: [],
    matching: [
      match("2", "cl_1", a.client, peetersThere, [
        { field: "address.city", imported: "Gand", existing: "Gent", origin: "sheet" },
        {
          field: "email",
          imported: "oud@peeters.be",
          existing: "nieuw@peeters.be",
          origin: "source",
        },
      ]),
      match("3", "cl_2", b.client, { ...b.client, email: "hun@aardappel.be" }, [
        {
          field: "email",
          imported: "mijn@aardappel.be",
          existing: "hun@aardappel.be",
          origin: "both",
        },
      ]),
    ],
  };
  s.store.setState({ review, choices: initialChoices(review) });
  return review;
}

const matches = () =>
  within(screen.getByRole("list", { name: t("en", "review.matching") }))
    .queryAllByRole("listitem")
    .map((li) => li.querySelector("h4")?.textContent ?? "");

describe("review tools", () => {
  it("filters by who changed a field and by field, sorts, and searches by number", async () => {
    const s = setup(<ReviewPanel />);
    await threeWay(s);
    await waitFor(() => expect(matches()).toEqual(["Peeters BV (Row 2)", "Aardappel NV (Row 3)"]));
    await s.user.selectOptions(screen.getByLabelText(t("en", "review.filterOrigin")), "both");
    await waitFor(() => expect(matches()).toEqual(["Aardappel NV (Row 3)"]));
    await s.user.selectOptions(screen.getByLabelText(t("en", "review.filterOrigin")), "all");
    await s.user.selectOptions(
      screen.getByLabelText(t("en", "review.filterField")),
      "address.city",
    );
    await waitFor(() => expect(matches()).toEqual(["Peeters BV (Row 2)"]));
    await s.user.selectOptions(screen.getByLabelText(t("en", "review.filterField")), "");
    await s.user.selectOptions(screen.getByLabelText(t("en", "review.sort")), "name");
    await waitFor(() => expect(matches()).toEqual(["Aardappel NV (Row 3)", "Peeters BV (Row 2)"]));
    // An enterprise number typed without dots finds the client whose number has them.
    await s.user.type(screen.getByLabelText(`Search: ${t("en", "review.matching")}`), "0200000142");
    await waitFor(() => expect(matches()).toEqual(["Aardappel NV (Row 3)"]));
  });

  it("says who changed each field; AdminPulse's changes are never offered as an overwrite", async () => {
    const s = setup(<ReviewPanel />, { lang: "nl" });
    await threeWay(s);
    const list = await screen.findByRole("list", { name: t("nl", "review.matching") });
    const rows = [...list.querySelectorAll("tr[data-origin]")];
    expect(
      rows.map((r) => [r.getAttribute("data-origin"), r.querySelector("th")?.textContent]),
    ).toEqual([
      ["sheet", "Gemeente (uw wijziging)"],
      ["source", "E-mail (gewijzigd in AdminPulse)"],
      ["both", "E-mail (conflict)"],
    ]);
    const box = (origin: string) =>
      list.querySelector<HTMLInputElement>(`tr[data-origin="${origin}"] input[type=checkbox]`);
    expect(box("sheet")?.checked).toBe(true);
    expect(box("source")).toBeNull();
    expect(list.querySelector('tr[data-origin="source"]')?.textContent).toContain(
      t("nl", "review.sourceNoOverwrite"),
    );
    expect(box("both")?.checked).toBe(false);
  });

  it("refreshes the cells AdminPulse changed, without counting them as the user's edits", async () => {
    const s = setup(<ReviewPanel />);
    await threeWay(s);
    await s.user.click(
      await screen.findByRole("button", { name: t("en", "review.refreshCells", { count: 1 }) }),
    );
    await waitFor(() => expect(cellOf(s, 0, "E-mail")).toBe("nieuw@peeters.be"));
    // The user's own edits stay: the city and the other client's conflicting e-mail.
    expect(cellOf(s, 0, "City")).toBe("Gand");
    expect(cellOf(s, 1, "E-mail")).toBe("mijn@aardappel.be");
    expect(s.store.getState().edited.size).toBe(0);
    expect(s.store.getState().review).toBeNull();
    expect(s.store.getState().message?.text("en")).toBe(t("en", "review.refreshed", { count: 1 }));
  });

  it("copies the review to a new sheet in the pane's language, never over an existing one", async () => {
    const s = setup(<ReviewPanel />, { lang: "fr" });
    await threeWay(s);
    s.workbook.addSheet("PulseBridge comparaison", [["déjà là"]]);
    await s.user.click(await screen.findByRole("button", { name: t("fr", "review.copy") }));
    await waitFor(() =>
      expect(s.workbook.sheets.get("PulseBridge comparaison 2")?.grid.length).toBe(4),
    );
    const grid = s.workbook.sheets.get("PulseBridge comparaison 2")?.grid ?? [];
    expect(grid[0]).toEqual([
      "Catégorie",
      "Ligne",
      "Nom",
      "Numéro d'entreprise",
      "Champ",
      "Dans la feuille",
      "Dans PulseBridge",
      "Modifié par",
      "Choix",
    ]);
    expect(grid[1]?.slice(0, 3)).toEqual(["Modifié", "2", "Peeters BV"]);
    expect(grid[1]?.slice(5)).toEqual(["Gand", "Gent", "votre modification", "écraser"]);
    expect(grid[2]?.slice(7)).toEqual(["modifié dans AdminPulse", "garder"]);
    expect(grid[3]?.slice(7)).toEqual(["conflit", "garder"]);
    expect(s.workbook.sheets.get("PulseBridge comparaison")?.grid).toEqual([["déjà là"]]);
  });
});
