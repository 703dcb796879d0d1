/** Example values for the reference: one realistic office, reused by every operation's examples. */
import type {
  CacheInfo,
  Client,
  ClientResource,
  ImportResponse,
  ImportRow,
} from "@pulsebridge/core";
import type { ClientRegisterCheck } from "@pulsebridge/kbo/portable";

export const exampleId = "01J9Z8Q4R6W3T2Y7X5V1N0M8KP";
export const exampleAt = "2026-11-30T08:15:00.000Z";

export const exampleClient: ClientResource = {
  id: exampleId,
  sourceIds: {
    adminpulseId: "5f2c0a64-9c1e-4f7b-8a52-6d3e1b0c9a77",
    uniqueIdentifier: "APR00042",
    code: "K0042",
  },
  kind: "company",
  name: "Bakkerij Janssens BV",
  enterpriseNumber: "0403019261",
  nationalNumber: null,
  vatNumber: "BE0403019261",
  legalForm: "BV",
  language: "nl",
  email: "info@bakkerij-janssens.be",
  phone: "+3232123456",
  address: {
    street: "Meir",
    number: "12",
    box: null,
    postalCode: "2000",
    city: "Antwerpen",
    country: "BE",
  },
  generalMeetingDate: "2027-06-10",
  responsibleUser: { id: "u-17", name: "An Peeters" },
  links: [
    {
      role: "director",
      relationIdentifier: "APR00043",
      name: "Jan Janssens",
      startDate: "2019-01-01",
      endDate: null,
      shares: null,
      votingRights: null,
      comment: null,
    },
  ],
  changeSeq: 1287,
  updatedAt: exampleAt,
  taskTemplates: ["Jaarafsluiting", "BTW-aangifte"],
};

export const exampleCache: CacheInfo = {
  lastSyncedAt: exampleAt,
  ageSeconds: 420,
  stale: false,
};

export const exampleImportRow: ImportRow = {
  ref: "7",
  kind: "company",
  name: "Bakkerij Janssens BV",
  enterpriseNumber: "BE 0403.019.261",
  email: "info@bakkerij-janssens.be",
  address: { street: "Meir", number: "12", postalCode: "2000", city: "Antwerpen", country: "BE" },
};

export const exampleImport: ImportResponse = {
  id: exampleId,
  source: "excel",
  createdBy: "an.peeters@kantoor.be",
  createdAt: exampleAt,
  status: "partially_accepted",
  counts: { rows: 3, created: 1, updated: 1, unchanged: 0, rejected: 1 },
  rejected: [
    {
      ref: "9",
      issues: [
        {
          field: "enterpriseNumber",
          code: "checksum",
          message: "The check digits do not match.",
          severity: "error",
          suggestions: [],
          safeFix: null,
        },
      ],
    },
  ],
};

/** The client's own fields, without the cache's bookkeeping (reconcile compares these). */
export const exampleCore: Client = (({ id, changeSeq, updatedAt, taskTemplates, ...core }) => core)(
  exampleClient,
);

export const exampleRegisterCheck: ClientRegisterCheck = {
  clientId: exampleClient.id,
  lang: "en",
  enterpriseNumber: "0403019261",
  snapshotDate: "2026-11-01",
  status: "differs",
  findings: [
    {
      code: "kbo.name_differs",
      severity: "warning",
      field: "name",
      message: "The register has another name.",
      localizedMessage: "The register has another name.",
      params: {},
      registerValue: "Bakkerij Janssens",
      clientValue: "Bakkerij Janssens BV",
      snapshotDate: "2026-11-01",
    },
  ],
};
