"""Parsers for the page formats the seed corpus was scraped in.

Each parser takes the file's lines and yields `Paper` records with their source line, and
reports what it had to skip. Four formats:

- `table`: a tab-separated table (number, venue, title, abstract) under a year line; a row
  may be broken over several lines whose continuation lines start with a tab and carry the
  rest of each column.
- `session`: a conference session page: time slot, presentation type, title, authors
  separated by " · ", abstract.
- `trending`: a list page: title line, abstract line, with page chrome around them.
- `slides`: a lecture in markdown, one slide per `# ` heading: one document, many sections.

Format detection is by content (`sniff`), so a file's name does not matter.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from rag.corpus.cleaning import canonical_venue, clean_text, tidy_title
from rag.corpus.files import read_lines
from rag.corpus.models import Paper, Section, SourceRef, paper_id
from rag.corpus.problems import LoadReport

_TIME_SLOT = re.compile(r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} \w{3}\.? .*\d{1,2}:\d{2}")
_PRESENTATION = {"Oral", "Spotlight", "Poster", "Talk", "Keynote"}
_CHROME = re.compile(
    r"^(new|subscribe|get trending papers in your email inbox.*|by\s?ak and the research community"
    r"|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{1,2}(, \d{4})?)$",
    re.IGNORECASE,
)
_TERM = re.compile(r"\b(Spring|Summer|Fall|Autumn|Winter) (\d{4})\b")
_SMALL_WORDS = {"a", "an", "and", "for", "in", "of", "on", "the", "to"}
_MAX_TITLE_CHARS = 300
_MIN_ABSTRACT_CHARS = 120


def sniff(lines: list[str]) -> str | None:
    """Which seed format these lines are in, or None if none fits."""
    head = [ln for ln in lines[:40] if ln.strip()]
    if any(ln.startswith("SL N.O\t") or re.match(r"^\d+\t", ln) for ln in head):
        return "table"
    if any(_TIME_SLOT.match(ln.strip()) for ln in lines) and any(ln.strip() in _PRESENTATION for ln in lines):
        return "session"
    if any(ln.lower().startswith("get trending papers") for ln in head):
        return "trending"
    if sum(ln.startswith("# ") for ln in lines) >= 2:
        return "slides"
    return None


def _paper(title: str, abstract: str, file: str, line: int, **fields) -> Paper:
    title = tidy_title(title)
    return Paper(
        id=paper_id(title),
        title=title,
        abstract=clean_text(abstract),
        sources=[SourceRef(file=file, line=line)],
        **fields,
    )


def parse_table(lines: list[str], file: str, report: LoadReport, defaults: dict) -> Iterator[Paper]:
    """A tab-separated table whose rows may continue on lines that start with a tab."""
    year = defaults.get("year")
    rows: list[tuple[int, list[str]]] = []  # (line number, [number, venue, title, abstract])
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\n")
        if not line.strip():
            continue
        if re.fullmatch(r"\s*(19|20)\d{2}\s*", line):
            year = int(line.strip())
        elif line.startswith("SL N.O"):
            continue
        elif re.match(r"^\d+\t", line):
            cells = line.split("\t")
            rows.append((number, cells[:3] + ["\t".join(cells[3:])]))
        elif line.startswith("\t") and rows:
            cells = line.split("\t")
            cells = cells[:3] + ["\t".join(cells[3:])]
            for column, fragment in enumerate(cells[1:], start=1):
                if fragment.strip():
                    rows[-1][1][column] = f"{rows[-1][1][column]} {fragment}".strip()
        else:
            report.add(file, number, "not a table row or continuation; skipped")
    for number, (_, venue, title, abstract) in rows:
        if not title.strip() or not clean_text(abstract):
            report.add(file, number, "row has no title or no abstract; skipped")
            continue
        yield _paper(title, abstract, file, number, venue=canonical_venue(venue) or defaults.get("venue"), year=year)


def parse_session(lines: list[str], file: str, report: LoadReport, defaults: dict) -> Iterator[Paper]:
    """A session page: a time slot line opens each talk; then type, title, authors, abstract."""
    blocks: list[list[tuple[int, str]]] = []
    session = None
    for number, raw in enumerate(lines, start=1):
        text = raw.strip()
        if _TIME_SLOT.match(text):
            blocks.append([(number, text)])
        elif blocks and text:
            blocks[-1].append((number, text))
        elif text.startswith("Track ") or re.match(r"^(Session|Track) \d", text):
            session = text
    for block in blocks:
        start = block[0][0]
        body = block[1:]
        if len(body) < 4 or body[0][1] not in _PRESENTATION:
            report.add(file, start, "talk without type, title, authors and abstract; skipped")
            continue
        (_, kind), (title_line, title), (_, authors) = body[0], body[1], body[2]
        abstract = " ".join(text for _, text in body[3:])
        meta = {"presentation": kind, "time": block[0][1]}
        if session:
            meta["session"] = session
        yield _paper(
            title,
            abstract,
            file,
            title_line,
            authors=[a.strip() for a in authors.split("·") if a.strip()],
            venue=defaults.get("venue"),
            year=defaults.get("year"),
            meta=meta,
        )


def parse_trending(lines: list[str], file: str, report: LoadReport, defaults: dict) -> Iterator[Paper]:
    """Title line then abstract line, blank lines optional, page chrome skipped wherever it is."""
    content: list[tuple[int, str]] = []
    for number, raw in enumerate(lines, start=1):
        text = raw.strip()
        if re.match(r"^Subscribe[A-Z0-9]", text):  # first title glued to the button label
            text = text[len("Subscribe") :]
        if text and not _CHROME.match(text):
            content.append((number, text))
    i = 0
    while i < len(content):
        number, title = content[i]
        nxt = content[i + 1][1] if i + 1 < len(content) else ""
        if len(title) <= _MAX_TITLE_CHARS and len(nxt) >= _MIN_ABSTRACT_CHARS:
            yield _paper(title, nxt, file, number, venue=defaults.get("venue"), year=defaults.get("year"))
            i += 2
        else:
            report.add(file, number, "expected a title line followed by an abstract line; skipped")
            i += 1


def parse_slides(lines: list[str], file: str, report: LoadReport, defaults: dict) -> Iterator[Paper]:
    """A lecture: one document whose sections are its slides (`# ` headings)."""
    slides: list[tuple[int, str, list[str]]] = []
    preamble: list[str] = []
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip()
        if line.startswith("# "):
            slides.append((number, line[2:].strip(), []))
        elif slides:
            slides[-1][2].append(line)
        else:
            preamble.append(line)
    if not slides:
        report.add(file, 1, "no `# ` slide headings found; skipped")
        return
    sections = [Section(title=_plain(title), text=_slide_text(body), line=number) for number, title, body in slides]
    first = sections[0]
    front = preamble + slides[0][2]
    meta = _lecture_meta(front) | {k: str(v) for k, v in defaults.get("meta", {}).items()}
    title = defaults.get("title") or _lecture_title(sections)
    overview = " ".join(s.title if s.title[-1] in ".?!:" else f"{s.title}." for s in sections[1:] if s.title)
    year = defaults.get("year") or (int(m.group(2)) if (m := _TERM.search(meta.get("term", ""))) else None)
    yield Paper(
        id=paper_id(title),
        title=title,
        abstract=clean_text(overview),
        kind="lecture",
        authors=[meta["lecturer"]] if "lecturer" in meta else [],
        venue=defaults.get("venue") or "Lecture",
        year=year,
        sources=[SourceRef(file=file, line=first.line)],
        sections=sections,
        meta=meta,
    )


def _plain(text: str) -> str:
    """Markdown emphasis and links reduced to their words."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", " ", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<(https?://[^>]+)>", r"\1", text)
    return " ".join(re.sub(r"[*_`]+", "", text).split())


def _slide_text(body: list[str]) -> str:
    kept = [_plain(ln.lstrip("#-> ").strip()) for ln in body if ln.strip() and ln.strip() != "---"]
    return " ".join(k for k in kept if k)


def _lecture_title(sections: list[Section]) -> str:
    head = sections[0].title
    if head.isupper():  # "ADVANCED TOPICS IN COMPUTER VISION" -> "Advanced Topics in Computer Vision"
        words = [w.capitalize() for w in head.split()]
        head = " ".join([words[0]] + [w.lower() if w.lower() in _SMALL_WORDS else w for w in words[1:]])
    subtitle = sections[1].title.rstrip("?") if len(sections) > 1 else ""
    return f"{head}: {subtitle}" if subtitle else head


def _lecture_meta(front: list[str]) -> dict[str, str]:
    """Lecturer, institution and term from the title slide, where they can be found."""
    meta: dict[str, str] = {}
    for raw in front:
        text = _plain(raw)
        if not text:
            continue
        if (term := _TERM.search(text)) and "term" not in meta:
            meta["term"] = term.group(0)
        elif raw.strip().startswith("**") and "lecturer" not in meta and not _TERM.search(text) and "@" not in text:
            meta["lecturer"] = text
        elif "institution" not in meta and re.search(r"\b(University|Institute|College)\b", text):
            meta["institution"] = text.split(",", 1)[-1].strip() if "," in text else text
    return meta


PARSERS = {"table": parse_table, "session": parse_session, "trending": parse_trending, "slides": parse_slides}


def parse_seed_file(path: Path, report: LoadReport, defaults: dict | None = None) -> Iterator[Paper]:
    """Parse one seed page; its format is sniffed from the content."""
    lines = read_lines(path, report)
    fmt = (defaults or {}).get("format") or sniff(lines)
    if fmt is None:
        report.add(path.name, 1, "unrecognised page format (not a table, session, trending list or slides); skipped")
        return
    yield from PARSERS[fmt](lines, path.name, report, defaults or {})
