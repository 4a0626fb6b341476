"""Pure business rules: the dossier model, money, identifiers, stages and validation.

Nothing here imports textual, tinydb, docx or babel, nor touches the disk: the layering
test in tests/unit/test_layers.py keeps it that way.
"""
