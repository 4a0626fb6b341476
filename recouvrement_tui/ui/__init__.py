"""The Textual face of the application: the only code that imports textual."""

from recouvrement_tui.ui.insecable import installer

installer()  # amounts ("12 345,67 €") never split across lines on screen
