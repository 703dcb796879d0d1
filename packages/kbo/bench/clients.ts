import type { Client } from "@pulsebridge/core";
import { entity } from "../src/generator/entities.js";

/**
 * The clients both register benchmarks check (SQLite in run.ts, local D1 in d1.ts), drawn from the
 * same generated dump so the two targets answer the same questions: most as the register has them,
 * every 7th renamed, every 11th moved, every 50th with a number the register does not hold.
 */
export function benchClients(seed: number, enterprises: number, count: number): Client[] {
  const clients: Client[] = [];
  for (let k = 0; k < count; k++) {
    const e = entity(seed, Math.floor((k * 2654435761) % enterprises));
    const a = e.rego ?? e.establishments[0]?.address ?? null;
    clients.push({
      sourceIds: { adminpulseId: null, uniqueIdentifier: null, code: null },
      kind: e.typeOfEnterprise === "1" ? "soleProprietor" : "company",
      name: k % 7 === 0 ? "Renamed Trading" : (e.names[0]?.text ?? "x"),
      enterpriseNumber: k % 50 === 0 ? "0800123405" : e.number,
      nationalNumber: null,
      vatNumber: null,
      legalForm: e.juridicalForm === "610" ? "BV" : null,
      language: k % 3 === 0 ? "fr" : "nl",
      email: null,
      phone: null,
      address: a && {
        street: a.streetNl,
        number: k % 11 === 0 ? "1000" : a.houseNumber,
        box: a.box || null,
        postalCode: a.zipcode,
        city: a.municipalityNl,
        country: "BE",
      },
      generalMeetingDate: null,
      responsibleUser: null,
      links: [],
    });
  }
  return clients;
}
