"""Texts of a demo dossier's journal: what each stage says, its follow-ups, ordinary notes.

The texts name the right court for the debtor (commercial or civil, Alsace-Moselle,
overseas, the pilot tribunaux des activités économiques), the same bailiff throughout a
dossier, and the amounts and dates of its invoices, payments and instalment plan.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal

from recouvrement_tui.demo.identites import _personne
from recouvrement_tui.demo.outils import (
    _JOUR,
    _chiffres,
    _de,
    _jour_entre,
    _jour_ouvre,
    _lundi,
)
from recouvrement_tui.demo.paiements import _Plan
from recouvrement_tui.demo.parcours import _JUDICIAIRES, _Squelette
from recouvrement_tui.demo.referentiel import _DEBUT_TAE, _VILLES_TAE, _Ville
from recouvrement_tui.domain import formatage
from recouvrement_tui.domain.etapes import Etape, TypeEvenement
from recouvrement_tui.domain.juridiction import juridiction_injonction
from recouvrement_tui.domain.model import (
    Creance,
    Debiteur,
    Localisation,
    Qualite,
    TypePersonne,
)
from recouvrement_tui.domain.money import arrondir
from recouvrement_tui.domain.procedure import MotifCloture


@dataclass
class _Redacteur:
    """Writes one dossier's journal texts; holds what they share (the bailiff, the plan...)."""

    rng: random.Random
    sq: _Squelette
    ville: _Ville
    debiteur: Debiteur
    creances: tuple[Creance, ...]
    plan: _Plan | None = None  # instalment plan: number, amount, first date
    _commissaire: str = ""
    # Filled by texte_etape: the facts of each stage of the path, in order, and the
    # follow-up notes those facts come from (ordonnance received, BODACC...).
    faits: list[dict[str, str]] = field(default_factory=list)
    suites: list[tuple[dt.date, str]] = field(default_factory=list)

    def _commercial(self) -> bool:
        """Whether the debtor is a trader: it decides between commercial and civil courts."""
        d = self.debiteur
        return (d.qualite is Qualite.PROFESSIONNEL and not d.secteur_public and d.forme_juridique != "SCI"
                and not d.activite.civile)

    def _tribunal(self, jour: dt.date) -> str:
        """The court, with its article ("le tribunal de commerce de Lyon", "la chambre ...")."""
        de_ville = _de(self.ville.juridiction)
        if not self._commercial():
            return f"le tribunal judiciaire {de_ville}"
        if self.sq.localisation is Localisation.ALSACE_MOSELLE:
            return f"la chambre commerciale du tribunal judiciaire {de_ville}"
        if self.sq.localisation is Localisation.OUTRE_MER:
            return f"le tribunal mixte de commerce {de_ville}"
        if self.ville.juridiction in _VILLES_TAE and jour >= _DEBUT_TAE:
            return f"le tribunal des activités économiques {de_ville}"
        return f"le tribunal de commerce {de_ville}"

    def _du_tribunal(self, jour: dt.date) -> str:
        """"du tribunal ..." / "de la chambre ...": French contracts "de le" into "du"."""
        tribunal = self._tribunal(jour)
        return "du " + tribunal[3:] if tribunal.startswith("le ") else "de " + tribunal

    def _commissaire_de_justice(self) -> str:
        if not self._commissaire:
            prenom, nom = _personne(self.rng, self.ville, Localisation.METROPOLE)
            self._commissaire = f"Me {prenom} {nom}, commissaire de justice à {self.ville.juridiction}"
        return self._commissaire

    def _interlocuteur(self) -> str:
        d = self.debiteur
        return d.contact_relance.nom or d.contact_facturation.nom or d.nom_complet

    def _lrar(self) -> str:
        rng = self.rng
        if self.ville.pays != "France":
            return f"RR {_chiffres(rng, 3)} {_chiffres(rng, 3)} {_chiffres(rng, 3)} FR"
        return f"1A {_chiffres(rng, 3)} {_chiffres(rng, 3)} {_chiffres(rng, 4)} {_chiffres(rng, 1)}"

    def _nom_tribunal(self, jour: dt.date) -> str:
        """The court without its article, as a passage's fact: "tribunal de commerce de Lyon"."""
        tribunal = self._tribunal(jour)
        return tribunal.split(" ", 1)[1] if tribunal.startswith(("le ", "la ")) else tribunal

    def _numero_rg(self, jour: dt.date) -> str:
        return f"{jour.year % 100:02d}/{self.rng.randint(100, 9999):05d}"

    def _suite(self, jour: dt.date, texte: str) -> None:
        """A follow-up note the stage's facts rely on (kept as drawn: the caller checked its date)."""
        self.suites.append((jour, texte))

    def texte_etape(self, etape: Etape, jour: dt.date, avant: Etape | None, solde: Decimal,
                    suivante: Etape | None = None, limite: dt.date | None = None) -> str:
        """The journal text of a stage; its facts go to `self.faits` (one dict per stage, in order).

        `suivante` is the next stage of the path (None for the last one) and `limite` the day
        before which this stage's follow-ups must fall (the next stage's date, or the day
        after the last day of the journal).
        """
        faits = {"date": jour.isoformat()}
        texte = self._texte_etape(etape, jour, avant, solde, suivante, limite or jour + _JOUR, faits)
        self.faits.append(faits)
        return texte

    def _texte_etape(self, etape: Etape, jour: dt.date, avant: Etape | None, solde: Decimal,
                     suivante: Etape | None, limite: dt.date, faits: dict[str, str]) -> str:
        rng, d = self.rng, self.debiteur
        consommateur = d.est_consommateur
        premiere = min(self.creances, key=lambda c: c.date_echeance)
        dernier_jour = limite - _JOUR  # last day a follow-up of this stage may be dated
        E = Etape
        match etape:
            case E.RELANCE_PREVENTIVE:
                return (f"Relance préventive envoyée par e-mail : rappel de l'échéance du "
                        f"{formatage.date_courte(premiere.date_echeance)} (facture {premiere.numero}).")
            case E.RELANCE_AMIABLE:
                return rng.choice((
                    "Relance amiable envoyée par e-mail.",
                    f"Relance amiable envoyée par e-mail à {self._interlocuteur()}.",
                    "Relance amiable par téléphone : message laissé, relance écrite envoyée dans la foulée.",
                    "Relance amiable envoyée par courrier simple.",
                ))
            case E.RELANCE_FERME:
                delai = formatage.date_courte(jour + 8 * _JOUR)
                if d.non_professionnel_ou_consommateur:  # no L441-10 penalties, no 40 €
                    return f"Relance ferme envoyée par courrier : nouveau délai de paiement au {delai}."
                if d.secteur_public:
                    return ("Relance ferme adressée au service des finances : délai de paiement dépassé, "
                            "intérêts moratoires et indemnité forfaitaire de 40 € rappelés.")
                return (f"Relance ferme envoyée par e-mail et courrier : nouveau délai au {delai}, pénalités de "
                        "retard et indemnité forfaitaire de 40 € par facture rappelées.")
            case E.MISE_EN_DEMEURE:
                delai_jours = 15 if consommateur else 8
                delai = f"{delai_jours} jours"
                voie = "lettre recommandée internationale avec AR" if self.ville.pays != "France" else "LRAR"
                faits["numero_lrar"] = self._lrar()
                if d.localisation in (Localisation.OUTRE_MER, Localisation.ETRANGER):
                    # There the letter's time runs from receipt (art. 1344 C. civ.): the AR's date is
                    # a fact of the stage. A week by post, drawn without the random stream so that
                    # the rest of the demo stays as it was.
                    # Received early enough for its time to have run before the next stage.
                    recue = max(jour + 2 * _JOUR, min(jour + 7 * _JOUR, limite - (delai_jours + 2) * _JOUR))
                    faits["date_reception"] = min(recue, dernier_jour).isoformat()
                return (f"Mise en demeure envoyée en {voie} n° {faits['numero_lrar']} : règlement de "
                        f"{formatage.montant(solde)} sous {delai}.")
            case E.PETITES_CREANCES:
                faits["intervenant"] = self._commissaire_de_justice()
                return (f"Procédure simplifiée de recouvrement des petites créances confiée à "
                        f"{faits['intervenant']} : le débiteur a un mois pour répondre.")
            case E.INJONCTION_DE_PAYER:
                faits["juridiction"] = juridiction_injonction(d).nom
                self._suites_injonction(jour, suivante, limite, faits)
                return f"Requête en injonction de payer déposée au greffe {self._du_tribunal(jour)}."
            case E.REFERE_PROVISION:
                if suivante is E.TITRE_EXECUTOIRE:
                    faits["date_ordonnance"] = limite.isoformat()  # the ordonnance is the titre
                if d.secteur_public:
                    faits["juridiction"] = f"tribunal administratif {_de(self.ville.tribunal_administratif)}"
                    return (f"Requête en référé-provision déposée au {faits['juridiction']} (art. R541-1 CJA).")
                audience = _lundi(jour + rng.randint(20, 40) * _JOUR)
                if suivante is not None and audience > dernier_jour:
                    audience = _jour_ouvre(dernier_jour, jour)  # heard before the next stage
                faits.update(juridiction=self._nom_tribunal(jour), date_audience=audience.isoformat(),
                             intervenant=self._commissaire_de_justice())
                return (f"Assignation en référé-provision délivrée par {faits['intervenant']} ; "
                        f"audience devant le président {self._du_tribunal(jour)} le {formatage.date_courte(audience)}.")
            case E.ASSIGNATION_AU_FOND:
                audience = _lundi(jour + rng.randint(30, 75) * _JOUR)
                if suivante is not None and audience > dernier_jour:
                    audience = _jour_ouvre(dernier_jour, jour)
                faits.update(juridiction=self._nom_tribunal(jour), date_audience=audience.isoformat(),
                             intervenant=self._commissaire_de_justice())
                if suivante is E.TITRE_EXECUTOIRE:
                    faits["date_jugement"] = limite.isoformat()
                texte = (f"Assignation au fond devant {self._tribunal(jour)} délivrée par {self._commissaire_de_justice()} "
                         f"pour l'audience du {formatage.date_courte(audience)}")
                if solde > 10000:  # representation by a lawyer is compulsory above 10,000 €
                    prenom, nom = _personne(self.rng, self.ville, Localisation.METROPOLE)
                    faits["intervenant"] = f"Me {prenom} {nom}, avocat au barreau {_de(self.ville.juridiction)}"
                    texte += f" ; dossier confié à {faits['intervenant']}"
                return texte + "."
            case E.TITRE_EXECUTOIRE:
                if avant in (E.REFERE_PROVISION, E.ASSIGNATION_AU_FOND):
                    faits["numero_rg"] = self._numero_rg(jour)
                match avant:
                    case E.INJONCTION_DE_PAYER:
                        return ("Ordonnance d'injonction de payer signifiée ; aucune opposition dans le délai "
                                "d'un mois : titre exécutoire.")
                    case E.REFERE_PROVISION:
                        return f"Ordonnance de référé : provision de {formatage.montant(solde)} accordée, exécutoire de plein droit."
                    case E.ASSIGNATION_AU_FOND:
                        return (f"Jugement {self._du_tribunal(jour)} : condamnation au principal et aux intérêts, "
                                f"{rng.choice(('800', '1 000', '1 500'))} € au titre de l'article 700 du CPC.")
                    case _:
                        return "Accord du débiteur constaté par le commissaire de justice : titre exécutoire délivré."
            case E.EXECUTION:
                mesures = ["saisie-attribution sur les comptes bancaires", "saisie-vente"]
                if consommateur:
                    mesures.append("saisie des rémunérations")
                faits["intervenant"] = self._commissaire_de_justice()
                return f"Titre transmis pour {rng.choice(mesures)} à {faits['intervenant']}."
            case E.LITIGE:
                motifs = (
                    [f"travaux jugés inachevés (facture {premiere.numero})", "conteste le montant du devis"]
                    if consommateur
                    else [f"livraison incomplète selon lui (facture {premiere.numero})",
                          "prestation jugée non conforme au devis",
                          f"affirme avoir déjà réglé la facture {premiere.numero}",
                          "demande un avoir pour du matériel défectueux"]
                )
                faits["motif"] = rng.choice(motifs)
                return f"Contestation reçue de {self._interlocuteur()} : {faits['motif']}."
            case E.PROMESSE:
                promis = jour + rng.randint(7, 30) * _JOUR
                faits["jusquau"] = promis.isoformat()
                return (f"Promesse de paiement obtenue par téléphone auprès de {self._interlocuteur()} : "
                        f"règlement du solde annoncé pour le {formatage.date_courte(promis)}.")
            case E.ECHEANCIER:
                plan = self.plan
                if plan is None:
                    nombre = rng.randint(3, 6)
                    plan = (nombre, arrondir(solde / nombre), jour + rng.randint(5, 15) * _JOUR)
                nombre, mensualite, premier = plan
                faits.update(premiere_echeance=premier.isoformat(), nombre_echeances=str(nombre))
                return (f"Échéancier accordé : {nombre} mensualités de {formatage.montant(mensualite)} à compter du "
                        f"{formatage.date_courte(premier)}.")
            case E.PROCEDURE_COLLECTIVE:
                genre = rng.choice(("sauvegarde", "redressement judiciaire", "liquidation judiciaire"))
                if self.sq.motif_cloture == "insuffisance":
                    genre = "liquidation judiciaire"
                prenom, nom = _personne(self.rng, self.ville, Localisation.METROPOLE)
                # Published in the BODACC about ten days after the judgment (R621-8 C. com.),
                # noted before the next stage and never after the journal's last day.
                bodacc = max(jour, min(_jour_ouvre(jour + rng.randint(7, 15) * _JOUR, jour), dernier_jour))
                # Derived, not drawn: another draw would reshuffle every later demo dossier.
                etude = f"{len(prenom + nom) * 3 % 70 + 2} rue du Palais, {self.ville.juridiction}"
                faits.update(nature=genre, juridiction=self._nom_tribunal(jour), mandataire=f"Me {prenom} {nom}",
                             adresse_mandataire=etude, date_bodacc=bodacc.isoformat())
                self._suite(bodacc, f"Jugement d'ouverture publié au BODACC le {formatage.date_courte(bodacc)} : "
                                    "créance à déclarer au mandataire judiciaire dans les deux mois.")
                return (f"Jugement d'ouverture d'une procédure de {genre} rendu le {formatage.date_courte(jour)} par "
                        f"{self._tribunal(jour)} ; mandataire judiciaire : Me {prenom} {nom}.")
            case E.CLOTURE:
                faits["motif"] = {"solde": MotifCloture.PAYE, "insuffisance": MotifCloture.IRRECOUVRABLE,
                                  "abandon": MotifCloture.ABANDON,
                                  "transaction": MotifCloture.ACCORD_EXECUTE}[self.sq.motif_cloture]
                return {
                    "solde": "Dossier clôturé : créance intégralement réglée.",
                    "insuffisance": ("Dossier clôturé : liquidation judiciaire clôturée pour insuffisance d'actif, "
                                     "créance passée en perte."),
                    "abandon": "Dossier clôturé : solde abandonné, le coût d'une procédure dépasserait le montant dû.",
                    "transaction": "Dossier clôturé : accord transactionnel signé, abandon du solde restant.",
                }[self.sq.motif_cloture]
        raise AssertionError(etape)  # pragma: no cover

    def _suites_injonction(self, jour: dt.date, suivante: Etape | None, limite: dt.date,
                           faits: dict[str, str]) -> None:
        """The ordonnance and its service: always known once the injonction led further.

        Offsets in days from the filing: ordonnance, the note of its receipt, then service
        at least one month (the time to oppose) before the next stage.
        """
        rng = self.rng
        suivie = suivante is not None
        if not suivie and rng.random() >= 0.8:
            return
        rendue, signifiee = rng.randint(8, 15), rng.randint(5, 15)
        signifiee += rendue
        if suivie:
            marge = (limite - jour).days - 31  # latest service leaving the month to oppose
            if signifiee > marge:
                signifiee = max(marge, 5)
                rendue = min(rendue, signifiee - 6)
        ordonnance = _jour_ouvre(jour + rendue * _JOUR, jour + _JOUR)
        recue = _lundi(ordonnance + 3 * _JOUR)
        if recue >= limite:
            return  # not received yet
        faits.update(date_ordonnance=ordonnance.isoformat(), numero_rg=self._numero_rg(ordonnance),
                     intervenant=self._commissaire_de_justice())
        self._suite(recue, f"Ordonnance d'injonction de payer rendue le {formatage.date_courte(ordonnance)}, revêtue de "
                           f"la formule exécutoire : transmise pour signification à {faits['intervenant']}.")
        plafond = limite - (31 if suivie else 1) * _JOUR
        signification = max(recue, _jour_ouvre(jour + signifiee * _JOUR, recue, plafond))
        if signification < limite and (suivie or rng.random() < 0.6):
            faits["date_signification"] = signification.isoformat()
            self._suite(signification, f"Ordonnance signifiée au débiteur le {formatage.date_courte(signification)} : "
                                       "il a un mois pour former opposition.")

    def notes(self, fin: dt.date) -> list[tuple[dt.date, TypeEvenement, str]]:
        """Follow-ups of the stages (AR signed, ordonnance received...) and ordinary notes."""
        rng, sq, d = self.rng, self.sq, self.debiteur
        notes: list[tuple[dt.date, TypeEvenement, str]] = []

        def ajouter(jour: dt.date, texte: str, type_=TypeEvenement.NOTE) -> None:
            if sq.cree_le <= jour <= fin:
                notes.append((jour, type_, texte))

        def suite(quand: dt.date, texte: str, limite: dt.date) -> None:
            quand = _lundi(quand)
            if quand < limite:
                ajouter(quand, texte)

        # Follow-ups the stages' facts come from (dated by texte_etape within their stage).
        for jour, texte in self.suites:
            ajouter(jour, texte)
        # A stage's follow-up is noted before the next stage begins, or dropped.
        suivantes = [j for _, j in sq.parcours[1:]] + [fin + _JOUR]
        for (etape, jour), limite, faits in zip(sq.parcours, suivantes, self.faits):
            match etape:
                case Etape.MISE_EN_DEMEURE if rng.random() < 0.6:
                    signe = jour + rng.randint(2, 6) * _JOUR
                    if "date_reception" in faits:  # the note says the date the stage records
                        signe = dt.date.fromisoformat(faits["date_reception"])
                    suite(signe + _JOUR, f"Accusé de réception de la mise en demeure signé le {formatage.date_courte(signe)}.", limite)
                case Etape.MISE_EN_DEMEURE if rng.random() < 0.3:
                    suite(jour + 17 * _JOUR, "Lettre recommandée non réclamée, retournée à l'expéditeur.", limite)
                case Etape.PROCEDURE_COLLECTIVE if rng.random() < 0.7:
                    bodacc = dt.date.fromisoformat(faits["date_bodacc"])
                    suite(bodacc + rng.randint(2, 40) * _JOUR,
                          "Déclaration de créance adressée en LRAR au mandataire judiciaire.", limite)
                case Etape.LITIGE if rng.random() < 0.5:
                    suite(jour + rng.randint(2, 10) * _JOUR,
                          "Bon de livraison signé et photos transmis au débiteur pour répondre à la contestation.", limite)
        if d.secteur_public:
            ordinaires = ["Le service des finances indique que le mandat de paiement est transmis au comptable public.",
                          f"Facture {self.creances[0].numero} redéposée sur Chorus Pro à la demande du service des finances.",
                          "Appel du service des finances : paiement en attente de l'attestation de service fait."]
        elif d.est_consommateur:
            ordinaires = ["Appel du débiteur : difficultés passagères, demande un délai de quelques semaines.",
                          "Message laissé sur le répondeur.",
                          f"Le débiteur demande le détail de la facture {self.creances[0].numero} : copie renvoyée.",
                          "Adresse vérifiée : le débiteur habite toujours à l'adresse indiquée."]
        else:
            ordinaires = ["Appel du service comptable : paiement annoncé pour fin de mois.",
                          f"Le débiteur demande un duplicata de la facture {self.creances[0].numero} : renvoyé par e-mail.",
                          f"Message laissé sur le répondeur de {self._interlocuteur()}.",
                          "Relevé de compte client adressé par e-mail.",
                          "Point avec le commercial : client historique, privilégier l'amiable."]
            if d.type_personne is TypePersonne.MORALE and d.siren:
                ordinaires.append("Vérification au registre du commerce : société toujours immatriculée, "
                                  "aucune procédure collective publiée.")
            if d.contact_facturation.nom:
                ordinaires.append(f"Courriel de {d.contact_facturation.nom} : facture bloquée en attente du bon de "
                                  "commande signé.")
        # Ordinary notes belong to the amicable phase: once in court, talk goes through lawyers.
        amiable_fin = fin
        for etape, jour in sq.parcours:
            if etape in _JUDICIAIRES or etape is Etape.PROCEDURE_COLLECTIVE:
                amiable_fin = min(amiable_fin, jour - _JOUR)
                break
        for texte in rng.sample(ordinaires, rng.choices((0, 1, 2), weights=(45, 40, 15))[0]):
            suite(_jour_entre(rng, sq.cree_le, amiable_fin), texte, amiable_fin + _JOUR)
        if rng.random() < 0.06:
            jour = _lundi(_jour_entre(rng, sq.cree_le, fin))
            if jour <= fin:
                ajouter(jour, "Fiche débiteur modifiée : e-mail, téléphone.", TypeEvenement.DEBITEUR)
        return notes
