"""Word documents: docxtpl templates from modeles/, context building, rendering, versions.

Populated by the documents capability (issue 6); French formatting itself lives in
recouvrement_tui.domain.formatage so the UI and CLI share it.
"""
