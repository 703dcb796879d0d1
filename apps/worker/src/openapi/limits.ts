/**
 * The limits routes state in their OpenAPI descriptions (issue 11: every limit is a number in the
 * descriptions), in one wording. health.test.ts checks that each operation with a body names its
 * body limit and each paged list its page size.
 */
import {
  maxIssuesPerRequest,
  maxIssuesPerRow,
  maxLinksPerRequest,
  maxRowsPerRequest,
} from "@pulsebridge/core";

/** Every body outside the import routes (app.ts; MAX_BODY_BYTES, default 64 KiB). */
export const smallBodyLimit =
  "Body: at most MAX_BODY_BYTES (64 KiB; 413 `payload_too_large`, also for a body sent without " +
  "Content-Length, cut as it streams).";

/** The page size of a list: its `limit` query's bounds and default. */
export function pageLimit(max: number, byDefault: number, items: string): string {
  return `Limits: 1–${max} ${items} a page (default ${byDefault}; 400 \`validation_failed\` above).`;
}

/**
 * What one push or one staged part may carry, and the issues it keeps (issue 11): both routes say
 * it in these words, docs/limits.md in its table.
 */
export const importRequestLimits =
  `Limits per request: ${maxRowsPerRequest} rows (400 \`validation_failed\`), ` +
  `${maxLinksPerRequest} links in all rows together (\`maxLinksPerRequest\`; ` +
  "413 `payload_too_large` with `errors[].code` `too_many_links`, its `field` and `ref` naming the " +
  "row that passes the cap: send more in parts) and MAX_IMPORT_BODY_BYTES (16 MiB; 413 " +
  `\`payload_too_large\`). Issues kept: at most ${maxIssuesPerRow} per row, and once ` +
  `${maxIssuesPerRequest} are kept in the request (\`maxIssuesPerRequest\`) ` +
  "each further row keeps its first; the rest are counted in `issuesOmitted`.";
