"""A faster embedder: a 3-layer student distilled from the packaged 6-layer MiniLM on a corpus's
own text.

Ingest time is the model's time: on two cores the packaged model embeds ~43 passages/s (int8),
~25 abstracts/s end to end, and no runtime trick changes its arithmetic (bench/RESULTS.md). A
student keeping 3 of the teacher's 6 layers (0, 2 and 5; embeddings and the rest of the shape
unchanged) does about half the work. Cut without training it loses too much (hybrid R@10
0.932, MRR 0.871 on the eval set), so it is trained to reproduce the teacher: each text's
vector (cosine), the similarities between the texts of a batch (so rankings, not only
directions, survive) and, token by token, the last hidden states the vector is pooled from
(more signal per text than one vector; computed once, before training). The texts come from
the corpus itself: its passages exactly as ingest embeds them, titles, sentences, spans of a
few sentences, short fragments, and the same fragments phrased as questions, because
questions are what the student will meet at search time. A few texts are held out to
measure how close the student got (cosine to the teacher: 0.585 cut, 0.941 trained, on the
seed corpus; trained without dropout, which came closer on held-out text).

Teacher vectors come from the fp32 ONNX path (the torch model's vectors). Nothing is
downloaded; training needs torch and the CPU (~30 min for the seed corpus on two cores).
The result is an ordinary model folder that every embedder loads: `RAG_MODEL_PATH=<folder>` with
`RAG_EMBEDDER=onnx-int8` (converted and quantized like the packaged model). Its vectors are
another space, named by its weights' hash, so it builds its own index (another `RAG_HOME` or
`RAG_COLLECTION`); an index of the packaged model's vectors refuses it rather than mixing them.
"""

from __future__ import annotations

import json
import logging
import os
import random
import shutil
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from pydantic import BaseModel, Field

from rag.corpus.models import Paper
from rag.embedding.base import packaged_model_path, window_tokenizer
from rag.index.chunking import chunk
from rag.text.sentences import split_sentences

log = logging.getLogger(__name__)
RECIPE_VERSION = "2"  # bump when the texts or the training change
MANIFEST = "distilled.json"
_QUESTION_FORMS = (
    "What is {}?",
    "Which papers study {}?",
    "How does {} work?",
    "What has been proposed for {}?",
    "Is there work on {}?",
    "What do we know about {}?",
    "Why does {} matter?",
    "{}?",
)
_CONFIG_FILES = (
    "tokenizer.json",
    "tokenizer_config.json",
    "vocab.txt",
    "special_tokens_map.json",
    "modules.json",
    "sentence_bert_config.json",
    "config_sentence_transformers.json",
)


class Recipe(BaseModel):
    """How the student is made. The defaults are what bench/RESULTS.md reports."""

    layers: tuple[int, ...] = Field((0, 2, 5), description="Teacher layers the student starts from, in order.")
    epochs: float = Field(8.0, gt=0, description="Passes over the training texts.")
    lr: float = Field(1.5e-4, gt=0, description="Peak learning rate (AdamW; 5% warm-up, then linear decay).")
    batch_tokens: int = Field(4096, ge=256, description="Padded wordpieces per batch (texts of similar length).")
    mixed: int = Field(
        16, ge=0, description="Random texts added to each batch so similarities across lengths are learnt."
    )
    relation_weight: float = Field(2.0, ge=0, description="Weight of the in-batch similarity loss.")
    token_weight: float = Field(
        1.0,
        ge=0,
        description="Weight of matching the teacher's last hidden state "
        "token by token (cosine), besides the pooled vector.",
    )
    dropout: float = Field(
        0.0,
        ge=0,
        lt=1,
        description="Dropout while training (the teacher was trained with 0.1; copying vectors goes better without).",
    )
    max_papers: int = Field(
        400,
        ge=1,
        description="Papers sampled from a larger corpus: training time stays "
        "the same for 400 papers or 100,000 (the seed corpus has 261).",
    )
    held_out: float = Field(
        0.03, ge=0, lt=0.5, description="Share of texts kept out of training, to measure the student."
    )
    max_steps: int | None = Field(None, ge=1, description="Stop after this many steps (tests, quick trials).")
    seed: int = 0


class DistilReport(BaseModel):
    out: str
    texts: int
    steps: int
    seconds: float
    cosine_before: float = Field(description="Mean cosine, student to teacher, on held-out texts, untrained.")
    cosine_after: float = Field(description="The same after training.")


def training_texts(papers: Iterable[Paper], embedder, seed: int = 0) -> list[str]:
    """The texts the student learns on, cut from the corpus (deterministic for a seed).
    `embedder` sizes the passages exactly as ingest does (count_tokens, max_tokens)."""
    rng = random.Random(seed)
    texts: list[str] = []
    for paper in papers:
        texts.extend(c.embedding_text() for c in chunk(paper, embedder))
        texts.append(paper.title)
        sentences = [s.text for s in paper.sections if s.text] if paper.sections else split_sentences(paper.abstract)
        for sentence in sentences:
            texts.append(sentence)
            words = sentence.split()
            for _ in range(2 if len(words) > 8 else 0):
                n = rng.randint(3, min(14, len(words)))
                i = rng.randint(0, len(words) - n)
                fragment = " ".join(words[i : i + n]).strip(" ,.;:")
                texts.append(fragment)
                texts.append(rng.choice(_QUESTION_FORMS).format(fragment))
        for _ in range(3 if len(sentences) > 2 else 0):
            n = rng.randint(2, min(4, len(sentences)))
            i = rng.randint(0, len(sentences) - n)
            texts.append(" ".join(sentences[i : i + n]))
    return list(dict.fromkeys(t for t in texts if t.strip()))


def distil(
    papers: Iterable[Paper],
    out: Path,
    recipe: Recipe | None = None,
    *,
    teacher=None,
    progress: Callable[[int, int, float], None] | None = None,
) -> DistilReport:
    """Train a student on `papers`' text and write it to `out` (replaced whole, never half
    written). `teacher` is an ONNX embedder of the packaged model (default: fp32, one worker
    per core); `progress(step, steps, loss)` is called now and then."""
    try:
        import torch
    except ImportError:
        raise RuntimeError(
            "distilling needs torch and transformers: `pip install torch==2.13.0 transformers`"
        ) from None
    from rag.embedding.onnx import OnnxEmbedder

    recipe = recipe or Recipe()
    started = time.perf_counter()
    teacher = teacher or OnnxEmbedder("onnx", workers=os.cpu_count() or 1)
    texts = training_texts(_sample(papers, recipe.max_papers, recipe.seed), teacher, recipe.seed)
    if len(texts) < 20:
        raise ValueError(f"{len(texts)} texts is too little to distil on: ingest a corpus first")
    log.info("teacher vectors for %d texts", len(texts))
    targets = torch.from_numpy(teacher.embed(texts))
    close = getattr(teacher, "close", None)
    if close:
        close()

    rng = random.Random(recipe.seed)
    torch.manual_seed(recipe.seed)
    order = list(range(len(texts)))
    rng.shuffle(order)
    cut = max(1, int(len(texts) * recipe.held_out))
    held, train = order[:cut], order[cut:]

    source = teacher.model_path if hasattr(teacher, "model_path") else packaged_model_path()
    tokenizer = window_tokenizer(source, getattr(teacher, "max_tokens", 256))
    encoded = _Encoded([e.ids for e in tokenizer.encode_batch(texts)])
    token_targets = _teacher_states(source, encoded, train, recipe.batch_tokens) if recipe.token_weight else {}
    student = _cut(source, recipe)
    before = _closeness(student, encoded, held, targets)
    steps = _train(student, encoded, train, targets, token_targets, recipe, rng, progress)
    after = _closeness(student, encoded, held, targets)
    report = DistilReport(
        out=str(out),
        texts=len(texts),
        steps=steps,
        seconds=time.perf_counter() - started,
        cosine_before=before,
        cosine_after=after,
    )
    _save(student, source, out, recipe, report)
    return report


class _Encoded:
    """The training texts as wordpiece ids, and how a model reads a batch of them."""

    def __init__(self, ids: list[list[int]]) -> None:
        self.ids = ids

    def hidden(self, model, rows: list[int]):
        """The model's last hidden states for texts `rows`, padded to the longest, and the mask."""
        import torch

        width = max(len(self.ids[r]) for r in rows)
        batch = torch.zeros(len(rows), width, dtype=torch.long)
        mask = torch.zeros_like(batch)
        for i, r in enumerate(rows):
            batch[i, : len(self.ids[r])] = torch.tensor(self.ids[r])
            mask[i, : len(self.ids[r])] = 1
        return model(
            input_ids=batch, attention_mask=mask, token_type_ids=torch.zeros_like(batch)
        ).last_hidden_state, mask

    def vectors(self, model, rows: list[int]):
        return _pooled(*self.hidden(model, rows))


def _pooled(states, mask):
    """Mean over the unmasked tokens, unit length: how the packaged model makes its vector."""
    import torch

    weights = mask.unsqueeze(-1).to(states.dtype)
    return torch.nn.functional.normalize((states * weights).sum(1) / weights.sum(1), dim=-1)


def _teacher_states(source: str, encoded: _Encoded, rows: list[int], budget: int) -> dict:
    """The teacher's last hidden states of texts `rows`, once (fp16: 290 MB for the 261 seed papers)."""
    import torch
    from transformers import AutoModel

    states_of = {}
    full = AutoModel.from_pretrained(source, local_files_only=True).eval()
    with torch.no_grad():
        for batch in _length_batches(rows, encoded.ids, budget):
            states, _ = encoded.hidden(full, batch)
            for i, r in enumerate(batch):
                states_of[r] = states[i, : len(encoded.ids[r])].to(torch.float16)
    return states_of


def _cut(source: str, recipe: Recipe):
    """The teacher with only `recipe.layers` left: the untrained student."""
    import torch
    from transformers import AutoModel

    student = AutoModel.from_pretrained(
        source, local_files_only=True, hidden_dropout_prob=recipe.dropout, attention_probs_dropout_prob=recipe.dropout
    )
    student.encoder.layer = torch.nn.ModuleList([student.encoder.layer[i] for i in recipe.layers])
    student.config.num_hidden_layers = len(recipe.layers)
    return student


def _closeness(student, encoded: _Encoded, held: list[int], targets) -> float:
    """Mean cosine of the student's vectors to the teacher's on the held-out texts."""
    import torch

    student.eval()
    with torch.no_grad():
        got = torch.cat([encoded.vectors(student, held[i : i + 32]) for i in range(0, len(held), 32)])
    student.train()
    return float((got * targets[held]).sum(-1).mean())


def _train(
    student,
    encoded: _Encoded,
    train: list[int],
    targets,
    token_targets: dict,
    recipe: Recipe,
    rng: random.Random,
    progress: Callable[[int, int, float], None] | None,
) -> int:
    """AdamW over length batches, each with `recipe.mixed` random texts beside it; the loss is
    the vectors' cosine, the in-batch similarities and (with token targets) the hidden states'
    cosine. Answers the number of steps taken."""
    import torch

    batches = _length_batches(train, encoded.ids, recipe.batch_tokens)
    steps = max(1, int(len(batches) * recipe.epochs))
    if recipe.max_steps:
        steps = min(steps, recipe.max_steps)
    optimiser = torch.optim.AdamW(student.parameters(), lr=recipe.lr, weight_decay=0.01)
    warm = max(1.0, 0.05 * steps)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min(1.0, (s + 1) / warm) * max(0.0, 1 - s / steps)
    )
    student.train()
    step, smoothed = 0, None
    while step < steps:
        rng.shuffle(batches)
        for rows in batches[: steps - step]:
            extra = rng.sample(train, min(recipe.mixed, len(train)))
            states, mask = encoded.hidden(student, rows)
            own = _pooled(states, mask)
            got = torch.cat([own, encoded.vectors(student, extra)]) if extra else own  # padded apart
            want = targets[rows + extra]
            loss = (1 - (got * want).sum(-1)).mean() + recipe.relation_weight * (
                (got @ got.T - want @ want.T) ** 2
            ).mean()
            if token_targets:
                teacher_states = torch.zeros_like(states)
                for i, r in enumerate(rows):
                    teacher_states[i, : len(encoded.ids[r])] = token_targets[r].float()
                token_cos = torch.nn.functional.cosine_similarity(states, teacher_states, dim=-1, eps=1e-6)
                loss = loss + recipe.token_weight * ((1 - token_cos) * mask).sum() / mask.sum()
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(student.parameters(), 1.0)
            optimiser.step()
            schedule.step()
            step += 1
            smoothed = loss.item() if smoothed is None else 0.95 * smoothed + 0.05 * loss.item()
            if progress and (step % 25 == 0 or step == steps):
                progress(step, steps, smoothed)
    return steps


def _sample(papers: Iterable[Paper], size: int, seed: int) -> list[Paper]:
    """`size` papers drawn evenly from a stream of any length (reservoir sampling), in stream order."""
    rng = random.Random(seed)
    kept: list[tuple[int, Paper]] = []
    for i, paper in enumerate(papers):
        if i < size:
            kept.append((i, paper))
        elif (j := rng.randint(0, i)) < size:
            kept[j] = (i, paper)
    return [paper for _, paper in sorted(kept, key=lambda pair: pair[0])]


def _length_batches(rows: list[int], ids: list[list[int]], budget: int) -> list[list[int]]:
    """Texts of similar length together, up to `budget` padded wordpieces per batch."""
    batches: list[list[int]] = []
    current: list[int] = []
    for r in sorted(rows, key=lambda r: len(ids[r])):
        if current and len(ids[r]) * (len(current) + 1) > budget:
            batches.append(current)
            current = []
        current.append(r)
    if current:
        batches.append(current)
    return batches


def _save(student, source: str, out: Path, recipe: Recipe, report: DistilReport) -> None:
    """Write the student beside `out`, then swap it in: readers see the old model or the new one."""
    out = Path(out)
    tmp = out.with_name(out.name + f".{os.getpid()}.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    student.save_pretrained(tmp)
    for name in _CONFIG_FILES:
        if os.path.exists(os.path.join(source, name)):
            shutil.copy(os.path.join(source, name), tmp / name)
    if os.path.isdir(os.path.join(source, "1_Pooling")):
        shutil.copytree(os.path.join(source, "1_Pooling"), tmp / "1_Pooling")
    manifest = {
        "recipe_version": RECIPE_VERSION,
        "teacher": source,
        "recipe": recipe.model_dump(),
        **report.model_dump(exclude={"out"}),
    }
    (tmp / MANIFEST).write_text(json.dumps(manifest, indent=2))
    old = out.with_name(out.name + f".{os.getpid()}.old")
    if out.exists():
        out.rename(old)
    tmp.rename(out)
    shutil.rmtree(old, ignore_errors=True)


def manifest(folder: Path) -> dict | None:
    """What `distil` recorded about a student folder, or None for any other model."""
    path = Path(folder) / MANIFEST
    return json.loads(path.read_text()) if path.exists() else None
