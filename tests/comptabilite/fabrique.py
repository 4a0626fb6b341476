"""FEC files built for the tests from the norm (art. A47 A-1 LPF): 18 columns, AAAAMMJJ dates,
decimal comma; every sale and payment balanced with its counterpart (706 sales, 512 bank)."""

from __future__ import annotations

from dataclasses import dataclass, field

COLONNES = ("JournalCode", "JournalLib", "EcritureNum", "EcritureDate", "CompteNum", "CompteLib", "CompAuxNum",
            "CompAuxLib", "PieceRef", "PieceDate", "EcritureLib", "Debit", "Credit", "EcritureLet", "DateLet",
            "ValidDate", "Montantdevise", "Idevise")
CLIENTS = {"C001": "DURAND SARL", "C002": "MARTIN SAS", "C003": "Boulangerie Éclair", "C005": "BERNARD SA"}


def _m(valeur: float) -> str:
    return f"{valeur:.2f}".replace(".", ",") if valeur else "0,00"


@dataclass
class Fec:
    lignes: list[list[str]] = field(default_factory=list)
    numero: int = 0

    def _ecriture(self, journal: str, libelle_journal: str, date: str, lignes: list[tuple]) -> None:
        self.numero += 1
        for compte, libelle_compte, aux, debit, credit, piece, libelle, lettrage, date_let in lignes:
            self.lignes.append([journal, libelle_journal, f"{self.numero:06d}", date, compte, libelle_compte, aux,
                                CLIENTS.get(aux, ""), piece, date, libelle, _m(debit), _m(credit), lettrage, date_let,
                                date, "", ""])

    def facture(self, client: str, piece: str, date: str, montant: float, lettrage: str = "", date_let: str = ""):
        self._ecriture("VT", "Ventes", date, [
            ("411000", "Clients", client, montant, 0, piece, f"Facture {piece}", lettrage, date_let),
            ("706000", "Prestations de services", "", 0, round(montant / 1.2, 2), piece, f"Facture {piece}", "", ""),
            ("445710", "TVA collectée", "", 0, round(montant - round(montant / 1.2, 2), 2), piece, "TVA", "", ""),
        ])
        return self

    def avoir(self, client: str, piece: str, date: str, montant: float, lettrage: str = ""):
        self._ecriture("VT", "Ventes", date, [
            ("411000", "Clients", client, 0, montant, piece, f"Avoir {piece}", lettrage, ""),
            ("706000", "Prestations de services", "", montant, 0, piece, f"Avoir {piece}", "", ""),
        ])
        return self

    def reglement(self, client: str, piece: str, date: str, parts: list[tuple[float, str]], libelle: str = ""):
        """One bank receipt, split over one or more customer lines (amount, lettrage)."""
        total = sum(p[0] for p in parts)
        lignes = [("512000", "Banque", "", total, 0, piece, libelle or f"Virement {piece}", "", "")]
        lignes += [("411000", "Clients", client, 0, montant, piece, libelle or f"Virement {piece}", lettrage,
                    date if lettrage else "") for montant, lettrage in parts]
        self._ecriture("BQ", "Banque", date, lignes)
        return self

    def remboursement(self, client: str, piece: str, date: str, montant: float, lettrage: str = ""):
        self._ecriture("BQ", "Banque", date, [
            ("411000", "Clients", client, montant, 0, piece, f"Remboursement {piece}", lettrage, date if lettrage else ""),
            ("512000", "Banque", "", 0, montant, piece, f"Remboursement {piece}", "", ""),
        ])
        return self

    def texte(self, separateur: str = "\t") -> str:
        return "\r\n".join(separateur.join(l) for l in [list(COLONNES), *self.lignes]) + "\r\n"

    def octets(self, separateur: str = "\t", encodage: str = "utf-8") -> bytes:
        return self.texte(separateur).encode(encodage)


def mars() -> Fec:
    """March 2026: DURAND owes two invoices and paid 500 on the first (partial lettrage A); MARTIN paid
    in full (B, balanced); the bakery has an invoice and a credit note; BERNARD paid one invoice (D,
    balanced) and part of the other (E) with one transfer split over both."""
    return (Fec()
            .facture("C001", "FA-001", "20260301", 1200, "A")
            .facture("C001", "FA-002", "20260315", 800.50)
            .facture("C002", "FA-010", "20260302", 300, "B", "20260320")
            .reglement("C002", "VIR-10", "20260320", [(300, "B")])
            .facture("C003", "FA-020", "20260305", 1000)
            .avoir("C003", "AV-001", "20260310", 200)
            .facture("C005", "FA-030", "20260306", 400, "D", "20260325")
            .facture("C005", "FA-031", "20260307", 600, "E")
            .reglement("C005", "VIR-30", "20260325", [(400, "D"), (300, "E")], "Virement BERNARD FA-030 FA-031")
            .reglement("C001", "VIR-01", "20260331", [(500, "A")], "Virement DURAND acompte FA-001"))


def avril() -> Fec:
    """The same year to date, a month later: DURAND pays the rest of FA-001 (A now balances) and gets
    a new invoice; the bakery pays 300 without naming an invoice."""
    return (mars()
            .reglement("C001", "VIR-02", "20260505", [(700, "A")], "Virement DURAND solde FA-001")
            .facture("C001", "FA-003", "20260420", 150)
            .reglement("C003", "CHQ-77", "20260422", [(300, "")], "Chèque 1234567"))
