/**
 * The mapping (table.ts) lists by hand which AdminPulse fields feed which model field: it is data a
 * deployment can override, so it cannot be generated. This keeps it in step with core's field
 * table: a field added there fails here until it is mapped or named below as not coming from
 * AdminPulse.
 */
import { fieldTable } from "@pulsebridge/core";
import { describe, expect, it } from "vitest";
import { defaultMappingTable } from "./table.js";

/** Model fields AdminPulse's relation does not carry (adminpulse-api.md), with the reason. */
const notFromAdminPulse: Record<string, string> = {
  iban: "bank accounts are typed in the sheet, not read from the relation",
  bic: "derived from the IBAN or typed in the sheet",
};
/** Mapping entries named differently from the model field they feed. */
const renamed: Record<string, string> = {
  id: "adminpulseId",
  responsibleUserId: "responsibleUser",
};

describe("the AdminPulse mapping follows core's field table", () => {
  const mapped = new Set([
    ...Object.keys(defaultMappingTable.fields).map((k) => renamed[k] ?? k),
    ...Object.keys(defaultMappingTable.address),
  ]);

  it("maps every field of the table, or says why AdminPulse has none", () => {
    for (const f of fieldTable) {
      if (f.key in notFromAdminPulse) continue;
      expect(mapped.has(f.key), `${f.key}: map it in table.ts or list it here`).toBe(true);
    }
  });

  it("maps only fields the table has", () => {
    const keys = new Set<string>([...fieldTable.map((f) => f.key), "address"]);
    for (const m of mapped) expect(keys.has(m), m).toBe(true);
    for (const k of Object.keys(notFromAdminPulse)) expect(mapped.has(k), k).toBe(false);
  });
});
