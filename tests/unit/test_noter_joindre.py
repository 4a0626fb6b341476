"""`recouvrement noter` and `recouvrement joindre`: French help and errors, nothing written when
refused, and a save refused by a colleague's redone on the fresh dossier (ServiceDossiers.reessayer)."""

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from recouvrement_tui.cli.principal import main
from recouvrement_tui.domain.etapes import TypeEvenement
from recouvrement_tui.services import dossiers as services
from recouvrement_tui.services.dossiers import ServiceDossiers
from recouvrement_tui.storage import confinement
from recouvrement_tui.storage.erreurs import ConflitModification, DossierVerrouille
from tests.conftest import AUJOURDHUI

RACINE_PROJET = Path(__file__).resolve().parents[2]


def lancer(capsys, *args):
    code = main(list(args))
    sortie = capsys.readouterr()
    return code, sortie.out, sortie.err


def _notes(dossier):
    return [e.texte for e in dossier.journal if e.type is TypeEvenement.NOTE]


def _pieces(service, reference):
    """The files in pieces/ (hidden names are the storage's own bookkeeping, not pièces)."""
    return sorted(p.name for p in (service.depot.chemin(reference) / "pieces").iterdir() if not p.name.startswith("."))


@pytest.fixture
def source(tmp_path):
    chemin = tmp_path / "scans" / "BC 2026-17.pdf"
    chemin.parent.mkdir()
    chemin.write_bytes(b"%PDF-1.4 bon de commande signe")
    return chemin


# --- help ---------------------------------------------------------------------------------


@pytest.mark.parametrize("commande", ["noter", "joindre"])
def test_help_is_french(capsys, commande):
    with pytest.raises(SystemExit) as fin:
        main([commande, "--help"])
    assert fin.value.code == 0
    aide = capsys.readouterr().out
    assert aide.startswith(f"Utilisation : recouvrement {commande}")
    assert "afficher cette aide et quitter" in aide and "usage:" not in aide and "show this help" not in aide
    # The help states the bound the service really applies.
    assert f"{services.DUREE_TENTATIVES:.0f} secondes" in aide


def test_joindre_help_lists_every_piece_type(capsys):
    from recouvrement_tui.domain.model import TypePiece

    with pytest.raises(SystemExit):
        main(["joindre", "--help"])
    aide = capsys.readouterr().out
    for t in TypePiece:
        assert t.value in aide and t.libelle in aide


# --- noter ---------------------------------------------------------------------------------


def test_noter_appends_one_note_and_confirms_in_one_line(capsys, dossier, racine, monkeypatch):
    monkeypatch.setenv("RECOUVREMENT_AUTEUR", "standard")
    avant = ServiceDossiers(racine).charger(dossier.reference)
    code, sortie, erreur = lancer(capsys, "noter", dossier.reference, "  Appel : promet de payer le 15/12.  ",
                                  "--dossiers", str(racine))
    assert (code, erreur) == (0, "")
    assert sortie == f"Note ajoutée au journal du dossier {dossier.reference} (Menuiserie Durand (SARL)).\n"
    apres = ServiceDossiers(racine).charger(dossier.reference)
    assert apres.journal[: len(avant.journal)] == avant.journal
    (nouvelle,) = apres.journal[len(avant.journal):]
    assert (nouvelle.type, nouvelle.texte, nouvelle.auteur) == (
        TypeEvenement.NOTE, "Appel : promet de payer le 15/12.", "standard")


@pytest.mark.parametrize("texte", ["", "   ", "\n\t "])
def test_noter_refuses_an_empty_note_with_status_2(capsys, dossier, racine, texte):
    fichier = racine / dossier.reference / "dossier.json"
    avant = fichier.read_bytes()
    code, sortie, erreur = lancer(capsys, "noter", dossier.reference, texte, "--dossiers", str(racine))
    assert code == 2 and sortie == ""
    assert erreur == "recouvrement : Le texte de la note est vide : écrivez ce qui s'est passé.\n"
    assert fichier.read_bytes() == avant


def test_noter_reads_the_note_from_standard_input(capsys, dossier, racine, monkeypatch):
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO("Courriel du conseil du débiteur :\ncontestation.\n"))
    assert lancer(capsys, "noter", dossier.reference, "-", "--dossiers", str(racine))[0] == 0
    assert _notes(ServiceDossiers(racine).charger(dossier.reference))[-1] == (
        "Courriel du conseil du débiteur :\ncontestation.")


@pytest.mark.parametrize("reference, attendu", [
    ("2026-0999", "Le dossier 2026-0999 n'existe pas"),
    ("../../etc", "n'est pas une référence de dossier"),
])
def test_noter_on_an_unknown_dossier_is_refused_in_french(capsys, dossier, racine, reference, attendu):
    code, _, erreur = lancer(capsys, "noter", reference, "Appel", "--dossiers", str(racine))
    assert code == 2 and attendu in erreur and "Traceback" not in erreur


def test_noter_through_the_real_command(dossier, racine):
    resultat = subprocess.run(
        [sys.executable, "-m", "recouvrement_tui", "noter", dossier.reference, "Appel reçu", "--dossiers", str(racine)],
        capture_output=True, text=True, cwd=RACINE_PROJET, timeout=60,
        env={**os.environ, "PYTHONPATH": str(RACINE_PROJET)},
    )
    assert resultat.returncode == 0, resultat.stderr
    assert resultat.stdout.startswith(f"Note ajoutée au journal du dossier {dossier.reference}")
    assert _notes(ServiceDossiers(racine).charger(dossier.reference))[-1] == "Appel reçu"


# --- joindre -------------------------------------------------------------------------------


@pytest.mark.parametrize("saisi, attendu", [
    ("bon_de_commande", "bon_de_commande"),
    ("Bon de commande", "bon_de_commande"),
    ("BON-DE-COMMANDE", "bon_de_commande"),
    ("avis de réception", "accuse_de_reception"),  # the start of one label
    ("Avis de reception de la lettre recommandee", "accuse_de_reception"),
    ("Décision de justice", "decision"),
    ("Pièce", "autre"),
])
def test_joindre_accepts_a_type_key_or_its_french_label(capsys, dossier, racine, source, saisi, attendu):
    code, sortie, erreur = lancer(capsys, "joindre", dossier.reference, str(source), "--type", saisi,
                                  "--dossiers", str(racine))
    assert (code, erreur) == (0, ""), erreur
    piece = ServiceDossiers(racine).charger(dossier.reference).pieces[-1]
    assert piece.type.value == attendu
    assert sortie == f"Pièce « BC 2026-17.pdf » jointe au dossier {dossier.reference} : {piece.libelle}.\n"


@pytest.mark.parametrize("date", ["12/03/2026", "2026-03-12"])
def test_joindre_copies_the_file_and_journals_it_with_its_hash(capsys, dossier, racine, source, date):
    code, sortie, _ = lancer(capsys, "joindre", dossier.reference, str(source), "--type", "bon_de_commande",
                             "--date", date, "--description", "BC signé", "--dossiers", str(racine))
    assert code == 0
    assert sortie.endswith(": BC signé du 12/03/2026.\n")
    charge = ServiceDossiers(racine).charger(dossier.reference)
    piece, entree = charge.pieces[-1], charge.journal[-1]
    copie = racine / dossier.reference / "pieces" / piece.fichier
    assert copie.read_bytes() == source.read_bytes() and source.exists()  # copied, never moved
    assert entree.type is TypeEvenement.PIECE and entree.document == f"pieces/{piece.fichier}"
    assert entree.empreinte == hashlib.sha256(source.read_bytes()).hexdigest()


def test_joindre_without_options_is_an_undated_piece_like_in_the_app(capsys, dossier, racine, source):
    assert lancer(capsys, "joindre", dossier.reference, str(source), "--dossiers", str(racine))[0] == 0
    piece = ServiceDossiers(racine).charger(dossier.reference).pieces[-1]
    assert (piece.type.value, piece.date, piece.description) == ("autre", None, "")


@pytest.mark.parametrize("options, attendu", [
    (["--type", "truc"], "« truc » n'est pas un type de pièce"),
    (["--type", "bon"], "« bon » n'est pas un type de pièce"),  # bon de commande or de livraison?
    (["--date", "31/02/2026"], "Le 31/02/2026 n'existe pas"),
    (["--date", "demain"], "« demain » n'est pas une date"),
    (["--date", "01/01/2099"], "ne peut pas être dans le futur"),
])
def test_joindre_refuses_a_wrong_type_or_date_without_writing(capsys, dossier, racine, source, options, attendu):
    fichier = racine / dossier.reference / "dossier.json"
    avant = fichier.read_bytes()
    code, sortie, erreur = lancer(capsys, "joindre", dossier.reference, str(source), *options, "--dossiers", str(racine))
    assert code == 2 and sortie == "" and attendu in erreur
    if "--type" in options:
        assert "bon_de_commande (Bon de commande)" in erreur and "autre (Pièce)" in erreur
    assert fichier.read_bytes() == avant and _pieces(ServiceDossiers(racine), dossier.reference) == []


def _fichier_illisible(tmp_path, monkeypatch):
    chemin = tmp_path / "secret.pdf"
    chemin.write_bytes(b"%PDF")
    chemin.chmod(0)
    if os.access(chemin, os.R_OK):  # running as root: permissions do not stop reading
        vrai_open = open

        def refuser(fichier, *args, **kwargs):
            if Path(fichier) == chemin:
                raise PermissionError(13, "Permission denied", str(fichier))
            return vrai_open(fichier, *args, **kwargs)

        monkeypatch.setattr(confinement, "open", refuser, raising=False)
    return chemin


@pytest.mark.parametrize("cas, attendu", [
    ("absent", "n'existe pas : indiquez le chemin complet du fichier"),
    ("dossier", "est un dossier : indiquez le fichier lui-même"),
    ("tube", "n'est pas un fichier ordinaire"),
    ("illisible", "ne peut pas être lu : vos droits ne le permettent pas"),
    ("sous_un_fichier", "passe par un fichier comme s'il était un dossier"),
])
def test_joindre_refuses_a_file_it_cannot_copy_without_writing(capsys, dossier, racine, tmp_path, monkeypatch,
                                                               source, cas, attendu):
    if cas == "absent":
        chemin = tmp_path / "nulle-part.pdf"
    elif cas == "dossier":
        chemin = source.parent
    elif cas == "tube":
        chemin = tmp_path / "tube"
        os.mkfifo(chemin)
    elif cas == "illisible":
        chemin = _fichier_illisible(tmp_path, monkeypatch)
    else:
        chemin = source / "x.pdf"
    fichier = racine / dossier.reference / "dossier.json"
    avant = fichier.read_bytes()
    code, sortie, erreur = lancer(capsys, "joindre", dossier.reference, str(chemin), "--dossiers", str(racine))
    assert code == 2 and sortie == "", erreur
    assert erreur.startswith("recouvrement : ") and attendu in erreur
    assert "Errno" not in erreur and "Permission denied" not in erreur
    assert fichier.read_bytes() == avant and _pieces(ServiceDossiers(racine), dossier.reference) == []


# --- the retry, in the service ------------------------------------------------------------


def _collegue_enregistre_d_abord(service, racine, reference, fois=1):
    """Make the next `fois` saves of `service` lose the race: a colleague saves just before."""
    vrai = service.depot.enregistrer
    collegue = ServiceDossiers(racine, aujourdhui=lambda: AUJOURDHUI, auteur="collegue", fsync=False)
    appels = []

    def enregistrer(d):
        appels.append(d)
        if len(appels) <= fois:
            collegue.ajouter_note(collegue.charger(reference), f"Note du collègue {len(appels)}")
        return vrai(d)

    service.depot.enregistrer = enregistrer
    return appels


def test_noter_redoes_the_note_on_the_fresh_dossier_after_a_conflict(service, dossier, racine):
    appels = _collegue_enregistre_d_abord(service, racine, dossier.reference, fois=2)
    enregistre = service.noter(dossier.reference, "Appel du débiteur")
    assert len(appels) == 3  # two refused saves, then the one that lands
    notes = _notes(service.charger(dossier.reference))
    assert notes[-3:] == ["Note du collègue 1", "Note du collègue 2", "Appel du débiteur"]
    assert notes.count("Appel du débiteur") == 1 and enregistre.journal == service.charger(dossier.reference).journal


def test_joindre_copies_once_and_retries_only_the_record(service, dossier, racine, source):
    appels = _collegue_enregistre_d_abord(service, racine, dossier.reference, fois=3)
    enregistre = service.echanges.joindre(dossier.reference, {"fichier": str(source), "type": "contrat"})
    assert len(appels) == 4
    assert _pieces(service, dossier.reference) == ["BC 2026-17.pdf"]
    assert [p.fichier for p in enregistre.pieces] == ["BC 2026-17.pdf"]
    assert _notes(service.charger(dossier.reference))[-3:] == [f"Note du collègue {i}" for i in (1, 2, 3)]


class _Horloge:
    """Stands for the `time` module in services: pauses are recorded, not slept."""

    def __init__(self, pas: float = 0.0) -> None:
        self.pas, self.instant, self.pauses = pas, 0.0, []

    def monotonic(self) -> float:
        self.instant += self.pas
        return self.instant

    def sleep(self, secondes: float) -> None:
        self.pauses.append(secondes)


@pytest.mark.parametrize("erreur", [ConflitModification, DossierVerrouille])
def test_the_retry_is_bounded_and_gives_up_in_french_leaving_nothing(service, dossier, racine, source, monkeypatch,
                                                                      erreur):
    horloge = _Horloge()
    monkeypatch.setattr(services, "time", horloge)
    essais = []

    def refuser(d):
        essais.append(d)
        raise erreur("refusé")

    service.depot.enregistrer = refuser
    avant = (racine / dossier.reference / "dossier.json").read_bytes()
    with pytest.raises(ConflitModification, match=r"la note n'a pas pu y être inscrite après 50 essais\. Rien n'a"):
        service.noter(dossier.reference, "Appel")
    assert len(essais) == services.TENTATIVES and len(horloge.pauses) == services.TENTATIVES - 1
    assert all(0 <= p <= services.PAUSE_MAX for p in horloge.pauses) and len(set(horloge.pauses)) > 1  # random, capped
    assert max(horloge.pauses[:3]) <= services.PAUSE_MIN * 8  # short at first: contention is usually brief
    monkeypatch.setattr(service, "reessayer", _borne(service.reessayer, tentatives=4))
    with pytest.raises(ConflitModification, match="la pièce n'a pas pu y être inscrite après 4 essais"):
        service.echanges.joindre(dossier.reference, {"fichier": str(source)})
    assert (racine / dossier.reference / "dossier.json").read_bytes() == avant
    assert _pieces(service, dossier.reference) == []  # the copy went with the failed record


def _borne(reessayer, **options):
    return lambda *args, **kwargs: reessayer(*args, **{**kwargs, **options})


def test_the_retry_stops_at_its_time_limit(service, dossier, monkeypatch):
    monkeypatch.setattr(services, "time", _Horloge(pas=10.0))  # ten seconds pass at each look
    essais = []

    def refuser(d):
        essais.append(d)
        raise DossierVerrouille("verrouillé")

    service.depot.enregistrer = refuser
    with pytest.raises(ConflitModification, match="après 3 essais"):
        service.noter(dossier.reference, "Appel")
    assert len(essais) == 3  # 30 s, not 50 attempts


def test_an_error_that_is_not_a_race_is_not_retried(service, dossier, monkeypatch):
    horloge = _Horloge()
    monkeypatch.setattr(services, "time", horloge)
    with pytest.raises(Exception, match="Le texte de la note est vide"):
        service.noter(dossier.reference, "  ")
    assert horloge.pauses == []
