/** Everything of `./portable`, plus what needs Node: the ZIP/folder source and the generator. */
export { enterpriseNumberOf, entity, type SynthEntity } from "./generator/entities.js";
export {
  type DumpOptions,
  dumpName,
  type UpdateOptions,
  updatePlan,
  writeFullDump,
  writeUpdate,
} from "./generator/write-dump.js";
export * from "./load/source.js";
export * from "./portable.js";
