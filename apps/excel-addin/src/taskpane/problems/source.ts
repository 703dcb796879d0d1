/**
 * What AdminPulse sent for a pulled client that the sync could not read as-is (`sourceProblems`:
 * {code, field, seen}; `upstream.not_found` when a refresh got 404). Shown beside the client's row
 * in the Problems view: the sheet cannot fix them, AdminPulse can.
 */
import type { ClientResource, SourceProblem, UiLanguage } from "@pulsebridge/core";
import type { LoadedSheet } from "../../features/sheet/model.js";
import { m } from "../../i18n/messages/m.js";

/** The pulled clients' source problems by sheet row (matched by AdminPulse ID). */
export function sourceProblemsByRow(
  sheet: LoadedSheet,
  pulled: ReadonlyMap<string, ClientResource>,
): Map<number, SourceProblem[]> {
  const byAdminpulseId = new Map<string, SourceProblem[]>();
  for (const c of pulled.values()) {
    const id = c.sourceIds.adminpulseId;
    if (id && c.sourceProblems?.length) byAdminpulseId.set(id, c.sourceProblems);
  }
  const out = new Map<number, SourceProblem[]>();
  if (byAdminpulseId.size === 0) return out;
  sheet.rows.forEach((r, i) => {
    const found = byAdminpulseId.get(r.adminpulseId?.trim() ?? "");
    if (found) out.set(i, found);
  });
  return out;
}

const texts = {
  notFound: m(
    "Niet meer gevonden in AdminPulse bij het vernieuwen; de klant blijft tot een volledige synchronisatie het bevestigt.",
    "Introuvable dans AdminPulse lors de l'actualisation ; le client reste jusqu'à ce qu'une synchronisation complète le confirme.",
    "Not found in AdminPulse when refreshed; the client stays until a complete sync confirms it.",
  ),
  other: m(
    "AdminPulse stuurde {field} als {seen} ({code}); de rest werd ingelezen. Verbeter het in AdminPulse.",
    "AdminPulse a envoyé {field} sous la forme {seen} ({code}) ; le reste a été lu. Corrigez-le dans AdminPulse.",
    "AdminPulse sent {field} as {seen} ({code}); the rest was read. Correct it in AdminPulse.",
  ),
  group: m("Uit AdminPulse: {code}", "Depuis AdminPulse : {code}", "From AdminPulse: {code}"),
  conflicts: m(
    "Conflict met AdminPulse (uw waarde behouden)",
    "Conflit avec AdminPulse (votre valeur conservée)",
    "Conflict with AdminPulse (your value kept)",
  ),
  groupNotFound: m(
    "Niet gevonden in AdminPulse",
    "Introuvable dans AdminPulse",
    "Not found in AdminPulse",
  ),
};

const fill = (s: string, p: Record<string, string>) =>
  s.replace(/\{(\w+)\}/g, (x, k: string) => p[k] ?? x);

export const sourceCodePrefix = "source:";

export function sourceProblemText(p: SourceProblem, lang: UiLanguage): string {
  if (p.code === "upstream.not_found") return texts.notFound[lang];
  return fill(texts.other[lang], { field: p.field, seen: p.seen, code: p.code });
}

/** A group's label in the Problems view ("From AdminPulse: language.unknown"). */
export function sourceGroupText(code: string, lang: UiLanguage): string {
  if (code === "upstream.not_found") return texts.groupNotFound[lang];
  return fill(texts.group[lang], { code });
}

/** The group of cells both the user and AdminPulse changed since the pull. */
export const conflictGroupText = (lang: UiLanguage) => texts.conflicts[lang];
