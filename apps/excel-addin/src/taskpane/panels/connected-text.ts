/** The "connected to …" line: the connect form's (first view) and the connect action's message. */
import type { UiLanguage } from "@pulsebridge/core";
import { t } from "../../i18n/ui.js";
import type { Connected } from "../store/state.js";

export const connectedText = (lang: UiLanguage, c: Connected | null) =>
  c ? t(lang, "connect.connected", { office: c.office, key: c.key, role: c.role }) : "";
