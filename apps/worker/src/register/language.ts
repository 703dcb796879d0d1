import { uiLanguages } from "@pulsebridge/core";
import { languageDetector } from "hono/language";

/**
 * The caller's language for register findings: `?lang=` first, then Accept-Language (`nl-BE`
 * counts as nl), else English. Hono's detector, so q-values and regional tags are handled.
 */
export const registerLanguage = languageDetector({
  supportedLanguages: [...uiLanguages],
  fallbackLanguage: "en",
  order: ["querystring", "header"],
  lookupQueryString: "lang",
  caches: false,
});
