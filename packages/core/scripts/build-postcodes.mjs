/**
 * Builds src/identifiers/data/postcodes-be.json from bpost's list of postcodes in its French
 * edition (`zipcodes_num_fr`: postcode, place, "Oui" for a sub-municipality, province). Usage:
 * `node scripts/build-postcodes.mjs zipcodes_num_fr.csv`. Where the copy used came from and how
 * old it is: src/identifiers/data/SOURCES.md.
 */
import { readFileSync, writeFileSync } from "node:fs";

const small = new Set([
  "de",
  "den",
  "der",
  "la",
  "le",
  "les",
  "sur",
  "sous",
  "en",
  "op",
  "aan",
  "ten",
  "ter",
  "lez",
  "et",
  "in",
  "t",
  "l",
  "d",
  "s",
]);
/** "SINT-KATELIJNE-WAVER" → "Sint-Katelijne-Waver", "BRAINE-L'ALLEUD" → "Braine-l'Alleud". */
function title(name) {
  return name
    .toLowerCase()
    .replace(/[\p{L}]+/gu, (w, at) =>
      at > 0 && small.has(w) ? w : w[0].toUpperCase() + w.slice(1),
    );
}

const out = {};
for (const line of readFileSync(process.argv[2], "utf8").split(/\r?\n/)) {
  const [code, place, sub] = line.split(",");
  if (!/^\d{4}$/.test(code ?? "") || !place?.trim()) continue;
  const name = place === place.toUpperCase() ? title(place.trim()) : place.trim();
  out[code] ??= [];
  // The municipality itself first: it is the suggestion for a wrong town name.
  if (sub === "Non") out[code].unshift(name);
  else out[code].push(name);
}
writeFileSync(
  new URL("../src/identifiers/data/postcodes-be.json", import.meta.url),
  `${JSON.stringify(out)}\n`,
);
console.log(Object.keys(out).length, "postcodes");
