"""Reading lists as reference managers export them: BibTeX (.bib) and CSL-JSON (Zotero's
"Export Collection... -> CSL JSON", a JSON array), in and out.

In: title, abstract, authors, year, venue (journal, booktitle or container-title), DOI and URL,
keeping the citation key. LaTeX in titles and names is decoded (`{\\"u}` -> ü, `Tram{\\`e}r` ->
Tramèr) and braces that protect capitals are dropped; math (`$\\ell_2$`) is kept as written.
`@string` macros are resolved and `month = jan` is read. An entry without an abstract is
skipped and reported by its key and line; a malformed entry is reported as file:line and the
rest of the file is read.

Out: `to_bibtex(papers)` writes each paper once, keyed by its imported citation key when it has
one, else author-year-first title word (made unique with a, b, ...).
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from rag.corpus.cleaning import YEARS, clean_text, cut_abstract, tidy_title
from rag.corpus.files import read_lines
from rag.corpus.models import Paper, SourceRef, paper_id
from rag.corpus.problems import LoadReport
from rag.text.folding import ascii_name
from rag.text.invisible import visible

log = logging.getLogger(__name__)
_BRACES = re.compile(r"(?<!\\)[{}]")
_JOURNAL_TYPES = {"article", "article-journal", "article-magazine", "article-newspaper"}


def load_bibtex(path: Path, report: LoadReport) -> Iterator[Paper]:
    """The entries of a .bib file that have an abstract, as papers."""
    import bibtexparser
    from bibtexparser import middlewares as mw

    text = "\n".join(read_lines(path, report))
    parse_log = logging.getLogger("bibtexparser")
    level = parse_log.level
    parse_log.setLevel(logging.ERROR)  # its own warnings about failed blocks are reported below, by line
    try:
        library = bibtexparser.parse_string(text, append_middleware=[mw.SeparateCoAuthors(), mw.SplitNameParts()])
    finally:
        parse_log.setLevel(level)
    for block in library.failed_blocks:
        line = (block.start_line or 0) + 1
        key = re.search(r"@\w+\s*[{(]\s*([^,\s]+)", block.raw or "")
        what = f"entry {key.group(1)!r}" if key else "a block"
        report.add(path.name, line, f"malformed BibTeX ({what}: {_first_line(block.error)}); skipped")
    for entry in library.entries:
        fields = {k.lower(): v for k, v in entry.fields_dict.items()}
        line = (entry.start_line or 0) + 1
        record = {
            "key": entry.key,
            "type": entry.entry_type.lower(),
            "title": decode(_value(fields.get("title"))),
            "abstract": decode(_value(fields.get("abstract"))),
            "authors": [decode(_name(n)) for n in _names(fields.get("author"))],
            "year": _value(fields.get("year")) or _value(fields.get("date"))[:4],
            "venue": decode(_value(fields.get("journal")) or _value(fields.get("booktitle"))),
            "doi": _value(fields.get("doi")),
            "url": _value(fields.get("url")),
        }
        paper = _to_paper(record, path.name, line, report)
        if paper is not None:
            yield paper


def load_csl_json(path: Path, report: LoadReport) -> Iterator[Paper]:
    """The items of a CSL-JSON array that have an abstract, as papers. A malformed item is
    reported by its line and the items after it are still read."""
    text = "\n".join(read_lines(path, report))
    for line, item in _array_items(text, path.name, report):
        if not isinstance(item, dict):
            report.add(path.name, line, "expected a CSL-JSON item (an object); skipped")
            continue
        issued = (item.get("issued") or {}).get("date-parts") if isinstance(item.get("issued"), dict) else None
        year = str(issued[0][0]) if issued and isinstance(issued, list) and issued[0] else ""
        record = {
            "key": str(
                item.get("citation-key") or (item.get("id") if "/" not in str(item.get("id", "")) else "") or ""
            ),
            "type": str(item.get("type") or ""),
            "title": item.get("title") if isinstance(item.get("title"), str) else "",
            "abstract": item.get("abstract") if isinstance(item.get("abstract"), str) else "",
            "authors": [_csl_name(a) for a in item.get("author") or [] if isinstance(a, dict)],
            "year": year,
            "venue": item.get("container-title") if isinstance(item.get("container-title"), str) else "",
            "doi": item.get("DOI") if isinstance(item.get("DOI"), str) else "",
            "url": item.get("URL") if isinstance(item.get("URL"), str) else "",
        }
        paper = _to_paper(record, path.name, line, report)
        if paper is not None:
            yield paper


def is_csl_json(path: Path) -> bool:
    """A .json file whose content is an array (CSL-JSON), not JSON lines."""
    try:
        with path.open("rb") as f:
            head = f.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError:
        return False
    return head.startswith(b"[")


def _to_paper(record: dict, file: str, line: int, report: LoadReport) -> Paper | None:
    key = record["key"]
    named = f"entry {key!r}" if key else "an entry"
    title = tidy_title(_plain(record["title"]))
    if not title:
        report.add(file, line, f"{named} has no title; skipped")
        return None
    whole = clean_text(record["abstract"])
    if not whole:
        report.add(file, line, f"{named} has no abstract; skipped")
        return None
    abstract = cut_abstract(whole)
    if len(abstract) < len(whole):
        report.add(file, line, f"{named}: abstract cut to its first {len(abstract)} characters; the rest not indexed")
    year, said = None, str(record["year"]).strip()
    if re.fullmatch(r"\d{4}", said) and int(said) in YEARS:
        year = int(said)
    elif said:
        report.add(file, line, f"{named}: year {said[:40]!r} is not a year; kept without one")
    doi = visible(record["doi"]).strip()
    url = visible(record["url"]).strip() or (f"https://doi.org/{doi}" if doi else None)
    meta = {k: v for k, v in (("citekey", visible(key)), ("doi", doi), ("type", record["type"])) if v}
    return Paper(
        id=paper_id(title),
        title=title,
        abstract=abstract,
        authors=[a for a in (" ".join(visible(_plain(a)).split()) for a in record["authors"]) if a],
        venue=" ".join(visible(_plain(record["venue"])).split()) or None,
        year=year,
        url=url,
        sources=[SourceRef(file=file, line=line)],
        meta=meta,
    )


def _array_items(text: str, file: str, report: LoadReport) -> Iterator[tuple[int, object]]:
    """(line, item) for each element of a JSON array, read one at a time so that a malformed
    element is reported and the next one still read."""
    decoder = json.JSONDecoder()
    start = text.find("[")
    if start < 0:
        report.add(file, 1, "not a CSL-JSON array; skipped")
        return
    at = start + 1
    while True:
        while at < len(text) and text[at] in " \t\r\n,":
            at += 1
        if at >= len(text) or text[at] == "]":
            return
        line = text.count("\n", 0, at) + 1
        try:
            item, at = decoder.raw_decode(text, at)
        except (json.JSONDecodeError, RecursionError) as exc:
            report.add(file, line, f"malformed CSL-JSON item ({getattr(exc, 'msg', 'nested too deeply')}); skipped")
            nxt = re.compile(r"\n\s*\{").search(text, at + 1)  # the next item starts a line with "{"
            if nxt is None:
                return
            at = nxt.start() + 1
            continue
        yield line, item


def decode(text: str) -> str:
    """LaTeX text as Unicode (accents, escapes, text commands, protecting braces), its math
    (`$\\ell_2$`) kept as written."""
    if not text or not any(c in text for c in "\\{}$~"):
        return text
    try:
        return _latex().latex_to_text(text)
    except Exception:  # pylatexenc reads any string, but a bug there must not cost the record
        return text


_decoder = None


def _latex():
    global _decoder
    if _decoder is None:
        from pylatexenc.latex2text import LatexNodes2Text

        _decoder = LatexNodes2Text(math_mode="verbatim")
    return _decoder


def _value(value) -> str:
    if value is None:
        return ""
    return str(value.value if hasattr(value, "value") else value)


def _names(value) -> list:
    value = value.value if hasattr(value, "value") else value
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _name(parts) -> str:
    """A parsed BibTeX name as "First von Last, Jr." would be read aloud: "Florian Tramèr"."""
    if isinstance(parts, str):
        return parts
    words = [*parts.first, *parts.von, *parts.last]
    return " ".join(words) + (f", {' '.join(parts.jr)}" if parts.jr else "")


def _csl_name(author: dict) -> str:
    if author.get("literal"):
        return str(author["literal"])
    return " ".join(str(author[k]) for k in ("given", "non-dropping-particle", "family") if author.get(k))


def _plain(text: str) -> str:
    """Braces that protect capitals dropped ("{CNN}s" -> "CNNs")."""
    return _BRACES.sub("", text or "")


def _first_line(error) -> str:
    """What the parser said about a block it could not read, in its words (an aborted block
    carries them in `abort_reason`; the exception's own text is empty), never a class name."""
    said = getattr(error, "abort_reason", None) or str(error or "")
    lines = said.strip().splitlines()
    return lines[0].strip()[:160] if lines else "the entry could not be read"


def citation_key(paper: Paper, taken: set[str]) -> str:
    """The imported key when the paper has one, else author-year-first title word
    ("tramer2019adversarial"), made unique among `taken` with a, b, ..."""
    base = paper.meta.get("citekey") or ""
    if not base:
        surname = paper.authors[0].split()[-1] if paper.authors else "anon"
        first = next((w for w in re.findall(r"[A-Za-z]+", paper.title) if w.lower() not in _SKIP_WORDS), "paper")
        plain = ascii_name(f"{surname}{paper.year or ''}{first}").lower()
        base = re.sub(r"[^a-z0-9]", "", plain) or "paper"
    key, n = base, 0
    while key in taken:
        key = f"{base}{chr(ord('a') + n)}" if n < 26 else f"{base}{n}"
        n += 1
    taken.add(key)
    return key


_SKIP_WORDS = {"a", "an", "the", "on", "of", "in", "for", "to", "and", "with", "via", "is", "are", "do", "does"}


def to_bibtex(papers: Iterable[Paper]) -> str:
    """The papers as BibTeX, UTF-8, each once (by id)."""
    import bibtexparser
    from bibtexparser.model import Entry, Field

    library = bibtexparser.Library()
    taken: set[str] = set()
    seen: set[str] = set()
    for paper in papers:
        if paper.id in seen:
            continue
        seen.add(paper.id)
        kind = paper.meta.get("type", "")
        entry_type = (
            "article"
            if kind in _JOURNAL_TYPES or kind == "article"
            else "inproceedings"
            if paper.venue and paper.kind == "paper"
            else "misc"
        )
        if paper.kind == "lecture":
            entry_type = "misc"
        fields = [Field("title", _text(paper.title)), Field("abstract", _text(paper.abstract))]
        if paper.authors:
            fields.append(Field("author", _text(" and ".join(paper.authors))))
        if paper.year:
            fields.append(Field("year", str(paper.year)))
        if paper.venue:
            fields.append(Field("journal" if entry_type == "article" else "booktitle", _text(paper.venue)))
        if paper.meta.get("doi"):
            fields.append(Field("doi", _balanced(paper.meta["doi"])))
        if paper.url:
            fields.append(Field("url", _balanced(paper.url)))
        library.add(Entry(entry_type, citation_key(paper, taken), fields))
    return bibtexparser.write_string(library)


_SPECIAL = re.compile(r"(?<!\\)([%&#])")  # BibTeX reads an unescaped % as a comment, even in braces


def _text(text: str) -> str:
    """A text field's value for BibTeX (the writer adds the enclosing braces): %, & and # escaped
    outside math, braces balanced."""
    parts = re.split(r"(\$[^$]*\$)", text)
    return _balanced("".join(p if p.startswith("$") else _SPECIAL.sub(r"\\\1", p) for p in parts))


def _balanced(text: str) -> str:
    """`text` with an unmatched brace dropped (BibTeX cannot read one)."""
    depth, out = 0, []
    for ch in text:
        if ch == "{":
            depth += 1
        elif ch == "}":
            if depth == 0:
                continue
            depth -= 1
        out.append(ch)
    return "".join(out) + "}" * depth
