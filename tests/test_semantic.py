"""The gate's semantic coverage: the embedders' token vectors (real model, ONNX and torch agree),
and SemanticCoverage over them: words matched by meaning, weighted by idf, the best passage
read, passages embedded once."""

from __future__ import annotations

import numpy as np
import pytest

from rag.answering.evidence import Evidence, signals
from rag.answering.semantic import SemanticCoverage
from rag.corpus.models import Paper
from rag.embedding.minilm import MiniLMEmbedder
from rag.embedding.onnx import OnnxEmbedder
from rag.retrieval.types import Hit
from rag.settings import GateSettings

STOP = {"the", "of", "a", "on", "with", "when", "are", "is", "and", "in", "to", "how", "which", "paper"}
IDF = {"robust": 1.0, "training": 0.5, "learning": 0.5}  # common words weigh less; any other word 3.0


def tokens(text: str) -> list[str]:
    return [w for w in text.lower().replace("-", " ").split() if w not in STOP]


def idf(token: str) -> float:
    return IDF.get(token, 3.0)


@pytest.fixture(scope="module")
def onnx():
    return OnnxEmbedder("onnx")


def test_token_vectors_are_unit_rows_with_spans_into_the_text(onnx):
    text = "Obfuscated gradients give a false sense of security."
    (found,) = onnx.token_vectors([text])
    assert len(found.spans) == len(found.vectors) > 5
    assert np.allclose(np.linalg.norm(found.vectors, axis=1), 1.0, atol=1e-5)
    pieces = [text[a:b] for a, b in found.spans]
    assert pieces[:3] == ["Ob", "fus", "cated"] and "security" in pieces and pieces[-1] == "."  # no [CLS] / [SEP]
    assert onnx.token_vectors([]) == []


def test_onnx_and_torch_token_vectors_agree(onnx):
    text = "Robust overfitting: test robust accuracy falls while training goes on."
    (a,) = onnx.token_vectors([text])
    (b,) = MiniLMEmbedder().token_vectors([text])
    assert a.spans == b.spans
    assert (a.vectors * b.vectors).sum(1).min() > 0.999


def test_int8_token_vectors_stay_close_to_fp32(onnx):
    text = "Interval bound propagation trains certifiably robust networks."
    (a,) = onnx.token_vectors([text])
    (b,) = OnnxEmbedder("onnx-int8").token_vectors([text])
    assert a.spans == b.spans
    assert (a.vectors * b.vectors).sum(1).mean() > 0.95


def test_words_match_by_meaning_not_spelling(onnx):
    semantic = SemanticCoverage(onnx.token_vectors, tokens, idf)
    focus = "learning when the annotations are corrupted"
    on_topic = "We train deep networks on datasets whose labels are noisy, with many mislabelled examples."
    off_topic = "A short piece of music played over the air fools a wake-word detector."
    assert semantic(focus, [on_topic]) > semantic(focus, [off_topic]) + 0.1
    assert semantic(focus, [off_topic, on_topic]) == pytest.approx(semantic(focus, [on_topic]))  # the best passage


def test_a_rare_word_no_passage_has_weighs_most(onnx):
    passage = "Adversarial training makes image classifiers robust to small perturbations."
    focus = "robust classifiers via adversarial training spectrograms"
    as_common = SemanticCoverage(onnx.token_vectors, tokens, lambda t: 0.2 if t == "spectrograms" else idf(t))
    as_rare = SemanticCoverage(onnx.token_vectors, tokens, lambda t: 9.0 if t == "spectrograms" else idf(t))
    assert as_rare(focus, [passage]) < as_common(focus, [passage]) - 0.1
    semantic = SemanticCoverage(onnx.token_vectors, tokens, idf)
    # stop words weigh nothing: the focus reads the same with or without them
    assert semantic("the robust training of a classifier", [passage]) == pytest.approx(
        semantic("robust training classifier", [passage]), abs=0.05
    )
    assert semantic("the of and", [passage]) == 0.0  # nothing to cover


def test_passages_are_embedded_once(onnx):
    calls: list[list[str]] = []

    def counted(texts):
        calls.append(list(texts))
        return onnx.token_vectors(texts)

    semantic = SemanticCoverage(counted, tokens, idf)
    passages = ["Noisy labels hurt generalisation.", "Mixup interpolates between examples."]
    first = semantic("label noise", passages)
    again = semantic("mixing examples", passages + [passages[0]])
    assert first > 0 and again > 0
    embedded = [t for c in calls for t in c]
    assert sorted(t for t in embedded if t in passages) == sorted(passages)  # each passage once, focus texts aside


def _evidence(text: str, coverage: float) -> Evidence:
    paper = Paper(id=text[:8], title=text[:20], abstract=text)
    return Evidence(Hit(paper=paper, rank=1, score=1.0, passage=text, chunk_id=text[:8]), 0.5, coverage)


def test_the_gate_reads_the_first_passages_semantic_coverage():
    evidence = [_evidence("first passage", 0.2), _evidence("second passage", 0.9), _evidence("third", 0.4)]
    seen: list[list[str]] = []

    def semantic(focus, passages):
        seen.append(passages)
        return 0.7

    assert signals("focus", evidence, None, semantic, depth=2).semantic == 0.7
    assert seen == [[e.hit.text for e in evidence[:2]]]  # the papers' titles and abstracts
    # without token vectors the first passages' lexical coverage stands in
    assert signals("focus", evidence, None, None, depth=1).semantic == 0.2
    assert signals("focus", evidence, None, None, depth=3).semantic == 0.9


def test_the_gate_reads_whether_the_focus_names_something_the_corpus_never_mentions():
    evidence = [_evidence("first passage", 0.2)]
    asked: list[str] = []

    def lexical(focus, n):
        asked.append(focus)
        return ["first pa"], 0.4, (["SMOTE"] if "SMOTE" in focus else [])

    assert signals("oversampling with SMOTE", evidence, lexical).absent == 1.0
    assert signals("oversampling minority classes", evidence, lexical).absent == 0.0
    assert signals("oversampling with SMOTE", evidence, None).absent == 0.0  # no lexical index: not judged
    assert asked == ["oversampling with SMOTE", "oversampling minority classes"]


def test_a_gate_needs_one_weight_per_feature():
    with pytest.raises(ValueError, match="one mean, scale and weight per feature"):
        GateSettings(features=["similarity", "coverage"], mean=[0.5], scale=[0.1], weights=[1.0])
    assert len(GateSettings().weights) == len(GateSettings().features)


def test_each_survey_candidate_weighs_its_semantic_coverage_of_the_topic_against_the_best():
    from rag.answering.evidence import candidate_signals

    evidence = [_evidence("transfer attacks on surrogate models", 0.9), _evidence("transfer learning", 0.5)]
    read: list[tuple[str, list[str]]] = []

    def semantic(focus, passages):
        read.append((focus, passages))
        return {"transfer attacks on surrogate models": 0.8, "transfer learning": 0.3}[evidence_text(passages)]

    def evidence_text(passages):
        return next(e.hit.passage for e in evidence if e.hit.text == passages[0])

    found = candidate_signals("transfer attacks", evidence, lambda phrase, text: None, semantic)
    assert [f["semantic"] for f in found] == pytest.approx([0.0, -0.5])  # the best one's is 0
    assert read == [("transfer attacks", [e.hit.text]) for e in evidence]  # each candidate's own text, once
    # without a semantic measure (an embedder with no token vectors) the lexical coverage stands in
    without = candidate_signals("transfer attacks", evidence, lambda p, t: None)
    assert [f["semantic"] for f in without] == pytest.approx([0.0, -0.4])
