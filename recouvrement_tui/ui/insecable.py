"""Amounts never split across lines on screen: "12 345,67 €" stays one unit when text wraps.

French figures group thousands with a narrow no-break space (U+202F) and put the euro sign
after a no-break space (U+00A0), as babel and domain.formatage write them. Yet Rich breaks
lines at every character the regex `\\s` matches, and Python's `\\s` matches both no-break
spaces; Textual's Static, Label and notifications wrap through the same function
(rich._wrap.divide_line, used by textual.content). So "12 345,67 €" could end a line at "12"
or at "345,67", and a sum read "12" on one line and "345,67 €" on the next is misread.

Replacing those spaces by another character is no way out: every visible space is `\\s`,
and what is not (a braille blank…) would be copied as such. Instead the wrapping's notion
of a word is corrected once, when the interface is imported: no-break spaces join, as
Unicode's line breaking rules say (class GL, "glue"), and so does an ordinary space inside
a figure written in a legal text ("10 000 €", "40 €", "12,3 %"): between a digit and a group
of three digits, or before "€" or "%". The characters themselves are unchanged, so what is
copied, searched or written to the documents (python-docx, not Rich) stays the same.

This replaces a module-level pattern of Rich (rich._wrap.re_word), read at each call by
rich._wrap.words: tests/ui/test_montants_insecables.py fails if a Rich release stops
honouring it, rather than the amounts silently splitting again.
"""

from __future__ import annotations

import re

# A space that must not become a line break.
_COLLE = r"(?:[\u00a0\u202f\u2007\u2060]|(?<=\d)[ \u2009](?=\d{3}(?!\d)|[€%]))"
# Rich's word: optional breakable spaces, the word (glue included), breakable spaces after it.
MOT = re.compile(rf"(?:(?!{_COLLE})\s)*(?:{_COLLE}|\S)+(?:(?!{_COLLE})\s)*")


def installer() -> bool:
    """Make Rich (and Textual through it) wrap between words only, never inside an amount;
    False if this Rich has no such pattern to correct (the test then says so)."""
    import rich._wrap

    if not isinstance(getattr(rich._wrap, "re_word", None), re.Pattern):
        return False
    rich._wrap.re_word = MOT
    return True
