"""Texts of a demo dossier's journal: what each stage says, its follow-ups, ordinary notes.

The texts name the right court for the debtor (commercial or civil, Alsace-Moselle,
overseas, the pilot tribunaux des activités économiques), the same bailiff throughout a
dossier, and the amounts and dates of its invoices, payments and instalment plan.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from recouvrement_tui.demo.identites import _personne
from recouvrement_tui.demo.outils import _JOUR, _chiffres, _de, _jour_entre, _lundi
from recouvrement_tui.demo.paiements import _Plan
from recouvrement_tui.demo.parcours import _JUDICIAIRES, _Squelette
from recouvrement_tui.demo.referentiel import _DEBUT_TAE, _VILLES_TAE, _Ville
from recouvrement_tui.domain import formatage
from recouvrement_tui.domain.etapes import Etape, TypeEvenement
from recouvrement_tui.domain.model import (
    Creance,
    Debiteur,
    Localisation,
    Qualite,
    TypePersonne,
)
from recouvrement_tui.domain.money import arrondir


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

    def _commercial(self) -> bool:
        """Whether the debtor is a trader: it decides between commercial and civil courts."""
        d = self.debiteur
        return d.qualite is Qualite.PROFESSIONNEL and not d.secteur_public and d.forme_juridique != "SCI"

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

    def texte_etape(self, etape: Etape, jour: dt.date, avant: Etape | None, solde: Decimal) -> str:
        rng, d = self.rng, self.debiteur
        consommateur = d.est_consommateur
        premiere = min(self.creances, key=lambda c: c.date_echeance)
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
                if consommateur:
                    return f"Relance ferme envoyée par courrier : nouveau délai de paiement au {delai}."
                if d.secteur_public:
                    return ("Relance ferme adressée au service des finances : délai de paiement dépassé, "
                            "intérêts moratoires et indemnité forfaitaire de 40 € rappelés.")
                return (f"Relance ferme envoyée par e-mail et courrier : nouveau délai au {delai}, pénalités de "
                        "retard et indemnité forfaitaire de 40 € par facture rappelées.")
            case E.MISE_EN_DEMEURE:
                delai = "15 jours" if consommateur else "8 jours"
                voie = "lettre recommandée internationale avec AR" if self.ville.pays != "France" else "LRAR"
                return (f"Mise en demeure envoyée en {voie} n° {self._lrar()} : règlement de {formatage.montant(solde)} "
                        f"sous {delai}.")
            case E.PETITES_CREANCES:
                return (f"Procédure simplifiée de recouvrement des petites créances confiée à "
                        f"{self._commissaire_de_justice()} : le débiteur a un mois pour répondre.")
            case E.INJONCTION_DE_PAYER:
                return f"Requête en injonction de payer déposée au greffe {self._du_tribunal(jour)}."
            case E.REFERE_PROVISION:
                if d.secteur_public:
                    return (f"Requête en référé-provision déposée au tribunal administratif "
                            f"{_de(self.ville.tribunal_administratif)} (art. R541-1 CJA).")
                audience = _lundi(jour + rng.randint(20, 40) * _JOUR)
                return (f"Assignation en référé-provision délivrée par {self._commissaire_de_justice()} ; "
                        f"audience devant le président {self._du_tribunal(jour)} le {formatage.date_courte(audience)}.")
            case E.ASSIGNATION_AU_FOND:
                texte = f"Assignation au fond devant {self._tribunal(jour)} délivrée par {self._commissaire_de_justice()}"
                if solde > 10000:  # representation by a lawyer is compulsory above 10,000 €
                    prenom, nom = _personne(self.rng, self.ville, Localisation.METROPOLE)
                    texte += f" ; dossier confié à Me {prenom} {nom}, avocat au barreau {_de(self.ville.juridiction)}"
                return texte + "."
            case E.TITRE_EXECUTOIRE:
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
                return f"Titre transmis pour {rng.choice(mesures)} à {self._commissaire_de_justice()}."
            case E.LITIGE:
                motifs = (
                    [f"travaux jugés inachevés (facture {premiere.numero})", "conteste le montant du devis"]
                    if consommateur
                    else [f"livraison incomplète selon lui (facture {premiere.numero})",
                          "prestation jugée non conforme au devis",
                          f"affirme avoir déjà réglé la facture {premiere.numero}",
                          "demande un avoir pour du matériel défectueux"]
                )
                return f"Contestation reçue de {self._interlocuteur()} : {rng.choice(motifs)}."
            case E.PROMESSE:
                promis = jour + rng.randint(7, 30) * _JOUR
                return (f"Promesse de paiement obtenue par téléphone auprès de {self._interlocuteur()} : "
                        f"règlement du solde annoncé pour le {formatage.date_courte(promis)}.")
            case E.ECHEANCIER:
                plan = self.plan
                if plan is None:
                    nombre = rng.randint(3, 6)
                    plan = (nombre, arrondir(solde / nombre), jour + rng.randint(5, 15) * _JOUR)
                nombre, mensualite, premier = plan
                return (f"Échéancier accordé : {nombre} mensualités de {formatage.montant(mensualite)} à compter du "
                        f"{formatage.date_courte(premier)}.")
            case E.PROCEDURE_COLLECTIVE:
                genre = rng.choice(("sauvegarde", "redressement judiciaire", "liquidation judiciaire"))
                if self.sq.motif_cloture == "insuffisance":
                    genre = "liquidation judiciaire"
                prenom, nom = _personne(self.rng, self.ville, Localisation.METROPOLE)
                return (f"Jugement d'ouverture d'une procédure de {genre} publié au BODACC le {formatage.date_courte(jour)} ; "
                        f"mandataire judiciaire : Me {prenom} {nom}. Créance à déclarer dans les deux mois.")
            case E.CLOTURE:
                return {
                    "solde": "Dossier clôturé : créance intégralement réglée.",
                    "insuffisance": ("Dossier clôturé : liquidation judiciaire clôturée pour insuffisance d'actif, "
                                     "créance passée en perte."),
                    "abandon": "Dossier clôturé : solde abandonné, le coût d'une procédure dépasserait le montant dû.",
                    "transaction": "Dossier clôturé : accord transactionnel signé, abandon du solde restant.",
                }[self.sq.motif_cloture]
        raise AssertionError(etape)  # pragma: no cover

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

        # A stage's follow-up is noted before the next stage begins, or dropped.
        suivantes = [j for _, j in sq.parcours[1:]] + [fin + _JOUR]
        for (etape, jour), limite in zip(sq.parcours, suivantes):
            match etape:
                case Etape.MISE_EN_DEMEURE if rng.random() < 0.6:
                    signe = jour + rng.randint(2, 6) * _JOUR
                    suite(signe + _JOUR, f"Accusé de réception de la mise en demeure signé le {formatage.date_courte(signe)}.", limite)
                case Etape.MISE_EN_DEMEURE if rng.random() < 0.3:
                    suite(jour + 17 * _JOUR, "Lettre recommandée non réclamée, retournée à l'expéditeur.", limite)
                case Etape.INJONCTION_DE_PAYER if rng.random() < 0.8:
                    rendue = jour + rng.randint(8, 15) * _JOUR
                    suite(rendue + 3 * _JOUR,
                          f"Ordonnance d'injonction de payer rendue le {formatage.date_courte(rendue)}, revêtue de la formule "
                          f"exécutoire : transmise pour signification à {self._commissaire_de_justice()}.", limite)
                case Etape.PROCEDURE_COLLECTIVE if rng.random() < 0.7:
                    suite(jour + rng.randint(5, 40) * _JOUR,
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
