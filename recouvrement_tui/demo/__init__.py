"""Demo dossiers: a deterministic generator of realistic, varied French recovery files.

Used by `recouvrement demo`, `recouvrement --demo`, the tests and the 10,000-dossier
benchmark. Everything is drawn from one `random.Random(graine)`, ids included, so the same
seed and the same "today" always give the same dossiers, byte for byte.

The data is fictitious but shaped like the real thing: companies with valid SIREN/SIRET
check digits, real city/postal-code pairs (Alsace-Moselle, overseas departments and a few
debtors abroad, since those change holidays and délais de distance), invoices with French
payment terms, partial payments, and a journal that tells, in order, how each dossier went
from the first reminder to the stage it is at. French phone numbers come from the blocks
ARCEP reserves for fiction (01 99 00, 02 61 91, 03 53 01, 04 65 71, 05 36 49, 06 39 98), so
a demo letter can never make anyone's phone ring.

The package is cut by job: `referentiel` (static tables), `outils` (small helpers),
`parcours` (skeletons: kind of debtor, stage, dates of the path), `identites` (the
creditor and the debtors), `factures`, `paiements` and `journal` (the parts of a dossier),
`generateur` (assembling dossiers) and `ecriture` (writing a demo to disk). Only the names
below are public.
"""

from __future__ import annotations

from recouvrement_tui.demo.ecriture import DemoImpossible, ecrire_demo
from recouvrement_tui.demo.generateur import generer_dossiers
from recouvrement_tui.demo.identites import creancier_demo
from recouvrement_tui.demo.referentiel import AUTEURS, NOM_PIEGE

__all__ = ["AUTEURS", "DemoImpossible", "NOM_PIEGE", "creancier_demo", "ecrire_demo", "generer_dossiers"]
