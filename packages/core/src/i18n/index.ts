/**
 * Messages for every stable code (identifier errors, row issues, reconcile reasons) in the three
 * languages staff use. The code is the contract; the text may change.
 */
export const uiLanguages = ["nl", "fr", "en"] as const;
export type UiLanguage = (typeof uiLanguages)[number];

export type MessageCatalog = Record<string, Record<UiLanguage, string>>;

const catalogs: MessageCatalog[] = [];

/** `{name}` placeholders; split with it, a message becomes text, name, text, name, …, text. */
const placeholder = /\{(\w+)\}/;

/**
 * Messages already split at their placeholders, per language and code. validateRow fills one
 * message per issue and a sheet raises thousands: a regex replace with a callback per message
 * cost more than the rest of the issue (issue 15's validateRow budget).
 */
const templates: Record<UiLanguage, Map<string, readonly string[]>> = {
  nl: new Map(),
  fr: new Map(),
  en: new Map(),
};

/** Each module registers its own catalog at import time, so codes live next to the code that raises them. */
export function registerMessages(catalog: MessageCatalog): void {
  catalogs.push(catalog);
  // A later catalog may take over a code: templates split before it are stale.
  for (const lang of uiLanguages) templates[lang].clear();
}

/** The text of `code` in `lang` from the last catalog that has it, or null. */
function messageText(code: string, lang: UiLanguage): string | null {
  for (let i = catalogs.length - 1; i >= 0; i--) {
    const entry = catalogs[i]?.[code];
    if (entry) return entry[lang];
  }
  return null;
}

/**
 * The message for `code` in `lang`, with `{name}` placeholders filled from `params`.
 * An unknown code returns the code itself, so a missing translation is visible, never blank.
 * Equal to `text.replace(/\{(\w+)\}/g, (m, k) => String(params[k] ?? m))` (translate.test.ts).
 */
export function translate(
  code: string,
  lang: UiLanguage,
  params: Record<string, string | number> = {},
): string {
  let parts = templates[lang].get(code);
  if (parts === undefined) {
    const text = messageText(code, lang);
    // Unknown codes are not remembered: a caller passing arbitrary codes cannot grow the map.
    if (text === null) return code;
    parts = text.split(placeholder);
    templates[lang].set(code, parts);
  }
  let out = parts[0] as string;
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i] as string;
    out += String(params[name] ?? `{${name}}`) + (parts[i + 1] as string);
  }
  return out;
}

/** Every registered code, for tests that prove each one has all three languages. */
export function registeredCodes(): string[] {
  return catalogs.flatMap((c) => Object.keys(c));
}
