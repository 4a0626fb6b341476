"""`recouvrement decompte` and `recouvrement taux`: the décompte for scripts and quick sums."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from recouvrement_tui.cli.erreurs import ErreurUtilisateur
from recouvrement_tui.cli.sortie import afficher_json
from recouvrement_tui.domain.conditions import Regime
from recouvrement_tui.domain.dates import lire_date
from recouvrement_tui.domain.decompte import POINTS_AU_DESSUS_BCE, Decompte, decompte_rapide, taux_au_dessus_bce
from recouvrement_tui.domain.formatage import date_courte, montant, taux, taux_sans_signe
from recouvrement_tui.domain.interets import Base
from recouvrement_tui.domain.model import Paiement
from recouvrement_tui.domain.money import lire_montant, lire_taux
from recouvrement_tui.exchange.decompte import decompte_dict
from recouvrement_tui.services.erreurs import ErreurSaisie, ErreursSaisie

AIDE_DECOMPTE = """\
Calcule ce que doit le débiteur à une date : intérêts période par période au taux de chaque
semestre, indemnité forfaitaire de 40 € par facture (B2B), imputation des paiements (indemnité,
puis intérêts, puis principal). Deux usages :
  recouvrement decompte 2026-0042 --au 2026-12-31
  recouvrement decompte --montant 10000 --echeance 2026-06-20 --au 2026-07-10
Un semestre dont le taux n'est pas connu est refusé (statut 2), jamais extrapolé."""


AIDE_AJOUT = """\
Ajoute au dossier de données (sous-dossier taux/) les taux publiés d'un semestre :
  recouvrement taux ajouter 2027-S1 --bce 2,15 --legal-particulier 6,50 --legal-autres 2,60 \\
      --source "décision BCE du 10/12/2026 ; arrêté du 18/12/2026"
Le taux BCE est celui en vigueur au 1er janvier (S1) ou au 1er juillet (S2) ; les pénalités B2B en
découlent (+ 10 points). Les deux taux de l'intérêt légal vont ensemble. Le semestre doit suivre le
dernier connu ; la valeur d'un semestre commencé ne se remplace qu'avec --remplacer."""


def ajouter_commandes(commandes, option_dossiers) -> None:
    decompte = commandes.add_parser(
        "decompte",
        description=AIDE_DECOMPTE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    option_dossiers(decompte, argparse.SUPPRESS)
    decompte.add_argument("reference", nargs="?", metavar="REFERENCE", help="référence du dossier (ex. 2026-0042)")
    decompte.add_argument("--au", metavar="DATE", help="date d'arrêté du décompte (aujourd'hui par défaut)")
    decompte.add_argument("--json", action="store_true", help="sortie JSON (montants en chaînes « 1234.56 »)")
    rapide = decompte.add_argument_group("calcul sans dossier")
    rapide.add_argument("--montant", metavar="MONTANT", help="principal TTC, ex. 10000 ou 1 234,56")
    rapide.add_argument("--echeance", metavar="DATE", help="date d'échéance de la facture")
    rapide.add_argument(
        "--regime",
        choices=[r.value for r in Regime],
        help=f"b2b (BCE + {POINTS_AU_DESSUS_BCE[Regime.B2B]:f} points, par défaut), contractuel (avec --taux), "
        f"legal (consommateur ou non-professionnel, depuis --mise-en-demeure), public (BCE + {POINTS_AU_DESSUS_BCE[Regime.PUBLIC]:f} points)",
    )
    rapide.add_argument("--taux", metavar="TAUX", help="taux contractuel annuel en %%, ex. 15")
    rapide.add_argument(
        "--creancier-particulier", action="store_true", help="taux légal des créanciers personnes physiques (hors activité)"
    )
    rapide.add_argument("--mise-en-demeure", metavar="DATE", help="date de la mise en demeure (régime legal)")
    rapide.add_argument(
        "--paiement", action="append", default=[], metavar="DATE:MONTANT", help="paiement reçu (répétable), ex. 2026-07-01:500"
    )
    rapide.add_argument("--sans-indemnite", action="store_true", help="ne pas réclamer l'indemnité forfaitaire de 40 €")
    rapide.add_argument("--base", choices=[b.value for b in Base], default=Base.ANNEE_365.value,
                        help="année de 365 jours (par défaut) ou exacte (366 les années bissextiles)")

    liste_taux = commandes.add_parser(
        "taux",
        description="Liste les semestres connus (taux BCE, taux de l'intérêt légal) avec leur source, et signale "
        "ceux à confirmer. « recouvrement taux ajouter 2027-S1 … » ajoute un semestre publié.",
    )
    option_dossiers(liste_taux, argparse.SUPPRESS)
    liste_taux.add_argument("--json", action="store_true", help="sortie JSON")
    actions_taux = liste_taux.add_subparsers(dest="action_taux", metavar="ajouter", title="action")
    ajouter = actions_taux.add_parser(
        "ajouter",
        help="ajouter les taux publiés d'un semestre",
        description=AIDE_AJOUT,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    option_dossiers(ajouter, argparse.SUPPRESS)
    ajouter.add_argument("semestre", metavar="SEMESTRE", help="semestre, ex. 2027-S1 (janvier-juin) ou 2027-S2")
    ajouter.add_argument("--bce", metavar="TAUX", help="taux de refinancement de la BCE en %%, ex. 2,15")
    ajouter.add_argument("--legal-particulier", metavar="TAUX",
                         help="taux de l'intérêt légal, créanciers personnes physiques hors activité professionnelle")
    ajouter.add_argument("--legal-autres", metavar="TAUX", help="taux de l'intérêt légal, autres cas")
    ajouter.add_argument("--source", metavar="SOURCE", help="publication d'où viennent les taux (obligatoire)")
    ajouter.add_argument("--a-confirmer", action="store_true",
                         help="valeur rapportée par une source secondaire : signalée « à confirmer » dans les décomptes")
    ajouter.add_argument("--remplacer", action="store_true",
                         help="remplacer la valeur d'un semestre déjà saisi (les décomptes déjà produits ne changent pas)")


def commande_decompte(args, service_pour) -> int:

    if args.reference and args.montant:
        raise ErreurUtilisateur("Indiquez soit une référence de dossier, soit --montant et --echeance, pas les deux.")
    service = service_pour(args)
    au = lire_date(args.au, "--au") if args.au else service.aujourdhui()
    if args.reference:
        dossier = service.charger(args.reference)
        resultat = service.decompte(dossier, au)
        titre = f"Décompte du dossier {dossier.reference} — {dossier.debiteur.nom_complet}"
    elif args.montant:
        resultat = _decompte_rapide(args, service.taux, au)
        titre = "Décompte"
    else:
        raise ErreurUtilisateur(
            "Indiquez la référence d'un dossier (recouvrement decompte 2026-0042), ou --montant et --echeance "
            "pour un calcul sans dossier."
        )
    if args.json:
        afficher_json(decompte_dict(resultat))
    else:
        print(texte_decompte(resultat, titre))
    return 0


# How to give, on the command line, a fact the domain says the quick décompte still needs.
_OPTION_MANQUANTE = {"taux": "ajoutez --taux, ex. --taux 15", "date_mise_en_demeure": "ajoutez --mise-en-demeure DATE"}


def _decompte_rapide(args, series, au: dt.date) -> Decompte:

    if not args.echeance:
        raise ErreurUtilisateur("--echeance est nécessaire avec --montant (date d'échéance de la facture).")
    principal = lire_montant(args.montant, "--montant")
    echeance = lire_date(args.echeance, "--echeance")
    taux_contractuel = lire_taux(args.taux, "--taux") if args.taux else None
    paiements = []
    for numero, brut in enumerate(args.paiement, start=1):
        date_texte, separateur, montant_texte = brut.partition(":")
        if not separateur:
            raise ErreurSaisie("--paiement", f"--paiement « {brut} » : écrivez DATE:MONTANT, ex. 2026-07-01:500.")
        paiements.append(
            Paiement(lire_date(date_texte, "--paiement"), lire_montant(montant_texte, "--paiement"), id=f"p{numero}")
        )
    try:
        return decompte_rapide(
            principal, echeance, paiements, series, au,
            regime=Regime(args.regime) if args.regime else None,
            taux_contractuel=taux_contractuel,
            creancier_particulier=args.creancier_particulier,
            date_mise_en_demeure=lire_date(args.mise_en_demeure, "--mise-en-demeure") if args.mise_en_demeure else None,
            indemnite_forfaitaire=not args.sans_indemnite,
            base=Base(args.base),
        )
    except ErreurSaisie as manque:
        if manque.champ not in _OPTION_MANQUANTE:
            raise
        raise ErreurUtilisateur(f"{manque.message.removesuffix('.')} : {_OPTION_MANQUANTE[manque.champ]}.") from None


def texte_decompte(d: Decompte, titre: str) -> str:
    """The décompte as a plain-text report (what `decompte` prints without --json)."""
    sortie = [titre, f"arrêté au {date_courte(d.au)}", ""]
    for c in d.creances:
        sortie.append(
            f"Facture {c.creance.numero} — {montant(c.creance.montant_ttc)} échue le {date_courte(c.creance.date_echeance)} "
            f"— {c.regime.libelle}" + ("" if c.echue else " — non échue à cette date")
        )
        for l in c.lignes:
            marque = " (taux à confirmer)" if l.a_confirmer else ""
            sortie.append(
                f"  du {date_courte(l.du)} au {date_courte(l.au)}  {l.jours:>4} j  {taux(l.taux):>9}  "
                f"sur {montant(l.assiette):>14}  = {montant(l.montant):>12}{marque}"
            )
        if c.indemnite:
            sortie.append(f"  indemnité forfaitaire pour frais de recouvrement : {montant(c.indemnite)}")
        sortie.append(
            f"  reste dû : principal {montant(c.principal_du)}, intérêts {montant(c.interets_dus)}, "
            f"indemnité {montant(c.indemnite_due)}"
        )
        sortie.append("")
    if d.imputations:
        sortie.append("Paiements et imputation (indemnité, puis intérêts, puis principal)")
        for i in d.imputations:
            cible = f"facture {i.numero}" if i.creance_id else "trop-perçu"
            sortie.append(
                f"  {date_courte(i.date)}  {montant(i.total):>12} sur {cible} : indemnité {montant(i.sur_indemnite)}, "
                f"intérêts {montant(i.sur_interets)}, principal {montant(i.sur_principal)}"
            )
        sortie.append("")
    if d.frais_complementaires:
        sortie.append(f"Frais de recouvrement justifiés, au-delà des indemnités forfaitaires : {montant(d.frais_complementaires)}")
    sortie += [
        f"Principal restant dû      {montant(d.principal):>16}",
        f"Intérêts courus           {montant(d.interets_courus):>16}",
        f"Intérêts restant dus      {montant(d.interets):>16}",
        f"Indemnités et frais dus   {montant(d.indemnites):>16}",
        f"TOTAL DÛ                  {montant(d.total):>16}",
    ]
    if d.avertissements:
        sortie += ["", "Avertissements :"] + [f"  ⚠ {a}" for a in d.avertissements]
    return "\n".join(sortie)


def commande_taux(args, service_pour) -> int:
    if getattr(args, "action_taux", None) == "ajouter":
        return commande_taux_ajouter(args, service_pour)
    service = service_pour(args)
    series = service.taux
    if args.json:
        sortie = {
            "bce": [_ligne_json(l) for l in series.bce.semestres()],
            "interet_legal": [_ligne_json(l) for l in series.legal.semestres()],
        }
        afficher_json(sortie)
        return 0
    legal = series.legal.lignes
    print("Semestre   BCE    Pénalités B2B  Public   Légal (particulier)  Légal (autres cas)  Statut         Source")
    semestres = sorted(set(series.bce.lignes) | set(legal))
    for s in semestres:
        b = series.bce.lignes.get(s)
        l = legal.get(s)
        a_confirmer = (b and b.a_confirmer) or (l and l.a_confirmer)
        print(
            f"{s}  {_t(b, 'taux_bce'):>6}  {_t(b, 'taux_bce', Regime.B2B):>13}  {_t(b, 'taux_bce', Regime.PUBLIC):>6}  "
            f"{_t(l, 'creancier_particulier'):>19}  {_t(l, 'autres_cas'):>18}  "
            f"{'⚠ à confirmer' if a_confirmer else 'publié':<13}  {_sources(b, l)}"
        )
    print()
    print("Pour ajouter un semestre publié : recouvrement taux ajouter SEMESTRE --bce … "
          "--legal-particulier … --legal-autres … --source …")
    print("(ou une ligne, même en-tête que le fichier livré, dans :")
    print(f"  {series.bce.fichier_utilisateur}")
    print(f"  {series.legal.fichier_utilisateur})")
    if alerte := service.alerte_taux():
        print(f"\nrecouvrement : {alerte.message}", file=sys.stderr)
    return 0


def _sources(bce, legal) -> str:
    """Each series' source, once when both say the same; "(ajouté)" for a line from the data folder."""
    textes = []
    for nom, ligne in (("BCE", bce), ("légal", legal)):
        if ligne is None:
            continue
        ajoute = " (dossier de données)" if "livré" not in ligne.origine else ""
        textes.append((nom, ligne.source + ajoute))
    if len(textes) == 2 and textes[0][1] == textes[1][1]:
        return textes[0][1]
    return " ; ".join(f"{nom} : {texte}" for nom, texte in textes)


def commande_taux_ajouter(args, service_pour) -> int:
    """Add a published half-year; exit 2 with every reason (in French) when the series refuse it."""
    service = service_pour(args)
    valeurs = {
        "semestre": args.semestre, "bce": args.bce, "legal_particulier": args.legal_particulier,
        "legal_autres": args.legal_autres, "source": args.source, "a_confirmer": args.a_confirmer,
        "remplacer": args.remplacer,
    }
    try:
        ajout = service.ajouter_taux(valeurs)
    except ErreursSaisie as erreurs:
        for erreur in erreurs.erreurs:
            print(f"recouvrement : {erreur.message}", file=sys.stderr)
        return 2
    for ligne, nom in ((ajout.bce, "taux BCE"), (ajout.legal, "taux de l'intérêt légal")):
        if ligne is None:
            continue
        chiffres = ", ".join(taux(v) for v in ligne.valeurs.values())
        etat = "à confirmer" if ligne.a_confirmer else "publié"
        print(f"{ajout.semestre} : {nom} enregistré ({chiffres} ; {etat} ; source : {ligne.source}).")
    for avertissement in ajout.avertissements:
        print(f"recouvrement : ⚠ {avertissement}", file=sys.stderr)
    return 0


def _t(ligne, colonne: str, regime: Regime | None = None) -> str:
    """A rate of the table, or the rate `regime` derives from it (ECB + 10 or + 8 points)."""
    if ligne is None:
        return "—"
    valeur = ligne.valeurs[colonne]
    return taux_sans_signe(taux_au_dessus_bce(valeur, regime) if regime else valeur)


def _ligne_json(ligne) -> dict:
    return {
        "semestre": ligne.semestre,
        **{cle: f"{valeur:.2f}" for cle, valeur in ligne.valeurs.items()},
        "statut": ligne.statut,
        "source": ligne.source,
        "origine": ligne.origine,
    }
