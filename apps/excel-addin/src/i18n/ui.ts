/**
 * The pane's own texts in the three languages. Issue texts come from core's `translate`; these are
 * the labels, buttons and messages around them (tables in ./messages/).
 */
import type { UiLanguage } from "@pulsebridge/core";
import { paneMessages } from "./messages/pane.js";
import { reviewPushMessages } from "./messages/review-push.js";
import { stepMessages } from "./messages/steps.js";
import { syncRoundTripMessages } from "./messages/sync-roundtrip.js";
import { withdrawMessages } from "./messages/withdraw.js";

export const uiMessages = {
  ...stepMessages,
  ...reviewPushMessages,
  ...paneMessages,
  ...syncRoundTripMessages,
  ...withdrawMessages,
} as const;

export type UiKey = keyof typeof uiMessages;

/** The Belgian variant of each language: "2.000" in nl, "2 000" in fr, "2,000" in en. */
export const locale = (lang: UiLanguage) => `${lang}-BE`;

const numberFormats = new Map<UiLanguage, Intl.NumberFormat>();
const pluralRules = new Map<UiLanguage, Intl.PluralRules>();
const cached = <T>(map: Map<UiLanguage, T>, lang: UiLanguage, make: () => T): T => {
  const found = map.get(lang);
  if (found) return found;
  const made = make();
  map.set(lang, made);
  return made;
};
export const formatNumber = (lang: UiLanguage, n: number) =>
  cached(numberFormats, lang, () => new Intl.NumberFormat(locale(lang))).format(n);
export const pluralOf = (lang: UiLanguage, n: number) =>
  cached(pluralRules, lang, () => new Intl.PluralRules(locale(lang))).select(n);

/**
 * `{name}` → the parameter (numbers through Intl.NumberFormat; pass row refs as strings);
 * `{name|one|other}` → the form Intl.PluralRules picks for that number ("one" or anything else).
 */
export function t(
  lang: UiLanguage,
  key: UiKey,
  params: Record<string, string | number> = {},
): string {
  return uiMessages[key][lang].replace(
    /\{(\w+)(?:\|([^|}]*)\|([^}]*))?\}/g,
    (s, k: string, one, other) => {
      const v = params[k];
      if (v === undefined) return s;
      if (one !== undefined) return pluralOf(lang, Number(v)) === "one" ? one : other;
      return typeof v === "number" ? formatNumber(lang, v) : v;
    },
  );
}

/** Office's display language ("nl-BE", "fr-FR", "en-US") → one of ours; Dutch by default. */
export function pickLanguage(displayLanguage: string | undefined | null): UiLanguage {
  const l = (displayLanguage ?? "").slice(0, 2).toLowerCase();
  return l === "fr" ? "fr" : l === "en" ? "en" : "nl";
}

/** "5 minutes ago" / "il y a 5 minutes" / "5 minuten geleden". */
export function formatAge(lang: UiLanguage, seconds: number): string {
  const rtf = new Intl.RelativeTimeFormat(locale(lang), { numeric: "auto" });
  const abs = Math.abs(seconds);
  if (abs < 60) return rtf.format(-Math.round(seconds), "second");
  if (abs < 3600) return rtf.format(-Math.round(seconds / 60), "minute");
  if (abs < 86_400) return rtf.format(-Math.round(seconds / 3600), "hour");
  return rtf.format(-Math.round(seconds / 86_400), "day");
}

export const formatTime = (lang: UiLanguage, date: Date) =>
  new Intl.DateTimeFormat(locale(lang), { dateStyle: "short", timeStyle: "short" }).format(date);

export const formatDate = (lang: UiLanguage, date: Date) =>
  new Intl.DateTimeFormat(locale(lang), { dateStyle: "long" }).format(date);
