"""E-mails from templates: subject and body rendered in the documents' sandbox, then composed as a
MIME message (plain text and HTML alternatives, attachments) ready to be sent or kept as `.eml`.

A template is a text file (modeles/courriels/<cle>.txt): a first line "Objet : …", a blank line,
the body. It reads the same data as the Word templates (docs/modeles.md) plus `paiement.iban`,
`dernier_paiement` and `expediteur.signature`. The HTML part is built from the rendered text with
every character escaped: a template or a debtor's name can never put markup or script in it.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from email import message_from_bytes
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid

import jinja2

from recouvrement_tui.documents.erreurs import ErreurDocument
from recouvrement_tui.documents.rendu import environnement_texte

TAILLE_MAX_TEXTE = 200_000  # characters: a reminder is a page; a mail server refuses far less
_OBJET = re.compile(r"\A\s*Objet\s*:[ \t]*(?P<objet>[^\n]*)\n(?P<corps>.*)\Z", re.DOTALL)


@dataclass(frozen=True)
class Redaction:
    objet: str
    texte: str
    html: str


@dataclass(frozen=True)
class PieceJointe:
    nom: str
    contenu: bytes
    type_mime: str = "application/octet-stream"

    @property
    def taille(self) -> int:
        return len(self.contenu)


def rediger(modele: str, contexte: dict, nom: str) -> Redaction:
    """The subject and body of `modele` filled with `contexte`; `nom` names it in errors."""
    try:
        rendu = environnement_texte().from_string(modele).render(contexte)
    except jinja2.exceptions.SecurityError as erreur:
        if "trop" in str(erreur):
            raise ErreurDocument(f"Le modèle de courriel « {nom} » produirait un texte trop long ({erreur}) : "
                                 "corrigez-le ou retirez-le pour revenir au modèle livré.") from None
        raise ErreurDocument(f"Le modèle de courriel « {nom} » contient une expression refusée pour des raisons de "
                             "sécurité : un modèle ne peut lire que les données du dossier.") from None
    except jinja2.UndefinedError as erreur:
        raise ErreurDocument(f"Le modèle de courriel « {nom} » utilise une donnée inconnue ({erreur.message}) : "
                             "corrigez la balise (liste des données dans docs/modeles.md).") from None
    except jinja2.TemplateSyntaxError as erreur:
        raise ErreurDocument(f"Le modèle de courriel « {nom} » contient une balise mal formée, ligne {erreur.lineno} "
                             f"({erreur.message}).") from None
    except ErreurDocument:
        raise ErreurDocument(f"Le modèle de courriel « {nom} » imprime une donnée que ce dossier n'a pas : complétez "
                             "le dossier ou placez la balise dans un {% if %}.") from None
    except Exception as erreur:  # noqa: BLE001 - an edited template can fail in many ways
        raise ErreurDocument(f"Le modèle de courriel « {nom} » ne peut pas être rempli ({type(erreur).__name__}).") \
            from None
    if len(rendu) > TAILLE_MAX_TEXTE:
        raise ErreurDocument(f"Le modèle de courriel « {nom} » produit un texte trop long ({len(rendu) // 1000} 000 "
                             "caractères) pour un message : corrigez-le.")
    trouve = _OBJET.match(rendu.replace("\r\n", "\n").replace("\r", "\n"))
    if not trouve or not trouve["objet"].strip():
        raise ErreurDocument(f"Le modèle de courriel « {nom} » doit commencer par une ligne « Objet : … » suivie "
                             "du texte du message.")
    objet = texte_d_en_tete(trouve["objet"])
    texte = _nettoyer(trouve["corps"])
    if not texte:
        raise ErreurDocument(f"Le modèle de courriel « {nom} » ne contient aucun texte après son objet.")
    return Redaction(objet, texte, en_html(texte, objet))


def texte_d_en_tete(texte: str) -> str:
    """`texte` made safe for a header (subject, display name): one line, no control or invisible
    format character, and no RFC 2047 encoded word: "=?utf-8?q?…=0D=0A…?=" is decoded by Python's
    email package into a real line break on some versions (CVE-2024-6923), a way to add a hidden
    Bcc from a company name or a debtor's name. "=?" is shown as "= ?"."""
    propre = "".join(" " if unicodedata.category(c)[0] in "CZ" else c for c in texte)
    return " ".join(propre.replace("=?", "= ?").split())


def _nettoyer(texte: str) -> str:
    lignes = [ligne.rstrip() for ligne in texte.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lignes)).strip("\n") + "\n"


def en_html(texte: str, titre: str) -> str:
    """The HTML alternative of a plain-text message: paragraphs, "- " lines as a list, all escaped."""
    blocs = []
    for paragraphe in texte.strip("\n").split("\n\n"):
        lignes = paragraphe.split("\n")
        texte_libre = [ligne for ligne in lignes if not ligne.startswith("- ")]
        puces = [ligne[2:] for ligne in lignes if ligne.startswith("- ")]
        if texte_libre:
            blocs.append("<p>" + "<br>\n".join(html.escape(ligne) for ligne in texte_libre) + "</p>")
        if puces:
            blocs.append("<ul>\n" + "\n".join(f"<li>{html.escape(p)}</li>" for p in puces) + "\n</ul>")
    corps = "\n".join(blocs)
    return (f'<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n<title>{html.escape(titre)}</title>\n'
            f'</head>\n<body style="font-family: Arial, sans-serif; font-size: 14px;">\n{corps}\n</body>\n</html>\n')


def composer(
    redaction: Redaction,
    *,
    expediteur: str,
    nom_expediteur: str,
    a: Sequence[str],
    cc: Sequence[str] = (),
    repondre_a: str = "",
    pieces: Sequence[PieceJointe] = (),
    date: dt.datetime,
    brouillon: bool = False,
    cci: str = "",
) -> EmailMessage:
    """The message, with its Message-ID. The addresses were checked by domain.courriel.adresse_sure.

    A draft carries "X-Unsent: 1" (Outlook and Thunderbird open it ready to send) and its blind
    copy as a header; a message for the server never shows its blind copy (the envelope has it)."""
    message = EmailMessage(policy=SMTP)
    message["From"] = Address(display_name=texte_d_en_tete(nom_expediteur), addr_spec=expediteur)
    message["To"] = ", ".join(a)
    if cc:
        message["Cc"] = ", ".join(cc)
    if brouillon and cci:
        message["Bcc"] = cci
    if repondre_a and repondre_a.casefold() != expediteur.casefold():
        message["Reply-To"] = repondre_a
    message["Subject"] = texte_d_en_tete(redaction.objet)
    message["Date"] = format_datetime(date if date.tzinfo else date.astimezone())
    message["Message-ID"] = make_msgid(domain=expediteur.rsplit("@", 1)[1])
    if brouillon:
        message["X-Unsent"] = "1"
    message.set_content(redaction.texte, cte="quoted-printable")
    message.add_alternative(redaction.html, subtype="html", cte="quoted-printable")
    for piece in pieces:
        principal, _, secondaire = piece.type_mime.partition("/")
        message.add_attachment(piece.contenu, maintype=principal, subtype=secondaire or "octet-stream",
                               filename=nom_de_piece(piece.nom))
    _verifier_en_tetes(message, attendus={"From", "To", "Subject", "Date", "Message-ID", "MIME-Version",
                                          "Content-Type", "Content-Transfer-Encoding"}
                       | ({"Cc"} if cc else set()) | ({"Bcc"} if brouillon and cci else set())
                       | ({"Reply-To"} if "Reply-To" in message else set()) | ({"X-Unsent"} if brouillon else set()))
    return message


def _verifier_en_tetes(message: EmailMessage, attendus: set[str]) -> None:
    """Read the message back as its recipient's program will: exactly the headers we wrote, none
    added by a line break smuggled in a value (the last line of defence of texte_d_en_tete)."""
    try:
        brut = message.as_bytes()
    except Exception:  # noqa: BLE001 - email.errors.HeaderWriteError and kin: refuse, never send
        raise ErreurDocument("Le courriel contient un en-tête invalide (saut de ligne dans l'objet ou le nom) : "
                             "corrigez la raison sociale ou le modèle.") from None
    relu = message_from_bytes(brut, policy=SMTP)
    trouves = {cle.title() if cle.lower() != "message-id" else "Message-ID" for cle in relu.keys()}
    normalises = {a.title() if a.lower() != "message-id" else "Message-ID" for a in attendus}
    if trouves - normalises:
        raise ErreurDocument("Le courriel contiendrait des en-têtes inattendus (" + ", ".join(sorted(trouves - normalises))
                             + ") : une donnée du dossier, des paramètres ou du modèle contient un saut de ligne "
                             "déguisé. Rien n'est écrit ni envoyé.")


def nom_de_piece(nom: str) -> str:
    """A file name as an attachment shows it: no folder, no control character."""
    nom = nom.replace("\\", "/").rsplit("/", 1)[-1]
    nom = "".join(c for c in nom if c.isprintable() and c not in '"<>|:*?')
    return nom.strip(" .") or "piece-jointe"
