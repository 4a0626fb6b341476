"""The operations both faces (TUI and CLI) call, each module with a public API.

`dossiers` (ServiceDossiers: reading, saving, the list, the décompte, the évaluation),
`documents` (generating and depositing versions, the batch of reminders), `echanges` (export,
restoration, pièces, imports). They orchestrate storage, documents and exchange around the
domain, and hold no rule of their own.
"""
