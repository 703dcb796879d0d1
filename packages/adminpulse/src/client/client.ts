/**
 * The AdminPulse API client. Paths, paging and filters follow adminpulse-api.md §4–5; anything the
 * document only assumes is marked where it is used.
 */
import { z } from "zod";
import { mapRelation } from "../mapping/map-relation.js";
import { defaultMappingTable, type MappingTable } from "../mapping/table.js";
import { checkEnterpriseNumber } from "../shared/belgian-numbers.js";
import { type DateInput, toAdminPulseDate } from "./dates.js";
import { ok, type Result } from "./errors.js";
import { createHttp, type HttpOptions, type Query } from "./http.js";
import {
  type Page,
  pageSchema,
  type Relation,
  relationSchema,
  type Task,
  type TaskTemplate,
  taskSchema,
  taskTemplateSchema,
  type User,
  userSchema,
} from "./schemas.js";

export type AdminPulseClientOptions = HttpOptions & {
  /** Pages fetched at once while iterating (within the shared rate budget). Default 4. */
  concurrency?: number;
  /** Where the relation fields are (lookups by enterprise number read through it). */
  mapping?: MappingTable;
};

export type PageRequest = { page?: number; pageSize?: number; signal?: AbortSignal };
export type ListRelationsRequest = PageRequest & { vatNumber?: string; search?: string };
export type ListTasksRequest = PageRequest & {
  relationId?: string;
  deadlineFrom?: DateInput;
  deadlineUntil?: DateInput;
  languageCode?: string;
};
export type IterateRequest = { pageSize?: number; concurrency?: number; signal?: AbortSignal };

/** API maximum page size (adminpulse-api.md §4.1). */
export const maxPageSize = 400;

// Relation list items are checked one by one by the mapping, so one odd item never fails a page.
const relationPage = pageSchema(z.unknown());
const userPage = pageSchema(userSchema);
// Tasks too are read one by one: a task with a field of the wrong type is counted as unreadable
// and left out, not a failed page (a failed page fails every sync run before any relation).
const taskPage = pageSchema(z.unknown());

/** A task page: the tasks that read, and how many on the page did not (their links are missing). */
export type TaskListPage = Page<Task> & { unreadable: number };

function readTasks(page: Page<unknown>): TaskListPage {
  const results: Task[] = [];
  let unreadable = 0;
  for (const item of page.results) {
    const task = taskSchema.safeParse(item);
    if (task.success) results.push(task.data);
    else unreadable++;
  }
  return { ...page, results, unreadable };
}

export type AdminPulseClient = ReturnType<typeof createAdminPulseClient>;

export function createAdminPulseClient(options: AdminPulseClientOptions) {
  const http = createHttp(options);
  const defaultConcurrency = Math.max(1, options.concurrency ?? 4);

  const table = options.mapping ?? defaultMappingTable;
  const listRelations = (req: ListRelationsRequest = {}): Promise<Result<Page<unknown>>> =>
    http({
      method: "GET",
      path: "/relations",
      query: { ...paging(req), vatNumber: req.vatNumber, search: req.search },
      schema: relationPage,
      signal: req.signal,
    });

  const listTasks = async (req: ListTasksRequest = {}): Promise<Result<TaskListPage>> => {
    const res = await http({
      method: "GET",
      path: "/tasks",
      query: {
        ...paging(req),
        relationId: req.relationId,
        deadlineFrom:
          req.deadlineFrom === undefined ? undefined : toAdminPulseDate(req.deadlineFrom),
        deadlineUntil:
          req.deadlineUntil === undefined ? undefined : toAdminPulseDate(req.deadlineUntil),
        languageCode: req.languageCode,
      },
      schema: taskPage,
      signal: req.signal,
    });
    return res.ok ? ok(readTasks(res.value)) : res;
  };

  const listUsers = (req: PageRequest = {}): Promise<Result<Page<User>>> =>
    http({
      method: "GET",
      path: "/users",
      query: paging(req),
      schema: userPage,
      signal: req.signal,
    });

  const iterateRelations = (req: IterateRequest = {}) =>
    iteratePages(
      (page, signal) => listRelations({ page, pageSize: req.pageSize ?? maxPageSize, signal }),
      {
        concurrency: req.concurrency ?? defaultConcurrency,
        signal: req.signal,
      },
    );

  const iterateTasks = (req: IterateRequest & Omit<ListTasksRequest, "page" | "pageSize"> = {}) =>
    iteratePages(
      (page, signal) => listTasks({ ...req, page, pageSize: req.pageSize ?? maxPageSize, signal }),
      { concurrency: req.concurrency ?? defaultConcurrency, signal: req.signal },
    );

  return {
    listRelations,
    /** Every page in order, several in flight at once; stops after the first error it yields. */
    iterateRelations,

    /** By `id` (GUID) or `uniqueIdentifier` (`APR00001`); U6 assumes the API accepts both. */
    getRelation: (idOrUniqueIdentifier: string, req: { signal?: AbortSignal } = {}) =>
      http({
        method: "GET",
        path: `/relations/${encodeURIComponent(idOrUniqueIdentifier)}`,
        schema: relationSchema,
        signal: req.signal,
      }),

    /**
     * Looks a relation up by enterprise/VAT number through the `vatNumber` filter (seen in C1, not
     * documented). The answer is checked through the mapping table, so the number may sit in any
     * field the table lists for it (`companyNumber`, `vatNumber`, or an override). Should the API
     * ignore the filter, no other relation is returned: null, and callers fall back to their cache.
     */
    async findRelationByEnterpriseNumber(
      number: string,
      req: { signal?: AbortSignal } = {},
    ): Promise<Result<Relation | null>> {
      const check = checkEnterpriseNumber(number);
      const digits = check.ok ? check.normalized : number.replace(/\D/g, "");
      const res = await listRelations({
        vatNumber: digits,
        page: 0,
        pageSize: 10,
        signal: req.signal,
      });
      if (!res.ok) return res;
      // Through the table first; then any top-level field carrying the number (the API filtered by
      // it, so a field the table does not know — a renamed one — still identifies the relation).
      const match =
        res.value.results.find(
          (r) => mapRelation(r, { table }).client?.enterpriseNumber === digits,
        ) ?? res.value.results.find((r) => carriesNumber(r, digits));
      return ok((match as Relation | undefined) ?? null);
    },

    allUsers: (req: IterateRequest = {}) =>
      collect(
        iteratePages(
          (page, signal) => listUsers({ page, pageSize: req.pageSize ?? maxPageSize, signal }),
          {
            concurrency: req.concurrency ?? defaultConcurrency,
            signal: req.signal,
          },
        ),
      ),

    listTasks,

    /**
     * The relations (by `uniqueIdentifier`) that have a task of this template — how Accounton
     * imports "the clients of a task template". A full task scan: there is no template filter.
     */
    async relationsOfTaskTemplate(
      templateName: string,
      req: IterateRequest & Pick<ListTasksRequest, "deadlineFrom" | "deadlineUntil"> = {},
    ): Promise<Result<string[]>> {
      const found = new Set<string>();
      const wanted = templateName.trim().toLowerCase();
      const matches = (name: string | null | undefined) => name?.trim().toLowerCase() === wanted;
      for await (const page of iterateTasks(req)) {
        if (!page.ok) return page;
        for (const task of page.value.results) {
          const hit =
            matches(task.templateName) ||
            (task.subtasks ?? []).some((s) => matches(s.templateName));
          if (hit && task.relationUniqueIdentifier) found.add(task.relationUniqueIdentifier);
        }
      }
      return ok([...found].sort());
    },

    /**
     * Task templates. `GET /tasks/templates` is synthetic (U10); when the API answers 404 the names
     * are derived from a task scan instead, without ids.
     */
    async listTaskTemplates(
      req: { signal?: AbortSignal } = {},
    ): Promise<Result<{ source: "endpoint" | "derived"; templates: TaskTemplate[] }>> {
      const direct = await http({
        method: "GET",
        path: "/tasks/templates",
        schema: z.array(taskTemplateSchema),
        signal: req.signal,
      });
      if (direct.ok) return ok({ source: "endpoint", templates: direct.value });
      if (direct.error.kind !== "not_found") return direct;
      const names = new Set<string>();
      for await (const page of iterateTasks({ signal: req.signal })) {
        if (!page.ok) return page;
        for (const task of page.value.results) if (task.templateName) names.add(task.templateName);
      }
      return ok({
        source: "derived",
        templates: [...names].sort().map((name) => ({ id: null, name })),
      });
    },
  };
}

function paging(req: PageRequest): Query {
  return {
    page: req.page ?? 0,
    pageSize: req.pageSize === undefined ? undefined : Math.min(req.pageSize, maxPageSize),
  };
}

/**
 * Yields pages 0…n-1 in order while keeping up to `concurrency` requests in flight. The page count
 * is re-read from every answer: relations added during the scan extend it, deletions shorten it.
 * Offset paging under concurrent edits can still skip or repeat a row; callers dedupe by id.
 */
export async function* iteratePages<T>(
  fetchPage: (page: number, signal: AbortSignal) => Promise<Result<Page<T>>>,
  opts: { concurrency: number; signal?: AbortSignal | undefined },
): AsyncGenerator<Result<Page<T>>, void, undefined> {
  const stop = new AbortController();
  const signal = opts.signal ? AbortSignal.any([opts.signal, stop.signal]) : stop.signal;
  const inflight = new Map<number, Promise<Result<Page<T>>>>();
  try {
    const first = await fetchPage(0, signal);
    yield first;
    if (!first.ok) return;
    let pageCount = first.value.pageCount;
    let next = 1;
    const fill = () => {
      while (inflight.size < opts.concurrency && next < pageCount) {
        inflight.set(next, fetchPage(next, signal));
        next += 1;
      }
    };
    for (let want = 1; want < pageCount; want += 1) {
      fill();
      const pending = inflight.get(want) ?? fetchPage(want, signal);
      const res = await pending;
      inflight.delete(want);
      if (!res.ok) {
        yield res;
        return;
      }
      pageCount = Math.max(res.value.pageCount, want + 1);
      fill();
      yield res;
    }
  } finally {
    // The consumer stopped early or an error ended the scan: cancel what is still in flight.
    stop.abort();
  }
}

async function collect<T>(pages: AsyncIterable<Result<Page<T>>>): Promise<Result<T[]>> {
  const all: T[] = [];
  for await (const page of pages) {
    if (!page.ok) return page;
    for (const item of page.value.results) all.push(item);
  }
  return ok(all);
}

/** A relation with `digits` (a normalized enterprise number) in any of its own text/number fields. */
function carriesNumber(r: unknown, digits: string): boolean {
  if (!r || typeof r !== "object") return false;
  return Object.values(r).some((v) => {
    if (typeof v !== "string" && typeof v !== "number") return false;
    const c = checkEnterpriseNumber(String(v));
    return c.ok && c.normalized === digits;
  });
}
