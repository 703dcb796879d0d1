/** AdminPulse query-string dates are `ddMMyyyy` (adminpulse-api.md §4.2). */
export type DateInput = Date | string;

/** Accepts a `Date` (its UTC calendar day) or an ISO `YYYY-MM-DD…` string. */
export function toAdminPulseDate(input: DateInput): string {
  if (typeof input === "string") {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(input);
    if (!m) throw new RangeError(`expected YYYY-MM-DD, got ${JSON.stringify(input)}`);
    return `${m[3]}${m[2]}${m[1]}`;
  }
  const dd = String(input.getUTCDate()).padStart(2, "0");
  const mm = String(input.getUTCMonth() + 1).padStart(2, "0");
  return `${dd}${mm}${input.getUTCFullYear()}`;
}
