"""Builders of the shipped Word templates (see base.py)."""
