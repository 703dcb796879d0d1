/**
 * Custom functions, registered under the PULSEBRIDGE namespace (metadata: functions.json). They run
 * in the shared runtime, so they see the pane's pulled clients and stored connection. Their errors
 * speak Office's display language (nl/fr/en).
 */
import { idKinds } from "@pulsebridge/core";
import { createCredentialStore } from "../features/connect/connect.js";
import { pickLanguage, t } from "../i18n/ui.js";
import { check, enterprise, isValid, lookup, town } from "./logic.js";

const lang = () =>
  pickLanguage(typeof Office !== "undefined" ? Office.context?.displayLanguage : undefined);

export function registerFunctions(): void {
  if (typeof CustomFunctions === "undefined") return;
  CustomFunctions.associate("ENTERPRISE", (value: unknown) => enterprise(value, lang()));
  CustomFunctions.associate("ISVALID", (kind: unknown, value: unknown) => {
    const r = isValid(kind, value);
    if (r instanceof Error)
      throw new CustomFunctions.Error(
        CustomFunctions.ErrorCode.invalidValue,
        t(lang(), "fn.unknown_kind", { kind: String(kind), kinds: idKinds.join(", ") }),
      );
    return r;
  });
  CustomFunctions.associate("CHECK", (kind: unknown, value: unknown) => {
    const r = check(kind, value, lang());
    if (r instanceof Error)
      throw new CustomFunctions.Error(
        CustomFunctions.ErrorCode.invalidValue,
        t(lang(), "fn.unknown_kind", { kind: String(kind), kinds: idKinds.join(", ") }),
      );
    return r;
  });
  CustomFunctions.associate("TOWN", (postcode: unknown, city: unknown) =>
    town(postcode, city, lang()),
  );
  CustomFunctions.associate("CLIENT", async (enterpriseNumber: unknown, field: unknown) => {
    const store = createCredentialStore(window.localStorage, Office.context?.partitionKey);
    const r = await lookup(enterpriseNumber, field, store.load());
    if (r.ok) return r.value;
    const code =
      r.reason === "not_found"
        ? CustomFunctions.ErrorCode.notAvailable
        : CustomFunctions.ErrorCode.invalidValue;
    throw new CustomFunctions.Error(code, t(lang(), `fn.${r.reason}`));
  });
}

registerFunctions();
