"""The names check: every name a claim uses (an acronym, a CamelCase or digit-bearing token, a
capitalised word inside the sentence) appears in its cited source, or is an acronym the source
spells out. A dataset or baseline added from general knowledge is not support; a name the source
gives only in other words (a synonym, a translation) is not recognised."""

from __future__ import annotations

import re
from functools import lru_cache

from rag.text.naming import MODIFIED_NAME
from rag.text.sentences import STOPWORDS

_TOKEN = re.compile(r"(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9]*(?:[-'’.][A-Za-z0-9]+)*")


def _norm(token: str) -> str:
    return re.sub(r"[^a-z0-9]", "", token.lower())


_ELL = re.compile(r"\\?\bell_?\{?(?=[0-9pq]|inf)")  # LaTeX's \ell before its index: "\ell_2", "{ell_infty}"


_TIMES = re.compile(r"(?<=\d)\s*(?:times|×)\s*(?=\d)")  # LaTeX's "300\times 300", read "300x300"


@lru_cache(maxsize=256)
def _source_keys(source: str) -> frozenset[str]:
    """Every normalised token of the source, and each pair and triple of neighbours joined
    ("Swin Transformer" -> "swintransformer"), so names written apart or hyphenated match. The
    norm symbol is the letter l however the source writes it ("{ell_2}", "ℓ2": "l2"), and a
    product of sizes is written with an x ("300times 300": "300x300")."""
    source = _TIMES.sub("x", _ELL.sub("l", source.replace("ℓ", "l")))
    tokens = [_norm(t) for t in re.findall(r"[A-Za-z0-9]+(?:[-'’][A-Za-z0-9]+)*", source)]
    tokens = [t for t in tokens if t]
    keys = set(tokens)
    for n in (2, 3):
        keys |= {"".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}
    parts = [_norm(p) for p in re.findall(r"[A-Za-z0-9]+", source)]
    return frozenset(keys | set(parts))


_ACRONYM_JOINS = frozenset({"of", "to", "and", "for", "in", "on"})  # may stand inside a spelled-out acronym
_ACRONYM_SPAN = 8  # words a spelled-out acronym may take, joining words included


@lru_cache(maxsize=256)
def _initials(source: str) -> frozenset[str]:
    """The acronyms the source spells out: the initials of each run of two to six content words
    within one clause, the joining words of, to, and, for, in, on counted or not ("magnetic
    resonance imaging" -> "mri", "multiple-input multiple-output" -> "mimo", "learning to rank"
    -> "ltr" or "lr"). Only names of three letters or more are looked up here: two letters match
    some run of words by chance."""
    found = set()
    for clause in re.split(r"[,.;:()\[\]!?\"]", source):
        words = [w.lower() for w in re.findall(r"[A-Za-z]+", clause)]
        for i in range(len(words)):
            if words[i] in STOPWORDS:
                continue
            with_joins, without = "", ""
            for j in range(i, min(i + _ACRONYM_SPAN, len(words))):
                word = words[j]
                if word in _ACRONYM_JOINS:
                    with_joins += word[0]
                    continue
                if word in STOPWORDS:
                    break
                with_joins, without = with_joins + word[0], without + word[0]
                if len(without) >= 2:
                    found |= {with_joins, without}
                if len(without) >= 6:
                    break
    return frozenset(found)


def _acronym(name: str) -> str | None:
    """An acronym's letters, lower-cased, without a plural s ("CNNs" -> "cnn"); None if `name` is none."""
    bare = name[:-1] if name.endswith("s") and name[:-1].isupper() else name
    return bare.lower() if bare.isupper() and len(bare) > 2 else None


def names(claim: str) -> list[str]:
    """The names a claim uses: acronyms and CamelCase (SVHN, XGBoost), tokens mixing letters and
    digits (CIFAR-100, Mistral-7B), and capitalised words after the sentence's first word."""
    found = []
    for i, m in enumerate(_TOKEN.finditer(claim)):
        token = re.sub(r"['’]s$", "", m.group(0)).rstrip(".")
        body = token[1:]
        camel = any(c.isupper() for c in body)
        mixed = any(c.isdigit() for c in token) and any(c.isalpha() for c in token)
        capital = token[0].isupper() and i > 0 and token.lower() not in STOPWORDS
        if (camel or mixed or capital) and len(_norm(token)) > 1:
            found.append(token)
    return found


def _known(name: str, keys: frozenset[str]) -> bool:
    key = _norm(name)
    if key in keys or (key.endswith("s") and key[:-1] in keys) or f"{key}s" in keys:  # "ReLU" and "ReLUs" alike
        return True
    if any(c.isdigit() for c in name):  # "CIFAR-100" is not "CIFAR-10": the whole must match ...
        core = MODIFIED_NAME.sub("", name)  # ... but for a word that says how it is used ("CC3M-derived")
        return core != name and _known(core, keys)
    parts = [p for p in re.split(r"[-'’.]", name) if any(c.isupper() for c in p)]  # "Adam-style"
    return len(parts) > 0 and parts != [name] and all(_known(p, keys) for p in parts)


def written(name: str, source: str) -> bool:
    """Whether `source` writes `name` however the two spell it (as a claim's names are checked:
    case, hyphens and spaces aside, in the singular or plural, an acronym by the words it stands
    for or a compound's parts, "OOD" for "out-of-distribution"), a name made of capitalised words
    as those words, the last begun ("BatchNorm": "Batch Normalisation", not "batches normally"),
    or a dataset's edition without its year when the source gives no other year of it ("HRSC" for
    "HRSC2016"; not "VOC 2012" for "VOC2007")."""
    keys = _source_keys(source)
    key = _norm(name)  # whole: "ImageNet-A" is not "ImageNet" and a word "a" (as "Adam-style" may be for a claim)
    if key in keys or (key.endswith("s") and key[:-1] in keys) or f"{key}s" in keys:
        return True
    acronym = _acronym(name)
    if acronym and name.isalpha() and acronym in _initials(source):
        return True
    if acronym and any(  # "OOD": "out-of-distribution", a compound's parts' initials
        "".join(p[0] for p in c.lower().split("-")) == acronym for c in re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)+", source)
    ):
        return True
    camel = re.findall(r"[A-Z][a-z]+", name)
    if len(camel) >= 2 and "".join(camel) == name:  # "BatchNorm": "Batch Normalisation", its last word begun
        if re.search(r"\b" + r"[\s-]+".join(camel[:-1] + [camel[-1] + r"\w*"]) + r"\b", source, re.I):
            return True
    edition = re.fullmatch(r"(.*?[A-Za-z])[-\s]?(?:19|20)\d\d", name)
    if edition is None:
        return False
    base = _norm(edition.group(1))
    return base in keys and not any(k != base and k.startswith(base) and k[len(base) :].isdigit() for k in keys)


_LAST_WORD = re.compile(r"([A-Za-z]+(?:-[A-Za-z]+)*)[\s-]*$")


def _spelled_after_anchor(claim: str, name: str, source: str, keys: frozenset[str]) -> bool:
    """Each acronym in `name` that the source does not write on its own is written out there after the
    word the claim puts before it, and ends an acronym the source writes: "model-based RL" for
    "Model-based reinforcement learning (MBRL)". The word before it (not a stopword) and the source's
    acronym keep two letters from matching some run of the source's words by chance, as `_initials`
    alone would."""
    found = re.search(rf"(?<![A-Za-z0-9]){re.escape(name)}(?![A-Za-z0-9])", claim)
    if found is None:
        return False
    at, offset, spelled_out = found.start(), 0, False
    for part in re.split(r"([-'’.])", name):
        letters = part[:-1] if part.endswith("s") and part[:-1].isupper() else part
        start, offset = offset, offset + len(part)
        if not (letters.isalpha() and letters.isupper() and len(letters) > 1):
            if not (part.islower() or part in "-'’.") and not _known(part, keys):
                return False  # a name or number of another shape ("ResNet", "RL-2") the source does not write
            continue
        if _known(part, keys):
            continue
        anchor = _LAST_WORD.search(claim[: at + start])
        if anchor is None:
            return False
        words = anchor.group(1).split("-")[-2:]  # "model-based": a stopword joined to a word anchors with it
        words = words[-1:] if words[-1].lower() not in STOPWORDS else words
        if words[0].lower() in STOPWORDS:
            return False
        spelled = r"[\s-]+".join([*words, *(rf"{c}\w*" for c in letters.lower())])
        if not re.search(rf"\b{spelled}\b", source, re.IGNORECASE):
            return False
        if not re.search(rf"\b[A-Z]*{letters}s?\b", source):
            # and the source writes the letters in an acronym of its own ("MBRL" for "RL"): two letters after
            # the word may still stand for other words ("contrastive RL" against "contrastive representation
            # learning")
            return False
        spelled_out = True
    return spelled_out


def unknown_names(claim: str, source: str) -> str | None:
    """The claim names something its source does not (a dataset, a baseline, a model)."""
    keys = _source_keys(source)
    missing = [
        name
        for name in names(claim)
        if not _known(name, keys)
        and not (name.isalpha() and _acronym(name) in _initials(source))
        and not _spelled_after_anchor(claim, name, source, keys)
    ]
    if not missing:
        return None
    return "names what the cited source does not: " + ", ".join(dict.fromkeys(missing))
