// @vitest-environment happy-dom
import type { UiLanguage } from "@pulsebridge/core";
import { cleanup, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { columnByKey, columns } from "../../features/sheet/columns.js";
import { t } from "../../i18n/ui.js";
import type { TableRef } from "../../workbook/types.js";
import { setup } from "../test-support.js";
import { MappingForm } from "./MappingForm.js";

afterEach(cleanup);

const ref: TableRef = { sheet: "Klanten", table: "PulseBridgeImportKlanten" } as TableRef;
const headers = ["Klantnaam", "Mail", "Gemeente"];
const pending = { ref, headers, mapping: { name: "Klantnaam" } };
const label = (key: "name" | "email", lang: UiLanguage) => columnByKey.get(key)?.labels[lang] ?? "";

describe("MappingForm", () => {
  it("shows nothing while no mapping is asked", () => {
    const s = setup(<MappingForm />);
    expect(s.container.querySelector("form")).toBeNull();
  });

  it.each(["nl", "fr"] as UiLanguage[])(
    "in %s: one select per field, named by the field, with the sheet's headers",
    (lang) => {
      setup(<MappingForm />, { lang, state: { pendingMapping: pending } });
      expect(screen.getByRole("heading", { level: 3 }).textContent).toBe(t(lang, "data.mapping"));
      expect(screen.getAllByRole("combobox")).toHaveLength(columns.length);
      const name = screen.getByRole("combobox", { name: label("name", lang) }) as HTMLSelectElement;
      expect(name.value).toBe("Klantnaam");
      expect([...name.options].map((o) => o.textContent)).toEqual([
        t(lang, "data.mapping.none"),
        ...headers,
      ]);
      const email = screen.getByRole("combobox", {
        name: label("email", lang),
      }) as HTMLSelectElement;
      expect(email.value).toBe("");
      expect(screen.getByRole("button", { name: t(lang, "data.mapping.confirm") })).toBeTruthy();
    },
  );

  it("choosing a header maps the field; '(not used)' unmaps it", async () => {
    const s = setup(<MappingForm />, { state: { pendingMapping: pending } });
    const email = screen.getByRole("combobox", { name: label("email", "en") });
    await s.user.selectOptions(email, "Mail");
    expect(s.store.getState().pendingMapping?.mapping).toEqual({
      name: "Klantnaam",
      email: "Mail",
    });
    expect((email as HTMLSelectElement).value).toBe("Mail");
    await s.user.selectOptions(email, t("en", "data.mapping.none"));
    expect(s.store.getState().pendingMapping?.mapping).toEqual({ name: "Klantnaam" });
  });

  it("without a name column, confirming says so and keeps the form", async () => {
    const s = setup(<MappingForm />, { lang: "fr", state: { pendingMapping: pending } });
    await s.user.selectOptions(screen.getByRole("combobox", { name: label("name", "fr") }), "");
    await s.user.click(screen.getByRole("button", { name: t("fr", "data.mapping.confirm") }));
    expect(s.store.getState().message?.text("fr")).toBe(t("fr", "error.noName"));
    expect(s.store.getState().pendingMapping).not.toBeNull();
  });

  it("confirming uses the mapping: the table is read and the form goes away", async () => {
    const s = setup(<MappingForm />, { lang: "nl", state: { pendingMapping: pending } });
    await s.user.click(screen.getByRole("button", { name: t("nl", "data.mapping.confirm") }));
    await waitFor(() => expect(s.store.getState().pendingMapping).toBeNull());
    expect(s.store.getState().table).toEqual(ref);
    expect(s.container.querySelector("form")).toBeNull();
  });
});
