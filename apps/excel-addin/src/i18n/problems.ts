/**
 * What the pane says for each error code, in nl/fr/en: `problemMessage(code, lang)`. Typed over
 * the closed list (the worker's codes from @pulsebridge/core and the add-in's own), so a new code
 * does not compile until it has its three messages.
 */
import type { UiLanguage } from "@pulsebridge/core";
import type { AddinErrorCode } from "../api/error-codes.js";

const m = (nl: string, fr: string, en: string) => ({ nl, fr, en });

const problemMessages: Record<AddinErrorCode, Record<UiLanguage, string>> = {
  unauthorized: m(
    "De sleutel is fout of ingetrokken. Vraag uw beheerder om een nieuwe sleutel.",
    "La clé est erronée ou révoquée. Demandez une nouvelle clé à votre administrateur.",
    "The key is wrong or has been revoked. Ask your administrator for a new key.",
  ),
  forbidden: m(
    "Deze sleutel heeft niet de rol die hiervoor nodig is.",
    "Cette clé n'a pas le rôle nécessaire pour cette action.",
    "This key does not have the role this needs.",
  ),
  stale_overwrite: m(
    "AdminPulse wijzigde enkele velden na het ophalen; ververs die cellen of kies ze als conflict.",
    "AdminPulse a modifié certains champs après l'import ; actualisez ces cellules ou choisissez-les comme conflit.",
    "AdminPulse changed some fields after the pull; refresh those cells or choose them as conflicts.",
  ),
  staged_import_closed: m(
    "Deze grote push verliep of werd al afgerond; er werd niets half opgeslagen. Verstuur opnieuw.",
    "Ce grand envoi a expiré ou est déjà terminé ; rien n'a été enregistré à moitié. Renvoyez-le.",
    "This large push expired or was finished already; nothing was stored half-way. Push again.",
  ),
  staged_import_incomplete: m(
    "Niet alle delen van de push kwamen aan; er werd niets opgeslagen. Verstuur opnieuw.",
    "Toutes les parties de l'envoi ne sont pas arrivées ; rien n'a été enregistré. Renvoyez-le.",
    "Not every part of the push arrived; nothing was stored. Push again.",
  ),
  import_not_withdrawable: m(
    "Deze import is al ingetrokken, of bevat niets dat ingetrokken kan worden.",
    "Cet import est déjà retiré, ou ne contient rien qui puisse être retiré.",
    "This import is already withdrawn, or holds nothing that could be withdrawn.",
  ),
  not_found: m(
    "Niet gevonden: de klant of import bestaat niet (meer) in dit kantoor.",
    "Introuvable : le client ou l'import n'existe pas (ou plus) dans ce bureau.",
    "Not found: the client or import does not exist (any more) in this office.",
  ),
  validation_failed: m(
    "De server weigerde enkele waarden; de betrokken rijen zijn gemarkeerd.",
    "Le serveur a refusé certaines valeurs ; les lignes concernées sont marquées.",
    "The server refused some values; the rows concerned are marked.",
  ),
  malformed_body: m(
    "De server kon de verzonden gegevens niet lezen. Probeer opnieuw.",
    "Le serveur n'a pas pu lire les données envoyées. Réessayez.",
    "The server could not read the data sent. Try again.",
  ),
  idempotency_key_required: m(
    "De aanvraag miste haar unieke sleutel. Werk de invoegtoepassing bij.",
    "La demande n'avait pas sa clé unique. Mettez le complément à jour.",
    "The request lacked its unique key. Update the add-in.",
  ),
  payload_too_large: m(
    "Te veel gegevens in één keer.",
    "Trop de données en une fois.",
    "Too much data at once.",
  ),
  unsupported_media_type: m(
    "De server aanvaardt dit gegevensformaat niet. Werk de invoegtoepassing bij.",
    "Le serveur n'accepte pas ce format de données. Mettez le complément à jour.",
    "The server does not accept this data format. Update the add-in.",
  ),
  idempotency_conflict: m(
    "Deze import werd al verstuurd met andere gegevens.",
    "Cet import a déjà été envoyé avec d'autres données.",
    "This import was already sent with different data.",
  ),
  last_admin_key: m(
    "Dit is de laatste beheerderssleutel van het kantoor. Maak eerst een andere beheerderssleutel.",
    "C'est la dernière clé d'administrateur du bureau. Créez d'abord une autre clé d'administrateur.",
    "This is the office's last admin key. Create another admin key first.",
  ),
  webhook_url_refused: m(
    "Dit webhookadres is niet toegestaan: gebruik https naar een publiek adres.",
    "Cette adresse de webhook n'est pas autorisée : utilisez https vers une adresse publique.",
    "This webhook address is not allowed: use https to a public address.",
  ),
  webhook_limit_reached: m(
    "Dit kantoor heeft het maximale aantal webhooks. Verwijder er eerst een.",
    "Ce bureau a le nombre maximal de webhooks. Supprimez-en d'abord un.",
    "This office has the maximum number of webhooks. Delete one first.",
  ),
  import_quota_exceeded: m(
    "De opslag voor imports van dit kantoor is vol. Vraag uw beheerder om oude imports op te ruimen.",
    "L'espace des imports de ce bureau est plein. Demandez à votre administrateur de supprimer d'anciens imports.",
    "This office's storage for imports is full. Ask your administrator to clear old imports.",
  ),
  import_busy: m(
    "De server verwerkt al te veel imports. Probeer het over enkele ogenblikken opnieuw.",
    "Le serveur traite déjà trop d'imports. Réessayez dans quelques instants.",
    "The server is processing too many imports. Try again in a few moments.",
  ),
  change_feed_reset: m(
    "De wijzigingen van de server zijn opnieuw begonnen (hersteld). Haal alle klanten opnieuw op.",
    "Le flux de modifications du serveur a recommencé (restauré). Récupérez à nouveau tous les clients.",
    "The server's change feed started over (restored). Pull all clients again.",
  ),
  not_connected: m(
    "AdminPulse is nog niet gekoppeld aan dit kantoor. Vraag uw beheerder om het te koppelen.",
    "AdminPulse n'est pas encore relié à ce bureau. Demandez à votre administrateur de le relier.",
    "AdminPulse is not connected to this office yet. Ask your administrator to connect it.",
  ),
  sync_busy: m(
    "Er loopt al een synchronisatie voor dit kantoor. Probeer het zo meteen opnieuw.",
    "Une synchronisation est déjà en cours pour ce bureau. Réessayez dans un instant.",
    "A sync is already running for this office. Try again in a moment.",
  ),
  connection_expired: m(
    "De AdminPulse-sleutel van dit kantoor is vervallen. Vraag uw beheerder om een nieuwe sleutel te koppelen.",
    "La clé AdminPulse de ce bureau a expiré. Demandez à votre administrateur de relier une nouvelle clé.",
    "This office's AdminPulse key has expired. Ask your administrator to connect a new key.",
  ),
  adminpulse_unauthorized: m(
    "AdminPulse weigert de opgeslagen toegang. Vraag uw beheerder om AdminPulse opnieuw te koppelen.",
    "AdminPulse refuse l'accès enregistré. Demandez à votre administrateur de relier AdminPulse à nouveau.",
    "AdminPulse refuses the stored access. Ask your administrator to connect AdminPulse again.",
  ),
  upstream_unavailable: m(
    "AdminPulse is niet bereikbaar. De gegevens in PulseBridge blijven leesbaar; probeer later opnieuw.",
    "AdminPulse est injoignable. Les données de PulseBridge restent lisibles ; réessayez plus tard.",
    "AdminPulse cannot be reached. The data in PulseBridge stays readable; try again later.",
  ),
  config_invalid: m(
    "De server is verkeerd ingesteld. Meld dit aan uw beheerder.",
    "Le serveur est mal configuré. Signalez-le à votre administrateur.",
    "The server is misconfigured. Tell your administrator.",
  ),
  internal: m(
    "Interne fout op de server. Probeer opnieuw; blijft het, meld het aan uw beheerder.",
    "Erreur interne du serveur. Réessayez ; si cela persiste, signalez-le à votre administrateur.",
    "Internal error on the server. Try again; if it persists, tell your administrator.",
  ),
  network: m(
    "De server is niet bereikbaar. Controleer het adres en uw verbinding.",
    "Le serveur est injoignable. Vérifiez l'adresse et votre connexion.",
    "The server cannot be reached. Check the address and your connection.",
  ),
  bad_response: m(
    "Dit adres is geen PulseBridge-server.",
    "Cette adresse n'est pas un serveur PulseBridge.",
    "This address is not a PulseBridge server.",
  ),
  cancelled: m(
    "Geannuleerd. Er ging niets verloren.",
    "Annulé. Rien n'a été perdu.",
    "Cancelled. Nothing was lost.",
  ),
  server: m(
    "De server gaf een fout. Probeer het later opnieuw.",
    "Le serveur a renvoyé une erreur. Réessayez plus tard.",
    "The server returned an error. Try again later.",
  ),
};

/** The message for an `ApiError`'s code in the user's language. */
export function problemMessage(code: AddinErrorCode, lang: UiLanguage): string {
  return problemMessages[code][lang];
}
