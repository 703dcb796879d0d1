/** The empty records a review starts from: an address with nothing known, a client with only a name. */
import type { Address, Client } from "../model/client.js";

export const noAddress: Readonly<Address> = Object.freeze({
  street: null,
  number: null,
  box: null,
  postalCode: null,
  city: null,
  country: null,
});

/** A client with every field empty but its kind and name (a fresh object each time). */
export function blankClient(kind: Client["kind"], name: string): Client {
  return {
    sourceIds: { adminpulseId: null, uniqueIdentifier: null, code: null },
    kind,
    name,
    firstName: null,
    lastName: null,
    enterpriseNumber: null,
    nationalNumber: null,
    vatNumber: null,
    legalForm: null,
    language: null,
    email: null,
    phone: null,
    iban: null,
    bic: null,
    address: null,
    generalMeetingDate: null,
    responsibleUser: null,
    links: [],
  };
}
