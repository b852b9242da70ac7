"""User corpora: JSONL, CSV and the arXiv snapshot format; bad lines reported and skipped."""

from __future__ import annotations

import json

import pytest

from rag.corpus.loaders import load
from rag.corpus.problems import CorpusError, LoadReport

ABSTRACT = "We study a thing in depth and find that it works well across many settings and data sets."


def test_jsonl_with_malformed_lines_keeps_the_rest(tmp_path):
    path = tmp_path / "mine.jsonl"
    path.write_text(
        "\n".join(
            [
                json.dumps(
                    {
                        "title": "Good One",
                        "abstract": ABSTRACT,
                        "authors": ["A. Author", "B. Author"],
                        "year": 2021,
                        "venue": "ICLR",
                        "url": "https://example.org/1",
                    }
                ),
                "{not json",
                json.dumps({"title": "No Abstract"}),
                json.dumps(["a", "list"]),
                "",
                json.dumps({"title": "Bad Year", "abstract": ABSTRACT, "year": "soon"}),
                json.dumps({"id": "my-2", "title": "Good Two", "abstract": ABSTRACT, "authors": "C. One and D. Two"}),
            ]
        )
        + "\n"
    )
    report = LoadReport()
    papers = load([path], report)
    assert [p.title for p in papers] == ["Good One", "Good Two"]
    assert papers[0].authors == ["A. Author", "B. Author"] and papers[0].year == 2021 and papers[0].venue == "ICLR"
    assert papers[1].id == "my-2" and papers[1].authors == ["C. One", "D. Two"]
    assert [(p.file, p.line) for p in report.problems] == [
        ("mine.jsonl", 2),
        ("mine.jsonl", 3),
        ("mine.jsonl", 4),
        ("mine.jsonl", 6),
    ]
    assert "invalid JSON" in report.problems[0].message
    assert "abstract" in report.problems[1].message
    assert "year" in report.problems[3].message


def test_csv_reports_rows_with_their_line(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text(
        "Title,Abstract,Year,Authors\n"
        f'"A CSV Paper","{ABSTRACT}",2020,"X. Y; Z. W"\n'
        f'"Missing Abstract",,2020,\n'
        f'"Multi-line abstract","{ABSTRACT}\nstill the same field",2019,\n'
        "too,many,fields,here,really\n"
        f'"Last","{ABSTRACT}",,\n'
    )
    report = LoadReport()
    papers = load([path], report)
    assert [p.title for p in papers] == ["A CSV Paper", "Multi-line abstract", "Last"]
    assert papers[0].authors == ["X. Y", "Z. W"] and papers[0].year == 2020
    assert papers[1].abstract.endswith("still the same field")
    assert [(p.line, p.message.split(" (")[0]) for p in report.problems] == [
        (3, "missing or empty `abstract`"),
        (6, "malformed CSV row"),
    ]


def test_csv_without_title_column_is_a_clear_error(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("name,summary\nx,y\n")
    with pytest.raises(CorpusError, match="title"):
        load([path])


def test_arxiv_snapshot_format(tmp_path):
    path = tmp_path / "arxiv-sample.json"
    records = [
        {
            "id": "2101.00001",
            "submitter": "A",
            "authors": "Ann Lee, Bo Chen and Cy Dee",
            "title": "Robust Things\n  Under Shift",
            "comments": None,
            "journal-ref": None,
            "doi": None,
            "categories": "cs.LG stat.ML",
            "license": None,
            "abstract": "  We show that robust things\nbehave well under distribution shift in many cases we tried.\n",
            "versions": [{"version": "v1", "created": "Fri, 1 Jan 2021 00:00:00 GMT"}],
            "update_date": "2021-01-05",
            "authors_parsed": [["Lee", "Ann", ""]],
        },
        {"id": "2101.00002", "title": "", "abstract": "x", "categories": "cs.CV", "update_date": "2021-01-06"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    report = LoadReport()
    [paper] = load([path], report)
    assert paper.id == "2101.00001"
    assert paper.title == "Robust Things Under Shift"
    assert paper.abstract.startswith("We show that robust things behave well")
    assert paper.authors == ["Ann Lee", "Bo Chen", "Cy Dee"]
    assert (paper.venue, paper.year, paper.url) == ("arXiv", 2021, "https://arxiv.org/abs/2101.00001")
    assert paper.meta["categories"] == "cs.LG stat.ML"
    assert report.problems[0].line == 2 and "title" in report.problems[0].message


def test_latex_text_markup_is_read_as_text_and_math_is_kept(tmp_path):
    """arXiv abstracts are LaTeX source: answers quoted "10\\%" and "Evo\\textbf{Lved Sign Momentum}"."""
    path = tmp_path / "mine.jsonl"
    abstract = (
        r"We train with only 10\% of the classes and R\&D budgets. Our optimizer, Lion (Evo\textbf{Lved Sign "
        r"Momentum}), is \emph{simple}; robust under $\ell_\infty$ attacks of size $8/255$ on \texttt{CIFAR}."
    )
    path.write_text(json.dumps({"title": "A Paper", "abstract": abstract}) + "\n")
    [paper] = load([path])
    assert paper.abstract == (
        "We train with only 10% of the classes and R&D budgets. Our optimizer, Lion (EvoLved Sign "
        r"Momentum), is simple; robust under $\ell_\infty$ attacks of size $8/255$ on CIFAR."
    )


def test_unreadable_files_are_clear_errors(tmp_path):
    with pytest.raises(CorpusError, match="no such file"):
        load([tmp_path / "missing.jsonl"])
    binary = tmp_path / "blob.jsonl"  # not UTF-8: reported by line, the file's other lines still read
    binary.write_bytes(b"\xff\xfe\x00garbage\n" + json.dumps({"title": "After It", "abstract": ABSTRACT}).encode())
    report = LoadReport()
    assert [p.title for p in load([binary], report)] == ["After It"]
    assert [(p.line, p.message.split(" (")[0]) for p in report.problems] == [(1, "not UTF-8 text")]
    odd = tmp_path / "paper.pdf"
    odd.write_bytes(b"%PDF")
    with pytest.raises(CorpusError, match="unsupported corpus format"):
        load([odd])


def test_same_title_in_two_files_is_merged(tmp_path):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.csv"
    a.write_text(json.dumps({"title": "Shared Paper", "abstract": ABSTRACT}) + "\n")
    b.write_text(f'title,abstract,year\n"shared paper!","{ABSTRACT}",2022\n')
    report = LoadReport()
    [paper] = load([a, b], report)
    assert [str(s) for s in paper.sources] == ["a.jsonl:1", "b.csv:2"]
    assert paper.year == 2022 and report.duplicates == 1


def test_arxiv_sample_file_loads_completely():
    from conftest import ROOT

    report = LoadReport()
    papers = load([ROOT / "tests" / "data" / "arxiv-sample.json"], report)
    assert len(papers) == 25 and report.problems == []
    assert all(p.venue == "arXiv" and p.id.startswith("9999.") and p.url.endswith(p.id) for p in papers)
    assert all(2012 <= p.year <= 2024 and p.authors for p in papers)


def test_synthetic_corpus_is_distinct_and_reproducible(tmp_path):
    import sys

    from conftest import ROOT

    sys.path.insert(0, str(ROOT))
    from bench.make_corpus import generate

    a = generate(300, tmp_path / "a.jsonl")
    b = generate(300, tmp_path / "b.jsonl")
    assert a.read_bytes() == b.read_bytes()
    report = LoadReport()
    assert len(load([a], report)) == 300 and report.duplicates == 0


def test_stream_yields_records_as_read_and_holds_back_only_duplicates(tmp_path):
    from rag.corpus.loaders import count_documents, stream

    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_text("\n".join(json.dumps({"title": f"Paper {i}", "abstract": ABSTRACT}) for i in range(5)) + "\n")
    b.write_text(
        json.dumps({"title": "paper 2!", "abstract": ABSTRACT, "year": 2020})
        + "\n"
        + json.dumps({"title": "Paper 9", "abstract": ABSTRACT})
        + "\n"
    )
    counts = count_documents([a, b])
    assert counts["paper 2"] == 2 and sum(counts.values()) == 7
    it = stream([a, b], LoadReport(), counts)
    assert next(it).title == "Paper 0"  # yielded before the rest is read
    rest = list(it)
    assert [p.title for p in rest] == ["Paper 1", "Paper 3", "Paper 4", "Paper 2", "Paper 9"]
    merged = rest[3]
    assert [str(s) for s in merged.sources] == ["a.jsonl:3", "b.jsonl:1"] and merged.year == 2020
