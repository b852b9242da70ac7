"""Hostile input, generated: every loader, ingest and the question path, fed what users' files and
users actually contain (and worse). Invariants, whatever is generated:

- no exception escapes but the ones a front end turns into one line (CorpusError, QueryError);
- every valid record is read, and every rejected line is reported with file and line;
- after an ingest, the doc store, the vector store and BM25 hold the same chunks.
"""

from __future__ import annotations

import csv
import io
import json
import random

import pytest
from fakes import HashEmbedder
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from rag import Assistant, Settings
from rag.corpus.cleaning import tidy_title
from rag.corpus.loaders import load
from rag.corpus.models import normalise_title
from rag.corpus.problems import CorpusError, LoadReport
from rag.corpus.seeds import parse_seed_file
from rag.index.ingest import disagreements
from rag.retrieval.types import QueryError

WORDS = st.sampled_from(
    "robust adversarial training graph networks certified defense noisy labels transformer optimizer "
    "benchmark distribution shift calibration pruning sparse attention diffusion".split()
)
# text a title may hold: words, then the characters real exports carry
TITLE_WORDS = st.lists(WORDS, min_size=2, max_size=6).map(" ".join)
ODD = st.sampled_from(["\x1b[31m", "\u202e", "\u200b", "\x00", "\u2028", "\t", "é", "Ж", "<b>", "$\\ell_2$", "\\%"])
ABSTRACT = st.lists(WORDS, min_size=8, max_size=40).map(lambda ws: " ".join(ws) + ".")


@st.composite
def valid_record(draw, n: int) -> dict:
    title = f"{draw(TITLE_WORDS)} {draw(ODD)} number {n}"  # unique per record: each must be indexed
    record = {"title": title, "abstract": draw(ABSTRACT)}
    if draw(st.booleans()):
        record["authors"] = draw(st.one_of(st.lists(TITLE_WORDS, max_size=3), TITLE_WORDS))
    if draw(st.booleans()):
        record["year"] = draw(st.one_of(st.integers(1950, 2030), st.integers(1950, 2030).map(str)))
    return record


BAD_LINES = st.sampled_from(
    [
        b"\xff\xfe not utf-8 \x80",
        b'{"title": "broken',
        b"[1, 2, 3]",
        b'"just a string"',
        b'{"title": 42, "abstract": "numbers where text belongs in the title"}',
        b'{"title": ["a", "list"], "abstract": "a list where the title belongs"}',
        b'{"title": "No Abstract Here"}',
        b'{"title": "!!! ???", "abstract": ""}',
        b'{"title": "   ", "abstract": "a title that is only spaces"}',
        b'{"title": "Year Nonsense Paper", "abstract": "year is wrong", "year": "soon"}',
        b'{"title": "Id Object Paper", "abstract": "the id is an object", "id": {"a": 1}}',
        b"[" * 5000 + b"]" * 5000,
        b"\x00\x00\x00",
    ]
)


@st.composite
def jsonl_file(draw):
    """(file bytes, the valid titles it holds, the 1-based lines that must be reported)."""
    valid = [draw(valid_record(i)) for i in range(draw(st.integers(1, 6)))]
    bad = draw(st.lists(BAD_LINES, max_size=5))
    lines: list[tuple[bytes, bool]] = [(json.dumps(r, ensure_ascii=draw(st.booleans())).encode(), True) for r in valid]
    lines += [(b, False) for b in bad]
    random.Random(draw(st.integers(0, 10**6))).shuffle(lines)
    ending = draw(st.sampled_from([b"\n", b"\r\n"]))
    data = (b"\xef\xbb\xbf" if draw(st.booleans()) else b"") + ending.join(line for line, _ in lines) + ending
    reported = [i for i, (_, ok) in enumerate(lines, start=1) if not ok]
    return data, [r["title"] for r in valid], reported


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(jsonl_file())
def test_jsonl_reads_every_valid_record_and_reports_every_bad_line(tmp_path, case):
    data, titles, bad_lines = case
    path = tmp_path / "mine.jsonl"
    path.write_bytes(data)
    report = LoadReport()
    papers = load([path], report)
    read = {p.key for p in papers}
    assert {normalise_title(tidy_title(t)) for t in titles} <= read
    assert sorted(p.line for p in report.problems) == bad_lines
    assert all(p.file == "mine.jsonl" for p in report.problems)
    for paper in papers:  # nothing invisible or a terminal escape survives into what is stored
        stored = paper.title + paper.abstract + "".join(paper.authors)
        assert not any(c in stored for c in "\x1b\u202e\u200b\x00")


@st.composite
def csv_file(draw):
    valid = [draw(valid_record(i)) for i in range(draw(st.integers(1, 5)))]
    rows = []
    for r in valid:
        out = io.StringIO()
        abstract = r["abstract"] if not draw(st.booleans()) else r["abstract"].replace(" ", "\n", 1)  # a line break
        csv.writer(out).writerow([r["title"], abstract, r.get("year", "")])
        rows.append((out.getvalue().rstrip("\r\n"), True))
    for _ in range(draw(st.integers(0, 3))):
        rows.append(
            (
                draw(
                    st.sampled_from(
                        ['"an unclosed quote, abstract text', "too,many,fields,here,really", '"only one field"']
                    )
                ),
                False,
            )
        )
    random.Random(draw(st.integers(0, 10**6))).shuffle(rows)
    return "title,abstract,year\n" + "\n".join(r for r, _ in rows) + "\n", [r["title"] for r in valid], rows


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(csv_file())
def test_csv_keeps_every_valid_row_whatever_the_bad_rows_around_it(tmp_path, case):
    text, titles, rows = case
    path = tmp_path / "list.csv"
    path.write_text(text, encoding="utf-8")
    report = LoadReport()
    papers = load([path], report)
    assert {normalise_title(tidy_title(t)) for t in titles} <= {p.key for p in papers}
    bad = sum(1 for _, ok in rows if not ok)
    assert len(report.problems) >= bad and all(p.line >= 2 for p in report.problems)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=3000), st.sampled_from([".txt", ".md", ".jsonl", ".csv", ".json", ".bib"]))
@example(b"\r\xc2\x80", ".csv")  # a carriage return in a CSV header: the csv module raised, uncaught
def test_random_bytes_in_any_corpus_format_are_reported_never_a_crash(tmp_path, data, suffix):
    path = tmp_path / f"blob{suffix}"
    path.write_bytes(data)
    report = LoadReport()
    try:
        load([path], report)
    except CorpusError as exc:  # a file-level error the CLI prints as one line
        assert str(path.name) in str(exc)
    if suffix in (".txt", ".md"):
        list(parse_seed_file(path, LoadReport()))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=400) | st.sampled_from(["\u202e\u202e", "\x1b[31m", "?" * 10, "robust " * 100_000]))
def test_any_question_is_planned_searched_and_answered_or_a_clear_error(fake_ingested, question):
    assistant = fake_ingested
    try:
        read = assistant.plan(question)
        answer = assistant.ask(question)
    except QueryError:
        return
    assert read.question and len(read.question) <= assistant.settings.answer.max_question_chars
    assert answer.text and (answer.refused or answer.citations or answer.plan.intent == "corpus_size")
    for hit in assistant.search(question[:300] or "x", 5) if question.strip("?\u202e\x1b[31m ") else []:
        assert hit.paper.id


@st.composite
def bib_file(draw):
    entries, titles = [], []
    for i in range(draw(st.integers(1, 5))):
        title = f"{draw(TITLE_WORDS)} {{Cap}} number {i}"
        titles.append(title.replace("{", "").replace("}", ""))
        entries.append(
            f"@article{{key{i},\n  title = {{{title}}},\n  author = {{Tram{{\\`e}}r, Florian and Doe, "
            f"Jane}},\n  abstract = {{{draw(ABSTRACT)} 12\\% {draw(ODD).replace('{', '').replace('}', '')}}},"
            f"\n  year = {draw(st.integers(1990, 2030))},\n}}\n"
        )
    for bad in draw(
        st.lists(
            st.sampled_from(
                [
                    "@article{open,\n  title = {never closed,\n",
                    "@misc{noabs, title={x}}\n",
                    "@@@ garbage ###\n",
                    '@string{x = "unterminated\n',
                ]
            ),
            max_size=3,
        )
    ):
        entries.insert(draw(st.integers(0, len(entries))), bad)
    return "\n".join(entries), titles


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(bib_file())
def test_bibtex_keeps_every_complete_entry_whatever_surrounds_it(tmp_path, case):
    text, titles = case
    path = tmp_path / "refs.bib"
    path.write_text(text, encoding="utf-8")
    papers = load([path], LoadReport())
    read = {p.key for p in papers}
    missing = {normalise_title(tidy_title(t)) for t in titles} - read
    # an unclosed entry may swallow the next one (BibTeX has no line structure to resync on)
    assert len(missing) <= text.count("never closed")
    assert all(p.authors == ["Florian Tramèr", "Jane Doe"] for p in papers)


@pytest.fixture(scope="module")
def fake_ingested(tmp_path_factory):
    home = tmp_path_factory.mktemp("fake-home")
    corpus = home / "corpus.jsonl"
    corpus.write_text(
        "\n".join(
            json.dumps(
                {
                    "title": f"Robust {w} Paper {i}",
                    "abstract": f"We study robust {w} methods and adversarial training number {i}.",
                }
            )
            for i, w in enumerate("graph vision language audio tabular".split())
        )
    )
    assistant = Assistant(Settings(home=home / "index", corpus=[corpus]), embedder=HashEmbedder())
    assistant.ingest(progress=False)
    return assistant


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(jsonl_file(), st.lists(st.sampled_from(["dup-1", "dup-2", None]), min_size=1, max_size=4))
def test_ingest_indexes_every_valid_record_and_the_three_stores_agree(tmp_path_factory, case, ids):
    data, titles, _ = case
    home = tmp_path_factory.mktemp("ingest")
    path = home / "corpus.jsonl"
    extra = b"".join(
        json.dumps({"title": f"Identified Paper {n}", "abstract": "graph robustness under attack.", "id": i}).encode()
        + b"\n"
        for n, i in enumerate(ids)
        if i is not None
    )
    path.write_bytes(data + extra)
    assistant = Assistant(Settings(home=home / "index", corpus=[path]), embedder=HashEmbedder())
    report = assistant.ingest(progress=False)
    indexed = {normalise_title(p.title) for p in assistant.papers()}
    assert {normalise_title(tidy_title(t)) for t in titles} <= indexed
    given_ids = [i for i in ids if i is not None]
    assert len({p.id for p in assistant.papers()} & set(given_ids)) == len(set(given_ids))  # each id once
    assert sum("already the id of another document" in p.message for p in report.problems) == (
        len(given_ids) - len(set(given_ids))
    )
    assert disagreements(assistant.docs, assistant.vectors, assistant.home / "bm25") == []


def test_a_ten_megabyte_line_is_read_and_indexed(tmp_path):
    path = tmp_path / "huge.jsonl"
    abstract = ("robust graph training under adversarial attack. " * 210_000)[:10_000_000]
    path.write_text(
        json.dumps({"title": "A Very Long Abstract", "abstract": abstract})
        + "\n"
        + json.dumps({"title": "A Short One", "abstract": "graph robustness."})
        + "\n"
    )
    assistant = Assistant(Settings(home=tmp_path / "index", corpus=[path]), embedder=HashEmbedder())
    report = assistant.ingest(progress=False)
    titles = {p.title for p in assistant.papers()}
    assert titles == {"A Very Long Abstract", "A Short One"}
    assert any("cut to its first" in p.message for p in report.problems)  # said, not silently truncated
    assert disagreements(assistant.docs, assistant.vectors, assistant.home / "bm25") == []
