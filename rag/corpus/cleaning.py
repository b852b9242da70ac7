"""Text cleaning shared by every corpus reader: markup out of abstracts, titles tidied, venue
names made canonical. Pure functions over strings; knows nothing of files or formats."""

from __future__ import annotations

import re

from rag.text.invisible import visible

_HTML_TAG = re.compile(r"</?(?:p|br|i|b|em|strong|sup|sub|span|div)\s*/?>", re.IGNORECASE)
_LATEX_ESCAPE = re.compile(r"\\([%&_#])")  # 10\% -> 10%
_LATEX_FORMAT = re.compile(r"\\(?:textbf|textit|textsc|texttt|textrm|emph|underline)\{([^{}$]*)\}")
_VENUE_ALIASES = {"ecvv": "ECCV"}  # typos seen in scraped tables -> the venue meant
MAX_ABSTRACT_CHARS = 50_000  # about ten times the longest abstract of the seeds; a safety limit, not a tuned one
YEARS = range(1900, 2101)  # a year outside is a typo or a field mix-up


def cut_abstract(text: str) -> str:
    """An abstract is a paragraph; megabytes are a pasted paper or an error: the text is cut at a
    word boundary before MAX_ABSTRACT_CHARS (the loader reports the cut)."""
    return text if len(text) <= MAX_ABSTRACT_CHARS else text[:MAX_ABSTRACT_CHARS].rsplit(" ", 1)[0]


def clean_text(text: str) -> str:
    """Drop HTML paragraph markup and LaTeX text markup ("10\\%", "\\textbf{Lion}": arXiv abstracts
    are LaTeX source), and fold white space. Leaves other `<` characters and math alone."""
    if "\\" in text:
        text = _LATEX_FORMAT.sub(r"\1", _LATEX_ESCAPE.sub(r"\1", text))
    return " ".join(_HTML_TAG.sub(" ", visible(text)).split())


def canonical_venue(raw: str) -> str | None:
    """`International Conference on Machine Learning (ICML)` -> `ICML`; known typos fixed."""
    raw = " ".join(raw.split())
    if not raw:
        return None
    acronym = re.search(r"\(([A-Za-z]{2,10})\)\s*$", raw)
    venue = acronym.group(1) if acronym else raw
    return _VENUE_ALIASES.get(venue.lower(), venue)


def tidy_title(title: str) -> str:
    """Fold white space, drop invisible characters; an all-capitals title is set in title case
    (`SPHERICAL CNNs`)."""
    title = " ".join(visible(title).split())
    letters = [c for c in title if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) / len(letters) > 0.7:
        title = " ".join(w.capitalize() if w.isupper() and len(w) > 3 else w for w in title.split())
    return title
