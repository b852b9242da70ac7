"""BM25 over chunk texts (bm25s), persisted under RAG_HOME next to the version it was built at.

Built from the doc store in one pass and saved; loaded read-only for search. Tokens are
lower-cased, British spellings made American and English stop words removed, then
Snowball-stemmed, so "defenses" meets "defence" and "regularisation" meets "regularization"; a
hyphenated word is also indexed written as one, so "bilevel" meets "bi-level" and "ImageNet-A" is
not just "imagenet".
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import threading
from array import array
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import numpy as np
from bm25s.stopwords import STOPWORDS_EN

from rag.text.naming import marked_as_name, names_in
from rag.text.proximity import window
from rag.text.stemming import stemmer

log = logging.getLogger(__name__)


_WORD = re.compile(r"(?u)\b\w\w+\b")  # bm25s's token pattern
_HYPHENATED = re.compile(r"(?u)\b\w+(?:-\w+)+\b")
_VERSIONED = re.compile(r"(.*?[A-Za-z])-?v?\d+")  # "YOLOv5", "Llama2": a name, then its version
_STOPWORDS = frozenset(STOPWORDS_EN)
_DOCUMENT_CACHE = 5000  # papers whose tokens are kept for reranking
TOKENS_VERSION = 4  # bump when `words_of` or `tokens` change: an index built otherwise is rebuilt


def _with_whole_name(match: re.Match) -> str:
    name = match.group(0)
    return f"{name} {name.replace('-', '')}"


def _with_short_whole_name(match: re.Match) -> str:
    return _with_whole_name(match) if any(len(p) == 1 for p in match.group(0).split("-")) else match.group(0)


def _word_before(text: str, at: int) -> str:
    """The start of the word that goes on at `at`: its letters before `at`."""
    start = at
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    return text[start:at]


# (British ending, the American one, which word starts take it). Each pattern starts with its
# literal ending, so a text is scanned at C speed and only the few hits reach Python.
_BRITISH = [
    (
        re.compile(r"is(?=(?:e|es|ed|ing|ation|ations|er|ers)\b)"),
        "iz",  # optimise, normalisation
        lambda start: len(start) >= 4 and start[-1].isalpha() and start[-1] not in "aeiou",
    ),
    (re.compile(r"ys(?=(?:e|es|ed|ing|er|ers)\b)"), "yz", lambda start: len(start) >= 3),  # analyse
    (
        re.compile(r"our"),
        "or",  # behaviour, neighbourhood
        {"behavi", "neighb", "col", "fav", "lab", "hon", "hum", "flav", "endeav", "arm", "tum", "vap"}.__contains__,
    ),
    (re.compile(r"re(?=s?\b)"), "er", {"cent", "fib", "met", "lit"}.__contains__),  # centre, fibres
    (re.compile(r"red\b"), "ered", {"cent", "fib", "met", "lit"}.__contains__),  # centred
    (re.compile(r"ce(?=s?\b)"), "se", {"defen", "offen", "licen", "preten"}.__contains__),  # defence
    (re.compile(r"ogue"), "og", {"catal", "dial", "anal", "monol"}.__contains__),  # catalogue
]


def american(text: str) -> str:
    """Lower-cased text with the common British spellings made American ("regularisation",
    "behaviour", "defence", "analyse"): the stemmer keeps the two apart ("regularis" and
    "regular"), and the corpus and its readers write both. A rule that also catches a word
    with no British form ("supervise" -> "supervize") is harmless: it rewrites queries and
    documents alike, and none of its rewrites is another word."""
    for pattern, american_ending, takes in _BRITISH:

        def rewrite(m: re.Match, new: str = american_ending, takes: Callable[[str], bool] = takes) -> str:
            return new if takes(_word_before(m.string, m.start())) else m.group(0)

        text = pattern.sub(rewrite, text)
    return text


def _has_one_char_part(text: str) -> bool:
    """Whether some hyphen has a lone letter or digit beside it ("imagenet-a", "k-means"): a
    cheap look at each hyphen, so the regex that rewrites such names runs on the one abstract in
    five that has one (reranking tokenises ~40 abstracts a query)."""
    n, i = len(text), text.find("-")
    while i != -1:
        if (i + 1 < n and text[i + 1].isalnum() and (i + 2 == n or not text[i + 2].isalnum())) or (
            i > 0 and text[i - 1].isalnum() and (i == 1 or not text[i - 2].isalnum())
        ):
            return True
        i = text.find("-", i + 1)
    return False


def words_of(text: str, compounds: bool = True) -> list[str]:
    """The lower-cased words BM25 counts: bm25s's words (two or more characters) and, for a
    hyphenated word, the word written as one right after its parts ("bi", "level", "bilevel"):
    abstracts spell the same term both ways ("bi-level" and "bilevel", "fine-tuning" and
    "finetuning"), and for a name with a one-character part ("ImageNet-A", "CIFAR-10-C",
    "GPT-4") the part that tells it apart is otherwise lost ("imagenet" alone is every ImageNet
    paper). With `compounds` false only such names get the extra word: proximity (`window`)
    counts words as written, and an extra word per compound would stretch every span."""
    text = american(text.lower())
    if compounds and "-" in text:
        text = _HYPHENATED.sub(_with_whole_name, text)
    elif _has_one_char_part(text):
        text = _HYPHENATED.sub(_with_short_whole_name, text)
    return _WORD.findall(text)


class _TokenIds:
    """Token ids of every chunk, as bm25s's `index` takes them (`ids` and `vocab`), kept in one
    flat array; each chunk's ids become a list only while bm25s looks at that chunk."""

    def __init__(self, flat: np.ndarray, ends: np.ndarray, vocab: dict[str, int]) -> None:
        self.vocab = vocab
        self.ids = _Chunks(flat, ends)


class _Chunks(Sequence):
    def __init__(self, flat: np.ndarray, ends: np.ndarray) -> None:
        self.flat, self.ends = flat, ends

    def __len__(self) -> int:
        return len(self.ends)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        start = int(self.ends[i - 1]) if i > 0 else 0
        return self.flat[start : int(self.ends[i])].tolist()


class LexicalIndex:
    """BM25 over chunks; `search` answers chunk ids with scores."""

    def __init__(self, retriever, chunk_ids: list[str], paper_ids: list[str], version: int) -> None:
        self._retriever = retriever
        self.chunk_ids = chunk_ids
        self.paper_ids = np.array(paper_ids, dtype=object)  # per chunk, in index order
        self.version = version
        self._stem = stemmer()
        self._documents: OrderedDict[str, list[str]] = OrderedDict()
        self._documents_lock = threading.Lock()

    @classmethod
    def build(cls, rows: Iterable[tuple[str, str, str, str | None, str]], version: int) -> LexicalIndex:
        """BM25 over (chunk id, paper id, title, section, text) rows, streamed: what is held is one
        int32 per token (~60 MB for 145k chunks), not the texts, nor a Python list per chunk (which
        took ~1 GB at 100k papers). Tokens are the ones `tokens` makes; scoring is bm25s's own."""
        import bm25s

        stem = stemmer()
        vocab: dict[str, int] = {}  # stemmed token -> id
        word_ids: dict[str, int] = {}  # lower-cased word -> its token's id, -1 for a stop word
        flat = array("i")
        ends = array("q")
        chunk_ids: list[str] = []
        paper_ids: list[str] = []
        for cid, pid, title, section, text in rows:
            words = words_of(f"{title} {section or ''} {text}")
            unseen = set(words).difference(word_ids)
            if unseen:
                word_ids.update((w, -1) for w in unseen & _STOPWORDS)
                new = sorted(unseen - _STOPWORDS)
                for word, token in zip(new, stem.stemWords(new) if stem else new):  # each word is stemmed once
                    word_ids[word] = vocab.setdefault(token, len(vocab))
            flat.extend([i for i in map(word_ids.__getitem__, words) if i >= 0])
            ends.append(len(flat))
            chunk_ids.append(cid)
            paper_ids.append(pid)
        retriever = bm25s.BM25()
        if chunk_ids:
            retriever.index(
                _TokenIds(np.frombuffer(flat, dtype=np.int32), np.frombuffer(ends, dtype=np.int64), vocab),
                show_progress=False,
            )
        return cls(retriever, chunk_ids, paper_ids, version)

    def save(self, folder: Path) -> None:
        tmp = folder.with_name(folder.name + ".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        if self.chunk_ids:
            self._retriever.save(str(tmp), show_progress=False)
        meta = {
            "version": self.version,
            "tokens": TOKENS_VERSION,
            "chunk_ids": self.chunk_ids,
            "paper_ids": self.paper_ids.tolist(),
        }
        (tmp / "chunks.json").write_text(json.dumps(meta))
        shutil.rmtree(folder, ignore_errors=True)
        tmp.rename(folder)  # a reader sees the old index or the new one, never half of one

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex | None:
        """The index saved in `folder`, or None if there is none or it was tokenised differently."""
        import bm25s

        meta_path = folder / "chunks.json"
        if not meta_path.exists():
            return None
        meta = json.loads(meta_path.read_text())
        if meta.get("tokens", 1) != TOKENS_VERSION:  # its words would not be the queries' words
            log.info("the BM25 index at %s was built with older tokenisation; it will be rebuilt", folder)
            return None
        retriever = bm25s.BM25.load(str(folder)) if meta["chunk_ids"] else bm25s.BM25()
        return cls(retriever, meta["chunk_ids"], meta["paper_ids"], meta["version"])

    def tokens(self, text: str, compounds: bool = True) -> list[str]:
        """The index's own tokens for `text` (`words_of`, English stop words out, stemmed), in
        order: what documents are indexed as and queries searched with. `compounds=False` for
        measuring proximity (see `words_of`)."""
        words = [w for w in words_of(text, compounds) if w not in _STOPWORDS]
        return self._stem.stemWords(words) if self._stem is not None else words

    def idf(self, token: str) -> float:
        """BM25's idf of a token over the indexed chunks; a token never seen gets the highest."""
        n = len(self.chunk_ids)
        if not n:
            return 0.0
        df = self._chunks_holding(token)
        return float(np.log(1 + (n - df + 0.5) / (df + 0.5)))

    def _chunks_holding(self, token: str) -> int:
        """How many indexed chunks hold `token` (one of `tokens`' tokens)."""
        if not self.chunk_ids:
            return 0
        token_id = self._retriever.vocab_dict.get(token)
        indptr = self._retriever.scores["indptr"]
        return 0 if token_id is None or token_id + 1 >= len(indptr) else int(indptr[token_id + 1] - indptr[token_id])

    def unseen_names(self, text: str) -> list[str]:
        """The names `text` asks about (`names_in`: "SMOTE", "node2vec", "Kneser-Ney") that no
        indexed chunk holds in any of the forms tried: a hyphenated name also run together ("k-NN"
        as "kNN") and judged by its parts spelled as names ("LiDAR" of "LiDAR-based"; all its parts
        when none is: "Kneser", "Ney"); a name in the singular or the plural ("NNGP" for "NNGPs",
        "GPUs" for "GPU"); a version after a name apart ("YOLOv5" as "YOLO v5", judged by "YOLO").
        A part with fewer than two letters ("10" of "CIFAR-10") is not judged, nor a name all of
        whose words are stop words: the name is held when the rest is. Meant to err toward held:
        the refusal tells the user the corpus never mentions what it returns."""
        return [name for name in names_in(text) if not self._holds_name(name)]

    def _holds_name(self, name: str) -> bool:
        if self._holds_word(name.replace("-", "")):
            return True
        parts = [p for p in name.split("-") if sum(c.isalpha() for c in p) >= 2]
        return all(self._holds_word(p) for p in [p for p in parts if marked_as_name(p)] or parts)

    def _holds_word(self, word: str) -> bool:
        """Every token of `word` is in some indexed chunk, for `word` as written or for the name
        before a trailing version ("YOLO" of "YOLOv5", "Llama" of "Llama2"), each in the singular
        or the plural."""
        spellings = [word]
        versioned = _VERSIONED.fullmatch(word)
        if versioned is not None and sum(c.isalpha() for c in versioned.group(1)) >= 2:
            spellings.append(versioned.group(1))
        forms = []
        for spelling in spellings:
            base = spelling[:-1] if spelling.lower().endswith("s") and len(spelling) > 2 else spelling
            forms += [spelling, base, base + "s"]
        return any(all(self._chunks_holding(t) for t in self.tokens(f, compounds=False)) for f in dict.fromkeys(forms))

    def coverage(self, query: str, text: str) -> float:
        """Share of the query's tokens, weighted by idf, that occur in `text`: 1.0 when every
        rare word of the query is in the passage, near 0 when its rare words are absent. The
        query should be a question's focus (the plan drops its framing words). A hyphenated
        word of the query is in the text written either way: "out-of-distribution" in "out of
        distribution", "bi-level" in "bilevel"."""
        wanted = list(dict.fromkeys(self.tokens(query)))
        if not wanted:
            return 0.0
        present = set(self.tokens(text))
        as_written = None
        for compound in _HYPHENATED.findall(american(query.lower())):
            whole, parts = self.tokens(compound.replace("-", "")), self.tokens(compound, compounds=False)
            if set(whole) <= present:
                present.update(parts)
            elif parts and set(parts) <= present:  # the parts in order, side by side, not anywhere in the text
                as_written = as_written or self.tokens(text, compounds=False)
                n = len(parts)
                if any(as_written[i : i + n] == parts for i in range(len(as_written) - n + 1)):
                    present.update(whole)
        weights = {t: self.idf(t) for t in wanted}
        total = sum(weights.values())
        return sum(w for t, w in weights.items() if t in present) / total if total else 0.0

    def span(self, phrase: str, text: str) -> int | None:
        """Fewest consecutive tokens of `text` holding every token of `phrase` (None if some is
        missing): 2 for "robust overfitting" in "... eliminate robust overfitting ...". A phrase
        of three or more tokens may miss its commonest one ("learning" of "learning with noisy
        labels" in "datasets with noisy labels"): topics taken from questions carry such words."""
        wanted = set(self.tokens(phrase, compounds=False))
        tokens = self.tokens(text, compounds=False)
        found = window(wanted, tokens)
        if found is None and len(wanted) >= 3:
            commonest = min(wanted, key=lambda t: (self.idf(t), t))
            found = window(wanted - {commonest}, tokens)
        return found

    def document_tokens(self, key: str, text: Callable[[], str]) -> list[str]:
        """`tokens(text())`, remembered under `key` (a paper id) for the most recent few thousand
        keys: reranking tokenises the same top papers query after query, and `text` (which may
        read a record from disk) is only called for a key not remembered."""
        with self._documents_lock:
            found = self._documents.get(key)
            if found is not None:
                self._documents.move_to_end(key)
                return found
        found = self.tokens(text(), compounds=False)
        with self._documents_lock:
            self._documents[key] = found
            if len(self._documents) > _DOCUMENT_CACHE:
                self._documents.popitem(last=False)
        return found

    def ranking(self, query: str, n: int) -> tuple[list[str], float, list[str]]:
        """The `n` best papers for `query` (best first), the best chunk's BM25 score relative
        to the most the query's tokens could score (the sum of their idf): near 0 when the
        corpus barely holds the query's words, toward 1 and above when one passage holds them
        all, often; and the names in the query that no chunk holds (`unseen_names`). The
        refusal gate's signals read the first two; its refusal names the third, and a refit of
        the gate may read it (`Signals.absent`)."""
        tokens = list(dict.fromkeys(self.tokens(query)))
        found = self.search(query, n * 3) if tokens else []
        papers = list(dict.fromkeys(paper for _, paper, _ in found))[:n]
        best = found[0][2] if found else 0.0
        most = sum(self.idf(t) for t in tokens)
        return papers, (best / most if most > 0 else 0.0), self.unseen_names(query)

    def search(self, query: str, n: int, paper_ids: set[str] | None = None) -> list[tuple[str, str, float]]:
        """Up to `n` (chunk id, paper id, score) with a positive score, best first."""
        if not self.chunk_ids or n <= 0:
            return []
        tokens = self.tokens(query)
        if not tokens:
            return []
        mask = None
        if paper_ids is not None:
            # set membership per chunk: np.isin on these object arrays compares every pair
            # (32 s for 7.7k papers against 145k chunks)
            mask = np.fromiter((p in paper_ids for p in self.paper_ids), dtype=np.float32, count=len(self.paper_ids))
            if not mask.any():
                return []
        k = min(n, len(self.chunk_ids))
        docs, scores = self._retriever.retrieve([tokens], k=k, show_progress=False, weight_mask=mask, n_threads=1)
        return [(self.chunk_ids[d], self.paper_ids[d], float(s)) for d, s in zip(docs[0], scores[0]) if s > 0]
