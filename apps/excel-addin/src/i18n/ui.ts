/**
 * The pane's own texts in the three languages. Issue texts come from core's `translate`; these are
 * the labels, buttons and messages around them.
 */
import type { UiLanguage } from "@pulsebridge/core";

const m = (nl: string, fr: string, en: string) => ({ nl, fr, en });

export const uiMessages = {
  "app.title": m("PulseBridge", "PulseBridge", "PulseBridge"),
  "app.language": m("Taal", "Langue", "Language"),
  "nav.connect": m("Verbinden", "Connexion", "Connect"),
  "nav.data": m("Gegevens", "Données", "Data"),
  "nav.validate": m("Controleren", "Vérifier", "Validate"),
  "nav.review": m("Nakijken", "Revoir", "Review"),
  "nav.push": m("Versturen", "Envoyer", "Push"),

  "connect.heading": m(
    "Verbinden met PulseBridge",
    "Connexion à PulseBridge",
    "Connect to PulseBridge",
  ),
  "connect.url": m("Adres van de server", "Adresse du serveur", "Server address"),
  "connect.key": m("API-sleutel", "Clé API", "API key"),
  "connect.keyHint": m(
    "De sleutel wordt enkel in deze invoegtoepassing bewaard, nooit in de werkmap.",
    "La clé est conservée uniquement dans ce complément, jamais dans le classeur.",
    "The key is kept in this add-in only, never in the workbook.",
  ),
  "connect.submit": m("Verbinden", "Se connecter", "Connect"),
  "connect.disconnect": m("Verbinding verbreken", "Se déconnecter", "Disconnect"),
  "connect.connected": m(
    "Verbonden met {office} als {key} ({role}).",
    "Connecté à {office} avec {key} ({role}).",
    "Connected to {office} as {key} ({role}).",
  ),
  "connect.readOnly": m(
    "Deze sleutel mag enkel lezen: vraag een sleutel met de rol 'staff' om te kunnen versturen.",
    "Cette clé ne peut que lire : demandez une clé avec le rôle « staff » pour pouvoir envoyer.",
    "This key can only read: ask for a key with the 'staff' role to push imports.",
  ),
  "connect.error.invalid_url": m(
    "Vul een volledig adres in, bv. https://pulsebridge.uwkantoor.be.",
    "Indiquez une adresse complète, p. ex. https://pulsebridge.votrebureau.be.",
    "Enter a full address, e.g. https://pulsebridge.yourfirm.be.",
  ),
  "connect.error.invalid_key": m(
    "Dit lijkt geen API-sleutel: kopieer de volledige sleutel, zonder spaties.",
    "Ceci ne ressemble pas à une clé API : copiez la clé complète, sans espaces.",
    "This does not look like an API key: copy the whole key, without spaces.",
  ),
  "connect.error.unauthorized": m(
    "De sleutel is fout of ingetrokken. Vraag uw beheerder om een nieuwe sleutel.",
    "La clé est erronée ou révoquée. Demandez une nouvelle clé à votre administrateur.",
    "The key is wrong or has been revoked. Ask your administrator for a new key.",
  ),
  "connect.error.forbidden": m(
    "Deze sleutel heeft niet de rol die hiervoor nodig is.",
    "Cette clé n'a pas le rôle nécessaire pour cette action.",
    "This key does not have the role this needs.",
  ),
  "connect.error.network": m(
    "De server is niet bereikbaar. Controleer het adres en uw verbinding.",
    "Le serveur est injoignable. Vérifiez l'adresse et votre connexion.",
    "The server cannot be reached. Check the address and your connection.",
  ),
  "connect.error.bad_response": m(
    "Dit adres is geen PulseBridge-server.",
    "Cette adresse n'est pas un serveur PulseBridge.",
    "This address is not a PulseBridge server.",
  ),
  "connect.error.server": m(
    "De server gaf een fout. Probeer het later opnieuw.",
    "Le serveur a renvoyé une erreur. Réessayez plus tard.",
    "The server returned an error. Try again later.",
  ),

  "data.heading": m("Klanten ophalen", "Récupérer les clients", "Pull clients"),
  "data.mode": m("Welke klanten", "Quels clients", "Which clients"),
  "data.mode.all": m("Alle klanten", "Tous les clients", "All clients"),
  "data.mode.taskTemplate": m(
    "Klanten van een taaksjabloon",
    "Clients d'un modèle de tâches",
    "Clients of a task template",
  ),
  "data.mode.search": m(
    "Zoeken op naam of ondernemingsnummer",
    "Rechercher par nom ou numéro d'entreprise",
    "Search by name or enterprise number",
  ),
  "data.taskTemplate": m("Taaksjabloon", "Modèle de tâches", "Task template"),
  "data.search": m(
    "Naam of ondernemingsnummer",
    "Nom ou numéro d'entreprise",
    "Name or enterprise number",
  ),
  "data.pull": m("Ophalen naar Excel", "Récupérer dans Excel", "Pull into Excel"),
  "data.pulled": m(
    "{pulled} klanten opgehaald: {updated} bijgewerkt, {added} toegevoegd, {kept} andere rijen behouden.",
    "{pulled} clients récupérés : {updated} mis à jour, {added} ajoutés, {kept} autres lignes conservées.",
    "{pulled} clients pulled: {updated} updated, {added} added, {kept} other rows kept.",
  ),
  "data.orSheet": m(
    "Of begin van een bestaand blad",
    "Ou partez d'une feuille existante",
    "Or start from a sheet you have",
  ),
  "data.sheet": m("Blad", "Feuille", "Sheet"),
  "data.useSheet": m("Kolommen koppelen", "Associer les colonnes", "Map columns"),
  "data.mapping": m("Koppeling van de kolommen", "Association des colonnes", "Column mapping"),
  "data.mapping.none": m("(niet gebruikt)", "(non utilisée)", "(not used)"),
  "data.mapping.confirm": m(
    "Koppeling gebruiken",
    "Utiliser cette association",
    "Use this mapping",
  ),
  "data.mapping.saved": m(
    "Koppeling bewaard. U kunt nu controleren.",
    "Association enregistrée. Vous pouvez maintenant vérifier.",
    "Mapping saved. You can validate now.",
  ),
  "progress.fetch": m(
    "{done} klanten geladen…",
    "{done} clients chargés…",
    "{done} clients loaded…",
  ),
  "progress.write": m(
    "{done} van {total} rijen geschreven…",
    "{done} lignes sur {total} écrites…",
    "{done} of {total} rows written…",
  ),
  "progress.validate": m(
    "{done} van {total} rijen gecontroleerd…",
    "{done} lignes sur {total} vérifiées…",
    "{done} of {total} rows checked…",
  ),
  "progress.read": m("Blad lezen…", "Lecture de la feuille…", "Reading the sheet…"),
  "progress.review": m(
    "Vergelijken met PulseBridge…",
    "Comparaison avec PulseBridge…",
    "Comparing with PulseBridge…",
  ),
  "progress.push": m("Versturen…", "Envoi…", "Pushing…"),
  "action.cancel": m("Annuleren", "Annuler", "Cancel"),
  "action.cancelled": m(
    "Geannuleerd. Er ging niets verloren.",
    "Annulé. Rien n'a été perdu.",
    "Cancelled. Nothing was lost.",
  ),

  "validate.heading": m("Controleren", "Vérification", "Validation"),
  "validate.run": m("Alle rijen controleren", "Vérifier toutes les lignes", "Validate all rows"),
  "validate.summary": m(
    "{rows} rijen: {valid} in orde, {invalid} met fouten, {warnings} met opmerkingen.",
    "{rows} lignes : {valid} correctes, {invalid} avec erreurs, {warnings} avec remarques.",
    "{rows} rows: {valid} fine, {invalid} with errors, {warnings} with warnings.",
  ),
  "validate.next": m("Volgend probleem", "Problème suivant", "Next problem"),
  "validate.none": m("Geen problemen gevonden.", "Aucun problème trouvé.", "No problems found."),
  "validate.problem": m("Probleem", "Problème", "Problem"),
  "validate.count": m("Aantal", "Nombre", "Count"),
  "validate.revalidated": m(
    "Rij {ref} opnieuw gecontroleerd.",
    "Ligne {ref} vérifiée à nouveau.",
    "Row {ref} validated again.",
  ),
  "issue.nameAndPostcode": m(
    "zelfde naam en postcode {postcode}",
    "même nom et code postal {postcode}",
    "same name and postcode {postcode}",
  ),
  "status.ok": m("✔ In orde", "✔ Correct", "✔ OK"),
  "status.skipped": m(
    "⊘ Overgeslagen: dubbel van rij {ref}",
    "⊘ Ignorée : doublon de la ligne {ref}",
    "⊘ Skipped: duplicate of row {ref}",
  ),
  "status.rejected": m(
    "✖ Geweigerd door de server: ",
    "✖ Refusée par le serveur : ",
    "✖ Rejected by the server: ",
  ),
  "status.sent": m(
    "✔ Verstuurd in import {id}",
    "✔ Envoyée dans l'import {id}",
    "✔ Sent in import {id}",
  ),

  "fix.heading": m("Verbeteren", "Corriger", "Fix"),
  "fix.safeAll": m(
    "Alle veilige verbeteringen toepassen ({count})",
    "Appliquer toutes les corrections sûres ({count})",
    "Apply all safe fixes ({count})",
  ),
  "fix.safeHint": m(
    "Veilig = enkel de schrijfwijze (opmaak, verloren nul vooraan). Een gok op het controlegetal kiest u zelf.",
    "Sûr = uniquement l'écriture (format, zéro initial perdu). Une supposition sur le chiffre de contrôle, c'est vous qui la choisissez.",
    "Safe = spelling only (formatting, a lost leading zero). A checksum guess is always yours to pick.",
  ),
  "fix.applied": m(
    "{count} cellen verbeterd.",
    "{count} cellules corrigées.",
    "{count} cells fixed.",
  ),
  "fix.row": m("Rij {ref}", "Ligne {ref}", "Row {ref}"),
  "fix.use": m("Gebruik {value}", "Utiliser {value}", "Use {value}"),
  "fix.safe": m("veilig", "sûr", "safe"),
  "fix.guess": m("controleer", "à vérifier", "check"),
  "fix.none": m("Geen voorstellen.", "Aucune suggestion.", "No suggestions."),
  "fix.more": m("… en nog {count}", "… et encore {count}", "… and {count} more"),
  "dup.heading": m("Dubbele klanten", "Clients en double", "Duplicate clients"),
  "dup.keep": m("Deze behouden", "Garder celle-ci", "Keep this one"),
  "dup.kept": m(
    "Rij {ref} behouden; de andere worden overgeslagen.",
    "Ligne {ref} gardée ; les autres sont ignorées.",
    "Row {ref} kept; the others are skipped.",
  ),

  "review.heading": m(
    "Nakijken voor het versturen",
    "Revoir avant l'envoi",
    "Review before pushing",
  ),
  "review.run": m(
    "Vergelijken met PulseBridge",
    "Comparer avec PulseBridge",
    "Compare with PulseBridge",
  ),
  "review.onlyInImport": m(
    "Enkel in de import (nieuw)",
    "Uniquement dans l'import (nouveaux)",
    "Only in the import (new)",
  ),
  "review.onlyInTarget": m(
    "Enkel in PulseBridge",
    "Uniquement dans PulseBridge",
    "Only in PulseBridge",
  ),
  "review.onlyInTargetHint": m(
    "Misschien geen klant meer. Een import verwijdert nooit iets.",
    "Peut-être plus client. Un import ne supprime jamais rien.",
    "Perhaps no longer a client. An import never deletes anything.",
  ),
  "review.matching": m("Overeenkomend", "Correspondants", "Matching"),
  "review.invalid": m("Ongeldig", "Invalides", "Invalid"),
  "review.add": m("Toevoegen", "Ajouter", "Add"),
  "review.field": m("Veld", "Champ", "Field"),
  "review.sheet": m("In het blad", "Dans la feuille", "In the sheet"),
  "review.target": m("In PulseBridge", "Dans PulseBridge", "In PulseBridge"),
  "review.overwrite": m("Overschrijven", "Écraser", "Overwrite"),
  "review.useAll": m(
    "Gebruik de gegevens uit het blad",
    "Utiliser les données de la feuille",
    "Use the data from the sheet",
  ),
  "review.keepAll": m("Alles behouden", "Tout garder", "Keep all"),
  "review.overwriteField": m(
    "Veld overal overschrijven",
    "Écraser ce champ partout",
    "Overwrite a field everywhere",
  ),
  "review.identical": m("Geen verschillen.", "Aucune différence.", "No differences."),
  "review.probable": m(
    "Waarschijnlijke match op naam en postcode — controleer.",
    "Correspondance probable sur nom et code postal — à vérifier.",
    "Probable match on name and postcode — please check.",
  ),
  "review.counts": m(
    "{new} nieuw, {matching} overeenkomend ({changes} met verschillen), {target} enkel in PulseBridge, {invalid} ongeldig.",
    "{new} nouveaux, {matching} correspondants ({changes} avec différences), {target} uniquement dans PulseBridge, {invalid} invalides.",
    "{new} new, {matching} matching ({changes} with differences), {target} only in PulseBridge, {invalid} invalid.",
  ),
  "review.leftOut": m(
    "{count} rijen met fouten of overgeslagen rijen worden niet vergeleken en niet verstuurd.",
    "{count} lignes avec erreurs ou ignorées ne sont ni comparées ni envoyées.",
    "{count} rows with errors or skipped are neither compared nor pushed.",
  ),
  "review.toValidate": m("Naar Controleren", "Aller à Vérifier", "Go to Validate"),
  "review.notSent": m(
    "(staat in het blad, maar wordt niet verstuurd)",
    "(dans la feuille, mais pas envoyé)",
    "(in the sheet, but not sent)",
  ),
  "review.goto": m("Ga naar rij {ref}", "Aller à la ligne {ref}", "Go to row {ref}"),

  "push.heading": m("Versturen", "Envoyer", "Push"),
  "push.run": m("Import versturen", "Envoyer l'import", "Push the import"),
  "push.retry": m("Opnieuw proberen", "Réessayer", "Retry"),
  "push.summary": m(
    "{adds} nieuwe klanten en {updates} klanten met overschreven velden worden verstuurd ({rows} rijen).",
    "{adds} nouveaux clients et {updates} clients avec des champs écrasés seront envoyés ({rows} lignes).",
    "{adds} new clients and {updates} clients with overwritten fields will be pushed ({rows} rows).",
  ),
  "push.done.accepted": m("Import verstuurd", "Import envoyé", "Import sent"),
  "push.done.partially_accepted": m(
    "Import verstuurd, met geweigerde rijen",
    "Import envoyé, avec des lignes refusées",
    "Import sent, with rejected rows",
  ),
  "push.done.rejected": m("Import geweigerd", "Import refusé", "Import rejected"),
  "push.importId": m("Importnummer:", "Numéro d'import :", "Import ID:"),
  "push.count.created": m("Aangemaakt", "Créés", "Created"),
  "push.count.updated": m("Bijgewerkt", "Mis à jour", "Updated"),
  "push.count.unchanged": m("Ongewijzigd", "Inchangés", "Unchanged"),
  "push.count.rejected": m("Geweigerd", "Refusés", "Rejected"),
  "push.rejectedHeading": m(
    "Geweigerde rijen ({count})",
    "Lignes refusées ({count})",
    "Rejected rows ({count})",
  ),
  "push.rejectedBack": m(
    "Ze staan in het blad met hun reden. Verbeter ze en start een nieuwe vergelijking om ze te versturen.",
    "Elles sont marquées dans la feuille avec leur motif. Corrigez-les, puis lancez une nouvelle comparaison pour les envoyer.",
    "They are marked in the sheet with their reasons. Fix them, then start a new review to push them.",
  ),
  "push.newReview": m("Nieuwe vergelijking starten", "Nouvelle comparaison", "Start a new review"),
  "push.newReviewHint": m(
    "Het blad blijft zoals het is; enkel de vergelijking begint opnieuw.",
    "La feuille reste telle quelle ; seule la comparaison recommence.",
    "The sheet stays as it is; only the review starts again.",
  ),
  "push.invalidAhead": m(
    "{count} rijen staan bij Nakijken als ongeldig (bv. dubbel): de server zal ze weigeren. Verbeter ze eerst, of verstuur de rest en verbeter ze daarna.",
    "{count} lignes sont invalides dans Revoir (p. ex. en double) : le serveur les refusera. Corrigez-les d'abord, ou envoyez le reste et corrigez-les ensuite.",
    "{count} rows are invalid in Review (e.g. duplicates): the server will reject them. Fix them first, or push the rest and fix them afterwards.",
  ),
  "push.toReview": m("Naar Nakijken", "Aller à Revoir", "Go to Review"),
  "push.failed": m(
    "Versturen mislukt: {reason} Er ging niets verloren; opnieuw proberen gebruikt dezelfde sleutel, zodat er nooit twee imports ontstaan.",
    "L'envoi a échoué : {reason} Rien n'a été perdu ; réessayer réutilise la même clé, il n'y aura jamais deux imports.",
    "The push failed: {reason} Nothing was lost; retrying reuses the same key, so there can never be two imports.",
  ),
  "push.needReview": m(
    "Vergelijk eerst met PulseBridge.",
    "Comparez d'abord avec PulseBridge.",
    "Compare with PulseBridge first.",
  ),
  "push.nothing": m(
    "Er is niets te versturen.",
    "Il n'y a rien à envoyer.",
    "There is nothing to push.",
  ),

  "error.needConnect": m(
    "Verbind eerst met PulseBridge.",
    "Connectez-vous d'abord à PulseBridge.",
    "Connect to PulseBridge first.",
  ),
  "error.noTable": m(
    "Geen PulseBridge-tabel gevonden: haal eerst klanten op of koppel een blad.",
    "Aucun tableau PulseBridge trouvé : récupérez d'abord des clients ou associez une feuille.",
    "No PulseBridge table found: pull clients or map a sheet first.",
  ),
  "error.noName": m(
    "Koppel minstens de kolom met de naam.",
    "Associez au moins la colonne du nom.",
    "Map at least the name column.",
  ),
  "error.generic": m(
    "Er ging iets mis: {detail}",
    "Une erreur s'est produite : {detail}",
    "Something went wrong: {detail}",
  ),
  "error.payload_too_large": m(
    "Te veel gegevens in één keer.",
    "Trop de données en une fois.",
    "Too much data at once.",
  ),
  "error.idempotency_conflict": m(
    "Deze import werd al verstuurd met andere gegevens.",
    "Cet import a déjà été envoyé avec d'autres données.",
    "This import was already sent with different data.",
  ),
  "error.validation_failed": m(
    "De server weigerde de aanvraag.",
    "Le serveur a refusé la demande.",
    "The server refused the request.",
  ),
} as const;

export type UiKey = keyof typeof uiMessages;

export function t(
  lang: UiLanguage,
  key: UiKey,
  params: Record<string, string | number> = {},
): string {
  return uiMessages[key][lang].replace(/\{(\w+)\}/g, (s, k: string) => String(params[k] ?? s));
}

/** Office's display language ("nl-BE", "fr-FR", "en-US") → one of ours; Dutch by default. */
export function pickLanguage(displayLanguage: string | undefined | null): UiLanguage {
  const l = (displayLanguage ?? "").slice(0, 2).toLowerCase();
  return l === "fr" ? "fr" : l === "en" ? "en" : "nl";
}
