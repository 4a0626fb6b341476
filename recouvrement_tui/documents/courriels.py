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
from collections.abc import Sequence
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid

import jinja2

from recouvrement_tui.documents.erreurs import ErreurDocument
from recouvrement_tui.documents.rendu import environnement_texte

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
    except jinja2.exceptions.SecurityError:
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
    trouve = _OBJET.match(rendu.replace("\r\n", "\n").replace("\r", "\n"))
    if not trouve or not trouve["objet"].strip():
        raise ErreurDocument(f"Le modèle de courriel « {nom} » doit commencer par une ligne « Objet : … » suivie "
                             "du texte du message.")
    objet = " ".join(trouve["objet"].split())  # one line, whatever the data held
    texte = _nettoyer(trouve["corps"])
    if not texte:
        raise ErreurDocument(f"Le modèle de courriel « {nom} » ne contient aucun texte après son objet.")
    return Redaction(objet, texte, en_html(texte, objet))


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
    message["From"] = Address(display_name=" ".join(nom_expediteur.split()), addr_spec=expediteur)
    message["To"] = ", ".join(a)
    if cc:
        message["Cc"] = ", ".join(cc)
    if brouillon and cci:
        message["Bcc"] = cci
    if repondre_a and repondre_a.casefold() != expediteur.casefold():
        message["Reply-To"] = repondre_a
    message["Subject"] = redaction.objet
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
    return message


def nom_de_piece(nom: str) -> str:
    """A file name as an attachment shows it: no folder, no control character."""
    nom = nom.replace("\\", "/").rsplit("/", 1)[-1]
    nom = "".join(c for c in nom if c.isprintable() and c not in '"<>|:*?')
    return nom.strip(" .") or "piece-jointe"
