/** Texts of the rejected rows' paging, the sync's state and the round trip's review tools. */
import { m } from "./m.js";

export const syncRoundTripMessages = {
  "progress.rejected": m(
    "Geweigerde rijen ophalen…",
    "Récupération des lignes refusées…",
    "Fetching the rejected rows…",
  ),
  "push.rejectedPartial": m(
    "{shown} van {total} geweigerde rijen opgehaald.",
    "{shown} lignes refusées sur {total} récupérées.",
    "{shown} of {total} rejected rows fetched.",
  ),
  "push.loadRest": m(
    "De overige geweigerde rijen ophalen",
    "Récupérer les autres lignes refusées",
    "Fetch the remaining rejected rows",
  ),
  "progress.confirmDeletions": m(
    "Verwijdering bevestigen…",
    "Confirmation de la suppression…",
    "Confirming the deletions…",
  ),
  "sync.held": m(
    "De laatste synchronisatie vond {count} {count|klant|klanten} niet meer in AdminPulse. Ze blijven in PulseBridge tot een beheerder de verwijdering bevestigt.",
    "La dernière synchronisation n'a plus trouvé {count} {count|client|clients} dans AdminPulse. Ils restent dans PulseBridge jusqu'à ce qu'un administrateur confirme la suppression.",
    "The last sync no longer found {count} {count|client|clients} in AdminPulse. They stay in PulseBridge until an admin confirms the deletion.",
  ),
  "sync.heldAdminOnly": m(
    "Enkel een beheerderssleutel kan dit bevestigen.",
    "Seule une clé d'administrateur peut le confirmer.",
    "Only an admin key can confirm this.",
  ),
  "sync.confirm": m(
    "Verwijdering bevestigen…",
    "Confirmer la suppression…",
    "Confirm the deletion…",
  ),
  "sync.confirmAsk": m(
    "{count} {count|klant|klanten} definitief uit PulseBridge verwijderen? Een latere synchronisatie die ze terugvindt, voegt ze opnieuw toe.",
    "Supprimer définitivement {count} {count|client|clients} de PulseBridge ? Une synchronisation ultérieure qui les retrouve les ajoute à nouveau.",
    "Delete {count} {count|client|clients} from PulseBridge for good? A later sync that finds them again adds them back.",
  ),
  "sync.confirmYes": m(
    "Ja, {count} verwijderen",
    "Oui, en supprimer {count}",
    "Yes, delete {count}",
  ),
  "sync.cancel": m("Annuleren", "Annuler", "Cancel"),
  "sync.deleted": m(
    "{count} {count|klant|klanten} verwijderd.",
    "{count} {count|client supprimé|clients supprimés}.",
    "{count} {count|client|clients} deleted.",
  ),
  "status.apValidUntil": m(
    "AdminPulse-koppeling geldig tot {when}",
    "Connexion AdminPulse valable jusqu'au {when}",
    "AdminPulse connection valid until {when}",
  ),
  "status.apExpiresSoon": m(
    "AdminPulse-koppeling verloopt {when}",
    "La connexion AdminPulse expire {when}",
    "AdminPulse connection expires {when}",
  ),
  "status.apExpired": m(
    "AdminPulse-koppeling verlopen; een beheerder moet ze vernieuwen",
    "Connexion AdminPulse expirée ; un administrateur doit la renouveler",
    "AdminPulse connection expired; an admin must renew it",
  ),
  "status.apInvalid": m(
    "AdminPulse-koppeling geweigerd; een beheerder moet ze opnieuw instellen",
    "Connexion AdminPulse refusée ; un administrateur doit la reconfigurer",
    "AdminPulse connection refused; an admin must set it up again",
  ),
  "status.apRefreshUnavailable": m(
    "AdminPulse-koppeling kan niet vernieuwd worden",
    "La connexion AdminPulse ne peut pas être renouvelée",
    "AdminPulse connection cannot be renewed",
  ),
  "status.apNotConnected": m(
    "AdminPulse niet gekoppeld",
    "AdminPulse non connecté",
    "AdminPulse not connected",
  ),
} as const;
