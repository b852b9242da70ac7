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

from rag.corpus.cleaning import clean_text, tidy_title
from rag.corpus.files import read_lines
from rag.corpus.models import Paper, SourceRef, paper_id
from rag.corpus.problems import CorpusError, LoadReport
from rag.corpus.seeds import parse_seed_file

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
        and path.suffix.lower() in _JSON_SUFFIXES | _TEXT_SUFFIXES | {".csv", ".tsv"}
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
    if suffix in _JSON_SUFFIXES:
        yield from load_jsonl(path, report)
    elif suffix == ".csv":
        yield from load_csv(path, report)
    elif suffix in _TEXT_SUFFIXES or suffix == ".tsv":
        yield from parse_seed_file(path, report, _manifest(path.parent).get(path.name))
    else:
        raise CorpusError(f"{path}: unsupported corpus format {suffix!r}; use .jsonl, .csv or a seed page (.txt/.md)")


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
    for file in corpus_files(paths):
        for paper in load_file(file, report):
            key = paper.key
            remaining[key] -= 1
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
    for number, line in enumerate(read_lines(path), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            report.add(path.name, number, f"invalid JSON ({exc.msg} at column {exc.colno}); skipped")
            continue
        if not isinstance(record, dict):
            report.add(path.name, number, "expected a JSON object; skipped")
            continue
        paper = _record_to_paper(record, path.name, number, report)
        if paper is not None:
            yield paper


def load_csv(path: Path, report: LoadReport) -> Iterator[Paper]:
    """A CSV file with a header row naming at least `title` and `abstract` (any case)."""
    lines = read_lines(path)
    reader = csv.DictReader(lines)
    if not reader.fieldnames or not {"title", "abstract"} <= {f.strip().lower() for f in reader.fieldnames}:
        raise CorpusError(
            f"{path}: the header row must name `title` and `abstract` columns (found {reader.fieldnames})"
        )
    row_start = 2
    for row in reader:
        number, row_start = row_start, reader.line_num + 1
        if None in row or any(v is None for v in row.values()):
            report.add(path.name, number, "wrong number of fields for the header; skipped")
            continue
        record = {k.strip().lower(): v for k, v in row.items()}
        paper = _record_to_paper(record, path.name, number, report)
        if paper is not None:
            yield paper


def _record_to_paper(record: dict, file: str, line: int, report: LoadReport) -> Paper | None:
    title, abstract = record.get("title"), record.get("abstract")
    if not isinstance(title, str) or not title.strip():
        report.add(file, line, "missing or empty `title`; skipped")
        return None
    if not isinstance(abstract, str) or not clean_text(abstract):
        report.add(file, line, "missing or empty `abstract`; skipped")
        return None
    try:
        year = _year(record)
    except ValueError as exc:
        report.add(file, line, f"{exc}; skipped")
        return None
    title = tidy_title(title)
    arxiv = "update_date" in record or "categories" in record
    raw_id = record.get("id")
    meta = {"categories": str(record["categories"])} if record.get("categories") else {}
    return Paper(
        id=_safe_id(str(raw_id)) if raw_id not in (None, "") else paper_id(title),
        title=title,
        abstract=clean_text(abstract),
        authors=_authors(record.get("authors")),
        venue=(str(record["venue"]).strip() or None) if record.get("venue") else ("arXiv" if arxiv else None),
        year=year,
        url=record.get("url") or (f"https://arxiv.org/abs/{raw_id}" if arxiv and raw_id else None),
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
    try:
        year = int(str(value).strip())
    except ValueError:
        raise ValueError(f"`year` is not a number: {value!r}") from None
    if not 1900 <= year <= 2100:
        raise ValueError(f"`year` out of range: {year}")
    return year


def _authors(value) -> list[str]:
    """A list of names, or one string separated by commas, semicolons, " · " or " and "."""
    if value is None:
        return []
    if isinstance(value, list):
        return [" ".join(str(a).split()) for a in value if str(a).strip()]
    parts = re.split(r"\s*(?:,|;|·|\band\b)\s*", " ".join(str(value).split()))
    return [p for p in parts if p]
