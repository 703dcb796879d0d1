/**
 * One message in the three languages. `{name}` is replaced by a parameter (numbers are written
 * with Intl.NumberFormat); `{name|one form|other form}` picks a form with Intl.PluralRules for the
 * number `name`, so "1 rij" / "2 rijen" and French's "0 ligne" follow each language's rules.
 */
export const m = (nl: string, fr: string, en: string) => ({ nl, fr, en });
