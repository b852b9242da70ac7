"""The distilled student: trained on the corpus's own text it moves toward the teacher's vectors,
it is written as a model folder every embedder loads, and its vectors are their own space."""

from __future__ import annotations

import json

import numpy as np
import pytest
from test_cli import rag

from rag.embedding.base import model_label, packaged_model_path
from rag.embedding.distil import Recipe, _sample, distil, manifest, training_texts
from rag.embedding.minilm import MiniLMEmbedder
from rag.embedding.onnx import OnnxEmbedder
from rag.index.chunking import chunk


@pytest.fixture(scope="module")
def teacher():
    embedder = OnnxEmbedder("onnx", workers=1)
    yield embedder
    embedder.close()


@pytest.fixture(scope="module")
def papers(seed_papers):
    return [p for p in seed_papers if not p.sections][:10]


def test_training_texts_hold_the_passages_ingest_embeds_and_question_forms(papers, teacher):
    texts = training_texts(papers, teacher, seed=3)
    passages = [c.embedding_text() for p in papers for c in chunk(p, teacher)]
    assert set(passages) <= set(texts)
    assert {p.title for p in papers} <= set(texts)
    assert any(t.endswith("?") and len(t.split()) < 20 for t in texts)
    assert len(texts) == len(set(texts)) and texts == training_texts(papers, teacher, seed=3)


def test_sampling_a_large_corpus_is_even_and_keeps_order():
    got = _sample(iter(range(10_000)), 400, seed=1)
    assert len(got) == 400 and got == sorted(got) and got == _sample(range(10_000), 400, seed=1)
    assert 0.4 < sum(x < 5_000 for x in got) / 400 < 0.6
    assert _sample(range(5), 400, seed=1) == [0, 1, 2, 3, 4]


@pytest.mark.long(55)
def test_student_learns_toward_the_teacher_and_is_its_own_vector_space(papers, teacher, tmp_path):
    out = tmp_path / "student"
    report = distil(papers, out, Recipe(max_steps=40, batch_tokens=1024, mixed=8, held_out=0.1), teacher=teacher)
    assert report.steps == 40
    assert report.cosine_after > report.cosine_before + 0.01, report
    config = json.loads((out / "config.json").read_text())
    assert config["num_hidden_layers"] == 3
    assert manifest(out)["recipe"]["layers"] == [0, 2, 5] and manifest(packaged_model_path()) is None
    assert not list(tmp_path.glob("*.tmp")) and not list(tmp_path.glob("*.old"))

    student = OnnxEmbedder("onnx-int8", model_path=str(out), cache=tmp_path / "cache", workers=1)
    vectors = student.embed(["robust overfitting in adversarial training", "certified defences"])
    assert vectors.shape == (2, 384) and np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-4)
    assert model_label(str(out)).startswith("student-") and student.name == f"{model_label(str(out))}-onnx-int8"
    assert student.name != OnnxEmbedder("onnx-int8").name
    assert MiniLMEmbedder(str(out)).name == model_label(str(out)) != MiniLMEmbedder().name


@pytest.mark.long(30)
def test_cli_distils_from_files_and_says_how_to_use_the_student(tmp_path):
    corpus = tmp_path / "mine.jsonl"
    lines = [
        {
            "title": f"Paper {i} on robustness",
            "abstract": "We study adversarial robustness of image "
            f"classifiers under perturbation budget {i}. Our defence trains on worst-case inputs. It improves "
            "certified accuracy.",
        }
        for i in range(12)
    ]
    corpus.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    out = tmp_path / "student"
    done = rag("distil", str(corpus), "--out", str(out), "--epochs", "0.01", "--json", home=tmp_path / "h")
    report = json.loads(done.stdout)
    assert report["out"] == str(out) and report["steps"] == 1 and report["texts"] >= 20
    assert (out / "model.safetensors").exists() and (out / "tokenizer.json").exists()
    plain = rag("distil", str(corpus), "--out", str(out), "--epochs", "0.01", home=tmp_path / "h")
    assert f"RAG_MODEL_PATH={out} RAG_EMBEDDER=onnx-int8" in plain.stdout
