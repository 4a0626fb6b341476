"""One clock (system.horloge): with a fixed clock an export is the same bytes run after run, and
no other module reads the date or the time of day."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
import tokenize
import zipfile
from pathlib import Path

import recouvrement_tui
from recouvrement_tui.exchange import archive
from recouvrement_tui.services.dossiers import ServiceDossiers
from recouvrement_tui.system.horloge import HorlogeFixe, HorlogeSysteme
from tests.conftest import AUJOURDHUI, DEBITEUR

# Far from the real time, and not noon: a stamp taken from the computer's clock shows.
INSTANT = dt.datetime(2026, 11, 23, 15, 42, 8)  # an even second: zip dates count in twos


def _service(racine: Path) -> ServiceDossiers:
    return ServiceDossiers(racine, horloge=HorlogeFixe(INSTANT), auteur="c.martin", fsync=False)


def test_a_fixed_clock_gives_byte_identical_exports(demo_modele, tmp_path):
    premier = tmp_path / "premier"
    shutil.copytree(demo_modele, premier)
    service = _service(premier)
    reference = service.documents.relances_dues(AUJOURDHUI)[0][0]
    service.documents.generer(service.charger(reference), "mise_en_demeure")
    # Each export journals itself, so the same folder exported twice differs by that note:
    # the same dossier is exported from two identical copies of the data folder.
    second = tmp_path / "second"
    shutil.copytree(premier, second)

    export = tmp_path / "export"
    a = service.echanges.exporter(reference, export)
    b = _service(second).echanges.exporter(reference, export)

    assert (a.name, b.name) == (f"{reference}_2026-11-23.zip", f"{reference}_2026-11-23_2.zip")
    assert a.read_bytes() == b.read_bytes()
    with zipfile.ZipFile(io.BytesIO(a.read_bytes())) as z:
        assert {i.date_time for i in z.infolist()} == {(2026, 11, 23, 15, 42, 8)}  # manifest.json included
        manifeste = json.loads(z.read(archive.MANIFESTE))
        assert manifeste["exporte_le"] == "2026-11-23T15:42:08"
        enregistre = json.loads(z.read("dossier.json"))
    assert enregistre["reference"] == reference


def test_saves_are_stamped_by_the_clock(tmp_path):
    service = _service(tmp_path / "dossiers")
    d = service.creer_dossier(DEBITEUR)
    brut = json.loads(service.depot.fichier(d.reference).read_text(encoding="utf-8"))
    assert brut["_meta"]["1"]["enregistre_le"] == "2026-11-23T15:42:08"
    assert service.charger(d.reference).journal[-1].horodatage == INSTANT


def test_the_services_keywords_still_fix_the_day(tmp_path):
    service = ServiceDossiers(tmp_path / "dossiers", aujourdhui=lambda: AUJOURDHUI)
    assert service.aujourdhui() == AUJOURDHUI
    assert service.maintenant() == dt.datetime(2026, 11, 23, 12)  # noon of the fixed day
    assert service.depot.horloge is service.horloge
    assert isinstance(ServiceDossiers(tmp_path / "autre").horloge, HorlogeSysteme)


# --- nobody else reads the clock ---------------------------------------------------------------

PAQUET = Path(recouvrement_tui.__file__).parent
HORLOGE = PAQUET / "system" / "horloge.py"
# Reading "today" or "now" from the computer: datetime.now(), date.today(), datetime.utcnow(),
# time.time(), time.localtime()... (time.monotonic and time.perf_counter measure durations: allowed).
LECTURES = re.compile(
    r"\.(now|today|utcnow)\(|\btime\.(time|time_ns|localtime|gmtime|ctime|asctime|strftime)\("
)
# Where a reading is not "now" for the user, and why.
PERMISES = {
    # File ages compared with mtimes, which the OS writes in epoch seconds.
    ("storage/reprise.py", "time.time("),
}


def _code(fichier: Path) -> list[str]:
    """The module's code line by line, without comments and strings, spaces around dots and
    before parentheses removed: `datetime . now ()` reads `datetime.now()`."""
    lignes: dict[int, list[str]] = {}
    with fichier.open("rb") as f:
        for j in tokenize.tokenize(f.readline):
            if j.type in (tokenize.NAME, tokenize.OP, tokenize.NUMBER):
                lignes.setdefault(j.start[0], []).append(j.string)
    return [re.sub(r"\s+\(", "(", re.sub(r"\s*\.\s*", ".", " ".join(l))) for _, l in sorted(lignes.items())]


def test_only_the_clock_module_reads_the_clock():
    trouvees = []
    for fichier in sorted(PAQUET.rglob("*.py")):
        if fichier == HORLOGE:
            continue
        relatif = fichier.relative_to(PAQUET).as_posix()
        for ligne in _code(fichier):
            for m in LECTURES.finditer(ligne):
                lecture = m.group(0)
                if not any(relatif == f and lecture.endswith(l) for f, l in PERMISES):
                    trouvees.append(f"{relatif}: {ligne.strip()}")
    assert trouvees == [], "lire l'heure passe par system/horloge.py :\n" + "\n".join(trouvees)


def test_the_scan_sees_a_clock_reading(tmp_path):
    module = tmp_path / "m.py"
    module.write_text(
        "import datetime as dt\n# dt.date.today() in a comment\ns = 'dt.datetime.now()'\n"
        "x = dt.datetime . now ()\ny = dt.date.today()\nimport time\nz = time.time()\nw = time.monotonic()\n",
        encoding="utf-8",
    )
    lectures = [m.group(0) for ligne in _code(module) for m in LECTURES.finditer(ligne)]
    assert lectures == [".now(", ".today(", "time.time("]
