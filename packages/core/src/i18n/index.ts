/**
 * Messages for every stable code (identifier errors, row issues, reconcile reasons) in the three
 * languages staff use. The code is the contract; the text may change.
 */
export const uiLanguages = ["nl", "fr", "en"] as const;
export type UiLanguage = (typeof uiLanguages)[number];

export type MessageCatalog = Record<string, Record<UiLanguage, string>>;

const catalogs: MessageCatalog[] = [];

/** Each module registers its own catalog at import time, so codes live next to the code that raises them. */
export function registerMessages(catalog: MessageCatalog): void {
  catalogs.push(catalog);
}

/**
 * The message for `code` in `lang`, with `{name}` placeholders filled from `params`.
 * An unknown code returns the code itself, so a missing translation is visible, never blank.
 */
export function translate(
  code: string,
  lang: UiLanguage,
  params: Record<string, string | number> = {},
): string {
  for (let i = catalogs.length - 1; i >= 0; i--) {
    const entry = catalogs[i]?.[code];
    if (entry) return entry[lang].replace(/\{(\w+)\}/g, (m, k: string) => String(params[k] ?? m));
  }
  return code;
}

/** Every registered code, for tests that prove each one has all three languages. */
export function registeredCodes(): string[] {
  return catalogs.flatMap((c) => Object.keys(c));
}
