import type {
  AddressRow,
  KeyedTable,
  RegisterRows,
  RegisterTable,
  SnapshotMeta,
} from "../format/schemas.js";
import type { Checkpoint, RegisterStore } from "./store.js";

type KeyOf = { [T in RegisterTable]: (row: RegisterRows[T]) => string };
const rowKey: KeyOf = {
  enterprise: (r) => r.enterpriseNumber,
  establishment: (r) => r.establishmentNumber,
  branch: (r) => r.id,
  denomination: (r) => `${r.entityNumber}|${r.typeOfDenomination}|${r.language}|${r.denomination}`,
  address: (r) => `${r.entityNumber}|${r.typeOfAddress}`,
  activity: (r) =>
    `${r.entityNumber}|${r.activityGroup}|${r.naceVersion}|${r.naceCode}|${r.classification}`,
  code: (r) => `${r.category}|${r.code}|${r.language}`,
};
/** The key an update deletes by, per table. */
const deleteKey: { [T in KeyedTable]: (row: RegisterRows[T]) => string } = {
  enterprise: (r) => r.enterpriseNumber,
  establishment: (r) => r.establishmentNumber,
  branch: (r) => r.id,
  denomination: (r) => r.entityNumber,
  address: (r) => r.entityNumber,
  activity: (r) => r.entityNumber,
};

type Tables = { [T in RegisterTable]: Map<string, RegisterRows[T]> };

/**
 * An in-memory `RegisterStore` for tests and small tools. Like the SQL store, it holds writes
 * until `setCheckpoint`, so a failure between checkpoints loses the uncommitted chunk exactly as
 * a failed D1 batch would.
 */
export class MemoryRegisterStore implements RegisterStore {
  readonly tables: Tables = {
    enterprise: new Map(),
    establishment: new Map(),
    branch: new Map(),
    denomination: new Map(),
    address: new Map(),
    activity: new Map(),
    code: new Map(),
  };
  readonly metas: (SnapshotMeta & { finished: boolean })[] = [];
  private checkpoint: Checkpoint | null = null;
  private current: SnapshotMeta | null = null;
  private pending: (() => void)[] = [];

  async begin(meta: SnapshotMeta): Promise<void> {
    this.pending = [];
    if (meta.extractType === "full") for (const t of Object.values(this.tables)) t.clear();
    const i = this.metas.findIndex(
      (m) => m.extractNumber === meta.extractNumber && m.extractType === meta.extractType,
    );
    if (i >= 0) this.metas.splice(i, 1);
    this.metas.push({ ...meta, finished: false });
    this.current = meta;
    this.checkpoint = {
      extractNumber: meta.extractNumber,
      extractType: meta.extractType,
      file: "",
      line: 0,
    };
  }

  async upsert<T extends RegisterTable>(table: T, rows: RegisterRows[T][]): Promise<void> {
    const copy = rows.map((r) => ({ ...r }));
    this.pending.push(() => {
      const map = this.tables[table] as Map<string, RegisterRows[T]>;
      for (const r of copy) map.set(rowKey[table](r), r);
    });
  }

  async deleteByKeys(table: KeyedTable, keys: string[]): Promise<void> {
    const set = new Set(keys);
    this.pending.push(() => {
      const map = this.tables[table] as Map<string, RegisterRows[typeof table]>;
      const keyOf = deleteKey[table] as (r: RegisterRows[typeof table]) => string;
      for (const [k, r] of map) if (set.has(keyOf(r))) map.delete(k);
    });
  }

  async clearCodes(): Promise<void> {
    this.pending.push(() => this.tables.code.clear());
  }

  async setCheckpoint(file: string, line: number): Promise<void> {
    if (!this.current) throw new Error("setCheckpoint before begin");
    for (const op of this.pending) op();
    this.pending = [];
    this.checkpoint = {
      extractNumber: this.current.extractNumber,
      extractType: this.current.extractType,
      file,
      line,
    };
  }

  async getCheckpoint(): Promise<Checkpoint | null> {
    return this.checkpoint && { ...this.checkpoint };
  }

  async lastApplied(): Promise<SnapshotMeta | null> {
    const done = this.metas.filter((m) => m.finished);
    const last = done[done.length - 1];
    if (!last) return null;
    const { finished: _, ...meta } = last;
    return meta;
  }

  async finish(meta: SnapshotMeta): Promise<void> {
    for (const op of this.pending) op();
    this.pending = [];
    const m = this.metas.find(
      (x) => x.extractNumber === meta.extractNumber && x.extractType === meta.extractType,
    );
    if (m) {
      m.finished = true;
      // Keep the most recently finished extract last, as lastApplied reads it.
      this.metas.splice(this.metas.indexOf(m), 1);
      this.metas.push(m);
    }
    this.checkpoint = null;
    this.current = null;
  }

  /** Every row of every table, sorted: equal dumps mean equal register states. */
  dump(): Record<RegisterTable, unknown[]> {
    const out = {} as Record<RegisterTable, unknown[]>;
    for (const [name, map] of Object.entries(this.tables) as [
      RegisterTable,
      Map<string, unknown>,
    ][]) {
      out[name] = [...map.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([, r]) => r);
    }
    return out;
  }

  /** Addresses of one entity (enterprise, establishment or branch number). */
  addressesOf(entityNumber: string): AddressRow[] {
    return [...this.tables.address.values()].filter((a) => a.entityNumber === entityNumber);
  }
}
