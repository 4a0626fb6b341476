"""Official rate series shipped with the application (see shared/donnees for sources)."""
