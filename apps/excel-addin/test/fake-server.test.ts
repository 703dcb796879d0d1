/**
 * The add-in's fake worker writes its clients by hand (test/support/fake-server.ts). This keeps
 * them in step with core's field table: a field added there fails here until the fake sets it.
 */
import { clientResourceSchema, fieldTable, valueAt } from "@pulsebridge/core";
import { describe, expect, it } from "vitest";
import { makeClients } from "./support/fake-server.js";

describe("the fake server's clients follow core's field table", () => {
  it("set every field of the table and are valid API resources", () => {
    for (const client of makeClients(8)) {
      for (const f of fieldTable) expect(valueAt(client, f.path), f.path).not.toBeUndefined();
      expect(() => clientResourceSchema.parse(client)).not.toThrow();
    }
  });
});
