import {
  type AdminPulseError,
  createAdminPulseClient,
  defaultMappingTable,
  type MappingTable,
  mapRelation,
  type RateLimiter,
  type Result,
  relationNames,
  type Task,
  unknownFieldProblems,
} from "@pulsebridge/adminpulse";
import type {
  RelationKeys,
  RelationSource,
  SourcePage,
  SourceRecord,
  SourceResult,
  TaskLink,
} from "./source.js";

type Mapped = ReturnType<typeof mapRelation>;

/**
 * The real AdminPulse behind the sync's port. Only messages without the token cross over (the
 * client already redacts). Relations are mapped field by field through the mapping table: their
 * problems travel with the record (stored as the client's `sourceProblems`); a relation that cannot
 * form a valid client is skipped but still counted as seen, so it is never tombstoned by mistake.
 */
export function createAdminPulseSource(opts: {
  baseUrl: string;
  token: string;
  limiter: RateLimiter;
  timeoutMs: number;
  fetch?: typeof fetch;
  /** The deployment's mapping table (ADMINPULSE_MAPPING); default: the documented assumptions. */
  mapping?: MappingTable;
}): RelationSource {
  const table = opts.mapping ?? defaultMappingTable;
  const client = createAdminPulseClient({
    mapping: table,
    baseUrl: opts.baseUrl,
    token: opts.token,
    limiter: opts.limiter,
    timeoutMs: opts.timeoutMs,
    // Inside a Worker invocation retries must stay short: the step ends and cron resumes instead.
    maxRetryMs: Math.min(opts.timeoutMs * 2, 30_000),
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
  });
  /** The users' names this source knows: handed over (`use`) or read from `/users`. */
  let users = new Map<string, { name: string }>();
  /** Whether `/users` may still be read: once per source, and not when the run already did. */
  let mayReadUsers = true;
  /** The list this source read from `/users` (only a successful read), for the caller to keep. */
  let usersRead: Record<string, string> | undefined;
  /** The one `/users` read, shared by pages mapped at the same time (one is read ahead). */
  let usersReading: Promise<void> | undefined;
  const readUsers = () => {
    usersReading ??= (async () => {
      mayReadUsers = false;
      const res = await client.allUsers();
      if (!res.ok) return;
      usersRead = Object.fromEntries(res.value.map((u) => [u.id, u.name ?? ""]));
      users = new Map(Object.entries(usersRead).map(([id, name]) => [id, { name }]));
    })();
    return usersReading;
  };
  /**
   * Maps relations with the known users; when one names a user id not among them, `/users` is read
   * (at most once) and they are mapped again: a new employee is named in the same run (ADR 0026).
   * An id `/users` does not list either is kept with no name (the client still says
   * `responsibleUser.unknown`), so it is not asked for again every run.
   */
  const withUsers = async (map: () => Mapped[]): Promise<Mapped[]> => {
    if (usersReading) await usersReading;
    const first = map();
    const unknown = () =>
      first.flatMap((m) => {
        const id = m.client?.responsibleUser?.id;
        return id && !users.has(id) ? [id] : [];
      });
    if (!mayReadUsers || unknown().length === 0) return first;
    await readUsers();
    for (const id of unknown()) {
      users.set(id, { name: "" });
      if (usersRead) usersRead[id] = "";
    }
    return map();
  };
  /** One relation read on its own (a refresh, a lookup): mapped, or a bad_response naming why not. */
  const one = async (raw: unknown, path: string): Promise<SourceResult<SourceRecord>> => {
    const [m] = (await withUsers(() => [mapRelation(raw, { users, table })])) as [Mapped];
    if (m.client && m.adminpulseId)
      return {
        ok: true,
        value: { adminpulseId: m.adminpulseId, client: m.client, problems: m.problems },
      };
    return {
      ok: false,
      error: {
        kind: "bad_response",
        message: `GET ${path}: the relation cannot be mapped (${m.problems.map((p) => `${p.code} at ${p.field}`).join(", ")})`,
      },
    };
  };
  const fail = <T>(res: Extract<Result<unknown>, { ok: false }>): SourceResult<T> => ({
    ok: false,
    error: {
      kind: res.error.kind,
      message: describe(res.error),
      ...(res.error.kind === "unauthorized" && res.error.missingScope
        ? { missingScope: res.error.missingScope }
        : {}),
      ...(res.error.kind === "unauthorized" && looksExpired(res.error.message)
        ? { expired: true }
        : {}),
    },
  });

  return {
    userNames: {
      read: () => usersRead,
      use(names, mayRead) {
        if (names) users = new Map(Object.entries(names).map(([id, name]) => [id, { name }]));
        mayReadUsers = mayRead;
      },
      async refresh() {
        mayReadUsers = true;
        usersReading = undefined;
        await readUsers();
        return usersRead;
      },
    },
    async listPage(page, pageSize) {
      const res = await client.listRelations({ page, pageSize });
      if (!res.ok) return fail(res);
      const rels = res.value.results;
      const names = relationNames(rels, table);
      const mapped = await withUsers(() =>
        rels.map((r) => mapRelation(r, { users, relationNames: names, table })),
      );
      const value: SourcePage = {
        records: [],
        seenIds: [],
        unkeyed: 0,
        // Fields the table neither reads nor ignores (a renamed one shows up here), by name only.
        problems: unknownFieldProblems(rels, table),
        pageCount: res.value.pageCount,
        totalRowCount: res.value.totalRowCount,
      };
      for (const m of mapped) {
        if (m.adminpulseId === null) value.unkeyed = (value.unkeyed ?? 0) + 1;
        else value.seenIds.push(m.adminpulseId);
        if (m.client && m.adminpulseId)
          value.records.push({
            adminpulseId: m.adminpulseId,
            client: m.client,
            problems: m.problems,
          });
        else value.problems?.push(...m.problems);
      }
      return { ok: true, value };
    },
    /**
     * By the APR code first (`uniqueIdentifier`: what AdminPulse's identifier parameters expect,
     * adminpulse-api.md N9), then by the UUID. Null only when neither key finds this relation.
     */
    async getRelation(keys: RelationKeys) {
      const tried = new Set<string>();
      for (const key of [keys.uniqueIdentifier, keys.adminpulseId]) {
        if (!key || tried.has(key)) continue;
        tried.add(key);
        const res = await client.getRelation(key);
        if (!res.ok) {
          if (res.error.kind === "not_found") continue;
          return fail(res);
        }
        const rec = await one(res.value, "/relations/{key}");
        // An APR code reused by another relation is not this client: keep looking by the UUID.
        if (rec.ok && rec.value.adminpulseId !== keys.adminpulseId) continue;
        return rec;
      }
      return { ok: true, value: null };
    },
    async findByEnterpriseNumber(n) {
      const res = await client.findRelationByEnterpriseNumber(n);
      if (!res.ok) return fail(res);
      if (!res.value) return { ok: true, value: null };
      return one(res.value, "/relations?vatNumber");
    },
    async listTaskPage(page, pageSize) {
      const res = await client.listTasks({ page, pageSize });
      if (!res.ok) return fail(res);
      return {
        ok: true,
        value: {
          links: taskLinks(res.value.results),
          taskCount: res.value.results.length + res.value.unreadable,
          unreadable: res.value.unreadable,
          pageCount: res.value.pageCount,
          totalRowCount: res.value.totalRowCount,
        },
      };
    },
  };
}

/**
 * (relation, template) pairs of a task page. A subtask's template counts like its main task's, as in
 * the client's `relationsOfTaskTemplate`, so "clients of a template" means the same everywhere.
 * Names are trimmed; tasks without a relation or template name link nothing.
 */
export function taskLinks(tasks: Task[]): TaskLink[] {
  const seen = new Map<string, TaskLink>();
  for (const task of tasks) {
    const relationUid = task.relationUniqueIdentifier?.trim();
    if (!relationUid) continue;
    for (const name of [task.templateName, ...(task.subtasks ?? []).map((s) => s.templateName)]) {
      const templateName = name?.trim();
      if (templateName)
        seen.set(JSON.stringify([relationUid, templateName]), { relationUid, templateName });
    }
  }
  return [...seen.values()];
}

/**
 * A 401 whose text says the key or token expired (the stand-in's "The access token has expired",
 * OAuth's "invalid_token … expired"): AdminPulse's real wording is unknown (U5), so any mention of
 * expiry counts, in the three languages AdminPulse answers in.
 */
export const looksExpired = (message: string) =>
  /expired|verlopen|vervallen|expir[ée]/i.test(message);

function describe(e: AdminPulseError): string {
  return `${e.method} ${e.path} after ${e.attempts} attempt(s)`;
}
