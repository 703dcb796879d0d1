/** Texts of the steps fix → review → push and the errors, in nl, fr and en. */
import { m } from "./m.js";

export const reviewPushMessages = {
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
    "{count} {count|cel|cellen} verbeterd.",
    "{count} {count|cellule corrigée|cellules corrigées}.",
    "{count} {count|cell|cells} fixed.",
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
    "{count} {count|rij|rijen} met fouten of overgeslagen {count|wordt|worden} niet vergeleken en niet verstuurd.",
    "{count} {count|ligne avec erreurs ou ignorée n'est ni comparée ni envoyée|lignes avec erreurs ou ignorées ne sont ni comparées ni envoyées}.",
    "{count} {count|row with errors or skipped is|rows with errors or skipped are} neither compared nor pushed.",
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
    "{adds} nieuwe klanten en {updates} klanten met overschreven velden worden verstuurd ({rows} {rows|rij|rijen}).",
    "{adds} nouveaux clients et {updates} clients avec des champs écrasés seront envoyés ({rows} {rows|ligne|lignes}).",
    "{adds} new clients and {updates} clients with overwritten fields will be pushed ({rows} {rows|row|rows}).",
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
    "{count} van de te versturen rijen {count|is|zijn} bij Nakijken ongeldig (bv. dubbel): de server zal ze weigeren. Verbeter ze eerst, of verstuur de rest en verbeter ze daarna.",
    "{count} des lignes à envoyer {count|est invalide|sont invalides} dans Revoir (p. ex. en double) : le serveur {count|la|les} refusera. {count|Corrigez-la|Corrigez-les} d'abord, ou envoyez le reste et {count|corrigez-la|corrigez-les} ensuite.",
    "{count} of the rows to push {count|is|are} invalid in Review (e.g. duplicates): the server will reject {count|it|them}. Fix {count|it|them} first, or push the rest and fix {count|it|them} afterwards.",
  ),
  "push.notSent": m(
    "{count} {count|rij met fouten wordt|rijen met fouten worden} niet verstuurd: {count|ze blijft|ze blijven} in het blad met de reden.",
    "{count} {count|ligne avec des erreurs n'est pas envoyée : elle reste|lignes avec des erreurs ne sont pas envoyées : elles restent} dans la feuille avec leur motif.",
    "{count} {count|row with errors is|rows with errors are} not sent: {count|it stays|they stay} in the sheet with {count|its reason|their reasons}.",
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
