"""Form ↔ model round trip, over the demo generator (issue 13, part 6).

For any demo dossier, what the TUI's forms would hold for its debtor, each invoice, each
payment and its décompte conditions (the `valeurs_*` functions of ui/formulaires.py, passed
through the widgets the form builds: Input → str, Select → one of its options, Checkbox →
bool), read back by domain/saisie.py, gives the same object. Saving a form without touching
it therefore never changes a dossier, and what the generator produces is what a user could
have typed.

The payment form only creates (no `valeurs_paiement`): its values are written here the way
a user types them, in the fields `formulaire_paiement` declares.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recouvrement_tui.demo import NOM_PIEGE, creancier_demo, generer_dossiers
from recouvrement_tui.domain.formatage import date_courte, nombre
from recouvrement_tui.domain.model import (
    Activite,
    Adresse,
    Civilite,
    Debiteur,
    Localisation,
    Qualite,
    TypePersonne,
)
from recouvrement_tui.domain.parametres import CalendrierRelances
from recouvrement_tui.domain.saisie import (
    conditions_depuis_saisie,
    creance_depuis_saisie,
    creancier_depuis_saisie,
    debiteur_depuis_saisie,
    paiement_depuis_saisie,
)
from recouvrement_tui.ui.formulaires import (
    formulaire_conditions,
    formulaire_creance,
    formulaire_debiteur,
    formulaire_paiement,
    formulaire_parametres,
    valeurs_conditions,
    valeurs_creance,
    valeurs_debiteur,
)
from recouvrement_tui.ui.widgets.formulaire import Formulaire, TypeChamp
from tests.conftest import AUJOURDHUI


def _rien(_valeurs):  # the forms are only built here, never validated
    return None


def tel_que_saisi(formulaire: Formulaire, valeurs: dict[str, Any] | None = None) -> dict[str, Any]:
    """What `Formulaire.valeurs()` returns when the user saves without touching anything,
    following `Formulaire._composer_champ`: each widget holds its initial value in its own type."""
    initiales = formulaire.valeurs_initiales if valeurs is None else valeurs
    saisies: dict[str, Any] = {}
    for champ in formulaire.champs:
        initiale = initiales.get(champ.cle)
        if champ.type is TypeChamp.CASE:
            saisies[champ.cle] = bool(initiale)
        elif champ.type is TypeChamp.CHOIX:
            permises = [v for _, v in champ.options]
            # The form would silently show its first option instead: the model would change.
            assert initiale in permises, f"{champ.cle} = {initiale!r} n'est pas une option du formulaire ({permises})"
            saisies[champ.cle] = initiale
        else:
            saisies[champ.cle] = str(initiale or "")
    # Every value the form pre-fills has a field to show it in.
    assert set(initiales) <= set(saisies), set(initiales) - set(saisies)
    return saisies


# A demo data set: its seed, its size, its "today". The dossiers are drawn whole.
jeux_demo = st.tuples(
    st.integers(min_value=0, max_value=2**32 - 1),
    st.integers(min_value=1, max_value=25),
    st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2030, 12, 31)),
)

PROPRIETE = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPRIETE
@given(jeux_demo)
def test_debtor_invoice_payment_conditions_survive_their_forms(jeu):
    graine, nombre_dossiers, aujourdhui = jeu
    for dossier in generer_dossiers(nombre_dossiers, graine=graine, aujourdhui=aujourdhui):
        contexte = f"graine={graine} n={nombre_dossiers} au {aujourdhui} : {dossier.reference}"

        debiteur = dossier.debiteur
        lu = debiteur_depuis_saisie(tel_que_saisi(formulaire_debiteur("", debiteur, _rien)))
        assert lu == debiteur, contexte

        for creance in dossier.creances:
            saisie = tel_que_saisi(formulaire_creance("", creance, _rien))
            assert creance_depuis_saisie(saisie, identifiant=creance.id) == creance, (contexte, creance.numero)

        creances = list(dossier.creances)
        connues = {c.id: c.numero for c in creances}
        for paiement in dossier.paiements:
            tape = {
                "date": date_courte(paiement.date),
                "montant": nombre(paiement.montant, milliers=False),
                "mode": paiement.mode.value,
                "creance_id": paiement.creance_id or "",
                "commentaire": paiement.commentaire,
            }
            saisie = tel_que_saisi(formulaire_paiement(creances, aujourdhui, _rien), tape)
            lu = paiement_depuis_saisie(saisie, aujourdhui, connues)
            assert replace(lu, id=paiement.id) == paiement, (contexte, paiement)

        conditions = dossier.conditions
        saisie = tel_que_saisi(formulaire_conditions(conditions, _rien))
        assert saisie == tel_que_saisi(formulaire_conditions(conditions, _rien), valeurs_conditions(conditions))
        assert conditions_depuis_saisie(saisie) == conditions, contexte


def test_the_form_values_are_those_of_the_valeurs_functions():
    """tel_que_saisi reads the same initial values the `valeurs_*` functions give (no drift)."""
    dossier = next(generer_dossiers(1, graine=5, aujourdhui=AUJOURDHUI))
    assert formulaire_debiteur("", dossier.debiteur, _rien).valeurs_initiales == valeurs_debiteur(dossier.debiteur)
    creance = dossier.creances[0]
    assert formulaire_creance("", creance, _rien).valeurs_initiales == valeurs_creance(creance)


def test_each_kind_of_debtor_survives_its_form():
    """A non-professional SCI, a liberal EI known as Madame, a farmer known as Monsieur, and a
    consumer whose civilité is unknown: saving the form untouched changes nothing."""
    adresse = Adresse(("3 place Bellecour",), "69002", "Lyon")
    debiteurs = (
        Debiteur(qualite=Qualite.NON_PROFESSIONNEL, nom="SCI Les Tilleuls", forme_juridique="SCI",
                 siren="732829320", adresse=adresse),
        Debiteur(type_personne=TypePersonne.PHYSIQUE, civilite=Civilite.MADAME, nom="Martin", prenom="Anne",
                 siren="732829320", activite=Activite.LIBERALE, adresse=adresse),
        Debiteur(type_personne=TypePersonne.PHYSIQUE, civilite=Civilite.MONSIEUR, nom="Roux", prenom="Marc",
                 siren="732829320", activite=Activite.AGRICOLE, adresse=adresse),
        Debiteur(type_personne=TypePersonne.PHYSIQUE, qualite=Qualite.CONSOMMATEUR, nom="Petit", prenom="Camille",
                 adresse=adresse),
    )
    for debiteur in debiteurs:
        assert debiteur_depuis_saisie(tel_que_saisi(formulaire_debiteur("", debiteur, _rien))) == debiteur


def test_the_demo_creditor_survives_the_settings_form():
    creancier = creancier_demo()
    saisie = tel_que_saisi(formulaire_parametres(creancier, CalendrierRelances(), _rien))
    assert creancier_depuis_saisie(saisie) == creancier


async def test_the_widgets_give_back_what_tel_que_saisi_says(demo):
    """Checks the model above against the real widgets: each form, mounted in the app and
    saved untouched, returns exactly tel_que_saisi (demo dossiers chosen for their variety)."""
    from recouvrement_tui.ui.app import RecouvrementApp

    dossiers = [demo.charger(r) for r in demo.depot.references()]
    criteres = (
        lambda d: d.debiteur.type_personne is not TypePersonne.MORALE,
        lambda d: d.debiteur.nom == NOM_PIEGE,
        lambda d: len(d.debiteur.adresse.lignes) > 1,
        lambda d: d.debiteur.localisation is not Localisation.METROPOLE,
        lambda d: d.debiteur.secteur_public,
        lambda d: d.debiteur.civilite is Civilite.MADAME,
        lambda d: d.debiteur.activite is Activite.LIBERALE,
        lambda d: any(c.taux_contractuel is not None for c in d.creances),
        lambda d: d.conditions.date_mise_en_demeure is not None,
    )
    choisis = {next(d.reference for d in dossiers if critere(d)) for critere in criteres}
    app = RecouvrementApp(demo, aujourdhui=lambda: AUJOURDHUI)
    async with app.run_test(size=(130, 38)) as pilot:
        await pilot.pause()
        for dossier in (d for d in dossiers if d.reference in choisis):
            formulaires = [formulaire_debiteur("", dossier.debiteur, _rien), formulaire_conditions(dossier.conditions, _rien)]
            formulaires += [formulaire_creance("", c, _rien) for c in dossier.creances[:2]]
            for formulaire in formulaires:
                await app.push_screen(formulaire)
                await pilot.pause()
                assert formulaire.valeurs() == tel_que_saisi(formulaire), (dossier.reference, formulaire.titre)
                app.pop_screen()
                await pilot.pause()
