"""Adapters to the operating system: opening a file in the user's editor, LibreOffice, the incident
file, the clock."""
