"""Electronic invoices (Factur-X PDF, CII XML, UBL 2.1 XML) read into a créance.

`lire_facture` turns the file's bytes into a FactureElectronique, or raises ErreurSaisie
saying in French why the file cannot become a créance (credit note, other currency, no
invoice XML in the PDF, missing field…). `verifier` checks it against the creditor and
today, `dossier_cible` finds the debtor's dossier with the aged-balance matching (same
SIREN, else same name), `nouveau_dossier` and `ajouter_facture` build what the service
saves. Pure: no file is read or written here (docs/import-factures.md).

The XML comes from outside: it is parsed without network access, without loading a DTD
and without resolving entities, and a DOCTYPE is refused (no invoice format has one).
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation

from lxml import etree
from stdnum.fr import tva

from recouvrement_tui.domain.dates import verifier_date
from recouvrement_tui.domain.erreurs import ErreurSaisie
from recouvrement_tui.domain.etapes import TypeEvenement
from recouvrement_tui.domain.formatage import date_courte, montant
from recouvrement_tui.domain.identifiants import formater_siren, lire_siren, lire_siret
from recouvrement_tui.domain.model import Adresse, Creance, Creancier, Dossier
from recouvrement_tui.domain.money import MONTANT_MAXIMUM, arrondir, plafond_depasse
from recouvrement_tui.domain.saisie import lire_email
from recouvrement_tui.exchange import balance

NS = {
    "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
    "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
    "inv": "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
    "cn": "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2",
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
}
_CII = f"{{{NS['rsm']}}}CrossIndustryInvoice"
_UBL = f"{{{NS['inv']}}}Invoice"
_UBL_AVOIR = f"{{{NS['cn']}}}CreditNote"
_ZUGFERD_1 = "{urn:ferd:CrossIndustryDocument:invoice:1p0}CrossIndustryDocument"
_ORDER_X = "{urn:un:unece:uncefact:data:standard:SCRDMCCBDACIOMessageStructure:100}SCRDMCCBDACIOMessageStructure"

# Names the Factur-X / ZUGFeRD 2 / XRechnung specifications give the embedded XML, best first.
NOMS_XML_PDF = ("factur-x.xml", "zugferd-invoice.xml", "xrechnung.xml")

# UNTDID 1001 document types that are credit notes, and the pro forma (not a demand for payment).
CODES_AVOIR = {"81", "83", "261", "262", "296", "308", "381", "396", "420", "458", "532"}
CODE_PRO_FORMA = "325"

# Code de commerce, art. L441-10 I: without agreed terms, payment is due on the 30th day.
DELAI_SUPPLETIF = 30

PROFILS = {
    "urn:factur-x.eu:1p0:minimum": "MINIMUM",
    "urn:factur-x.eu:1p0:basicwl": "BASIC WL",
    "urn:cen.eu:en16931:2017#compliant#urn:factur-x.eu:1p0:basic": "BASIC",
    "urn:cen.eu:en16931:2017": "EN 16931",
    "urn:cen.eu:en16931:2017#conformant#urn:factur-x.eu:1p0:extended": "EXTENDED",
}

# Overseas departments have their own ISO codes but are France for the law (and localisation).
_FRANCE = {"FR", "GP", "MQ", "GF", "RE", "YT"}
# An invoice XML is a few kilobytes, a few megabytes with an embedded PDF rendition (UBL
# allows it); past 20 MB the file is not an invoice, and it is refused before parsing. Its
# length bounds the number of elements too (the invoice lines are not read: only the totals).
# libxml2 without huge_tree also caps nesting depth and the size of one text node.
TAILLE_MAX_XML = 20 * 1024 * 1024


@dataclass(frozen=True)
class Partie:
    """The buyer or the seller, as the invoice names it."""

    nom: str = ""
    siren: str = ""
    siret: str = ""
    adresse: Adresse = field(default_factory=Adresse)
    email: str = ""

    @property
    def designation(self) -> str:
        return f"{self.nom} (SIREN {formater_siren(self.siren)})" if self.siren else self.nom


@dataclass(frozen=True)
class FactureElectronique:
    format: str  # "Factur-X" (PDF with CII), "CII", "UBL"
    numero: str
    date_facture: dt.date
    date_echeance: dt.date | None  # None when the invoice gives none
    montant_du: Decimal  # what the invoice asks to pay (after prepayments)
    montant_ttc: Decimal | None  # the invoice total, when given
    devise: str
    acheteur: Partie
    vendeur: Partie
    profil: str = ""  # Factur-X / CII profile ("EN 16931", "MINIMUM"…), "" for UBL
    commande: str = ""  # the buyer's order reference
    conditions_paiement: str = ""  # payment terms as written on the invoice

    @property
    def echeance(self) -> dt.date:
        """The due date: the invoice's, else 30 days after it (art. L441-10 default)."""
        return self.date_echeance or self.date_facture + dt.timedelta(days=DELAI_SUPPLETIF)

    def objet(self) -> str:
        parties = [f"Commande {self.commande}"] if self.commande else []
        if self.montant_ttc is not None and self.montant_ttc > self.montant_du:
            parties.append(
                f"facturé {montant(self.montant_ttc)} TTC, dont {montant(self.montant_ttc - self.montant_du)} "
                "déjà payés (acompte) selon la facture"
            )
        if self.date_echeance is None:
            note = (
                f"échéance absente de la facture : fixée au {DELAI_SUPPLETIF}e jour après sa date "
                "(délai supplétif de l'art. L441-10 du code de commerce, compté depuis la livraison ou la "
                "prestation : à corriger si elles sont postérieures à la facture)"
            )
            if self.conditions_paiement:
                note += f" ; conditions indiquées : « {self.conditions_paiement} »"
            parties.append(note)
        texte = " ; ".join(parties)
        return texte[:1].upper() + texte[1:]

    def creance(self) -> Creance:
        return Creance(
            numero=self.numero,
            date_facture=self.date_facture,
            date_echeance=self.echeance,
            montant_ttc=self.montant_du,
            objet=self.objet(),
        )

    def client(self) -> balance.ClientBalance:
        """The buyer in the aged-balance import's terms, to reuse its matching and debtor."""
        a = self.acheteur
        ligne = balance.LigneFacture(0, self.numero, self.date_facture, self.echeance, self.montant_du)
        return balance.ClientBalance(
            nom=a.nom, siren=a.siren, siret=a.siret, adresse=a.adresse, email=a.email, factures=(ligne,)
        )


# --- reading ---------------------------------------------------------------------------------


def lire_facture(octets: bytes, nom_fichier: str) -> FactureElectronique:
    """Read a Factur-X PDF, a CII XML or a UBL Invoice XML (ErreurSaisie "fichier" in French)."""
    if b"%PDF-" in octets[:1024]:
        nom_xml, xml = _xml_du_pdf(octets, nom_fichier)
        facture = _lire_xml(xml, f"{nom_fichier} (XML joint « {nom_xml} »)")
        return replace(facture, format="Factur-X") if facture.format == "CII" else facture
    if not (octets.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<") or octets.startswith((b"\xff\xfe", b"\xfe\xff"))):
        raise _erreur(
            f"{nom_fichier} n'est ni un PDF Factur-X ni un fichier XML de facture (CII ou UBL) : "
            "seules les factures électroniques s'importent ainsi."
        )
    return _lire_xml(octets, nom_fichier)


def _erreur(message: str) -> ErreurSaisie:
    return ErreurSaisie("fichier", message)


def _minuscule(message: str) -> str:
    return message[:1].lower() + message[1:]


def _xml_du_pdf(octets: bytes, nom_fichier: str) -> tuple[str, bytes]:
    """The invoice XML embedded in a PDF: the one named as Factur-X says, else the first .xml."""
    from pypdf import PdfReader

    journal_pypdf = logging.getLogger("pypdf")
    niveau = journal_pypdf.level
    journal_pypdf.setLevel(logging.ERROR)  # its repair warnings are not for the user; failures are
    try:
        lecteur = PdfReader(io.BytesIO(octets))
        if lecteur.is_encrypted:
            lecteur.decrypt("")
        joints = [(nom, contenu) for nom, contenus in lecteur.attachments.items() for contenu in contenus]
    except Exception as erreur:  # noqa: BLE001 - any damaged PDF is "unreadable" for the user
        raise _erreur(
            f"{nom_fichier} : ce PDF est illisible (endommagé ou protégé par un mot de passe : {erreur})."
        ) from None
    finally:
        journal_pypdf.setLevel(niveau)
    xmls = [(nom, contenu) for nom, contenu in joints if nom.casefold().endswith(".xml") and contenu]
    xmls.sort(key=lambda x: NOMS_XML_PDF.index(x[0].casefold()) if x[0].casefold() in NOMS_XML_PDF else 99)
    if not xmls:
        raise _erreur(
            f"{nom_fichier} : ce PDF n'est pas une facture Factur-X : il ne contient pas de XML de facture. "
            "Saisissez la facture à la main, puis joignez le PDF comme pièce."
        )
    return xmls[0]


def verifier_taille_xml(taille: int, nom: str) -> None:
    """Refuse (ErreurSaisie) an invoice XML of `taille` bytes above TAILLE_MAX_XML."""
    if taille > TAILLE_MAX_XML:
        raise _erreur(
            f"{nom} pèse {taille / (1024 * 1024):.0f} Mo : une facture électronique XML pèse quelques Ko (quelques Mo "
            f"avec un PDF joint) ; au-delà de {TAILLE_MAX_XML // (1024 * 1024)} Mo, le fichier est refusé. Vérifiez "
            "qu'il s'agit bien d'une facture."
        )


def _analyser(octets: bytes, nom: str) -> etree._Element:
    verifier_taille_xml(len(octets), nom)
    parseur = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False, dtd_validation=False
    )
    try:
        racine = etree.fromstring(octets, parseur)
    except etree.XMLSyntaxError as erreur:
        raise _erreur(
            f"{nom} n'est pas une facture électronique lisible (XML mal formé : {erreur}). "
            "Sont acceptés : Factur-X (PDF), CII ou UBL (XML)."
        ) from None
    if racine is None:
        raise _erreur(f"{nom} est vide.")
    if racine.getroottree().docinfo.doctype:
        raise _erreur(
            f"{nom} contient une déclaration DOCTYPE, qu'aucune facture électronique ne comporte : "
            "le fichier est refusé par sécurité."
        )
    return racine


def _lire_xml(octets: bytes, nom: str) -> FactureElectronique:
    racine = _analyser(octets, nom)
    if racine.tag == _CII:
        return _lire_cii(racine, nom)
    if racine.tag == _UBL:
        return _lire_ubl(racine, nom)
    if racine.tag == _UBL_AVOIR:
        raise _refus_avoir(nom)
    if racine.tag == _ZUGFERD_1:
        raise _erreur(f"{nom} est au format ZUGFeRD 1.0, non pris en charge : demandez une facture Factur-X.")
    if racine.tag == _ORDER_X:
        raise _erreur(f"{nom} est une commande (Order-X), pas une facture.")
    balise = etree.QName(racine).localname if isinstance(racine.tag, str) else "?"
    raise _erreur(
        f"{nom} n'est pas une facture électronique (élément racine « {balise} ») : sont acceptés "
        "Factur-X (PDF), CII (CrossIndustryInvoice) et UBL 2.1 (Invoice)."
    )


def _refus_avoir(nom: str) -> ErreurSaisie:
    return _erreur(
        f"{nom} est un avoir : un avoir ne s'importe pas comme créance. Déduisez-le de la facture "
        "qu'il corrige (modifiez son montant, ou enregistrez un paiement par compensation)."
    )


def _texte(noeud: etree._Element | None, chemin: str) -> str:
    if noeud is None:
        return ""
    trouve = noeud.find(chemin, NS)
    return " ".join((trouve.text or "").split()) if trouve is not None else ""


def _schemas(noeud: etree._Element | None, chemin: str) -> list[tuple[str, str]]:
    """(schemeID, value) of each element at `chemin`."""
    if noeud is None:
        return []
    return [(e.get("schemeID", "").strip(), (e.text or "").strip()) for e in noeud.findall(chemin, NS)]


def _date(brut: str, quoi: str, nom: str) -> dt.date | None:
    """CII writes 20261015 (format 102), UBL 2026-10-15."""
    if not brut:
        return None
    chiffres = brut.replace("-", "")
    try:
        if not re.fullmatch(r"\d{8}", chiffres):
            raise ValueError
        jour = dt.date(int(chiffres[:4]), int(chiffres[4:6]), int(chiffres[6:]))
    except ValueError:
        raise _erreur(f"{nom} : la {quoi} « {brut} » n'est pas une date valide.") from None
    try:
        return verifier_date(jour, quoi)
    except ErreurSaisie as erreur:
        raise _erreur(f"{nom} : la {quoi} : {_minuscule(erreur.message)}") from None


def _montant(noeud: etree._Element, chemin: str, devise: str, quoi: str, nom: str) -> Decimal | None:
    """The amount at `chemin` in the invoice currency (CII may repeat an amount in the tax currency)."""
    for element in noeud.findall(chemin, NS):
        if devise and element.get("currencyID", devise) != devise:
            continue
        brut = (element.text or "").strip()
        if not brut:
            continue
        try:
            valeur = Decimal(brut)
        except InvalidOperation:
            raise _erreur(f"{nom} : le {quoi} « {brut[:40]} » n'est pas un montant.") from None
        if not valeur.is_finite():
            raise _erreur(f"{nom} : le {quoi} « {brut[:40]} » n'est pas un montant.")
        if abs(valeur) > MONTANT_MAXIMUM:  # checked before rounding: 1E+999999 cannot be rounded
            raise _erreur(f"{nom} : le {quoi} « {brut[:40]} » : {_minuscule(plafond_depasse())}")
        return arrondir(valeur)
    return None


def _identifiants(candidats: list[tuple[str, str]]) -> tuple[str, str]:
    """(SIREN, SIRET) from identifiers with their scheme: 0002 SIREN, 0009 SIRET, VA / VAT a
    French VAT number (FR + key + SIREN); without scheme, a valid SIREN or SIRET by its length.
    Identifiers failing their check digits are ignored."""
    siren = siret = ""
    for schema, valeur in candidats:
        chiffres = re.sub(r"[\s.\-]", "", valeur)
        try:
            if schema in ("0009", "") and len(chiffres) == 14 and not siret:
                siret = lire_siret(chiffres)
                siren = siren or siret[:9]
            elif schema in ("0002", "") and len(chiffres) == 9:
                siren = siren or lire_siren(chiffres)
            elif schema.upper() in ("VA", "VAT", "FC") and chiffres.upper().startswith("FR") and tva.is_valid(chiffres):
                siren = siren or tva.to_siren(chiffres)
        except ErreurSaisie:
            continue
    return siren, siret if siret[:9] == siren else ""


def _adresse(lignes: list[str], code_postal: str, ville: str, pays: str) -> Adresse:
    pays = pays.upper()
    if not pays or pays in _FRANCE:
        nom_pays = "France"
    else:
        from babel import Locale

        nom_pays = Locale("fr").territories.get(pays, pays)
    return Adresse(lignes=tuple(x for x in lignes if x), code_postal=code_postal, ville=ville, pays=nom_pays)


def _email(*candidats: str) -> str:
    for candidat in candidats:
        try:
            if candidat and (email := lire_email(candidat.removeprefix("mailto:"))):
                return email
        except ErreurSaisie:
            continue
    return ""


def _verifier(facture: FactureElectronique, type_code: str, nom: str) -> FactureElectronique:
    """Refuse what cannot become a créance, naming every missing field at once."""
    f = facture
    if type_code in CODES_AVOIR:
        raise _refus_avoir(nom)
    if type_code == CODE_PRO_FORMA:
        raise _erreur(f"{nom} est une facture pro forma : elle ne constate pas une créance.")
    manquants = [
        libelle
        for libelle, valeur in (
            ("le numéro de facture", f.numero),
            ("la date de facture", f.date_facture),
            ("le montant à payer", f.montant_du),
            ("le nom de l'acheteur", f.acheteur.nom),
        )
        if valeur is None or valeur == ""
    ]
    if manquants:
        raise _erreur(f"{nom} ({f.format}) : il manque " + ", ".join(manquants) + ".")
    if f.devise != "EUR":
        raise _erreur(
            f"{nom} : la facture est en {f.devise}, pas en euros. Seules les créances en euros sont suivies : "
            "les intérêts de retard, l'indemnité forfaitaire de 40 € et les procédures françaises se comptent "
            "en euros. Saisissez-la à la main, convertie en euros, et joignez le fichier comme pièce."
        )
    if f.montant_du < 0:
        raise _erreur(f"{nom} : le montant à payer est négatif ({montant(f.montant_du)}) : c'est un avoir, "
                      "qui ne s'importe pas comme créance.")
    if f.montant_du == 0:
        raise _erreur(f"{nom} : la facture ne laisse rien à payer (montant dû 0,00 €) : elle est déjà réglée.")
    if f.date_echeance and f.date_echeance < f.date_facture:
        raise _erreur(
            f"{nom} : l'échéance ({date_courte(f.date_echeance)}) précède la date de la facture "
            f"({date_courte(f.date_facture)})."
        )
    return facture


def _lire_cii(racine: etree._Element, nom: str) -> FactureElectronique:
    """UN/CEFACT CII D16B, as in Factur-X and ZUGFeRD 2 (every profile, MINIMUM to EXTENDED)."""
    profil_urn = _texte(racine, "rsm:ExchangedDocumentContext/ram:GuidelineSpecifiedDocumentContextParameter/ram:ID")
    accord = racine.find("rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement", NS)
    reglement = racine.find("rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement", NS)
    if reglement is None:
        reglement = etree.Element("vide")
    totaux = "ram:SpecifiedTradeSettlementHeaderMonetarySummation"
    devise = _texte(reglement, "ram:InvoiceCurrencyCode").upper()
    if not devise:
        montant_brut = reglement.find(f"{totaux}/ram:GrandTotalAmount", NS)
        devise = (montant_brut.get("currencyID", "") if montant_brut is not None else "").upper() or "EUR"
    montant_ttc = _montant(reglement, f"{totaux}/ram:GrandTotalAmount", devise, "montant TTC", nom)
    montant_du = _montant(reglement, f"{totaux}/ram:DuePayableAmount", devise, "montant à payer", nom)
    chemin_echeance = "ram:SpecifiedTradePaymentTerms/ram:DueDateDateTime/udt:DateTimeString"
    echeances = [_date((e.text or "").strip(), "date d'échéance", nom) for e in reglement.findall(chemin_echeance, NS)]
    facture = FactureElectronique(
        format="CII",
        numero=_texte(racine, "rsm:ExchangedDocument/ram:ID"),
        date_facture=_date(  # type: ignore[arg-type]  # None until _verifier refuses it, below
            _texte(racine, "rsm:ExchangedDocument/ram:IssueDateTime/udt:DateTimeString"), "date de facture", nom
        ),
        # Payable in instalments (EXTENDED): the last due date, so no interest is claimed early.
        date_echeance=max((e for e in echeances if e), default=None),
        montant_du=montant_du if montant_du is not None else montant_ttc,  # type: ignore[arg-type]  # None until _verifier refuses it, below
        montant_ttc=montant_ttc,
        devise=devise,
        acheteur=_partie_cii(accord.find("ram:BuyerTradeParty", NS) if accord is not None else None),
        vendeur=_partie_cii(accord.find("ram:SellerTradeParty", NS) if accord is not None else None),
        profil=PROFILS.get(profil_urn, profil_urn),
        commande=_texte(accord, "ram:BuyerOrderReferencedDocument/ram:IssuerAssignedID"),
        conditions_paiement=_texte(reglement, "ram:SpecifiedTradePaymentTerms/ram:Description"),
    )
    return _verifier(facture, _texte(racine, "rsm:ExchangedDocument/ram:TypeCode"), nom)


def _partie_cii(partie: etree._Element | None) -> Partie:
    if partie is None:
        return Partie()
    siren, siret = _identifiants(
        _schemas(partie, "ram:SpecifiedLegalOrganization/ram:ID")
        + _schemas(partie, "ram:GlobalID")
        + _schemas(partie, "ram:SpecifiedTaxRegistration/ram:ID")
    )
    adresse = partie.find("ram:PostalTradeAddress", NS)
    return Partie(
        nom=_texte(partie, "ram:Name"),
        siren=siren,
        siret=siret,
        adresse=_adresse(
            [_texte(adresse, f"ram:Line{n}") for n in ("One", "Two", "Three")],
            _texte(adresse, "ram:PostcodeCode"),
            _texte(adresse, "ram:CityName"),
            _texte(adresse, "ram:CountryID"),
        ),
        email=_email(
            _texte(partie, "ram:DefinedTradeContact/ram:EmailURIUniversalCommunication/ram:URIID"),
            *(v for s, v in _schemas(partie, "ram:URIUniversalCommunication/ram:URIID") if s == "EM"),
        ),
    )


def _lire_ubl(racine: etree._Element, nom: str) -> FactureElectronique:
    """OASIS UBL 2.1 Invoice (EN 16931 / Peppol BIS Billing 3.0)."""
    devise = _texte(racine, "cbc:DocumentCurrencyCode").upper()
    if not devise:
        montant_brut = racine.find("cac:LegalMonetaryTotal/cbc:PayableAmount", NS)
        devise = (montant_brut.get("currencyID", "") if montant_brut is not None else "").upper() or "EUR"
    totaux = "cac:LegalMonetaryTotal"
    montant_ttc = _montant(racine, f"{totaux}/cbc:TaxInclusiveAmount", devise, "montant TTC", nom)
    montant_du = _montant(racine, f"{totaux}/cbc:PayableAmount", devise, "montant à payer", nom)
    echeance = _texte(racine, "cbc:DueDate") or _texte(racine, "cac:PaymentMeans/cbc:PaymentDueDate")
    facture = FactureElectronique(
        format="UBL",
        numero=_texte(racine, "cbc:ID"),
        date_facture=_date(_texte(racine, "cbc:IssueDate"), "date de facture", nom),  # type: ignore[arg-type]  # None until _verifier refuses it, below
        date_echeance=_date(echeance, "date d'échéance", nom),
        montant_du=montant_du if montant_du is not None else montant_ttc,  # type: ignore[arg-type]  # None until _verifier refuses it, below
        montant_ttc=montant_ttc,
        devise=devise,
        acheteur=_partie_ubl(racine.find("cac:AccountingCustomerParty/cac:Party", NS)),
        vendeur=_partie_ubl(racine.find("cac:AccountingSupplierParty/cac:Party", NS)),
        commande=_texte(racine, "cac:OrderReference/cbc:ID"),
        conditions_paiement=_texte(racine, "cac:PaymentTerms/cbc:Note"),
    )
    return _verifier(facture, _texte(racine, "cbc:InvoiceTypeCode"), nom)


def _partie_ubl(partie: etree._Element | None) -> Partie:
    if partie is None:
        return Partie()
    siren, siret = _identifiants(
        _schemas(partie, "cac:PartyLegalEntity/cbc:CompanyID")
        + _schemas(partie, "cac:PartyIdentification/cbc:ID")
        + [(s, v) for s, v in _schemas(partie, "cbc:EndpointID") if s in ("0002", "0009")]
        + [("VA", v) for _, v in _schemas(partie, "cac:PartyTaxScheme/cbc:CompanyID")]
    )
    adresse = partie.find("cac:PostalAddress", NS)
    lignes = [_texte(adresse, "cbc:StreetName"), _texte(adresse, "cbc:AdditionalStreetName")]
    lignes += [_texte(ligne, "cbc:Line") for ligne in (adresse.findall("cac:AddressLine", NS) if adresse is not None else [])]
    return Partie(
        nom=_texte(partie, "cac:PartyLegalEntity/cbc:RegistrationName") or _texte(partie, "cac:PartyName/cbc:Name"),
        siren=siren,
        siret=siret,
        adresse=_adresse(
            lignes,
            _texte(adresse, "cbc:PostalZone"),
            _texte(adresse, "cbc:CityName"),
            _texte(adresse, "cac:Country/cbc:IdentificationCode"),
        ),
        email=_email(
            _texte(partie, "cac:Contact/cbc:ElectronicMail"),
            *(v for s, v in _schemas(partie, "cbc:EndpointID") if s == "EM"),
        ),
    )


# --- into a dossier ---------------------------------------------------------------------------


def verifier(facture: FactureElectronique, creancier: Creancier, aujourdhui: dt.date) -> None:
    """Refuse an invoice that is not a claim of this creditor: a purchase invoice, another
    company's invoice (when the creditor's SIREN is set), or one dated in the future."""
    if creancier.siren and facture.acheteur.siren == creancier.siren:
        raise _erreur(
            f"La facture {facture.numero} vous est adressée (acheteur : {facture.acheteur.designation}) : "
            "c'est une facture d'achat, pas une créance à recouvrer."
        )
    if creancier.siren and facture.vendeur.siren and facture.vendeur.siren != creancier.siren:
        raise _erreur(
            f"La facture {facture.numero} est émise par {facture.vendeur.designation}, pas par "
            f"{creancier.raison_sociale or 'votre société'} (SIREN {formater_siren(creancier.siren)}) : "
            "seules vos propres factures s'importent comme créances."
        )
    if facture.date_facture > aujourdhui:
        raise _erreur(
            f"La facture {facture.numero} est datée du {date_courte(facture.date_facture)}, après aujourd'hui : "
            "vérifiez le fichier."
        )


def dossier_cible(
    facture: FactureElectronique, existants: list[Dossier], choisi: Dossier | None = None
) -> Dossier | None:
    """The dossier the invoice goes to; None when a new one is needed.

    `choisi` is the dossier the user named: refused if its debtor has another SIREN.
    Otherwise the aged-balance rules apply (balance.planifier): the debtor's latest open
    dossier by SIREN, else by name. An invoice number already in the chosen dossier (or,
    without one, in any of the debtor's dossiers) is refused.
    """
    if choisi is not None:
        siren = choisi.debiteur.siren
        if siren and facture.acheteur.siren and siren != facture.acheteur.siren:
            raise _erreur(
                f"La facture {facture.numero} est adressée à {facture.acheteur.designation} ; le dossier "
                f"{choisi.reference} concerne {choisi.debiteur.nom_complet} (SIREN {formater_siren(siren)}) : "
                "vérifiez le dossier choisi."
            )
        if any(c.numero == facture.numero for c in choisi.creances):
            raise _doublon(facture, choisi.reference)
        return choisi
    plan = balance.planifier(balance.Balance(clients=(facture.client(),), separateur="", colonnes={}), existants)
    if plan.deja_presentes:
        raise _doublon(facture, plan.deja_presentes[0].reference)
    return plan.a_completer[0].dossier if plan.a_completer else None


def _doublon(facture: FactureElectronique, reference: str) -> ErreurSaisie:
    return _erreur(
        f"La facture {facture.numero} figure déjà dans le dossier {reference} : elle n'est pas importée une "
        "seconde fois."
    )


def nouveau_dossier(facture: FactureElectronique, auteur: str, quand: dt.datetime) -> Dossier:
    """A new dossier for the buyer, a professional company (no reference yet: storage allocates it)."""
    debiteur = facture.client().debiteur()
    dossier = Dossier(reference="", cree_le=quand.date(), debiteur=debiteur, etape_depuis=quand.date())
    return dossier.noter(TypeEvenement.CREATION, f"Dossier ouvert pour {debiteur.nom_complet}.", auteur, quand)


def ajouter_facture(
    dossier: Dossier, facture: FactureElectronique, fichier: str, auteur: str, quand: dt.datetime
) -> Dossier:
    """Add the créance (journaled by the domain), then a journal line naming the file."""
    dossier = dossier.ajouter_creance(facture.creance(), auteur, quand)
    return dossier.noter(TypeEvenement.IMPORT, f"Facture importée depuis {fichier} ({facture.format}).", auteur, quand)
