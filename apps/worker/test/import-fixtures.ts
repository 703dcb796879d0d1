import { record, validEnterprise } from "./fixtures.js";
import { call, type Harness, type Office, seedClients } from "./harness.js";

/** An office with three cached clients, and the id of `ap-1` (the one the import updates). */
export async function officeWithClients(h: Harness, office: Office) {
  h.source.records = [record(1), record(2), record(3)];
  await seedClients(h, office);
  const list = (await (await call(h, "GET", "/v1/clients", { key: office.keys.staff })).json()) as {
    data: { id: string; sourceIds: { adminpulseId: string } }[];
  };
  return { id1: list.data.find((c) => c.sourceIds.adminpulseId === "ap-1")!.id };
}

export const importRows = () => [
  // Same enterprise number as cached client 1, other e-mail: a match with one difference.
  {
    ref: "r1",
    kind: "company",
    name: "Client 0001 BV",
    enterpriseNumber: validEnterprise(1),
    email: "boekhouding@client1.be",
  },
  // A new, valid company.
  { ref: "r2", kind: "company", name: "Nieuw BV", enterpriseNumber: `BE ${validEnterprise(500)}` },
  // Wrong check digits and no name: rejected with both reasons.
  { ref: "r3", kind: "company", name: "", enterpriseNumber: "0123456789" },
  // Formula-looking name, valid but not ticked for creation.
  {
    ref: "r4",
    kind: "company",
    name: '=HYPERLINK("http://x")',
    enterpriseNumber: validEnterprise(501),
  },
];

export const importBody = (id1: string) => ({
  source: "excel",
  createdBy: "an.peeters@kantoor.be",
  rows: importRows(),
  choices: { overwrite: { [id1]: ["email"] }, add: ["r2"] },
});
