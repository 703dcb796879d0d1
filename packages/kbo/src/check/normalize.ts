import { legalForms, legalFormWords } from "../format/known-codes.js";

/** Lower case, no accents, dots and apostrophes dropped (B.V. → bv), other punctuation → space. */
export function fold(s: string): string {
  return s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[.'’`´]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

const formWords = new Set(legalFormWords.map(fold).filter((w) => !w.includes(" ")));
/** Long forms written out inside names ("Besloten vennootschap Peeters"), longest first. */
const formPhrases = Object.values(legalForms)
  .flatMap((f) => [f.nl, f.fr, f.de ?? ""])
  .filter(Boolean)
  .map(fold)
  .sort((a, b) => b.length - a.length);

/** A company or person name reduced for comparison: case, accents, punctuation and legal-form words removed. */
export function normalizeName(name: string): string {
  let t = ` ${fold(name)} `;
  for (const p of formPhrases) t = t.replaceAll(` ${p} `, " ");
  return t
    .split(" ")
    .filter((w) => w && !formWords.has(w))
    .join(" ");
}

/** Two names are the same if equal after normalising, or equal as a set of words ("Peeters, Jan" = "Jan Peeters"). */
export function sameName(a: string, b: string): boolean {
  const x = normalizeName(a);
  const y = normalizeName(b);
  if (x === "" || y === "") return false;
  if (x === y) return true;
  const sorted = (s: string) => s.split(" ").sort().join(" ");
  return sorted(x) === sorted(y);
}

/** A box as digits/letters only: "bus 2", "bte 2", "b2", "Box 02" → "2". */
export function normalizeBox(box: string | null): string {
  const t = fold(box ?? "")
    .replace(/^(bus|bte|boite|box|b)\s*/, "")
    .replace(/\s+/g, "");
  return t.replace(/^0+(?=.)/, "");
}

export const normalizeHouseNumber = (n: string | null) => fold(n ?? "").replace(/\s+/g, "");
