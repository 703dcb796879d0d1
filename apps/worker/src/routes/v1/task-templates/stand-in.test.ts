import { createScheduledController, SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { createAdminPulseClient } from "@pulsebridge/adminpulse";
import { describe, expect, inject, it } from "vitest";
import { newOffice } from "../../../../test/harness.js";
import worker from "../../../index.js";

/**
 * Task templates with the real client, over HTTP, against the stand-in AdminPulse (started by
 * test/global-setup.ts): the stand-in's relations carry no templates, only its tasks do
 * (`relationUniqueIdentifier` + `templateName`), so this proves the tasks phase end to end.
 */
const standInEnv = () => ({ ...env, ADMINPULSE_BASE_URL: inject("standInUrl") }) as Env;

const get = async <T>(path: string, key: string): Promise<T> => {
  const res = await SELF.fetch(`http://worker${path}`, {
    headers: { authorization: `Bearer ${key}` },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as T;
};

interface Doc {
  sourceIds: { uniqueIdentifier: string | null };
  taskTemplates: string[];
}

async function allClients(key: string, query = "") {
  const out: Doc[] = [];
  let cursor: string | null = null;
  do {
    const page: { data: Doc[]; nextCursor: string | null } = await get(
      `/v1/clients?limit=200${query}${cursor ? `&cursor=${cursor}` : ""}`,
      key,
    );
    out.push(...page.data);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

describe("task templates from the stand-in's tasks", () => {
  it("GET /v1/task-templates and ?taskTemplate= return the relations the stand-in has tasks of", async () => {
    const office = await newOffice();
    const connect = await SELF.fetch("http://worker/v1/connection", {
      method: "PUT",
      headers: { authorization: `Bearer ${office.keys.admin}`, "content-type": "application/json" },
      body: JSON.stringify({ kind: "token", token: inject("standInToken") }),
    });
    expect(connect.status).toBe(200);
    const cron = () =>
      worker.scheduled(
        createScheduledController({ cron: "0 1 * * *", scheduledTime: Date.now() }),
        standInEnv(),
      );
    await cron();

    const runs = await get<{ data: Record<string, unknown>[] }>(
      "/v1/sync/runs",
      office.keys.service,
    );
    expect(runs.data[0]).toMatchObject({ status: "completed", pages: 1, taskPages: 1 });

    // The reference: the AdminPulse client's own "relations of a task template" (a task scan).
    const ap = createAdminPulseClient({
      baseUrl: inject("standInUrl"),
      token: inject("standInToken"),
    });
    const templates = await ap.listTaskTemplates();
    if (!templates.ok) throw new Error(templates.error.kind);
    const cached = await allClients(office.keys.service);
    const cachedUids = new Set(cached.map((c) => c.sourceIds.uniqueIdentifier));
    const expected = new Map<string, string[]>();
    for (const t of templates.value.templates) {
      const res = await ap.relationsOfTaskTemplate(t.name);
      if (!res.ok) throw new Error(res.error.kind);
      const uids = res.value.filter((u) => cachedUids.has(u)).sort();
      if (uids.length > 0) expected.set(t.name, uids);
    }
    // The stand-in seeds several templates in use (Dutch and French office templates).
    expect(expected.size).toBeGreaterThan(3);

    const listed = await get<{ data: { name: string; clientCount: number }[] }>(
      "/v1/task-templates",
      office.keys.service,
    );
    expect(listed.data).toEqual(
      [...expected.keys()]
        .sort()
        .map((name) => ({ name, clientCount: expected.get(name)!.length })),
    );
    for (const [name, uids] of expected) {
      const clients = await allClients(
        office.keys.staff,
        `&taskTemplate=${encodeURIComponent(name)}`,
      );
      expect(clients.map((c) => c.sourceIds.uniqueIdentifier).sort()).toEqual(uids);
      for (const c of clients) expect(c.taskTemplates).toContain(name);
    }

    // A second full pass over unchanged AdminPulse data writes nothing: the template writes and
    // the relation writes agree on every content hash.
    await cron();
    const again = await get<{ data: Record<string, unknown>[] }>(
      "/v1/sync/runs",
      office.keys.service,
    );
    expect(again.data).toHaveLength(2);
    expect(again.data[0]).toMatchObject({ status: "completed", added: 0, updated: 0, deleted: 0 });
  }, 30_000); // a whole sync over HTTP: over vitest's 5 s default under load
});
