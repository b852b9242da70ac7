"""Characters that are never meant to be seen: terminal escape sequences, control characters,
zero-width characters and bidi overrides and isolates. They are dropped from what the corpus
stores (titles, authors, abstracts) and from what the command line prints, so a record cannot
recolour a terminal or reverse how the text around it reads. Newlines and tabs are kept."""

from __future__ import annotations

import re

_INVISIBLE = re.compile(
    r"[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e"
    r"\u2060-\u2064\u2066-\u2069\ufeff]"
)
_ESCAPE_SEQUENCE = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]")  # "\x1b[31m": a terminal colour, its text dropped too


def visible(text: str) -> str:
    """`text` without terminal escape sequences, control, zero-width and bidi-control characters."""
    return _INVISIBLE.sub("", _ESCAPE_SEQUENCE.sub("", text))
