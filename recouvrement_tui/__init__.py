"""recouvrement: recovery of unpaid invoices for French in-house legal teams."""

__version__ = "0.1.0"
