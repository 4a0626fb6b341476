"""The only code that imports tinydb or touches the data folder on disk.

Layout of a data folder:
    parametres.json              the creditor and the reminder calendar
    index.json                   cache for the list view, refreshed from the folders
    <reference>/dossier.json     one TinyDB file per dossier
    <reference>/documents/       generated documents, one file per version
    <reference>/pieces/          supporting files
"""
