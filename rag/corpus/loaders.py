"""Reading a corpus from disk: seed pages, the user's JSONL/CSV files, arXiv metadata dumps.

`load(paths)` is the entry point: it walks files and folders, picks a reader per file,
merges records that are the same document (same normalised title) into one with all its
sources, and records every skipped line in the `LoadReport` instead of stopping.

A folder may hold `manifest.json` giving per-file defaults the pages themselves lack
(`{"files": {"name.txt": {"venue": "NeurIPS", "year": 2019}}}`).
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from rag.corpus.bibliography import is_csl_json, load_bibtex, load_csl_json
from rag.corpus.cleaning import YEARS, clean_text, cut_abstract, tidy_title
from rag.corpus.files import read_lines
from rag.corpus.models import Paper, SourceRef, paper_id
from rag.corpus.problems import CorpusError, LoadReport
from rag.corpus.seeds import parse_seed_file
from rag.text.invisible import visible

MANIFEST = "manifest.json"
_JSON_SUFFIXES = {".jsonl", ".ndjson", ".json"}
_TEXT_SUFFIXES = {".txt", ".md", ".markdown"}


def corpus_files(paths: Iterable[Path | str]) -> list[Path]:
    """The corpus files named by `paths` (folders expanded, manifests and hidden files left out)."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.is_file() and _is_corpus_file(p)))
        elif path.exists():
            files.append(path)
        else:
            raise CorpusError(f"{path}: no such file or folder")
    return files


def _is_corpus_file(path: Path) -> bool:
    return (
        not path.name.startswith(".")
        and path.name != MANIFEST
        and path.suffix.lower() in _JSON_SUFFIXES | _TEXT_SUFFIXES | {".csv", ".tsv", ".bib"}
    )


def _manifest(folder: Path) -> dict[str, dict]:
    path = folder / MANIFEST
    if not path.exists():
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8")).get("files", {})
    except (json.JSONDecodeError, AttributeError) as exc:
        raise CorpusError(f'{path}: not a valid manifest ({exc}); expected {{"files": {{name: defaults}}}}') from None


def load_file(path: Path, report: LoadReport) -> Iterator[Paper]:
    """The records of one file, whatever its format."""
    suffix = path.suffix.lower()
    if suffix == ".bib":
        yield from load_bibtex(path, report)
    elif suffix == ".json" and is_csl_json(path):
        yield from load_csl_json(path, report)
    elif suffix in _JSON_SUFFIXES:
        yield from load_jsonl(path, report)
    elif suffix == ".csv":
        yield from load_csv(path, report)
    elif suffix in _TEXT_SUFFIXES or suffix == ".tsv":
        yield from parse_seed_file(path, report, _manifest(path.parent).get(path.name))
    else:
        raise CorpusError(
            f"{path}: unsupported corpus format {suffix!r}; use .jsonl, .csv, .bib, CSL-JSON (.json) or a seed "
            "page (.txt/.md)"
        )


def count_documents(paths: Iterable[Path | str]) -> Counter:
    """normalised title -> how many records carry it; a first, cheap pass for `stream`."""
    counts: Counter = Counter()
    for file in corpus_files(Path(p) for p in paths):
        counts.update(paper.key for paper in load_file(file, LoadReport()))
    return counts


def stream(
    paths: Iterable[Path | str], report: LoadReport | None = None, counts: Counter | None = None
) -> Iterator[Paper]:
    """Every distinct document in `paths`, one at a time; duplicates (same normalised title) are
    merged and yielded at their last occurrence. Memory holds only the records that have a
    duplicate still to come, so a corpus of any size streams. Reads the files twice unless
    `counts` (from `count_documents`) is given."""
    report = report if report is not None else LoadReport()
    paths = [Path(p) for p in paths]
    remaining = Counter(counts) if counts is not None else count_documents(paths)
    pending: dict[str, Paper] = {}  # normalised title -> merged record waiting for its other copies
    owners: dict[str, tuple[str, str]] = {}  # paper id -> (normalised title, where it was first read)
    for file in corpus_files(paths):
        for paper in load_file(file, report):
            key = paper.key
            remaining[key] -= 1
            owner = owners.setdefault(paper.id, (key, str(paper.sources[0]) if paper.sources else "?"))
            if owner[0] != key:  # two different documents given the same explicit id: the first keeps it
                where = paper.sources[0] if paper.sources else None
                report.add(
                    where.file if where else file.name,
                    where.line if where else 0,
                    f"id {paper.id!r} is already the id of another document ({owner[1]}); skipped",
                )
                if remaining[key] <= 0 and key in pending:
                    yield pending.pop(key)
                continue
            if key in pending:
                report.duplicates += 1
                _merge(pending[key], paper)
            else:
                pending[key] = paper
            if remaining[key] <= 0:
                yield pending.pop(key)
    yield from pending.values()  # only if a file changed between the two passes


def load(paths: Iterable[Path | str], report: LoadReport | None = None) -> list[Paper]:
    """Every distinct document in `paths` as a list (see `stream`)."""
    return list(stream(paths, report))


def _merge(into: Paper, other: Paper) -> None:
    """Record `other`'s sources on `into`, and fill fields `into` lacks."""
    into.sources.extend(s for s in other.sources if s not in into.sources)
    for field in ("venue", "year", "url"):
        if getattr(into, field) is None:
            setattr(into, field, getattr(other, field))
    if not into.authors:
        into.authors = other.authors


def load_jsonl(path: Path, report: LoadReport) -> Iterator[Paper]:
    """One JSON object a line: our schema (title, abstract, optional id/authors/year/venue/url)
    or the arXiv metadata snapshot's (id, title, abstract, authors, categories, update_date)."""
    for number, line in enumerate(read_lines(path, report), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            report.add(path.name, number, f"invalid JSON ({exc.msg} at column {exc.colno}); skipped")
            continue
        except RecursionError:
            report.add(path.name, number, "JSON nested too deeply to read; skipped")
            continue
        if not isinstance(record, dict):
            report.add(path.name, number, "expected a JSON object; skipped")
            continue
        paper = _record_to_paper(record, path.name, number, report)
        if paper is not None:
            yield paper


CSV_RECORD_LINES = 200  # a quoted field may span lines; an unclosed quote is given up after this many


def load_csv(path: Path, report: LoadReport) -> Iterator[Paper]:
    """A CSV file with a header row naming at least `title` and `abstract` (any case). A quoted
    field may hold line breaks; a row whose quote never closes (within `CSV_RECORD_LINES` lines)
    or whose fields do not match the header is reported and the next line read afresh, so one
    bad row does not swallow the rows after it."""
    lines = read_lines(path, report)
    try:
        header = next(csv.reader(lines[:1]), None) if lines else None
    except csv.Error:  # a stray carriage return in the first line: no header the csv module can read
        header = None
    names = [h.strip().lower() for h in header] if header else []
    if not {"title", "abstract"} <= set(names):
        raise CorpusError(f"{path}: the header row must name `title` and `abstract` columns (found {header})")
    start = 1
    while start < len(lines):
        if not lines[start].strip():
            start += 1
            continue
        row, used = _csv_row(lines, start, len(names))
        number = start + 1
        if row is None:
            report.add(
                path.name, number, "malformed CSV row (an unclosed quote, or fields not matching the header); skipped"
            )
            start += 1
            continue
        start += used
        paper = _record_to_paper(dict(zip(names, row)), path.name, number, report)
        if paper is not None:
            yield paper


def _csv_row(lines: list[str], start: int, fields: int) -> tuple[list[str] | None, int]:
    """The CSV row starting at `lines[start]` and how many lines it spans, or (None, 1) when no
    run of up to `CSV_RECORD_LINES` lines from there is one row of `fields` fields."""
    for used in range(1, min(CSV_RECORD_LINES, len(lines) - start) + 1):
        chunk = "\n".join(lines[start : start + used])
        if chunk.count('"') % 2:  # a quoted field still open: take the next line too
            continue
        try:
            rows = list(csv.reader(line + "\n" for line in lines[start : start + used]))
        except csv.Error:
            return None, 1
        if len(rows) == 1 and len(rows[0]) == fields:
            return rows[0], used
        return None, 1
    return None, 1


def _record_to_paper(record: dict, file: str, line: int, report: LoadReport) -> Paper | None:
    """The record as a Paper, or None with the reason reported: every field is checked for its
    type, so a number or a list where text belongs is a reported problem, never a crash."""
    title, abstract = record.get("title"), record.get("abstract")
    if not isinstance(title, str) or not tidy_title(title):
        report.add(file, line, "missing or empty `title` (it must be text); skipped")
        return None
    if not isinstance(abstract, str) or not clean_text(abstract):
        report.add(file, line, "missing or empty `abstract` (it must be text); skipped")
        return None
    try:
        year = _year(record)
    except ValueError as exc:
        report.add(file, line, f"{exc}; skipped")
        return None
    title = tidy_title(title)
    arxiv = "update_date" in record or "categories" in record
    raw_id = record.get("id")
    if raw_id is not None and not isinstance(raw_id, (str, int)):
        report.add(file, line, "`id` must be text or a number; skipped")
        return None
    identifier = _safe_id(str(raw_id)) if raw_id not in (None, "") else paper_id(title)
    whole = clean_text(abstract)
    text = cut_abstract(whole)
    if len(text) < len(whole):
        report.add(
            file,
            line,
            f"`abstract` cut to its first {len(text)} characters (of {len(abstract)}); the rest is not indexed",
        )
    url = record.get("url")
    meta = {"categories": visible(str(record["categories"]))} if record.get("categories") else {}
    venue = record.get("venue")
    return Paper(
        id=identifier or paper_id(title),
        title=title,
        abstract=text,
        authors=_authors(record.get("authors")),
        venue=(visible(str(venue)).strip() or None) if venue else ("arXiv" if arxiv else None),
        year=year,
        url=(url if isinstance(url, str) and url.strip() else None)
        or (f"https://arxiv.org/abs/{raw_id}" if arxiv and raw_id else None),
        sources=[SourceRef(file=file, line=line)],
        meta=meta,
    )


def _safe_id(raw: str) -> str:
    return re.sub(r"[^0-9A-Za-z._:-]+", "-", raw.strip())


def _year(record: dict) -> int | None:
    value = record.get("year")
    if value in (None, ""):
        date = record.get("update_date")
        value = str(date)[:4] if date else None
    if value in (None, ""):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    try:
        year = int(str(value).strip())
    except ValueError:
        raise ValueError(f"`year` is not a number: {str(value)[:40]!r}") from None
    if year not in YEARS:
        raise ValueError(f"`year` out of range: {year}")
    return year


def _authors(value) -> list[str]:
    """A list of names, or one string separated by commas, semicolons, " · " or " and "."""
    if value is None:
        return []
    if isinstance(value, list):
        return [name for name in (" ".join(visible(str(a)).split()) for a in value) if name]
    parts = re.split(r"\s*(?:,|;|·|\band\b)\s*", " ".join(visible(str(value)).split()))
    return [p for p in parts if p]
