/**
 * The pane's languages and each language's own name. Here, not imported from @pulsebridge/core: the
 * first view (header, palette, connect form) must not load core, whose index runs every schema it
 * exports (bench:pane's first render). i18n/messages.test.ts checks they match core's lists.
 */
import type { Language, UiLanguage } from "@pulsebridge/core";

export const paneLanguages: readonly UiLanguage[] = ["nl", "fr", "en"];

export const languageNames: Record<Language, string> = {
  nl: "Nederlands",
  fr: "Français",
  en: "English",
  de: "Deutsch",
};
