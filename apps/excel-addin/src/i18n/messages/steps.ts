/** Texts of the steps connect → data → validate → fix, in nl, fr and en. */
import { m } from "./m.js";

export const stepMessages = {
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
    "{pulled} {pulled|klant|klanten} opgehaald: {updated} bijgewerkt, {added} toegevoegd, {kept} andere rijen behouden.",
    "{pulled} {pulled|client récupéré|clients récupérés} : {updated} mis à jour, {added} ajoutés, {kept} autres lignes conservées.",
    "{pulled} {pulled|client|clients} pulled: {updated} updated, {added} added, {kept} other rows kept.",
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
    "{rows} {rows|rij|rijen}: {valid} in orde, {invalid} met fouten, {warnings} met opmerkingen.",
    "{rows} {rows|ligne|lignes} : {valid} {valid|correcte|correctes}, {invalid} avec erreurs, {warnings} avec remarques.",
    "{rows} {rows|row|rows}: {valid} fine, {invalid} with errors, {warnings} with warnings.",
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
} as const;
