"""The Textual face of the application: the only code that imports textual."""
