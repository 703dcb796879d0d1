/** Withdrawing a pushed import (ADR 0021): the dialog, its errors and the withdrawn state. */
import { m } from "./m.js";

export const withdrawMessages = {
  "withdraw.open": m("Import intrekken…", "Retirer l'import…", "Withdraw this import…"),
  "withdraw.title": m("Import intrekken?", "Retirer l'import ?", "Withdraw the import?"),
  "withdraw.what": m(
    "Import {id} wordt als ingetrokken gemarkeerd. De klanten in PulseBridge en de rijen van de import blijven zoals ze zijn; programma's die de import overnamen, krijgen te horen dat ze hem moeten terugdraaien.",
    "L'import {id} sera marqué comme retiré. Les clients dans PulseBridge et les lignes de l'import restent tels quels ; les outils qui ont repris l'import sont avertis qu'ils doivent l'annuler.",
    "Import {id} will be marked as withdrawn. The clients in PulseBridge and the import's rows stay as they are; tools that took the import are told to undo it.",
  ),
  "withdraw.person": m(
    "Uw naam of e-mailadres",
    "Votre nom ou adresse e-mail",
    "Your name or e-mail",
  ),
  "withdraw.personHint": m(
    "Voor het logboek; dit toestel onthoudt het.",
    "Pour le journal ; cet appareil s'en souvient.",
    "For the audit log; this computer remembers it.",
  ),
  "withdraw.personInvalid": m(
    "Vul uw naam of e-mailadres in (1 tot 200 tekens, zonder regeleinden).",
    "Indiquez votre nom ou adresse e-mail (1 à 200 caractères, sans retour à la ligne).",
    "Enter your name or e-mail (1 to 200 characters, no line breaks).",
  ),
  "withdraw.reason": m("Reden (niet verplicht)", "Motif (facultatif)", "Reason (optional)"),
  "withdraw.reasonHint": m(
    'Bv. "verkeerd blad verstuurd". Ten hoogste 500 tekens.',
    "P. ex. « mauvaise feuille envoyée ». 500 caractères au plus.",
    'E.g. "pushed the wrong sheet". At most 500 characters.',
  ),
  "withdraw.confirm": m("Intrekken", "Retirer", "Withdraw"),
  "withdraw.cancel": m("Annuleren", "Annuler", "Cancel"),
  "progress.withdraw": m("Import intrekken…", "Retrait de l'import…", "Withdrawing the import…"),
  "withdraw.done": m(
    "Import {id} is ingetrokken.",
    "L'import {id} est retiré.",
    "Import {id} is withdrawn.",
  ),
  "withdraw.doneHeading": m("Import ingetrokken", "Import retiré", "Import withdrawn"),
  "withdraw.doneBy": m(
    "Ingetrokken door {by} op {at}.",
    "Retiré par {by} le {at}.",
    "Withdrawn by {by} on {at}.",
  ),
  "withdraw.doneReason": m("Reden: {reason}", "Motif : {reason}", "Reason: {reason}"),
  "withdraw.doneHint": m(
    "De rijen in het blad blijven zoals ze zijn. Wilt u ze opnieuw versturen, start dan een nieuwe vergelijking.",
    "Les lignes de la feuille restent telles quelles. Pour les renvoyer, lancez une nouvelle comparaison.",
    "The rows in the sheet stay as they are. To push them again, start a new review.",
  ),
} as const;
