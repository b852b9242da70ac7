"""The embedding paths agree: ONNX fp32 reproduces the torch model, int8 stays close and does not
depend on batch neighbours, the 128-token cap of the packaged tokenizer is overridden, and the
conversion is reproducible."""

from __future__ import annotations

import hashlib
import json
import shutil

import numpy as np
import pytest

from rag.embedding.base import model_label, packaged_model_path
from rag.embedding.minilm import MiniLMEmbedder
from rag.embedding.onnx import OnnxEmbedder, convert, model_file

TEXTS = [
    "robust overfitting in adversarial training",
    "Group Normalization divides the channels into groups and computes within each group the mean and "
    "variance for normalization. " * 6,  # > 128 wordpieces
    "short",
    "Obfuscated gradients give a false sense of security.",
]


@pytest.fixture(scope="module")
def torch_vectors():
    return MiniLMEmbedder().embed(TEXTS)


def test_onnx_fp32_gives_the_torch_vectors(torch_vectors):
    onnx = OnnxEmbedder("onnx").embed(TEXTS)
    assert onnx.shape == (4, 384)
    assert np.allclose(np.linalg.norm(onnx, axis=1), 1.0, atol=1e-5)
    assert (onnx * torch_vectors).sum(1).min() > 0.9999


def test_onnx_int8_is_close_and_batch_independent(torch_vectors):
    int8 = OnnxEmbedder("onnx-int8")
    together = int8.embed(TEXTS)
    alone = np.stack([int8.embed([t])[0] for t in TEXTS])
    assert np.allclose(together, alone, atol=1e-6)
    assert (together * torch_vectors).sum(1).min() > 0.97


def test_long_text_reads_256_wordpieces_not_128():
    embedder = OnnxEmbedder("onnx")
    head = (
        "Group Normalization divides the channels into groups and computes within each group the mean and "
        "variance for normalization, so its accuracy is stable across a wide range of batch sizes. "
    ) * 2
    tail = (
        "Separately, wake-word detection systems in voice assistants can be fooled by a short piece of music "
        "played over the air, which reduces the recognition score of the commercial speaker considerably. "
    ) * 2
    assert 128 < embedder.count_tokens(head + tail) <= 254 and embedder.count_tokens(head) < 120
    both, first = embedder.embed([head + tail, head])
    assert both @ first < 0.9  # the tail past wordpiece 128 was read


def test_conversion_is_reproducible(tmp_path):
    source = packaged_model_path()
    fresh = convert(source, tmp_path / "again.onnx", "onnx-int8")
    cached = OnnxEmbedder("onnx-int8").prepare()
    assert cached == model_file(source, cached.parent, "onnx-int8")
    assert hashlib.sha1(fresh.read_bytes()).digest() == hashlib.sha1(cached.read_bytes()).digest()


MANY = [f"{t} (variant {i})" for i in range(6) for t in TEXTS]  # enough texts to use the workers


def test_worker_processes_give_the_in_process_vectors():
    here = OnnxEmbedder("onnx", workers=1).embed(MANY)
    pooled = OnnxEmbedder("onnx", workers=2)
    try:
        spread = pooled.embed(MANY)
        assert pooled._pool is not None and pooled._pool.size == 2  # the workers did the work
    finally:
        pooled.close()
    assert (here * spread).sum(1).min() > 0.99999  # same rows, same order


def test_a_dead_worker_falls_back_to_in_process(caplog):
    pooled = OnnxEmbedder("onnx", workers=2)
    try:
        pooled.embed(MANY)
        pooled._pool._procs[1].kill()
        pooled._pool._procs[1].wait()
        with caplog.at_level("WARNING"):
            again = pooled.embed(MANY)
        assert "in-process" in caplog.text
        assert (again * OnnxEmbedder("onnx", workers=1).embed(MANY)).sum(1).min() > 0.99999
    finally:
        pooled.close()


def test_workers_do_not_rerun_an_unguarded_script(tmp_path):
    """A user's script without `if __name__ == "__main__"` must run once, not once per worker."""
    import subprocess
    import sys

    script = tmp_path / "user_script.py"
    marker = tmp_path / "runs.txt"
    script.write_text(
        "from rag.embedding.onnx import OnnxEmbedder\n"
        f"open({str(marker)!r}, 'a').write('ran\\n')\n"
        f"vectors = OnnxEmbedder('onnx', workers=2).embed({MANY!r})\n"
        "print(vectors.shape)\n"
    )
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"({len(MANY)}, 384)"
    assert marker.read_text() == "ran\n"


def test_another_model_folder_is_another_vector_space(tmp_path):
    """Vectors are named by the model that made them: the packaged model keeps its name (indexes
    built with it stay valid); a copy elsewhere is named by its folder and weights, and a model
    rewritten in place gets a new name, so its vectors never meet the old ones in one index."""
    assert model_label(packaged_model_path()) == "all-MiniLM-L6-v2" == MiniLMEmbedder().name
    assert OnnxEmbedder("onnx-int8").name == "all-MiniLM-L6-v2-onnx-int8"
    folder = tmp_path / "retrained"
    shutil.copytree(packaged_model_path(), folder)
    copy = model_label(str(folder))
    assert copy.startswith("retrained-") and copy == model_label(str(folder))
    config = json.loads((folder / "config.json").read_text())
    (folder / "config.json").write_text(json.dumps({**config, "note": "trained further"}))
    assert model_label(str(folder)) not in (copy, "all-MiniLM-L6-v2")
    assert OnnxEmbedder("onnx", model_path=str(folder)).name == f"{model_label(str(folder))}-onnx"
    assert model_file(str(folder), tmp_path, "onnx") != model_file(packaged_model_path(), tmp_path, "onnx")
