import type { createRouter } from "../../../lib/router.js";
import { registerCreateImport } from "./create.js";
import { registerGetImport } from "./get.js";
import { registerListImports } from "./list.js";
import { registerImportRows } from "./rows.js";
import { registerImportRowsCsv } from "./rows-csv.js";
import { registerCommitStagedImport } from "./staged-commit.js";
import { registerOpenStagedImport } from "./staged-open.js";
import { registerStagedImportPart } from "./staged-part.js";
import { registerWithdrawImport } from "./withdraw.js";

export function registerImports(r: ReturnType<typeof createRouter>) {
  registerCreateImport(r);
  registerOpenStagedImport(r);
  registerStagedImportPart(r);
  registerCommitStagedImport(r);
  registerWithdrawImport(r);
  registerListImports(r);
  // rows.csv before {id}/rows is not needed (distinct literals), but before {id} matters for clarity.
  registerImportRowsCsv(r);
  registerImportRows(r);
  registerGetImport(r);
}
