import type {
  RelationSource,
  SourceErrorKind,
  SourcePage,
  SourceRecord,
  SourceResult,
} from "../src/sync/source.js";

/**
 * An in-memory AdminPulse with offset paging (so mid-sync inserts shift pages, like the real one),
 * injectable failures and a hook before each list call for mid-sync edits.
 */
export class FakeSource implements RelationSource {
  records: SourceRecord[];
  calls = 0;
  listCalls = 0;
  private failures: SourceErrorKind[] = [];
  beforeList?: (page: number) => void;

  constructor(records: SourceRecord[]) {
    this.records = [...records];
  }

  /** The next `n` calls fail with `kind`. */
  failNext(kind: SourceErrorKind, n = 1) {
    for (let i = 0; i < n; i++) this.failures.push(kind);
  }

  private fail<T>(): SourceResult<T> | null {
    this.calls++;
    const kind = this.failures.shift();
    return kind ? { ok: false, error: { kind, message: `injected ${kind}` } } : null;
  }

  async listPage(page: number, pageSize: number): Promise<SourceResult<SourcePage>> {
    const f = this.fail<SourcePage>();
    if (f) return f;
    this.listCalls++;
    this.beforeList?.(page);
    const slice = this.records.slice(page * pageSize, (page + 1) * pageSize);
    return {
      ok: true,
      value: {
        records: structuredClone(slice),
        seenIds: slice.map((r) => r.adminpulseId),
        pageCount: Math.ceil(this.records.length / pageSize),
        totalRowCount: this.records.length,
      },
    };
  }

  async getById(id: string): Promise<SourceResult<SourceRecord | null>> {
    const f = this.fail<SourceRecord | null>();
    if (f) return f;
    return {
      ok: true,
      value: structuredClone(this.records.find((r) => r.adminpulseId === id) ?? null),
    };
  }

  async findByEnterpriseNumber(n: string): Promise<SourceResult<SourceRecord | null>> {
    const f = this.fail<SourceRecord | null>();
    if (f) return f;
    const hit = this.records.find((r) => r.client.enterpriseNumber === n) ?? null;
    return { ok: true, value: structuredClone(hit) };
  }
}
