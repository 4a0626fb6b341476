"""Dossiers in and out: export bundles for commissaires de justice, imports (CSV, Factur-X,
archives). Populated by the export and import capabilities (issues 5 and 8).
"""
