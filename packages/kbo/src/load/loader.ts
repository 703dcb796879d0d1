import { KboFormatError, KboLoadError } from "../format/errors.js";
import { type FileSpec, readKboFile, readMeta } from "../format/read-file.js";
import {
  dataFiles,
  deleteFiles,
  type KeyedTable,
  type RegisterRows,
  type RegisterTable,
  type SnapshotMeta,
} from "../format/schemas.js";
import { kboTables } from "./schema-sql.js";
import type { DumpSource } from "./source.js";
import { D1_MAX_PARAMS } from "./sql-store.js";
import { FILE_DONE, type RegisterStore } from "./store.js";

export interface LoadProgress {
  file: string;
  /** Last line committed in `file`. */
  line: number;
  bytesDone: number;
  bytesTotal: number;
  rowsWritten: number;
}

export interface LoadOptions {
  /** Load activity.csv too (tens of millions of rows in a real dump). Default false. */
  includeActivities?: boolean;
  /** Statements per commit (one `execBatch`/D1 batch). Default 50. */
  statementsPerCommit?: number;
  /** Bound parameters allowed per statement, to size the commits. Default 100 (D1). */
  maxParams?: number;
  /** Apply an update whose ExtractNumber skips one or more extracts. Default false. */
  allowGap?: boolean;
  /** Check an update follows the last extract applied. Off only when the store cannot read (`--emit-sql`). */
  checkOrder?: boolean;
  onProgress?: (progress: LoadProgress) => void;
}

export interface LoadResult {
  meta: SnapshotMeta;
  resumedFrom: { file: string; line: number } | null;
  rowsWritten: number;
}

/** Tables in the order their files are applied; the check needs all but activity. */
const keyedTables: KeyedTable[] = [
  "enterprise",
  "establishment",
  "branch",
  "denomination",
  "address",
  "activity",
];
/** Files a dump may lack without being malformed (branch.csv only matters for foreign entities). */
const optionalTables = new Set<KeyedTable>(["branch"]);
const naceCategory = /^Nace/i;

type Step =
  | { kind: "codes"; file: string }
  | { kind: "upsert"; file: string; table: KeyedTable; optional: boolean }
  | { kind: "delete"; file: string; table: KeyedTable; optional: boolean };

function planSteps(meta: SnapshotMeta, includeActivities: boolean): Step[] {
  const tables = keyedTables.filter((t) => includeActivities || t !== "activity");
  const steps: Step[] = [{ kind: "codes", file: "code.csv" }];
  for (const table of tables) {
    const optional = optionalTables.has(table);
    if (meta.extractType === "full")
      steps.push({ kind: "upsert", file: `${table}.csv`, table, optional });
    else {
      // Replace by key: every delete of a table before any of its inserts.
      steps.push({ kind: "delete", file: `${table}_delete.csv`, table, optional });
      steps.push({ kind: "upsert", file: `${table}_insert.csv`, table, optional });
    }
  }
  return steps;
}

/**
 * Loads a full dump or applies an update into `store`: streaming, in commits of at most
 * `statementsPerCommit` statements of at most `maxParams` parameters, each committed with a
 * checkpoint, so an interrupted load resumes where it stopped when called again with the same dump.
 * An update re-applied gives the same state (delete-then-insert by key).
 */
export async function loadDump(
  source: DumpSource,
  store: RegisterStore,
  options: LoadOptions = {},
): Promise<LoadResult> {
  const includeActivities = options.includeActivities ?? false;
  const statementsPerCommit = options.statementsPerCommit ?? 50;
  const maxParams = options.maxParams ?? D1_MAX_PARAMS;

  const metaFile = source.file("meta.csv");
  if (!metaFile)
    throw new KboFormatError(
      "kbo.format.missing_file",
      "meta.csv",
      null,
      null,
      `${source.name} has no meta.csv`,
    );
  const meta = await readMeta(await metaFile.open(), metaFile.name);
  const steps = planSteps(meta, includeActivities);
  for (const step of steps) {
    if (!source.file(step.file) && !(step.kind !== "codes" && step.optional)) {
      throw new KboFormatError(
        "kbo.format.missing_file",
        step.file,
        null,
        null,
        `${source.name} has no ${step.file}`,
      );
    }
  }

  const checkpoint = await store.getCheckpoint();
  const resuming =
    checkpoint !== null &&
    checkpoint.extractNumber === meta.extractNumber &&
    checkpoint.extractType === meta.extractType;
  if (!resuming) {
    if (meta.extractType === "update") {
      if (checkpoint) {
        throw new KboLoadError(
          "kbo.load.extract_gap",
          `a load of extract ${checkpoint.extractNumber} (${checkpoint.extractType}) was interrupted: run it again to finish it, or load a full dump`,
        );
      }
      if (options.checkOrder ?? true)
        await checkUpdateOrder(store, meta, options.allowGap ?? false);
    }
    await store.begin(meta);
  }

  let startStep = 0;
  let skipThrough = 0;
  if (resuming && checkpoint.file !== "") {
    const i = steps.findIndex((s) => s.file === checkpoint.file);
    if (i >= 0) {
      startStep = checkpoint.line === FILE_DONE ? i + 1 : i;
      skipThrough = checkpoint.line === FILE_DONE ? 0 : checkpoint.line;
    }
  }

  const bytesTotal = steps.reduce((n, s) => n + (source.file(s.file)?.size ?? 0), 0);
  let bytesDone = 0;
  let rowsWritten = 0;
  const report = (file: string, line: number) =>
    options.onProgress?.({ file, line, bytesDone, bytesTotal, rowsWritten });

  for (let s = 0; s < steps.length; s++) {
    const step = steps[s] as Step;
    const file = source.file(step.file);
    if (s < startStep) {
      bytesDone += file?.size ?? 0;
      continue;
    }
    if (!file) continue; // optional and absent
    const skip = s === startStep ? skipThrough : 0;
    const counted = countBytes(await file.open(), (n) => {
      bytesDone += n;
    });

    if (step.kind === "delete") {
      const spec = deleteFiles[step.table as keyof typeof deleteFiles] as FileSpec<
        readonly string[],
        typeof deleteFiles.enterprise.schema
      >;
      const perCommit = maxParams * statementsPerCommit;
      let keys: string[] = [];
      for await (const { line, row } of readKboFile(counted, file.name, spec, {
        skipThroughLine: skip,
      })) {
        keys.push(row);
        if (keys.length >= perCommit) {
          await store.deleteByKeys(step.table, keys);
          rowsWritten += keys.length;
          keys = [];
          await store.setCheckpoint(step.file, line);
          report(step.file, line);
        }
      }
      if (keys.length > 0) {
        await store.deleteByKeys(step.table, keys);
        rowsWritten += keys.length;
      }
    } else {
      const table: RegisterTable = step.kind === "codes" ? "code" : step.table;
      const spec = dataFiles[table] as unknown as FileSpec<
        readonly string[],
        typeof dataFiles.code.schema
      >;
      const perCommit =
        Math.max(1, Math.floor(maxParams / kboTables[table].columns.length)) * statementsPerCommit;
      if (step.kind === "codes" && skip === 0) await store.clearCodes();
      let rows: RegisterRows[RegisterTable][] = [];
      for await (const { line, row } of readKboFile(counted, file.name, spec, {
        skipThroughLine: skip,
      })) {
        if (step.kind === "codes" && !includeActivities && naceCategory.test(row.category))
          continue;
        rows.push(row);
        if (rows.length >= perCommit) {
          await store.upsert(table, rows as RegisterRows[typeof table][]);
          rowsWritten += rows.length;
          rows = [];
          await store.setCheckpoint(step.file, line);
          report(step.file, line);
        }
      }
      if (rows.length > 0) {
        await store.upsert(table, rows as RegisterRows[typeof table][]);
        rowsWritten += rows.length;
      }
    }
    await store.setCheckpoint(step.file, FILE_DONE);
    report(step.file, FILE_DONE);
  }
  await store.finish(meta);
  return {
    meta,
    resumedFrom: resuming ? { file: checkpoint.file, line: checkpoint.line } : null,
    rowsWritten,
  };
}

async function checkUpdateOrder(store: RegisterStore, meta: SnapshotMeta, allowGap: boolean) {
  const last = await store.lastApplied();
  if (!last) {
    throw new KboLoadError(
      "kbo.load.no_full_dump",
      `update ${meta.extractNumber} needs a full dump loaded first`,
    );
  }
  if (meta.extractNumber < last.extractNumber) {
    throw new KboLoadError(
      "kbo.load.extract_older",
      `update ${meta.extractNumber} is older than extract ${last.extractNumber} already applied: load a newer full dump instead`,
    );
  }
  if (meta.extractNumber > last.extractNumber + 1 && !allowGap) {
    throw new KboLoadError(
      "kbo.load.extract_gap",
      `update ${meta.extractNumber} follows extract ${last.extractNumber}: the updates in between are missing (load them first, or a newer full dump)`,
    );
  }
}

async function* countBytes(
  chunks: AsyncIterable<Uint8Array>,
  add: (n: number) => void,
): AsyncGenerator<Uint8Array> {
  for await (const c of chunks) {
    add(c.byteLength);
    yield c;
  }
}
