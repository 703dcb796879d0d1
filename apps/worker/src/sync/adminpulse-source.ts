import {
  type AdminPulseError,
  createAdminPulseClient,
  mapRelation,
  type RateLimiter,
  type Relation,
  type Result,
  type Task,
} from "@pulsebridge/adminpulse";
import type { RelationSource, SourceRecord, SourceResult, TaskLink } from "./source.js";

/**
 * The real AdminPulse behind the sync's port. Only messages without the token cross over (the
 * client already redacts), and mapping problems stay out of the cache: a relation that cannot form
 * a valid client is skipped but still counted as seen, so it is never tombstoned by mistake.
 */
export function createAdminPulseSource(opts: {
  baseUrl: string;
  token: string;
  limiter: RateLimiter;
  timeoutMs: number;
  fetch?: typeof fetch;
}): RelationSource {
  const client = createAdminPulseClient({
    baseUrl: opts.baseUrl,
    token: opts.token,
    limiter: opts.limiter,
    timeoutMs: opts.timeoutMs,
    // Inside a Worker invocation retries must stay short: the step ends and cron resumes instead.
    maxRetryMs: Math.min(opts.timeoutMs * 2, 30_000),
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
  });
  let users: Map<string, { name: string }> | undefined;
  const userNames = async () => {
    if (!users) {
      const res = await client.allUsers();
      users = new Map(res.ok ? res.value.map((u) => [u.id, { name: u.name ?? "" }]) : []);
    }
    return users;
  };
  const toRecord = (r: Relation, ctx: Parameters<typeof mapRelation>[1]): SourceRecord | null => {
    const mapped = mapRelation(r, ctx);
    return mapped.client ? { adminpulseId: r.id, client: mapped.client } : null;
  };
  const fail = <T>(res: Extract<Result<unknown>, { ok: false }>): SourceResult<T> => ({
    ok: false,
    error: {
      kind: res.error.kind,
      message: describe(res.error),
      ...(res.error.kind === "unauthorized" && res.error.missingScope
        ? { missingScope: res.error.missingScope }
        : {}),
    },
  });

  return {
    async listPage(page, pageSize) {
      const res = await client.listRelations({ page, pageSize });
      if (!res.ok) return fail(res);
      const rels = res.value.results;
      const names = new Map(rels.map((r) => [r.uniqueIdentifier ?? "", r.name ?? ""]));
      const ctx = { users: await userNames(), relationNames: names };
      return {
        ok: true,
        value: {
          records: rels.map((r) => toRecord(r, ctx)).filter((r): r is SourceRecord => r !== null),
          seenIds: rels.map((r) => r.id),
          pageCount: res.value.pageCount,
          totalRowCount: res.value.totalRowCount,
        },
      };
    },
    async getById(id) {
      const res = await client.getRelation(id);
      if (!res.ok) return res.error.kind === "not_found" ? { ok: true, value: null } : fail(res);
      return { ok: true, value: toRecord(res.value, { users: await userNames() }) };
    },
    async findByEnterpriseNumber(n) {
      const res = await client.findRelationByEnterpriseNumber(n);
      if (!res.ok) return fail(res);
      return {
        ok: true,
        value: res.value ? toRecord(res.value, { users: await userNames() }) : null,
      };
    },
    async listTaskPage(page, pageSize) {
      const res = await client.listTasks({ page, pageSize });
      if (!res.ok) return fail(res);
      return {
        ok: true,
        value: {
          links: taskLinks(res.value.results),
          taskCount: res.value.results.length,
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

function describe(e: AdminPulseError): string {
  return `${e.method} ${e.path} after ${e.attempts} attempt(s)`;
}
