"""Importing electronic invoices (Factur-X PDF, CII, UBL) as créances: reading, refusals, dossiers."""

import datetime as dt
import io
from decimal import Decimal

import pytest

from recouvrement_tui.domain.erreurs import ErreurSaisie
from recouvrement_tui.domain.etapes import TypeEvenement
from recouvrement_tui.domain.model import Creancier, Qualite, TypePersonne, TypePiece
from recouvrement_tui.exchange.facture_electronique import lire_facture, verifier

DURAND = "732829320"  # the conftest debtor's SIREN
VENDEUR = "443061841"
CAFE = "383474814"

EN16931 = "urn:cen.eu:en16931:2017"
EXTENDED = "urn:cen.eu:en16931:2017#conformant#urn:factur-x.eu:1p0:extended"
MINIMUM = "urn:factur-x.eu:1p0:minimum"


def cii(
    *,
    profil=EN16931,
    numero="FA-2026-101",
    type_code="380",
    devise="EUR",
    acheteur="Menuiserie DURAND",
    id_acheteur=f'<ram:ID schemeID="0002">{DURAND}</ram:ID>',
    echeances=("20261015",),
    du="1200.00",
    prolog="",
) -> bytes:
    """A CII invoice (valid against the Factur-X EN 16931 / EXTENDED schemas as written)."""
    termes = "".join(
        f'<ram:SpecifiedTradePaymentTerms><ram:DueDateDateTime><udt:DateTimeString format="102">{e}'
        "</udt:DateTimeString></ram:DueDateDateTime></ram:SpecifiedTradePaymentTerms>"
        for e in echeances
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>{prolog}
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
 xmlns:qdt="urn:un:unece:uncefact:data:standard:QualifiedDataType:100"
 xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
 xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
 <rsm:ExchangedDocumentContext>
  <ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>{profil}</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter>
 </rsm:ExchangedDocumentContext>
 <rsm:ExchangedDocument>
  <ram:ID>{numero}</ram:ID>
  <ram:TypeCode>{type_code}</ram:TypeCode>
  <ram:IssueDateTime><udt:DateTimeString format="102">20260915</udt:DateTimeString></ram:IssueDateTime>
 </rsm:ExchangedDocument>
 <rsm:SupplyChainTradeTransaction>
  <ram:IncludedSupplyChainTradeLineItem>
   <ram:AssociatedDocumentLineDocument><ram:LineID>1</ram:LineID></ram:AssociatedDocumentLineDocument>
   <ram:SpecifiedTradeProduct><ram:Name>Pose de fenêtres</ram:Name></ram:SpecifiedTradeProduct>
   <ram:SpecifiedLineTradeAgreement>
    <ram:NetPriceProductTradePrice><ram:ChargeAmount>1000.00</ram:ChargeAmount></ram:NetPriceProductTradePrice>
   </ram:SpecifiedLineTradeAgreement>
   <ram:SpecifiedLineTradeDelivery><ram:BilledQuantity unitCode="C62">1</ram:BilledQuantity></ram:SpecifiedLineTradeDelivery>
   <ram:SpecifiedLineTradeSettlement>
    <ram:ApplicableTradeTax><ram:TypeCode>VAT</ram:TypeCode><ram:CategoryCode>S</ram:CategoryCode>
     <ram:RateApplicablePercent>20</ram:RateApplicablePercent></ram:ApplicableTradeTax>
    <ram:SpecifiedTradeSettlementLineMonetarySummation><ram:LineTotalAmount>1000.00</ram:LineTotalAmount>
    </ram:SpecifiedTradeSettlementLineMonetarySummation>
   </ram:SpecifiedLineTradeSettlement>
  </ram:IncludedSupplyChainTradeLineItem>
  <ram:ApplicableHeaderTradeAgreement>
   <ram:SellerTradeParty>
    <ram:Name>Atelier Bois Création</ram:Name>
    <ram:SpecifiedLegalOrganization><ram:ID schemeID="0002">{VENDEUR}</ram:ID></ram:SpecifiedLegalOrganization>
    <ram:PostalTradeAddress><ram:PostcodeCode>38000</ram:PostcodeCode><ram:LineOne>4 rue Lesdiguières</ram:LineOne>
     <ram:CityName>Grenoble</ram:CityName><ram:CountryID>FR</ram:CountryID></ram:PostalTradeAddress>
    <ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">FR64{VENDEUR}</ram:ID></ram:SpecifiedTaxRegistration>
   </ram:SellerTradeParty>
   <ram:BuyerTradeParty>
    <ram:Name>{acheteur}</ram:Name>
    <ram:SpecifiedLegalOrganization>{id_acheteur}</ram:SpecifiedLegalOrganization>
    <ram:DefinedTradeContact><ram:PersonName>Service comptable</ram:PersonName>
     <ram:EmailURIUniversalCommunication><ram:URIID>compta@durand.fr</ram:URIID></ram:EmailURIUniversalCommunication>
    </ram:DefinedTradeContact>
    <ram:PostalTradeAddress><ram:PostcodeCode>69002</ram:PostcodeCode><ram:LineOne>12 rue de la République</ram:LineOne>
     <ram:LineTwo>Bâtiment B</ram:LineTwo><ram:CityName>Lyon</ram:CityName><ram:CountryID>FR</ram:CountryID>
    </ram:PostalTradeAddress>
   </ram:BuyerTradeParty>
   <ram:BuyerOrderReferencedDocument><ram:IssuerAssignedID>CMD-77</ram:IssuerAssignedID></ram:BuyerOrderReferencedDocument>
  </ram:ApplicableHeaderTradeAgreement>
  <ram:ApplicableHeaderTradeDelivery/>
  <ram:ApplicableHeaderTradeSettlement>
   <ram:InvoiceCurrencyCode>{devise}</ram:InvoiceCurrencyCode>
   <ram:ApplicableTradeTax><ram:CalculatedAmount>200.00</ram:CalculatedAmount><ram:TypeCode>VAT</ram:TypeCode>
    <ram:BasisAmount>1000.00</ram:BasisAmount><ram:CategoryCode>S</ram:CategoryCode>
    <ram:RateApplicablePercent>20</ram:RateApplicablePercent></ram:ApplicableTradeTax>
   {termes}
   <ram:SpecifiedTradeSettlementHeaderMonetarySummation>
    <ram:LineTotalAmount>1000.00</ram:LineTotalAmount>
    <ram:TaxBasisTotalAmount>1000.00</ram:TaxBasisTotalAmount>
    <ram:TaxTotalAmount currencyID="{devise}">200.00</ram:TaxTotalAmount>
    <ram:GrandTotalAmount>1200.00</ram:GrandTotalAmount>
    <ram:TotalPrepaidAmount>0.00</ram:TotalPrepaidAmount>
    <ram:DuePayableAmount>{du}</ram:DuePayableAmount>
   </ram:SpecifiedTradeSettlementHeaderMonetarySummation>
  </ram:ApplicableHeaderTradeSettlement>
 </rsm:SupplyChainTradeTransaction>
</rsm:CrossIndustryInvoice>
""".encode()


def cii_minimum(numero="FX-9") -> bytes:
    """The smallest Factur-X profile: no address, no payment terms."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
 xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
 xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
 <rsm:ExchangedDocumentContext>
  <ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>{MINIMUM}</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter>
 </rsm:ExchangedDocumentContext>
 <rsm:ExchangedDocument>
  <ram:ID>{numero}</ram:ID><ram:TypeCode>380</ram:TypeCode>
  <ram:IssueDateTime><udt:DateTimeString format="102">20261002</udt:DateTimeString></ram:IssueDateTime>
 </rsm:ExchangedDocument>
 <rsm:SupplyChainTradeTransaction>
  <ram:ApplicableHeaderTradeAgreement>
   <ram:SellerTradeParty>
    <ram:Name>Atelier Bois Création</ram:Name>
    <ram:SpecifiedLegalOrganization><ram:ID schemeID="0002">{VENDEUR}</ram:ID></ram:SpecifiedLegalOrganization>
    <ram:PostalTradeAddress><ram:CountryID>FR</ram:CountryID></ram:PostalTradeAddress>
    <ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">FR64{VENDEUR}</ram:ID></ram:SpecifiedTaxRegistration>
   </ram:SellerTradeParty>
   <ram:BuyerTradeParty>
    <ram:Name>Café du Port SAS</ram:Name>
    <ram:SpecifiedLegalOrganization><ram:ID schemeID="0009">{CAFE}00019</ram:ID></ram:SpecifiedLegalOrganization>
   </ram:BuyerTradeParty>
  </ram:ApplicableHeaderTradeAgreement>
  <ram:ApplicableHeaderTradeDelivery/>
  <ram:ApplicableHeaderTradeSettlement>
   <ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>
   <ram:SpecifiedTradeSettlementHeaderMonetarySummation>
    <ram:TaxBasisTotalAmount>500.00</ram:TaxBasisTotalAmount>
    <ram:TaxTotalAmount currencyID="EUR">100.00</ram:TaxTotalAmount>
    <ram:GrandTotalAmount>600.00</ram:GrandTotalAmount>
    <ram:DuePayableAmount>600.00</ram:DuePayableAmount>
   </ram:SpecifiedTradeSettlementHeaderMonetarySummation>
  </ram:ApplicableHeaderTradeSettlement>
 </rsm:SupplyChainTradeTransaction>
</rsm:CrossIndustryInvoice>
""".encode()


def ubl(*, racine="Invoice", type_code="380", numero="UBL-2026-7") -> bytes:
    """A Peppol BIS Billing 3.0 (UBL 2.1) invoice; the buyer known by its French VAT number."""
    espace = "Invoice" if racine == "Invoice" else "CreditNote"
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<{racine} xmlns="urn:oasis:names:specification:ubl:schema:xsd:{espace}-2"
 xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
 xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
 <cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0</cbc:CustomizationID>
 <cbc:ID>{numero}</cbc:ID>
 <cbc:IssueDate>2026-10-01</cbc:IssueDate>
 <cbc:DueDate>2026-10-31</cbc:DueDate>
 <cbc:InvoiceTypeCode>{type_code}</cbc:InvoiceTypeCode>
 <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
 <cac:OrderReference><cbc:ID>BC-12</cbc:ID></cac:OrderReference>
 <cac:AccountingSupplierParty><cac:Party>
  <cac:PartyLegalEntity><cbc:RegistrationName>Atelier Bois Création</cbc:RegistrationName>
   <cbc:CompanyID schemeID="0002">{VENDEUR}</cbc:CompanyID></cac:PartyLegalEntity>
 </cac:Party></cac:AccountingSupplierParty>
 <cac:AccountingCustomerParty><cac:Party>
  <cbc:EndpointID schemeID="EM">factures@cafeduport.fr</cbc:EndpointID>
  <cac:PartyName><cbc:Name>Le Café du Port</cbc:Name></cac:PartyName>
  <cac:PostalAddress>
   <cbc:StreetName>3 quai Vauban</cbc:StreetName><cbc:CityName>Bruxelles</cbc:CityName><cbc:PostalZone>1000</cbc:PostalZone>
   <cac:Country><cbc:IdentificationCode>BE</cbc:IdentificationCode></cac:Country>
  </cac:PostalAddress>
  <cac:PartyTaxScheme><cbc:CompanyID>FR89{CAFE}</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>
  <cac:PartyLegalEntity><cbc:RegistrationName>Café du Port SAS</cbc:RegistrationName></cac:PartyLegalEntity>
 </cac:Party></cac:AccountingCustomerParty>
 <cac:LegalMonetaryTotal>
  <cbc:LineExtensionAmount currencyID="EUR">83.25</cbc:LineExtensionAmount>
  <cbc:TaxExclusiveAmount currencyID="EUR">83.25</cbc:TaxExclusiveAmount>
  <cbc:TaxInclusiveAmount currencyID="EUR">99.90</cbc:TaxInclusiveAmount>
  <cbc:PrepaidAmount currencyID="EUR">20.00</cbc:PrepaidAmount>
  <cbc:PayableAmount currencyID="EUR">79.90</cbc:PayableAmount>
 </cac:LegalMonetaryTotal>
</{racine}>
""".encode()


def pdf_vierge() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    sortie = io.BytesIO()
    writer.write(sortie)
    return sortie.getvalue()


def facturx(xml: bytes) -> bytes:
    """A Factur-X PDF made by the reference implementation (which checks the XML's schema)."""
    facturx = pytest.importorskip("facturx")
    return facturx.generate_from_binary(pdf_vierge(), xml, check_xsd=True)


def _ecrire(tmp_path, contenu: bytes, nom: str):
    chemin = tmp_path / nom
    chemin.write_bytes(contenu)
    return chemin


def _refus(octets: bytes, nom="facture.xml") -> str:
    with pytest.raises(ErreurSaisie) as erreur:
        lire_facture(octets, nom)
    assert erreur.value.champ == "fichier"
    return erreur.value.message


# --- reading ---------------------------------------------------------------------------------------


def test_cii_en16931_invoice_gives_the_claim_and_the_buyer():
    f = lire_facture(cii(), "facture.xml")
    assert (f.format, f.profil, f.numero) == ("CII", "EN 16931", "FA-2026-101")
    assert (f.date_facture, f.date_echeance) == (dt.date(2026, 9, 15), dt.date(2026, 10, 15))
    assert (f.montant_du, f.montant_ttc, f.devise) == (Decimal("1200.00"), Decimal("1200.00"), "EUR")
    a = f.acheteur
    assert (a.nom, a.siren, a.email) == ("Menuiserie DURAND", DURAND, "compta@durand.fr")
    assert (a.adresse.lignes, a.adresse.code_postal, a.adresse.ville, a.adresse.pays) == (
        ("12 rue de la République", "Bâtiment B"), "69002", "Lyon", "France"
    )
    assert (f.vendeur.nom, f.vendeur.siren) == ("Atelier Bois Création", VENDEUR)
    assert f.creance().objet == "Commande CMD-77"


def test_ubl_invoice_with_prepayment_siren_from_vat_number_and_foreign_address():
    f = lire_facture(ubl(), "facture.xml")
    assert (f.format, f.numero, f.date_facture, f.date_echeance) == (
        "UBL", "UBL-2026-7", dt.date(2026, 10, 1), dt.date(2026, 10, 31)
    )
    assert (f.montant_du, f.montant_ttc) == (Decimal("79.90"), Decimal("99.90"))
    a = f.acheteur
    assert (a.nom, a.siren, a.email) == ("Café du Port SAS", CAFE, "factures@cafeduport.fr")  # legal name first
    assert (a.adresse.code_postal, a.adresse.ville, a.adresse.pays) == ("1000", "Bruxelles", "Belgique")
    assert f.vendeur.siren == VENDEUR
    creance = f.creance()
    assert creance.montant_ttc == Decimal("79.90")
    assert "Commande BC-12" in creance.objet and "déjà payés (acompte)" in creance.objet


@pytest.mark.parametrize("xml, profil", [(cii(), "EN 16931"), (cii_minimum(), "MINIMUM")], ids=["en16931", "minimum"])
def test_facturx_pdf_of_each_profile(xml, profil):
    f = lire_facture(facturx(xml), "facture.pdf")
    assert (f.format, f.profil) == ("Factur-X", profil)
    if profil == "MINIMUM":
        # No due date in the profile: the L441-10 default, said in the créance's object.
        assert f.date_echeance is None and f.echeance == dt.date(2026, 11, 1)
        assert "L441-10" in f.creance().objet and f.creance().date_echeance == dt.date(2026, 11, 1)
        assert (f.acheteur.siren, f.acheteur.siret) == (CAFE, f"{CAFE}00019")  # SIREN from the SIRET


def test_extended_invoice_payable_in_instalments_takes_the_last_due_date():
    f = lire_facture(cii(profil=EXTENDED, echeances=("20261015", "20261115")), "facture.xml")
    assert (f.profil, f.date_echeance) == ("EXTENDED", dt.date(2026, 11, 15))


@pytest.mark.parametrize(
    "octets", [cii(type_code="381"), ubl(type_code="381"), ubl(racine="CreditNote")], ids=["cii", "ubl-381", "ubl-creditnote"]
)
def test_credit_note_is_refused(octets):
    assert "un avoir ne s'importe pas comme créance" in _refus(octets)


def test_other_currency_is_refused_saying_why():
    message = _refus(cii(devise="USD"))
    assert "en USD" in message and "euros" in message


def test_pdf_without_invoice_xml_is_refused():
    message = _refus(pdf_vierge(), "scan.pdf")
    assert "ce PDF n'est pas une facture Factur-X : il ne contient pas de XML de facture" in message


def test_missing_mandatory_fields_are_all_named():
    message = _refus(cii(numero="", acheteur=""))
    assert "le numéro de facture" in message and "le nom de l'acheteur" in message


def test_xml_that_is_not_an_invoice_is_refused():
    assert "n'est pas une facture électronique" in _refus(b"<commande><n>1</n></commande>")
    assert "n'est pas une facture électronique lisible" in _refus(b"<rsm:CrossIndustryInvoice>")
    assert "ni un PDF Factur-X ni un fichier XML" in _refus(b"Client;Montant\nDurand;12\n", "facture.csv")


@pytest.mark.parametrize(
    "prolog",
    [
        '<!DOCTYPE r [<!ENTITY xxe SYSTEM "file://{secret}">]>',
        (
            '<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
            '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
        ),
    ],
    ids=["entite-externe", "expansion"],
)
def test_doctype_and_entities_are_refused_without_being_resolved(tmp_path, prolog):
    secret = _ecrire(tmp_path, b"SECRET-NE-PAS-LIRE", "secret.txt")
    octets = cii(acheteur="&xxe;" if "xxe" in prolog else "&c;", prolog=prolog.format(secret=secret))
    message = _refus(octets)
    assert "DOCTYPE" in message and "SECRET" not in message and "aaaa" not in message


def test_invoice_not_from_the_creditor_is_refused():
    facture = lire_facture(cii(), "facture.xml")
    jour = dt.date(2026, 11, 23)
    verifier(facture, Creancier(raison_sociale="Atelier Bois Création", siren=VENDEUR), jour)  # ours: fine
    with pytest.raises(ErreurSaisie, match="seules vos propres factures"):
        verifier(facture, Creancier(raison_sociale="Autre SA", siren=CAFE), jour)
    with pytest.raises(ErreurSaisie, match="facture d'achat"):
        verifier(facture, Creancier(raison_sociale="Menuiserie Durand", siren=DURAND), jour)
    with pytest.raises(ErreurSaisie, match="après aujourd'hui"):
        verifier(facture, Creancier(), dt.date(2026, 9, 1))


# --- into dossiers ---------------------------------------------------------------------------------


def test_invoice_goes_to_the_dossier_of_the_same_siren_with_its_piece(service, dossier, tmp_path):
    chemin = _ecrire(tmp_path, facturx(cii()), "FA-2026-101.pdf")
    avant = len(service.depot.references())
    resultat = service.echanges.importer_facture(chemin)
    assert resultat.reference == dossier.reference and len(service.depot.references()) == avant
    relu = service.charger(dossier.reference)
    creance = next(c for c in relu.creances if c.numero == "FA-2026-101")
    assert (creance.montant_ttc, creance.date_echeance) == (Decimal("1200.00"), dt.date(2026, 10, 15))
    (piece,) = relu.pieces
    assert (piece.type, piece.date, piece.fichier) == (TypePiece.FACTURE, dt.date(2026, 9, 15), "FA-2026-101.pdf")
    copie = service.depot.chemin(dossier.reference) / "pieces" / piece.fichier
    assert copie.read_bytes() == chemin.read_bytes()
    derniers = relu.journal[-3:]
    assert [e.type for e in derniers] == [TypeEvenement.CREANCE, TypeEvenement.IMPORT, TypeEvenement.PIECE]
    assert derniers[1].texte == "Facture importée depuis FA-2026-101.pdf (Factur-X)."


def test_invoice_without_siren_goes_to_the_dossier_of_the_same_name(service, dossier, tmp_path):
    chemin = _ecrire(tmp_path, cii(acheteur="MENUISERIE DURAND SARL", id_acheteur="<ram:ID>inconnu</ram:ID>"), "f.xml")
    assert service.echanges.importer_facture(chemin).reference == dossier.reference


def test_unknown_buyer_gets_a_new_professional_company_dossier(service, dossier, tmp_path):
    chemin = _ecrire(tmp_path, ubl(), "ubl.xml")
    cree = service.echanges.importer_facture(chemin)
    assert cree.reference != dossier.reference
    d = service.charger(cree.reference).debiteur
    assert (d.nom, d.forme_juridique, d.siren) == ("Café du Port", "SAS", CAFE)
    assert (d.type_personne, d.qualite, d.email) == (TypePersonne.MORALE, Qualite.PROFESSIONNEL, "factures@cafeduport.fr")
    relu = service.charger(cree.reference)
    assert [c.numero for c in relu.creances] == ["UBL-2026-7"] and len(relu.pieces) == 1
    assert relu.journal[0].type is TypeEvenement.CREATION
    assert any(e.texte == "Facture importée depuis ubl.xml (UBL)." for e in relu.journal)
    service.fermer()
    assert cree.reference in {r.reference for r in service.resumes_en_cache()}  # indexed when saved


def test_duplicate_invoice_is_refused_and_nothing_is_written(service, dossier, tmp_path):
    chemin = _ecrire(tmp_path, cii(), "facture.xml")
    service.echanges.importer_facture(chemin)
    avant = service.charger(dossier.reference)
    pieces = sorted(p.name for p in (service.depot.chemin(dossier.reference) / "pieces").iterdir())
    with pytest.raises(ErreurSaisie, match=f"figure déjà dans le dossier {dossier.reference}"):
        service.echanges.importer_facture(_ecrire(tmp_path, cii(), "facture-bis.xml"))
    assert service.charger(dossier.reference) == avant
    assert sorted(p.name for p in (service.depot.chemin(dossier.reference) / "pieces").iterdir()) == pieces


def test_named_dossier_of_another_siren_is_refused(service, dossier, tmp_path):
    with pytest.raises(ErreurSaisie, match="vérifiez le dossier choisi"):
        service.echanges.importer_facture(_ecrire(tmp_path, ubl(), "ubl.xml"), reference=dossier.reference)
    sans_siren = service.creer_dossier(
        {"nom": "Café du Port", "adresse1": "3 quai Vauban", "code_postal": "06600", "ville": "Antibes"}
    )
    assert service.echanges.importer_facture(tmp_path / "ubl.xml", reference=sans_siren.reference).reference == sans_siren.reference


def test_a_failure_leaves_no_dossier_and_no_creance(service, dossier, tmp_path, monkeypatch):
    from recouvrement_tui.storage import documents
    from recouvrement_tui.storage.erreurs import ErreurStockage

    def panne(*args, **kwargs):
        raise ErreurStockage("disque plein")

    references = service.depot.references()
    monkeypatch.setattr(documents, "copier_piece", panne)
    with pytest.raises(ErreurSaisie, match="disque plein"):
        service.echanges.importer_facture(_ecrire(tmp_path, ubl(), "ubl.xml"))  # would create a dossier
    assert service.depot.references() == references
    monkeypatch.undo()

    avant = service.charger(dossier.reference)
    monkeypatch.setattr(service.depot, "enregistrer", panne)
    with pytest.raises(ErreurStockage):
        service.echanges.importer_facture(_ecrire(tmp_path, cii(), "facture.xml"))  # goes to the existing dossier
    monkeypatch.undo()
    assert service.charger(dossier.reference) == avant
    assert not (service.depot.chemin(dossier.reference) / "pieces" / "facture.xml").exists()


def test_missing_file_is_named(service, tmp_path):
    with pytest.raises(ErreurSaisie, match="n'existe pas"):
        service.echanges.importer_facture(tmp_path / "absente.pdf")


def test_cli_importer_une_facture_facturx(service, dossier, tmp_path, capsys):
    from recouvrement_tui.cli.principal import main

    service.fermer()
    chemin = _ecrire(tmp_path, facturx(cii()), "facture.pdf")
    code = main(["importer", str(chemin), "--dossiers", str(service.racine)])
    sortie = capsys.readouterr()
    assert code == 0, sortie.err
    assert f"ajoutée au dossier {dossier.reference}" in sortie.out
    code = main(["importer", str(chemin), "--dossiers", str(service.racine)])
    assert code == 2 and "Traceback" not in capsys.readouterr().err  # a duplicate is refused
