"""Directory of courts shipped with the application (tribunaux.csv, communes.csv; see LISEZMOI.md)."""
