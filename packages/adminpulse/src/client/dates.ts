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

/** Parses `ddMMyyyy` into ISO `YYYY-MM-DD`, or null when it is not a real calendar day. */
export function fromAdminPulseDate(s: string): string | null {
  const m = /^(\d{2})(\d{2})(\d{4})$/.exec(s);
  if (!m) return null;
  const [, dd, mm, yyyy] = m as unknown as [string, string, string, string];
  const d = new Date(Date.UTC(Number(yyyy), Number(mm) - 1, Number(dd)));
  if (d.getUTCDate() !== Number(dd) || d.getUTCMonth() !== Number(mm) - 1) return null;
  return `${yyyy}-${mm}-${dd}`;
}
