"""The seed corpus parsed exactly: counts, the messy rows, chrome, duplicates, and a property
that every abstract stands in its source file."""

from __future__ import annotations

import re
from collections import Counter

from conftest import SEEDS

from rag.corpus.models import normalise_title, paper_id
from rag.corpus.problems import LoadReport
from rag.corpus.seeds import parse_seed_file, parse_trending

TABLE, SESSION, TRENDING_A, SLIDES, TRENDING_B = sorted(p.name for p in SEEDS.glob("*.txt"))


def test_seed_corpus_has_260_papers_and_one_lecture(seed_load):
    papers, report = seed_load
    kinds = Counter(p.kind for p in papers)
    assert kinds == {"paper": 260, "lecture": 1}
    assert report.problems == []
    assert report.duplicates == 2
    assert len({p.id for p in papers}) == len(papers)


def test_per_file_counts(seed_papers):
    first_source = Counter(p.sources[0].file for p in seed_papers)
    assert first_source[TABLE] == 7
    assert first_source[SESSION] == 6
    assert first_source[TRENDING_A] == 191
    assert first_source[SLIDES] == 1
    assert sum(1 for p in seed_papers if TRENDING_B in p.source_files()) == 58


def test_table_rows_broken_across_lines_are_joined(by_title):
    sketch = by_title["Near Optimal Frequent Directions for Sketching Dense and Sparse Matrices"]
    assert sketch.venue == "ICML" and sketch.year == 2018
    assert "we consider the problem of computing a sketch matrix" in sketch.abstract
    assert sketch.abstract.endswith("can be improved significantly")
    group_norm = by_title["Group Normalization"]
    assert "GN has 10.6% lower error than its BN counterpart" in group_norm.abstract
    assert group_norm.abstract.endswith("implemented by a few lines of code.")
    assert "<p>" not in group_norm.abstract


def test_table_venue_typo_and_capitals(by_title):
    assert by_title["Group Normalization"].venue == "ECCV"  # "ECVV" in the file
    assert by_title["Acquisition of Localization Confidence for Accurate Object Detection"].venue == "ECCV"
    spherical = by_title["Spherical CNNs"]  # "SPHERICAL CNNs" in the file
    assert spherical.venue == "ICLR" and spherical.year == 2018
    assert by_title["Obfuscated Gradients Give a False Sense of Security"].sources[0].line == 6


def test_session_page(by_title, seed_papers):
    talks = [p for p in seed_papers if p.sources[0].file == SESSION]
    assert [p.meta["presentation"] for p in talks] == ["Oral"] + ["Spotlight"] * 5
    assert all(p.venue == "NeurIPS" and p.year == 2019 for p in talks)
    tramer = by_title["Adversarial Training and Robustness for Multiple Perturbations"]
    assert tramer.authors == ["Florian Tramer", "Dan Boneh"]
    salman = by_title["Provably Robust Deep Learning via Adversarially Trained Smoothed Classifiers"]
    assert salman.authors[0] == "Hadi Salman" and len(salman.authors) == 7
    assert salman.abstract.startswith("Recent works have shown the effectiveness of randomized smoothing")


def test_first_title_of_trending_page_is_unglued_from_subscribe(seed_papers):
    first = next(p for p in seed_papers if p.sources[0].file == TRENDING_A and p.sources[0].line == 3)
    assert first.title.startswith("Label Distributionally Robust Losses for Multi-class Classification")
    assert not any(p.title.lower().startswith("subscribe") for p in seed_papers)


def test_trending_page_chrome_is_not_a_paper(seed_papers):
    titles = {p.title for p in seed_papers}
    for chrome in [
        "new",
        "Subscribe",
        "byAK and the research community",
        "Mar 13",
        "Get trending papers in your email inbox!",
    ]:
        assert chrome not in titles
    first_b = min(
        (p for p in seed_papers if TRENDING_B in p.source_files()),
        key=lambda p: next(s.line for s in p.sources if s.file == TRENDING_B),
    )
    assert (
        first_b.title
        == "Microbial Genetic Algorithm-based Black-box Attack against Interpretable Deep Learning Systems"
    )


def test_duplicate_pair_is_one_document_with_both_sources(seed_papers):
    shared = [p for p in seed_papers if len(p.sources) == 2]
    assert sorted(p.title for p in shared) == [
        "How to Robustify Black-Box ML Models? A Zeroth-Order Optimization Perspective",
        "Refined Regret for Adversarial MDPs with Linear Function Approximation",
    ]
    for p in shared:
        assert {s.file for s in p.sources} == {TRENDING_A, TRENDING_B}


def test_lecture_is_one_document_with_slides(seed_papers):
    lecture = next(p for p in seed_papers if p.kind == "lecture")
    assert lecture.title.startswith("Advanced Topics in Computer Vision")
    assert lecture.meta["lecturer"] == "Atlas Wang"
    assert lecture.meta["institution"] == "The University of Texas at Austin"
    assert lecture.meta["term"] == "Spring 2021"
    assert len(lecture.sections) == 94
    fgsm = next(s for s in lecture.sections if s.title == "The Fast Gradient Sign Method (FGSM)")
    assert fgsm.line == 1228
    assert lecture.sections[0].line == 5


def test_ids_are_stable_and_derived_from_title(seed_papers):
    for p in seed_papers:
        assert p.id == paper_id(p.title)
    assert paper_id("Group  Normalization!") == paper_id("group normalization")


def _flat(text: str) -> str:
    """Markup (HTML paragraphs; LaTeX escapes and text commands, "10\\%", "\\emph{x}") and all white
    space removed: what 'verbatim modulo whitespace/markup' compares."""
    text = re.sub(r"\\(?:textbf|textit|textsc|texttt|textrm|emph|underline)\{([^{}$]*)\}", r"\1", text)
    text = re.sub(r"\\([%&_#])", r"\1", text)
    return re.sub(r"\s+", "", re.sub(r"</?p>", "", text))


def _pieces_needed(needle: str, haystack: str) -> int:
    """How many in-order substrings of `haystack` it takes to spell `needle` (0 = cannot)."""
    pieces, start = 0, 0
    while needle:
        size = len(needle)
        while size and haystack.find(needle[:size], start) < 0:
            size -= 1
        if size < 20 and size != len(needle):
            return 0
        start = haystack.find(needle[:size], start) + size
        needle = needle[size:]
        pieces += 1
    return pieces


def test_every_abstract_stands_verbatim_in_its_seed_file(seed_papers):
    files = {p.name: _flat(p.read_text()) for p in SEEDS.glob("*.txt")}
    for paper in seed_papers:
        if paper.kind == "lecture":
            continue
        text = files[paper.sources[0].file]
        pieces = _pieces_needed(_flat(paper.abstract), text)
        # one piece, except the table row whose abstract is broken by other columns' text
        allowed = 2 if paper.title.startswith("Near Optimal Frequent Directions") else 1
        assert 1 <= pieces <= allowed, f"{paper.title}: abstract not found as in {paper.sources[0]}"


def test_every_title_stands_in_its_seed_file(seed_papers):
    for paper in seed_papers:
        if paper.kind == "lecture":
            continue
        raw = normalise_title((SEEDS / paper.sources[0].file).read_text())
        if paper.title.startswith("Near Optimal Frequent"):  # split over two table lines
            assert "near optimal frequent" in raw and "directions for sketching dense and sparse matrices" in raw
        else:
            assert normalise_title(paper.title) in raw, paper.title


def test_trending_parser_reports_orphan_lines(tmp_path):
    report = LoadReport()
    lines = ["Subscribe", "A Title Without Abstract", "Another Title", "x" * 400, "Short orphan"]
    papers = list(parse_trending(lines, "t.txt", report, {}))
    assert [p.title for p in papers] == ["Another Title"]
    assert [(p.line, p.file) for p in report.problems] == [(2, "t.txt"), (5, "t.txt")]


def test_unrecognised_page_is_reported_not_fatal(tmp_path):
    page = tmp_path / "notes.txt"
    page.write_text("just some notes\nwith no structure\n")
    report = LoadReport()
    assert list(parse_seed_file(page, report)) == []
    assert report.problems[0].file == "notes.txt" and "unrecognised" in report.problems[0].message
