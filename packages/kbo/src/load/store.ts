import type { KeyedTable, RegisterRows, RegisterTable, SnapshotMeta } from "../format/schemas.js";

/** How far a load has got: rows of `file` up to `line` are stored (`line` -1: the file is done). */
export interface Checkpoint {
  extractNumber: number;
  extractType: SnapshotMeta["extractType"];
  file: string;
  line: number;
}

export const FILE_DONE = -1;

/**
 * Where the loader writes the register. Writes may be buffered: everything written since the last
 * `setCheckpoint` becomes durable **together with** that checkpoint (for D1: one `batch()`), so a
 * crash leaves either a chunk and its checkpoint or neither, and the load resumes from the last
 * checkpoint. Every write is idempotent (upsert by key, delete by key), so replaying a chunk is
 * harmless.
 */
export interface RegisterStore {
  /** Starts an extract. For a full dump this empties every register table. */
  begin(meta: SnapshotMeta): Promise<void>;
  upsert<T extends RegisterTable>(table: T, rows: RegisterRows[T][]): Promise<void>;
  /** Deletes every row whose key (enterprise/establishment number, branch Id, entity number) is listed. */
  deleteByKeys(table: KeyedTable, keys: string[]): Promise<void>;
  /** Empties the code table (an update carries the complete code.csv again). */
  clearCodes(): Promise<void>;
  /** Commits what was written since the last checkpoint, with this checkpoint. */
  setCheckpoint(file: string, line: number): Promise<void>;
  getCheckpoint(): Promise<Checkpoint | null>;
  /** The last extract applied completely, if any. */
  lastApplied(): Promise<SnapshotMeta | null>;
  /** Marks the extract applied and clears the checkpoint. */
  finish(meta: SnapshotMeta): Promise<void>;
}
