import type { Task } from "@pulsebridge/adminpulse";
import { describe, expect, it } from "vitest";
import { looksExpired, taskLinks } from "./adminpulse-source.js";

const task = (over: Partial<Task>): Task => ({ id: crypto.randomUUID(), ...over }) as Task;

describe("taskLinks", () => {
  it("one link per (relation, template): main tasks and subtasks, trimmed, without blanks", () => {
    const links = taskLinks([
      task({ relationUniqueIdentifier: "APR00001", templateName: "BTW-aangifte" }),
      // A second task of the same template (next quarter): no second link.
      task({ relationUniqueIdentifier: "APR00001", templateName: " BTW-aangifte " }),
      task({
        relationUniqueIdentifier: "APR00002",
        templateName: "Jaarrekening",
        subtasks: [
          { id: "s1", templateName: "Jaarrekening" },
          { id: "s2", templateName: "Neerlegging NBB" },
          { id: "s3", templateName: null },
        ],
      }),
      // No relation or no template: links nothing.
      task({ relationUniqueIdentifier: null, templateName: "Jaarrekening" }),
      task({ relationUniqueIdentifier: "APR00003", templateName: "  " }),
    ]);
    expect(links).toEqual([
      { relationUid: "APR00001", templateName: "BTW-aangifte" },
      { relationUid: "APR00002", templateName: "Jaarrekening" },
      { relationUid: "APR00002", templateName: "Neerlegging NBB" },
    ]);
  });
});

describe("looksExpired", () => {
  it("reads a 401's text as an expired key only when it says so (AdminPulse's wording is unknown, U5)", () => {
    for (const text of [
      "The access token has expired",
      'invalid_token: "token expired"',
      "Uw API-sleutel is verlopen",
      "La clé a expiré",
    ])
      expect(looksExpired(text), text).toBe(true);
    for (const text of [
      "The access token is invalid",
      "The access token lacks the required scope tasks.read",
      "",
    ])
      expect(looksExpired(text), text).toBe(false);
  });
});
