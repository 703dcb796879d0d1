import { z } from "zod";

/**
 * One problem with one field of one row. `code` is stable (see i18n); `message` is English and
 * `translate(code, lang, params)` gives it in the user's language. `field` is the dotted path in the
 * client model (`enterpriseNumber`, `address.postalCode`, `links.0.role`).
 */
export const rowIssueSchema = z.strictObject({
  field: z.string(),
  code: z.string(),
  message: z.string(),
  severity: z.enum(["error", "warning"]),
  /** Values the user may pick instead (already normalized or formatted), most likely first. */
  suggestions: z.array(z.string()),
  /** A fix that only changes the spelling, never the meaning (formatting, the lost leading zero): safe to apply in bulk. */
  safeFix: z.string().nullable(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type RowIssue = z.infer<typeof rowIssueSchema>;
