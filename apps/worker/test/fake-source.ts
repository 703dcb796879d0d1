import type {
  RelationKeys,
  RelationSource,
  SourceError,
  SourceErrorKind,
  SourcePage,
  SourceRecord,
  SourceResult,
  TaskPage,
} from "../src/sync/source.js";

/**
 * A relation of the fake office plus the task templates it has tasks of. AdminPulse keeps these
 * apart (relations do not carry templates, ADR 0012), and so does the fake: `listPage` returns the
 * relations without them and `listTaskPage` one task per (relation, template).
 */
export interface FakeRecord extends SourceRecord {
  taskTemplates: string[];
}

/**
 * An in-memory AdminPulse with offset paging (so mid-sync inserts shift pages, like the real one),
 * injectable failures and hooks before each list call for mid-sync edits.
 */
export class FakeSource implements RelationSource {
  records: FakeRecord[];
  calls = 0;
  listCalls = 0;
  taskListCalls = 0;
  private failures: SourceError[] = [];
  beforeList?: (page: number) => void | Promise<void>;
  /** Rewrites a relation page's answer: an empty page, a shrinking pageCount, no totalRowCount… */
  pageHook?: (page: number, value: SourcePage) => SourcePage;
  beforeTaskList?: (page: number) => void;

  constructor(records: FakeRecord[]) {
    this.records = [...records];
  }

  /** `GET /users` reads made through `userNames.refresh` (see `withUsers`). */
  usersCalls = 0;
  userNames?: RelationSource["userNames"];

  /** Serves `names` as the office's users: the light check's refresh reads them (ADR 0026). */
  withUsers(names: Record<string, string>) {
    let read: Record<string, string> | undefined;
    this.userNames = {
      read: () => read,
      // A list handed over starts an invocation's source (shared here): nothing read by it yet.
      use: () => {
        read = undefined;
      },
      refresh: async () => {
        this.usersCalls++;
        read = { ...names };
        return read;
      },
    };
  }

  /** The next `n` calls fail with `kind` (and `extra`, e.g. `{ expired: true }` for a 401). */
  failNext(kind: SourceErrorKind, n = 1, extra: Partial<SourceError> = {}) {
    for (let i = 0; i < n; i++) this.failures.push({ kind, message: `injected ${kind}`, ...extra });
  }

  private fail<T>(): SourceResult<T> | null {
    this.calls++;
    const error = this.failures.shift();
    return error ? { ok: false, error } : null;
  }

  private relation(r: FakeRecord | undefined): SourceRecord | null {
    return r ? structuredClone({ adminpulseId: r.adminpulseId, client: r.client }) : null;
  }

  /** The office's tasks in a stable order: one per (relation, template), like the stand-in. */
  tasks() {
    return this.records.flatMap((r) =>
      r.taskTemplates.map((templateName) => ({
        relationUid: r.client.sourceIds.uniqueIdentifier ?? "",
        templateName,
      })),
    );
  }

  async listPage(page: number, pageSize: number): Promise<SourceResult<SourcePage>> {
    const f = this.fail<SourcePage>();
    if (f) return f;
    this.listCalls++;
    await this.beforeList?.(page);
    const listed = this.records.filter((r) => !this.unlisted.has(r.adminpulseId));
    const slice = listed.slice(page * pageSize, (page + 1) * pageSize);
    const value: SourcePage = {
      records: slice.map((r) => this.relation(r)!),
      seenIds: slice.map((r) => r.adminpulseId),
      pageCount: Math.ceil(listed.length / pageSize),
      totalRowCount: listed.length,
    };
    return { ok: true, value: this.pageHook ? this.pageHook(page, value) : value };
  }

  /** Relations the list leaves out (inactive ones, N8) that `getRelation` still answers. */
  unlisted = new Set<string>();

  /** Which keys `GET /relations/{key}` accepts: both (U6), or only the APR code (N9). */
  acceptsKeys: "both" | "apr" = "both";
  /** The keys each `getRelation` asked by, in order. */
  askedKeys: string[] = [];

  async getRelation(keys: RelationKeys): Promise<SourceResult<SourceRecord | null>> {
    const f = this.fail<SourceRecord | null>();
    if (f) return f;
    for (const key of [keys.uniqueIdentifier, keys.adminpulseId]) {
      if (!key) continue;
      this.askedKeys.push(key);
      const hit = this.records.find(
        (r) =>
          r.client.sourceIds.uniqueIdentifier === key ||
          (this.acceptsKeys === "both" && r.adminpulseId === key),
      );
      if (hit) return { ok: true, value: this.relation(hit) };
    }
    return { ok: true, value: null };
  }

  async findByEnterpriseNumber(n: string): Promise<SourceResult<SourceRecord | null>> {
    const f = this.fail<SourceRecord | null>();
    if (f) return f;
    return {
      ok: true,
      value: this.relation(this.records.find((r) => r.client.enterpriseNumber === n)),
    };
  }

  async listTaskPage(page: number, pageSize: number): Promise<SourceResult<TaskPage>> {
    const f = this.fail<TaskPage>();
    if (f) return f;
    this.taskListCalls++;
    this.beforeTaskList?.(page);
    const all = this.tasks();
    const slice = all.slice(page * pageSize, (page + 1) * pageSize);
    return {
      ok: true,
      value: {
        links: slice.filter((t) => t.relationUid !== ""),
        taskCount: slice.length,
        unreadable: 0,
        pageCount: Math.ceil(all.length / pageSize),
        totalRowCount: all.length,
      },
    };
  }
}
