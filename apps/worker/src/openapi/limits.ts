/**
 * The limits routes state in their OpenAPI descriptions (issue 11: every limit is a number in the
 * descriptions), in one wording. health.test.ts checks that each operation with a body names its
 * body limit and each paged list its page size.
 */

/** Every body outside the import routes (app.ts; MAX_BODY_BYTES, default 64 KiB). */
export const smallBodyLimit =
  "Body: at most MAX_BODY_BYTES (64 KiB; 413 `payload_too_large`, also for a body sent without " +
  "Content-Length, cut as it streams).";

/** The page size of a list: its `limit` query's bounds and default. */
export function pageLimit(max: number, byDefault: number, items: string): string {
  return `Limits: 1–${max} ${items} a page (default ${byDefault}; 400 \`validation_failed\` above).`;
}
