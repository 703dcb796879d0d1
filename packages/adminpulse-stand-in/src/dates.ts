/** AdminPulse query-string and form dates are `ddMMyyyy` (adminpulse-api.md §4.2). */

/** Parses `ddMMyyyy` into ISO `YYYY-MM-DD`, or null when it is not a real calendar day. */
export function fromAdminPulseDate(s: string): string | null {
  const m = /^(\d{2})(\d{2})(\d{4})$/.exec(s);
  if (!m) return null;
  const [, dd, mm, yyyy] = m as unknown as [string, string, string, string];
  const d = new Date(Date.UTC(Number(yyyy), Number(mm) - 1, Number(dd)));
  if (d.getUTCDate() !== Number(dd) || d.getUTCMonth() !== Number(mm) - 1) return null;
  return `${yyyy}-${mm}-${dd}`;
}
