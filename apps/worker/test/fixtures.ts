import type { Client } from "@pulsebridge/core";
import type { FakeRecord } from "./fake-source.js";

export function makeClient(i: number, over: Partial<Client> = {}): Client {
  return {
    sourceIds: {
      adminpulseId: `ap-${i}`,
      uniqueIdentifier: `APR${String(i).padStart(5, "0")}`,
      code: `C${i}`,
    },
    kind: "company",
    name: `Client ${String(i).padStart(4, "0")} BV`,
    enterpriseNumber: validEnterprise(i),
    nationalNumber: null,
    vatNumber: null,
    legalForm: "BV",
    language: "nl",
    email: `info${i}@example.be`,
    phone: null,
    address: {
      street: "Kerkstraat",
      number: String(i),
      box: null,
      postalCode: "9000",
      city: "Gent",
      country: "BE",
    },
    generalMeetingDate: null,
    responsibleUser: { id: "u1", name: "An Peeters" },
    links: [],
    ...over,
  };
}

export function record(
  i: number,
  over: Partial<Client> = {},
  taskTemplates: string[] = [],
): FakeRecord {
  return { adminpulseId: `ap-${i}`, client: makeClient(i, over), taskTemplates };
}

/** 0 + 7 digits + 2 check digits = 10 digits with a valid mod-97 check. */
export function validEnterprise(i: number): string {
  const base = 2_000_000 + i; // the 8 leading digits "0" + 7 digits
  const check = 97 - (base % 97);
  return `0${String(base).padStart(7, "0")}${String(check).padStart(2, "0")}`;
}
