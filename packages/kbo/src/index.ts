export * from "./api/schemas.js";
export * from "./check/check.js";
export * from "./check/messages.js";
export * from "./check/normalize.js";
export * from "./check/register-entry.js";
export * from "./format/csv.js";
export * from "./format/errors.js";
export * from "./format/known-codes.js";
export * from "./format/read-file.js";
export * from "./format/schemas.js";
export { enterpriseNumberOf, entity, type SynthEntity } from "./generator/entities.js";
export {
  type DumpOptions,
  dumpName,
  type UpdateOptions,
  updatePlan,
  writeFullDump,
  writeUpdate,
} from "./generator/write-dump.js";
export * from "./load/loader.js";
export * from "./load/memory-source.js";
export * from "./load/memory-store.js";
export * from "./load/schema-sql.js";
export * from "./load/source.js";
export * from "./load/sql-store.js";
export * from "./load/sqlite-adapter.js";
export * from "./load/store.js";
