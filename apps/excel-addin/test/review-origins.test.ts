/** Review choices follow the origins: edits proposed, AdminPulse's changes refreshed, never overwritten. */
import { type Client, type ReconcileResult, reconcile, toImportRow } from "@pulsebridge/core";
import { describe, expect, it } from "vitest";
import {
  initialChoices,
  overwriteFieldEverywhere,
  refreshCells,
  useAllFromSheet,
} from "../src/features/review/choices.js";

const pulled: Client = {
  sourceIds: { adminpulseId: "ap-1", uniqueIdentifier: null, code: "C1" },
  kind: "company",
  name: "Acme BV",
  enterpriseNumber: "0403019261",
  nationalNumber: null,
  vatNumber: null,
  legalForm: "BV",
  language: "nl",
  email: "a@acme.be",
  phone: "+32 9 100 00 00",
  address: {
    street: "Kerkstraat",
    number: "1",
    box: null,
    postalCode: "9000",
    city: "Gent",
    country: "BE",
  },
  generalMeetingDate: null,
  responsibleUser: null,
  links: [],
};

function review(): ReconcileResult {
  // AdminPulse changed e-mail and city; the user changed phone and city (a conflict).
  const source = { ...pulled, email: "b@acme.be", address: { ...pulled.address!, city: "Gand" } };
  const sheet = {
    ...pulled,
    phone: "+32 9 200 00 00",
    address: { ...pulled.address!, city: "Ghent" },
  };
  return reconcile(
    [{ ...toImportRow(sheet, "2"), version: "1" }],
    [{ id: "c1", client: source, version: 2 }],
    { baseOf: () => pulled },
  );
}

describe("review by origin", () => {
  it("proposes the user's edits, keeps AdminPulse's changes and conflicts", () => {
    const r = review();
    expect(r.matching[0]!.differences.map((d) => [d.field, d.origin])).toEqual([
      ["email", "source"],
      ["phone", "sheet"],
      ["address.city", "both"],
    ]);
    expect(initialChoices(r).overwrite).toEqual({ c1: ["phone"] });
    expect(useAllFromSheet(initialChoices(r), r, "c1").overwrite).toEqual({
      c1: ["phone", "address.city"],
    });
    const none = { overwrite: {}, add: [] };
    expect(overwriteFieldEverywhere(none, r, "email", true).overwrite).toEqual({});
    expect(overwriteFieldEverywhere(none, r, "address.city", true).overwrite).toEqual({});
    expect(overwriteFieldEverywhere(none, r, "phone", true).overwrite).toEqual({ c1: ["phone"] });
  });

  it("refreshes the cells AdminPulse changed with its values, as the sheet shows them", () => {
    expect(refreshCells(review(), "nl")).toEqual([{ ref: "2", key: "email", value: "b@acme.be" }]);
    expect(refreshCells(review(), "nl", ["both"])).toEqual([
      { ref: "2", key: "city", value: "Gand" },
    ]);
  });
});
