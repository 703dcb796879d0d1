/** RowIssue objects for validateRow's own codes, their English message filled in. */
import { translate } from "../i18n/index.js";
import type { IdCode } from "../identifiers/messages.js";
import type { RowMessageCode } from "./messages.js";
import type { RowIssue } from "./types.js";

export type Params = Record<string, string | number>;

/** Characters of a cell echoed in an issue (its params and message): a 2,000-character cell is not repeated whole. */
const maxEcho = 80;

function echoed(params: Params): Params {
  let out: Params | null = null;
  for (const key in params) {
    const v = params[key];
    if (typeof v === "string" && v.length > maxEcho) {
      out ??= { ...params };
      out[key] = `${v.slice(0, maxEcho)}…`;
    }
  }
  return out ?? params;
}

/** A RowIssue for one of this folder's codes, its English message filled in. */
export function rowIssue(
  field: string,
  code: RowMessageCode | IdCode,
  severity: RowIssue["severity"],
  params?: Params,
  suggestions: string[] = [],
  safeFix: string | null = null,
): RowIssue {
  if (params) params = echoed(params);
  const issue: RowIssue = {
    field,
    code,
    message: translate(code, "en", params),
    severity,
    suggestions,
    safeFix,
  };
  if (params) issue.params = params;
  return issue;
}
