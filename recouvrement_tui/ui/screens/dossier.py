"""One dossier: synthèse, créances et paiements, décompte, journal, documents; forms to edit each part."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.coordinate import Coordinate
from textual.screen import Screen
from textual.widgets import (
    DataTable,
    Header,
    Label,
    Static,
    TabbedContent,
    TabPane,
)

from recouvrement_tui.domain.agenda import Vue, jours_de_retard
from recouvrement_tui.domain.etapes import Etape
from recouvrement_tui.domain.formatage import date_courte, fait_lisible, montant, taux
from recouvrement_tui.domain.identifiants import formater_siren, formater_siret
from recouvrement_tui.domain.model import Dossier, TypePersonne
from recouvrement_tui.domain.procedure import peut_completer
from recouvrement_tui.services.erreurs import TauxIllisibles, TauxInconnu
from recouvrement_tui.system.incidents import consigner
from recouvrement_tui.ui.formulaires import (
    formulaire_conditions,
    formulaire_creance,
    formulaire_debiteur,
    formulaire_faits,
    formulaire_note,
    formulaire_paiement,
    formulaire_passage,
    formulaire_urgence,
    valeurs_conditions,
    valeurs_creance,
    valeurs_debiteur,
    valeurs_faits,
)
from recouvrement_tui.ui.screens.appel import ActionsAppel
from recouvrement_tui.ui.screens.courriel import ActionsCourriel
from recouvrement_tui.ui.screens.dossier_documents import ActionsDocuments
from recouvrement_tui.ui.screens.dossier_evaluation import ActionsEvaluation
from recouvrement_tui.ui.screens.dossier_veille import VeilleDossier
from recouvrement_tui.ui.widgets.choix_etape import ChoixEtape
from recouvrement_tui.ui.widgets.onglet_decompte import OngletDecompte
from recouvrement_tui.ui.widgets.onglet_documents import OngletDocuments
from recouvrement_tui.ui.widgets.onglet_evaluation import OngletEvaluation
from recouvrement_tui.ui.widgets.pied_de_page import PiedDePage

if TYPE_CHECKING:
    from recouvrement_tui.ui.app import RecouvrementApp


def _bloc(titre: str, lignes: list[tuple[str, str]]) -> Text:
    """A titled block of "label: value" lines, built as Text so no user data is read as markup."""
    texte = Text()
    texte.append(titre + "\n", style="bold")
    presentes = [(libelle, valeur) for libelle, valeur in lignes if valeur]
    largeur = max((len(libelle) for libelle, _ in presentes), default=0)
    for libelle, valeur in presentes:
        texte.append(f"  {libelle:<{largeur}}  ", style="dim")
        texte.append(valeur + "\n")
    return texte


def synthese(dossier: Dossier, action: str, date_action, aujourdhui, total_du: str) -> Text:
    d = dossier.debiteur
    identite = [
        ("Nom", f"{d.civilite} {d.nom_complet}" if d.civilite else d.nom_complet),
        ("Type", d.type_personne.libelle + (", entrepreneur individuel" if d.entrepreneur_individuel else "")
         + (", organisme public" if d.secteur_public else "")),
        ("Qualité", d.qualite.libelle),
        # It decides the court: a liberal profession or a farmer never goes to the commercial court.
        ("Activité", "" if d.non_professionnel_ou_consommateur or d.secteur_public else d.activite.libelle),
        ("SIREN", formater_siren(d.siren)),
        ("SIRET", formater_siret(d.siret)),
        ("Représentant légal", d.representant_legal),
        ("Adresse", d.adresse.sur_une_ligne()),
        ("Localisation", d.localisation.libelle),
        ("E-mail", d.email),
        ("Téléphone", d.telephone),
    ]
    if d.type_personne is TypePersonne.PHYSIQUE:
        identite = [x for x in identite if x[0] not in ("SIRET", "Représentant légal")]
    restant = dossier.solde
    situation = [
        ("Étape", f"{dossier.etape.libelle} depuis le {date_courte(dossier.etape_depuis or dossier.cree_le)}"),
        ("Factures", f"{len(dossier.creances)} pour {montant(dossier.total_creances)}"),
        ("Payé", montant(dossier.total_paiements)),
        ("Solde (factures − paiements)", montant(restant)),
        ("Total dû ce jour", total_du),
        ("Prochaine action", _action(action, date_action, aujourdhui)),
        ("Dossier ouvert le", date_courte(dossier.cree_le)),
    ]
    texte = Text()
    texte.append_text(_bloc("Débiteur", identite))
    texte.append("\n")
    for titre, contact in (("Contact pour les relances", d.contact_relance), ("Contact facturation", d.contact_facturation)):
        if not contact.vide:
            texte.append_text(
                _bloc(
                    titre,
                    [("Nom", contact.nom), ("Fonction", contact.fonction), ("E-mail", contact.email), ("Téléphone", contact.telephone)],
                )
            )
            texte.append("\n")
    texte.append_text(_bloc("Situation", situation))
    if dossier.pieces:
        texte.append("\n")
        texte.append_text(_bloc("Pièces jointes (j pour en joindre)", [(p.type.libelle, f"{p.libelle} — {p.fichier}")
                                                                      for p in dossier.pieces]))
    return texte


# The tabs in screen order: keys 1 to 6, [ and ] follow it.
ONGLETS = (Vue.SYNTHESE, Vue.CREANCES, Vue.DECOMPTE, Vue.JOURNAL, Vue.DOCUMENTS, Vue.EVALUATION)


def _action(libelle: str, date, aujourdhui) -> str:
    if not date:
        return libelle
    retard = jours_de_retard(date, aujourdhui)
    suffixe = f" (en retard de {retard} jour{'s' if retard > 1 else ''})" if retard > 0 else ""
    return f"{libelle} le {date_courte(date)}{suffixe}"


class EcranDossier(ActionsAppel, ActionsCourriel, ActionsDocuments, ActionsEvaluation, VeilleDossier, Screen):
    """A dossier with its tabs; every edit is saved at once and journaled."""

    if TYPE_CHECKING:
        app: RecouvrementApp  # for mypy: Textual types it App[object]; ours has service, aujourdhui()…

    BINDINGS = [
        Binding("escape", "retour", "Liste", id="dossier.retour"),
        Binding("d", "debiteur", "Débiteur", id="dossier.debiteur"),
        Binding("f", "nouvelle_facture", "Facture", id="dossier.facture"),
        Binding("e", "modifier_facture", "Modifier facture", id="dossier.modifier_facture"),
        Binding("p", "paiement", "Paiement", id="dossier.paiement"),
        Binding("n", "note", "Note", id="dossier.note"),
        Binding("t", "appel", "Appel", id="dossier.appel"),
        Binding("m", "courriel", "Courriel", id="dossier.courriel"),
        Binding("c", "conditions", "Conditions", id="dossier.conditions"),
        Binding("s", "etape", "Étape", id="dossier.etape"),
        Binding("r", "faits", "Faits", id="dossier.faits"),
        Binding("g", "generer", "Générer", id="dossier.generer"),
        Binding("o", "ouvrir", "Ouvrir", id="dossier.ouvrir"),
        Binding("v", "deposer", "Révision", id="dossier.deposer"),
        Binding("x", "exporter", "Exporter", show=False, id="dossier.exporter"),
        Binding("j", "joindre", "Joindre une pièce", show=False, id="dossier.joindre"),
        Binding("h", "hypotheses", "Hypothèses", id="dossier.hypotheses"),
        Binding("i", "insolvabilite", "Insolvabilité", id="dossier.insolvabilite"),
        Binding("u", "urgence", "Urgence", show=False, id="dossier.urgence"),
        # Tabs by number or previous/next, from anywhere on the screen (the Tabs' own ← → need
        # the focus on them, which a form or a table takes away); a focused Input keeps its keys.
        *(Binding(str(i + 1), f"onglet({i})", show=False, id=f"dossier.onglet_{i + 1}") for i in range(len(ONGLETS))),
        Binding("left_square_bracket", "onglet_voisin(-1)", "Onglet précédent", key_display="[", show=False,
                id="dossier.onglet_precedent"),
        Binding("right_square_bracket", "onglet_voisin(1)", "Onglet suivant", key_display="]", show=False,
                id="dossier.onglet_suivant"),
    ]

    def __init__(self, dossier: Dossier, onglet: Vue = Vue.SYNTHESE) -> None:
        super().__init__()
        self.dossier = dossier
        self.onglet_initial = onglet

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(initial=self.onglet_initial, id="onglets"):
            with TabPane("Synthèse", id=Vue.SYNTHESE), VerticalScroll():
                yield Static(id="synthese-texte")
            with TabPane("Créances et paiements", id=Vue.CREANCES):
                yield Label("Factures", classes="section")
                yield DataTable(id="table-creances", cursor_type="row", zebra_stripes=True)
                yield Label("Paiements", classes="section")
                yield DataTable(id="table-paiements", cursor_type="row", zebra_stripes=True)
                yield Static(id="totaux")
            with TabPane("Décompte", id=Vue.DECOMPTE):
                yield OngletDecompte(id="onglet-decompte")
            with TabPane("Journal", id=Vue.JOURNAL):
                yield DataTable(id="table-journal", cursor_type="row", zebra_stripes=True)
                yield Static(id="journal-detail")
            with TabPane("Documents", id=Vue.DOCUMENTS):
                yield OngletDocuments(id="onglet-documents")
            with TabPane("Évaluation", id=Vue.EVALUATION):
                yield OngletEvaluation(id="onglet-evaluation")
        yield PiedDePage()

    def on_mount(self) -> None:
        self.query_one("#table-creances", DataTable).add_columns(
            "N° facture", "Date", "Échéance", "Montant TTC", "Reste dû", "Taux contr.", "Objet"
        )
        self.query_one("#table-paiements", DataTable).add_columns("Date", "Montant", "Mode", "Facture désignée", "Commentaire")
        self.query_one("#table-journal", DataTable).add_columns("Date et heure", "Auteur", "Type", "Texte")
        self.afficher()
        self.refresh_bindings()  # the opening tab may be Documents
        self.commencer_veille()  # a colleague's save is shown at once (dossier_veille)

    def afficher(self) -> None:
        """Redraw every tab from self.dossier (after loading or after a save)."""
        d = self.dossier
        self.title = f"Dossier {d.reference} — {d.debiteur.nom_complet}"
        self.sub_title = d.etape.libelle
        resume = self.app.service.resume(d)
        self.query_one("#synthese-texte", Static).update(
            synthese(d, resume.prochaine_action, resume.prochaine_date, self.app.aujourdhui(), self._total_du(d))
        )
        restant = d.restant_par_creance()
        table = self.query_one("#table-creances", DataTable)
        table.clear()
        for c in sorted(d.creances, key=lambda c: (c.date_echeance, c.numero)):
            table.add_row(
                Text(c.numero),
                date_courte(c.date_facture),
                date_courte(c.date_echeance),
                Text(montant(c.montant_ttc), justify="right"),
                Text(montant(restant[c.id]), justify="right"),
                taux(c.taux_contractuel) if c.taux_contractuel is not None else "",
                Text(c.objet),
                key=c.id,
            )
        numeros: dict[str | None, str] = {c.id: c.numero for c in d.creances}  # get(None): no invoice
        table = self.query_one("#table-paiements", DataTable)
        table.clear()
        for p in sorted(d.paiements, key=lambda p: p.date):
            table.add_row(
                date_courte(p.date),
                Text(montant(p.montant), justify="right"),
                p.mode.libelle,
                Text(numeros.get(p.creance_id, "")),
                Text(p.commentaire),
                key=p.id,
            )
        self.query_one("#totaux", Static).update(
            Text(
                f"Total facturé {montant(d.total_creances)}   Payé {montant(d.total_paiements)}   "
                f"Solde {montant(d.solde)}",
                style="bold",
            )
        )
        table = self.query_one("#table-journal", DataTable)
        table.clear()
        for e in d.journal:
            table.add_row(
                e.horodatage.strftime("%d/%m/%Y %H:%M"), Text(e.auteur), e.type.libelle, Text(e.texte), key=e.id
            )
        table.move_cursor(row=len(d.journal) - 1)
        self.query_one(OngletDecompte).afficher(d)
        # The Documents and Évaluation tabs read files and compute: only the one on screen is
        # refreshed here; the other is when it is shown (on_tabbed_content_tab_activated).
        self._rafraichir_onglet_actif()

    def _total_du(self, dossier: Dossier) -> str:
        """The décompte's total today, interest and indemnities included."""
        try:
            decompte = self.app.service.decompte(dossier, self.app.aujourdhui())
        except (TauxInconnu, TauxIllisibles) as erreur:
            return f"indisponible : {erreur}"
        return f"{montant(decompte.total)} (intérêts et indemnités compris, voir l'onglet Décompte)"

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Show the highlighted journal entry in full: the table cuts long texts."""
        if event.data_table.id != "table-journal" or event.row_key is None:
            return
        entree = next((e for e in self.dossier.journal if e.id == event.row_key.value), None)
        if entree is None:
            return
        detail = Text()
        detail.append(f"{entree.horodatage.strftime('%d/%m/%Y %H:%M')} · {entree.auteur} · {entree.type.libelle}\n", style="dim")
        detail.append(entree.texte)
        if entree.document:
            detail.append(f"\nDocument : {entree.document}", style="italic")
        self.query_one("#journal-detail", Static).update(detail)

    # --- editing -----------------------------------------------------------------------

    def _apres(self, dossier: Dossier | None, message: str) -> None:
        if dossier is None:  # form cancelled
            return
        self.dossier = dossier
        self.afficher()
        self.app.dossier_enregistre(dossier)
        self.notify(message)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Tab-specific keys show only on their tab (Documents: open, revise; Évaluation:
        assumptions, insolvency), where the invoice and décompte edits give them room."""
        onglets = self.query(TabbedContent)
        actif = onglets.first().active if onglets else ""
        if action in ("ouvrir", "deposer"):
            return actif == Vue.DOCUMENTS
        if action in ("hypotheses", "insolvabilite"):
            return actif == Vue.EVALUATION
        if action in ("modifier_facture", "conditions"):
            return actif not in (Vue.DOCUMENTS, Vue.EVALUATION)
        return True

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self.refresh_bindings()
        if event.pane.id == Vue.DOCUMENTS:
            self.afficher_documents()  # a lawyer may have saved a file since
        if event.pane.id == Vue.EVALUATION:
            self.afficher_evaluation()

    def on_screen_resume(self) -> None:
        self._rafraichir_onglet_actif()  # a lawyer may have saved a file meanwhile

    def _rafraichir_onglet_actif(self) -> None:
        actif = self.query_one(TabbedContent).active
        if actif == Vue.DOCUMENTS:
            self.afficher_documents()
        elif actif == Vue.EVALUATION:
            self.afficher_evaluation()

    def _montrer(self, onglet: Vue) -> None:
        self.query_one(TabbedContent).active = onglet

    def action_onglet(self, numero: int) -> None:
        """Show the numero-th tab (0: Synthèse)."""
        if 0 <= numero < len(ONGLETS):
            self._montrer(ONGLETS[numero])

    def action_onglet_voisin(self, pas: int) -> None:
        """Show the previous (-1) or next (1) tab, wrapping around."""
        actif = self.query_one(TabbedContent).active
        position = next((i for i, vue in enumerate(ONGLETS) if vue == actif), 0)
        self._montrer(ONGLETS[(position + pas) % len(ONGLETS)])

    def action_exporter(self) -> None:
        from recouvrement_tui.ui.screens.export import EcranExport

        def fini(chemin) -> None:
            if chemin is not None:
                self.dossier = self.app.service.charger(self.dossier.reference)  # journaled the export
                self.afficher()
                self.notify(f"Dossier exporté : {chemin}")
                if mise_en_garde := self.app.service.echanges.mise_en_garde_export(self.dossier.reference):
                    self.notify(mise_en_garde, title="Mise en garde", severity="warning", timeout=15)

        self.app.push_screen(EcranExport(self.dossier.reference), fini)

    def action_retour(self) -> None:
        self.app.pop_screen()

    def action_debiteur(self) -> None:
        service = self.app.service
        self.ouvrir_formulaire(
            formulaire_debiteur(
                "Modifier le débiteur", self.dossier.debiteur, lambda v: service.modifier_debiteur(self.dossier, v)
            ),
            "Débiteur enregistré.",
            lambda d: valeurs_debiteur(d.debiteur),
        )

    def action_nouvelle_facture(self) -> None:
        service = self.app.service
        self._montrer(Vue.CREANCES)
        self.ouvrir_formulaire(
            formulaire_creance("Nouvelle facture", None, lambda v: service.ajouter_creance(self.dossier, v)),
            "Facture ajoutée.",
        )

    def action_modifier_facture(self) -> None:
        if not self.dossier.creances:
            self.notify("Ce dossier n'a pas encore de facture : appuyez sur f pour en ajouter une.", severity="warning")
            return
        self._montrer(Vue.CREANCES)
        table = self.query_one("#table-creances", DataTable)
        ligne = table.cursor_row if table.row_count else 0
        creance_id = table.coordinate_to_cell_key(Coordinate(ligne, 0)).row_key.value
        assert creance_id is not None  # rows are keyed by the créance's id
        creance = self.dossier.creance(creance_id)
        service = self.app.service
        self.ouvrir_formulaire(
            formulaire_creance(
                f"Modifier la facture {creance.numero}",
                creance,
                lambda v: service.modifier_creance(self.dossier, creance_id, v),
            ),
            "Facture modifiée.",
            lambda d: valeurs_creance(d.creance(creance_id)),
        )

    def action_paiement(self) -> None:
        service = self.app.service
        self._montrer(Vue.CREANCES)
        self.ouvrir_formulaire(
            formulaire_paiement(
                list(self.dossier.creances), self.app.aujourdhui(), lambda v: service.ajouter_paiement(self.dossier, v)
            ),
            "Paiement enregistré.",
        )

    def action_etape(self) -> None:
        service = self.app.service
        dossier = self.dossier
        try:
            possibles = service.etapes_possibles(dossier, self.app.aujourdhui())
        except Exception as erreur:  # noqa: BLE001 - never a traceback in front of the user
            self.notify(consigner(erreur), severity="error", timeout=15)
            return
        if not possibles:
            self.notify("Le dossier est clôturé : aucune étape ne suit.", severity="warning")
            return

        def choisie(vers: Etape | None) -> None:
            if vers is not None:
                propositions = service.propositions_passage(self.dossier, vers)
                proposees = {k: fait_lisible(v) for k, v in propositions.faits.items()}
                if juridiction := propositions.juridiction:
                    self.notify(f"{juridiction.raison} ; formulaire : {juridiction.formulaire}.", title="Juridiction proposée")
                self.ouvrir_formulaire(
                    formulaire_passage(
                        vers, self.app.aujourdhui(), lambda v: service.changer_etape(self.dossier, vers, v), proposees
                    ),
                    f"Dossier passé à l'étape « {vers.libelle} ».",
                )

        self.app.push_screen(ChoixEtape(dossier.etape, possibles), choisie)

    def action_faits(self) -> None:
        courant = self.dossier.passage_courant
        if not peut_completer(self.dossier.etape, courant):
            self.notify(
                f"Rien à compléter à l'étape « {self.dossier.etape.libelle} » : les faits se saisissent en changeant d'étape (s).",
                severity="warning",
            )
            return
        assert courant is not None  # peut_completer() requires it
        service = self.app.service
        self.ouvrir_formulaire(
            formulaire_faits(self.dossier.etape, courant.faits, lambda v: service.completer_faits(self.dossier, v)),
            "Faits de la procédure enregistrés.",
            lambda d: valeurs_faits(d.passage_courant.faits if d.passage_courant else {}),
        )

    def action_conditions(self) -> None:
        service = self.app.service
        self._montrer(Vue.DECOMPTE)
        self.ouvrir_formulaire(
            formulaire_conditions(self.dossier.conditions, lambda v: service.modifier_conditions(self.dossier, v)),
            "Conditions du décompte enregistrées.",
            lambda d: valeurs_conditions(d.conditions),
        )

    def action_urgence(self) -> None:
        service = self.app.service
        self._montrer(Vue.JOURNAL)
        self.app.push_screen(
            formulaire_urgence(lambda motif: service.invoquer_urgence(self.dossier.reference, motif)),
            lambda d: self._apres(d, "Urgence inscrite au journal : les voies judiciaires sont ouvertes, avec mise en garde."),
        )

    def action_note(self) -> None:
        service = self.app.service
        self._montrer(Vue.JOURNAL)
        self.ouvrir_formulaire(
            formulaire_note(lambda texte: service.ajouter_note(self.dossier, texte)), "Note ajoutée au journal."
        )
