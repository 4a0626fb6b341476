"""Identities of the demo: the creditor, and debtors drawn at random.

Debtors are companies (some SCI non-professional), sole traders (traders, craftsmen, liberal
professions, farmers), consumers (Madame, Monsieur or unknown) or public bodies, with valid SIREN/SIRET
check digits, a real city/postal-code pair, phone numbers from ARCEP's fiction blocks,
plausible e-mail addresses and, for companies, the two people a legal team writes to.
"""

from __future__ import annotations

import random
from decimal import Decimal

from stdnum import luhn

from recouvrement_tui.demo.outils import _chiffres, _de, _slug
from recouvrement_tui.demo.referentiel import (
    _ACTIVITES,
    _COMPLEMENTS_PARTICULIER,
    _COMPLEMENTS_SOCIETE,
    _CONSOMMATEUR,
    _DOMAINES_PAYS,
    _ENTREPRENEUR,
    _FORMES,
    _FORMES_ETRANGER,
    _FOURNISSEURS_EMAIL,
    _FOURNISSEURS_ETRANGER,
    _LIEUX,
    _METIERS,
    _METIERS_AGRICOLES,
    _METIERS_ARTISANAUX,
    _METIERS_ETRANGER,
    _METIERS_LIBERAUX,
    _MOBILE,
    _NOMS,
    _NOMS_DELICATS,
    _NOMS_ETRANGER,
    _NOMS_REGIONAUX,
    _NOMS_SCI,
    _NOMS_SOCIETE_DELICATS,
    _PRENOMS,
    _PRENOMS_EPICENES,
    _PRENOMS_ETRANGER,
    _PRENOMS_FEMININS,
    _REGIONS,
    _RUES,
    _RUES_ETRANGER,
    _RUES_OUTRE_MER,
    _SOCIETE,
    _SPECIALITES,
    _VILLES,
    NOM_PIEGE,
    _Ville,
)
from recouvrement_tui.domain.model import (
    Activite,
    Adresse,
    Civilite,
    Contact,
    Creancier,
    Debiteur,
    Localisation,
    Qualite,
    TypePersonne,
)

# --- the creditor ------------------------------------------------------------------------


def creancier_demo() -> Creancier:
    """The fictitious creditor every demo invoice comes from (an electrical contractor in Lyon)."""
    return Creancier(
        raison_sociale="Rhône Équipements Techniques",
        forme_juridique="SAS",
        capital=Decimal("150000.00"),
        siren="841276538",  # Luhn-valid, checked by the tests
        rcs="Lyon",
        siege=Adresse(lignes=("14 rue de la Charité",), code_postal="69002", ville="Lyon"),
        representant_nom="Philippe Garnier",
        representant_qualite="Président",
        email="recouvrement@rhone-equipements-techniques.fr",
        telephone="04 65 71 20 48",
        iban="FR7630003012340005012345665",  # valid RIB key and IBAN check digits
    )


# --- identifiers and phone numbers -------------------------------------------------------


def _siren(rng: random.Random, prefixe: str = "") -> str:
    """A SIREN with a correct Luhn key; companies' first digit is 3-9, public bodies' 1-2."""
    while True:
        debut = prefixe or str(rng.randint(3, 9))
        base = debut + _chiffres(rng, 8 - len(debut))
        siren = base + luhn.calc_check_digit(base)
        if siren != "356000000":  # La Poste: its SIRETs follow another rule
            return siren


def _siret(rng: random.Random, siren: str) -> str:
    # NICs of head offices are small numbers ("00012", "00028"); the last digit is the key.
    base = siren + f"{rng.choice((1, 1, 1, 2, 2, 3, 4, 5, 7, 11, 23)):04d}"
    return base + luhn.calc_check_digit(base)


def _telephone(rng: random.Random, ville: _Ville, mobile: bool = False) -> str:
    if ville.pays != "France":
        if ville.pays == "Allemagne":
            return f"{ville.telephone} {_chiffres(rng, 7)}"
        return f"{ville.telephone} {_chiffres(rng, 3)} {_chiffres(rng, 2)} {_chiffres(rng, 2)}"
    prefixe = _MOBILE if mobile else ville.telephone
    numero = f"{prefixe} {_chiffres(rng, 2)} {_chiffres(rng, 2)}"
    if rng.random() < 0.15:  # some people write the international form
        return "+33 " + numero[1:]
    return numero


# --- people, addresses, names ------------------------------------------------------------


def _personne(rng: random.Random, ville: _Ville, localisation: Localisation) -> tuple[str, str]:
    """(first name, last name) of someone living in `ville`; `localisation` picks regional names."""
    pays = ville.pays
    if pays in _NOMS_ETRANGER:
        prenoms = _PRENOMS_ETRANGER.get(pays, _PRENOMS)
        return rng.choice(prenoms), rng.choice(_NOMS_ETRANGER[pays])
    regionaux = _NOMS_REGIONAUX.get(localisation)
    if regionaux and rng.random() < 0.5:
        nom = rng.choice(regionaux)
    elif rng.random() < 0.03:
        nom = rng.choice(_NOMS_DELICATS)
    else:
        nom = rng.choice(_NOMS)
    return rng.choice(_PRENOMS), nom


def _adresse(
    rng: random.Random, ville: _Ville, localisation: Localisation, complements: tuple[str, ...], taux_complement: float
) -> Adresse:
    numero = rng.randint(1, 180)
    if ville.pays in _RUES_ETRANGER:
        # Abroad the number follows the street name.
        return Adresse(lignes=(f"{rng.choice(_RUES_ETRANGER[ville.pays])} {numero}",),
                       code_postal=ville.code_postal, ville=ville.ville, pays=ville.pays)
    rues = _RUES_OUTRE_MER if localisation is Localisation.OUTRE_MER else _RUES
    suffixe = rng.choice(("", "", "", "", "", "", "", "", " bis", " ter"))
    lignes = [f"{numero}{suffixe} {rng.choice(rues)}"]
    if rng.random() < taux_complement:
        lignes.append(rng.choice(complements))
    return Adresse(lignes=tuple(lignes), code_postal=ville.code_postal, ville=ville.ville, pays=ville.pays)


def _nom_societe(rng: random.Random, ville: _Ville, localisation: Localisation, forme: str, piege: bool) -> str:
    if piege:
        return NOM_PIEGE
    if forme == "SCI":
        return rng.choice(_NOMS_SCI)
    if rng.random() < 0.015:
        return rng.choice(_NOMS_SOCIETE_DELICATS)
    _, nom = _personne(rng, ville, localisation)
    tirage = rng.random()
    if tirage < 0.40:
        return f"{rng.choice(_METIERS)} {nom}"
    if tirage < 0.50:
        return f"{rng.choice(('Transports', 'Menuiserie', 'Garage', 'Plomberie', 'Charpente'))} {nom} " + rng.choice(
            ("et Fils", "& Fils", "Frères")
        )
    if tirage < 0.65:
        return f"{rng.choice(_METIERS)} {rng.choice(_LIEUX)}"
    if tirage < 0.80:
        return f"{nom} {rng.choice(_ACTIVITES)}"
    if tirage < 0.86:
        return f"{rng.choice(('Établissements', 'Ets'))} {nom}"
    if tirage < 0.96:
        return f"{rng.choice(_REGIONS)} {rng.choice(_SPECIALITES)}"
    return f"Groupe {nom} {rng.choice(_ACTIVITES)}"


def _email_personne(prenom: str, nom: str, domaine: str) -> str:
    return f"{_slug(prenom).replace('-', '')}.{_slug(nom).replace('-', '')}@{domaine}"


def _contacts_societe(
    rng: random.Random, ville: _Ville, localisation: Localisation, domaine: str, dirigeant: str
) -> tuple[Contact, Contact]:
    """Invoices go to accounts payable; reminders work better sent to someone who decides."""
    prenom_f, nom_f = _personne(rng, ville, localisation)
    facturation = Contact(
        nom=f"{prenom_f} {nom_f}",
        fonction=rng.choice(("Comptable fournisseurs", "Service comptabilité", "Assistante de gestion",
                             "Gestionnaire comptable")),
        email=rng.choice((f"compta@{domaine}", f"comptabilite@{domaine}", f"factures@{domaine}",
                          _email_personne(prenom_f, nom_f, domaine))),
        telephone=_telephone(rng, ville),
    )
    while True:
        prenom_r, nom_r = _personne(rng, ville, localisation)
        if (prenom_r, nom_r) != (prenom_f, nom_f):
            break
    relance = Contact(
        nom=f"{prenom_r} {nom_r}",
        fonction=rng.choice(("Directeur administratif et financier", "Responsable administratif",
                             dirigeant, "Responsable des achats")),
        email=_email_personne(prenom_r, nom_r, domaine),
        telephone=_telephone(rng, ville, mobile=rng.random() < 0.5),
    )
    return relance, facturation


# --- debtors -----------------------------------------------------------------------------
#
# The debtor's kind (non-professional SCI, liberal sole trader, civilité) is drawn from its
# own generator, seeded by the identity already drawn: the dossier's generator makes the same
# draws as before these facts existed, so the rest of each demo dossier does not move.


def _tirage(*identite: str) -> random.Random:
    return random.Random("|".join(identite))


def _civilite(prenom: str, tirage: random.Random) -> Civilite:
    """Madame or Monsieur from the first name; unknown for some (not entered, or "Camille")."""
    if prenom in _PRENOMS_EPICENES or tirage.random() < 0.2:
        return Civilite.INCONNUE
    return Civilite.MADAME if prenom in _PRENOMS_FEMININS else Civilite.MONSIEUR


def _activite_entrepreneur(metier: str, tirage: random.Random) -> tuple[str, Activite]:
    """The trade of a sole trader and its activity: some are liberal professions or farmers
    (tribunal judiciaire), the others craftsmen or traders (commercial court)."""
    tir = tirage.random()
    if tir < 0.25:
        metier = tirage.choice(_METIERS_LIBERAUX)
    elif tir < 0.32:
        return tirage.choice(_METIERS_AGRICOLES), Activite.AGRICOLE
    if metier in _METIERS_LIBERAUX:
        return metier, Activite.LIBERALE
    return metier, Activite.ARTISANALE if metier in _METIERS_ARTISANAUX else Activite.COMMERCIALE


def _debiteur(
    rng: random.Random, categorie: str, localisation: Localisation, piege: bool
) -> tuple[_Ville, Debiteur]:
    """The debtor of one dossier, and the city it was drawn in (its court and phone prefix)."""
    ville = rng.choice(_VILLES[localisation])
    etranger = ville.pays != "France"
    tld = _DOMAINES_PAYS.get(ville.pays, "fr")
    if categorie == _SOCIETE:
        if etranger:
            forme = rng.choice(_FORMES_ETRANGER[ville.pays])
            dirigeant = "Gérant"
            metiers = _METIERS_ETRANGER.get(ville.pays, _METIERS)
            nom = f"{rng.choice(metiers)} {_personne(rng, ville, localisation)[1]}"
            siren = siret = ""  # no French registration
        else:
            forme, dirigeant = rng.choices([(f, d) for f, _, d in _FORMES],
                                           weights=[p for _, p, _ in _FORMES])[0]
            if piege:
                forme, dirigeant = "SARL", "Gérant"  # the form its name claims
            nom = _nom_societe(rng, ville, localisation, forme, piege)
            siren = _siren(rng)
            siret = _siret(rng, siren) if rng.random() < 0.9 else ""
        domaine = f"{_slug(nom)}.{'com' if rng.random() < 0.2 else tld}"
        relance, facturation = _contacts_societe(rng, ville, localisation, domaine, dirigeant)
        prenom_d, nom_d = _personne(rng, ville, localisation)
        # Most SCI that order works on their building act outside any professional purpose.
        qualite = Qualite.PROFESSIONNEL
        if forme == "SCI" and _tirage("sci", nom, siren).random() < 0.7:
            qualite = Qualite.NON_PROFESSIONNEL
        return ville, Debiteur(
            type_personne=TypePersonne.MORALE, qualite=qualite, nom=nom, forme_juridique=forme,
            siren=siren, siret=siret, representant_legal=f"{prenom_d} {nom_d}, {dirigeant.lower()}", adresse=_adresse(rng, ville, localisation, _COMPLEMENTS_SOCIETE, 0.3),
            email=f"{rng.choice(('contact', 'accueil', 'info', 'secretariat'))}@{domaine}",
            telephone=_telephone(rng, ville, mobile=rng.random() < 0.1),
            contact_relance=relance, contact_facturation=facturation,
            localisation=localisation,
        )
    if categorie == _ENTREPRENEUR:
        prenom, nom = _personne(rng, ville, localisation)
        siren = _siren(rng)
        tirage = _tirage("ei", prenom, nom, siren)
        metier, activite = _activite_entrepreneur(rng.choice(_METIERS), tirage)
        if rng.random() < 0.5:
            email = f"contact@{_slug(metier)}-{_slug(nom)}.{tld}"
        else:
            email = _email_personne(prenom, nom, rng.choice(_FOURNISSEURS_EMAIL))
        facturation = Contact()
        if rng.random() < 0.3:
            # Many sole traders leave their paperwork to an accountant.
            _, nom_cabinet = _personne(rng, ville, localisation)
            facturation = Contact(nom=f"Cabinet {nom_cabinet}", fonction="Expert-comptable",
                                  email=f"contact@cabinet-{_slug(nom_cabinet)}.fr",
                                  telephone=_telephone(rng, ville))
        return ville, Debiteur(
            type_personne=TypePersonne.PHYSIQUE, qualite=Qualite.PROFESSIONNEL, nom=nom, prenom=prenom,
            forme_juridique="EI", siren=siren, siret=_siret(rng, siren) if rng.random() < 0.9 else "",
            adresse=_adresse(rng, ville, localisation, _COMPLEMENTS_SOCIETE, 0.15), email=email,
            telephone=_telephone(rng, ville, mobile=rng.random() < 0.6),
            contact_facturation=facturation, localisation=localisation,
            activite=activite, civilite=_civilite(prenom, tirage),
        )
    if categorie == _CONSOMMATEUR:
        prenom, nom = _personne(rng, ville, localisation)
        email = ""
        if rng.random() < 0.85:
            suffixe = str(rng.randint(1, 99)) if rng.random() < 0.3 else ""
            fournisseur = _FOURNISSEURS_ETRANGER[ville.pays] if etranger else rng.choice(_FOURNISSEURS_EMAIL)
            email = _email_personne(prenom, nom + suffixe, fournisseur)
        return ville, Debiteur(
            type_personne=TypePersonne.PHYSIQUE, qualite=Qualite.CONSOMMATEUR, nom=nom, prenom=prenom,
            adresse=_adresse(rng, ville, localisation, _COMPLEMENTS_PARTICULIER, 0.2), email=email,
            telephone=_telephone(rng, ville, mobile=rng.random() < 0.9) if rng.random() < 0.9 else "",
            localisation=localisation, civilite=_civilite(prenom, _tirage("particulier", prenom, nom, email)),
        )
    return ville, _organisme_public(rng, ville, localisation)


def _organisme_public(rng: random.Random, ville: _Ville, localisation: Localisation) -> Debiteur:
    de_ville = _de(ville.ville)
    genre = rng.choices(("commune", "hopital", "syndicat", "lycee"), weights=(50, 25, 10, 15))[0]
    # Real public SIRENs start with 1 or 2: 21 for communes, 26 for hospitals, 25 for
    # syndicats, 19 for schools (EPLE).
    # Filings name a public body "prise en la personne de son maire (directeur…) en exercice".
    representant = {"commune": "Le maire", "hopital": "Le directeur", "syndicat": "Le président", "lycee": "Le proviseur"}[genre]
    if genre == "commune":
        nom, prefixe, domaine = f"Commune {de_ville}", "21" + ville.code_postal[:2], f"ville-{_slug(ville.ville)}.fr"
        adresse = Adresse(lignes=("Hôtel de ville", f"{rng.randint(1, 12)} place de la Mairie"),
                          code_postal=ville.code_postal, ville=ville.ville)
    elif genre == "hopital":
        nom, prefixe, domaine = f"Centre hospitalier {de_ville}", "26", f"ch-{_slug(ville.ville)}.fr"
        adresse = Adresse(lignes=(f"{rng.randint(1, 90)} avenue de l'Hôpital",),
                          code_postal=ville.code_postal, ville=ville.ville)
    elif genre == "syndicat":
        nom, prefixe, domaine = (f"Syndicat intercommunal des eaux {de_ville}", "25",
                                 f"sie-{_slug(ville.ville)}.fr")
        adresse = _adresse(rng, ville, localisation, _COMPLEMENTS_SOCIETE, 0.0)
    else:
        patron = rng.choice(("Jean-Moulin", "Marie-Curie", "Victor-Hugo", "Jules-Ferry", "Simone-Veil"))
        nom, prefixe, domaine = f"Lycée professionnel {patron}", "19", f"lp-{_slug(patron)}-{_slug(ville.ville)}.fr"
        adresse = _adresse(rng, ville, localisation, _COMPLEMENTS_SOCIETE, 0.0)
    prenom_f, nom_f = _personne(rng, ville, localisation)
    prenom_r, nom_r = _personne(rng, ville, localisation)
    if (prenom_r, nom_r) == (prenom_f, nom_f):
        prenom_r = "Anne" if prenom_f != "Anne" else "Paul"
    siren = _siren(rng, prefixe)
    return Debiteur(
        type_personne=TypePersonne.MORALE, qualite=Qualite.PROFESSIONNEL, nom=nom, siren=siren,
        siret=_siret(rng, siren), representant_legal=representant, adresse=adresse, email=f"accueil@{domaine}", telephone=_telephone(rng, ville),
        contact_facturation=Contact(nom=f"{prenom_f} {nom_f}", fonction="Service des finances",
                                    email=f"finances@{domaine}", telephone=_telephone(rng, ville)),
        contact_relance=Contact(nom=f"{prenom_r} {nom_r}", fonction="Directeur des affaires financières",
                                email=_email_personne(prenom_r, nom_r, domaine),
                                telephone=_telephone(rng, ville)),
        localisation=localisation, secteur_public=True,
    )
