"""Checks of a claim against its cited source beyond shared words: what a fluent but unfaithful
sentence changes while keeping most of the source's words.

- numbers: every number the claim states appears in the source ("16.0%" where the source says
  10.6% is not support; "four datasets" where it says two is not either), counting what the
  source counts with it ("7 architectures" where it has 5 architectures and a 7 elsewhere), and
  keeping the order of figures the source gives "respectively";
- names: every name the claim uses (an acronym, a CamelCase or digit-bearing token, a
  capitalised word inside the sentence) appears in the source, or is an acronym the source
  spells out (a dataset or baseline added from general knowledge is not support);
- polarity: the claim does not reverse the source sentence it rests on (a negation one has and
  the other lacks, or a word whose opposite the source uses instead: "decrease" for "increase");
  an implicit negative ("avoids", "absent") agrees with a negation in so many words.

Each returns the reason a claim fails it, or None. They are lexical: they cannot see a
reversal made by paraphrase, and the figures in bench/RESULTS.md say how often that happens.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rag.text.naming import name_spots
from rag.text.sentences import STOPWORDS, content_terms, split_sentences
from rag.text.stemming import stem_words

_NUMBER = re.compile(r"(?<![\w.])(\d+(?:[.,]\d+)*)")  # not glued to a letter of any script ("ℓ2", "L2")
# What is left of inline LaTeX in abstracts before a number ("$\\sim$8%" reads "sim8%")
_LATEX_GLUE = re.compile(r"\b(sim|approx|times|pm|leq|geq|le|ge|lt|gt)(?=\d)")
_NUMBER_WORDS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "twice": 2,
    "double": 2,
    "triple": 3,
    "thrice": 3,
    "dozen": 12,
}
# an ordinal in a claim counts as a rank ("the third most robust", "ranked second"), not as a
# position ("the second stage") or a unit ("per second"); in a source any ordinal states its number
_ORDINALS = {w: float(i) for i, w in enumerate("second third fourth fifth sixth seventh eighth ninth tenth".split(), 2)}
_ORDINAL_WORDS = "|".join(_ORDINALS)
_RANK = re.compile(
    rf"\b(?:ranked|ranks|ranking|placed|placing|comes|came)\s+({_ORDINAL_WORDS})\b"
    rf"|\bthe\s+({_ORDINAL_WORDS})[\s-]+(?:most|best|worst|highest|lowest|largest|smallest|strongest|place)\b"
)
_ORDINAL = re.compile(rf"\b({_ORDINAL_WORDS})\b")
# a share in words stands for its fraction or its percentage ("about half the parameters" = 0.5 or
# 50%); not part of a compound ("half-precision"), a number ("one and a half") or a span ("the first half")
_SHARES = {"half": (0.5, 50.0), "quarter": (0.25, 25.0)}
_SHARE = re.compile(r"(?<![-\w])(?<!\band a )(?<!first )(?<!second )(?<!last )(?<!in )(half|quarter)(?![-\w])")
_UNITS = "one two three four five six seven eight nine".split()
_COMPOUND = re.compile(r"\b(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-(" + "|".join(_UNITS) + r")\b")
_TOKEN = re.compile(r"(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9]*(?:[-'’.][A-Za-z0-9]+)*")
# Words that negate what they govern. A claim and the source sentence it rests on must agree on
# whether there is one.
_NEGATIONS = frozenset(
    "not no never none neither nor without cannot can't don't doesn't didn't isn't aren't wasn't "
    "fail fails failed failing unable lack lacks lacked lacking miss misses missed".split()
)
# Opposite directions and judgements, as stems' source words; a general list of English
# antonyms, not of any paper's words.
_OPPOSITES = [
    ("increase", "decrease"),
    ("increases", "decreases"),
    ("increasing", "decreasing"),
    ("higher", "lower"),
    ("upper", "lower"),
    ("more", "less"),
    ("more", "fewer"),
    ("better", "worse"),
    ("best", "worst"),
    ("well", "poorly"),
    ("improve", "degrade"),
    ("improve", "worsen"),
    ("improve", "hurt"),
    ("outperform", "underperform"),
    ("exceed", "underperform"),
    ("surpass", "underperform"),
    ("better", "underperform"),
    ("tight", "loose"),
    ("same", "different"),
    ("large", "small"),
    ("larger", "smaller"),
    ("strong", "weak"),
    ("stronger", "weaker"),
    ("positive", "negative"),
    ("faster", "slower"),
    ("easy", "hard"),
    ("easier", "harder"),
    ("always", "never"),
    ("sufficient", "insufficient"),
    ("necessary", "unnecessary"),
    ("rise", "fall"),
    ("above", "below"),
    ("maximum", "minimum"),
    ("maximize", "minimize"),
    ("grow", "shrink"),
    ("amplify", "diminish"),
]
_PREFIXES = ("in", "un", "im", "non", "ir", "il", "dis")
# Words whose meaning holds a negation ("avoid" is "not incur", "departs from" is "does not conform
# to", "absent" is "not there"): English's implicit negatives, not any paper's words. One agrees with a
# negation in so many words that governs the same words; they never make a reversal by themselves.
# ("free" and "skip" are left out: "free to", "training-free", "skip connections" negate nothing.)
_IMPLICIT = frozenset(
    "avoid prevent preclude refrain refuse reject deny doubt forbid prohibit prohibitive exclude omit ignore "
    "neglect overlook absent devoid impossible hardly barely scarcely seldom rarely depart "
    "differ deviate eliminate remove forgo bypass sidestep circumvent escape instead beyond "
    "insufficient inadequate impractical infeasible incapable unavailable unsuitable".split()
)
# phrases that compare, read as the one word they mean ("falls short of" X: underperforms X)
_TRAILS = re.compile(
    r"\b(?:fall|falls|falling|fell|fallen)\s+(?:\w+ly\s+|far\s+|well\s+)?short\s+of\b"
    r"|\b(?:lag|lags|lagged|lagging)\s+(?:\w+ly\s+|far\s+|well\s+)?behind\b",
    re.I,
)
# a prefix negates an adjective or participle ("unnecessary", "non-increasing", "unbiased"), not a noun
# or verb that only begins like one ("invariance" is no negation of "variance", "disparity" of
# "parity", "uncover" of "cover"); and some that end like one still are not ("improved", "discovered")
_NEGATABLE = re.compile(r"(?:able|ible|ary|ory|al|ed|ing|ive|ent|ant|ful|ic|ous|ar|ile)$")
_FALSE_PREFIXED = frozenset("improve improves improved improving improvement discover discovers discovered".split())
_HYPHEN_NON = re.compile(r"\bnon-(?=[a-z])", re.IGNORECASE)  # "non-increasing" read as one word
_SCOPE = 4  # words after a negation that it governs
_COUNTED = 3  # words after a number that say what it counts


def _negated_form(word: str, prefix: str) -> bool:
    """`word` is `prefix` + a word of at least five letters that a prefix can negate."""
    base = word[len(prefix) :]
    return word.startswith(prefix) and len(base) > 4 and bool(_NEGATABLE.search(base)) and word not in _FALSE_PREFIXED


def _value(text: str) -> float | None:
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None


def numbers(text: str) -> set[float]:
    """The numbers a text states, as values: digits ("10.6%", "1,000", "300x300", "ResNet-50"),
    number words from two to twelve and the tens to ninety-nine ("four datasets", "twice",
    "twenty-five"), and ordinals from second to tenth said as ranks ("the third most robust")."""
    text = _LATEX_GLUE.sub(" ", text)
    found = {v for m in _NUMBER.findall(text) if (v := _value(m)) is not None}
    found |= {float(_NUMBER_WORDS[tens] + _UNITS.index(unit) + 1) for tens, unit in _COMPOUND.findall(text.lower())}
    words = re.findall(r"[a-z]+", _COMPOUND.sub(" ", text.lower()))
    found |= {_NUMBER_WORDS[w] for w in words if w in _NUMBER_WORDS}
    found |= {_ORDINALS[a or b] for a, b in _RANK.findall(text.lower())}
    return found


def unstated_numbers(claim: str, source: str, cited: int = 1) -> str | None:
    """The claim states a number its source does not. A synthesis may count the works it cites
    ("two methods ... [1] ... [2]"). A share in words ("about half") must be one the source
    states as a fraction or a percentage."""
    stated = numbers(source) | {_ORDINALS[w] for w in _ORDINAL.findall(source.lower())}
    extra = numbers(claim) - stated - {float(cited)}
    said = source.lower()
    for word in _SHARE.findall(claim.lower()):
        if not set(_SHARES[word]) & stated and word not in said and not (word == "half" and "halv" in said):
            extra.add(_SHARES[word][0])
    if not extra:
        return None
    return "states a number the cited source does not: " + ", ".join(f"{v:g}" for v in sorted(extra))


def _counts(text: str) -> list[tuple[float, list[str]]]:
    """Each number of `text` with the words right after it that say what it counts, as stems,
    up to a function word or punctuation ("5 model architectures and": 5, ["model",
    "architectur"]); none for a share or a factor ("40%", "1.5x")."""
    tokens = re.findall(
        r"\d+(?:[.,]\d+)*(?:%|×|x\b)?|[A-Za-z][A-Za-z0-9\-]*|[^\sA-Za-z0-9]", _LATEX_GLUE.sub(" ", text)
    )
    found = []
    for i, token in enumerate(tokens):
        value = _NUMBER_WORDS.get(token.lower()) if token.isalpha() else _value(token.rstrip("%×x"))
        if value is None:
            continue
        after: list[str] = []
        if token[-1].isdigit() or token.isalpha():
            for word in tokens[i + 1 : i + 1 + _COUNTED]:
                if not word[0].isalpha() or word.lower() in STOPWORDS:
                    break
                after.append(stem_words([word.lower()])[0])
        found.append((float(value), after))
    return found


def misplaced_numbers(claim: str, source: str, cited: int = 1) -> str | None:
    """The claim puts a number the source states on what the source counts with another number
    ("7 model architectures" where the source has "5 model architectures", and a 7 elsewhere):
    none of the words after the number in the claim follows it anywhere in the source, and some
    follow another number there."""
    said = _counts(source)
    for value, words in _counts(claim):
        if not words or value == cited:
            continue
        wanted = set(words)
        # a bare number in the source may share its noun with the next ("0 and 10 dB")
        if any(v == value and (not after or wanted & set(after)) for v, after in said):
            continue
        other = sorted({v for v, after in said if v != value and wanted & set(after)})
        if other:
            counted = " ".join(words)
            return f"gives {value:g} ({counted}) where the cited source gives {', '.join(f'{v:g}' for v in other)}"
    return None


# what a number is measured on or against: "on CIFAR-10", "than the hierarchical softmax"
_SETTING = re.compile(
    r"\b(?:on|than|over|against|versus|vs\.?)\s+(?:the\s+|a\s+|an\s+)?((?:[A-Za-z][\w-]*\s*){1,3})",
    re.IGNORECASE,
)
# a figure standing alone, not part of a name ("CIFAR-10", "100DOH", "ResNet-50"): 7.86, 40%, 40x
_FIGURE = re.compile(r"(?<![\w.-])(\d+(?:[.,]\d+)*)(?:%|×|x\b|(?![\w-]))")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")  # "1,200,000" is one figure, no clause break


def _plain(text: str) -> str:
    return _THOUSANDS.sub("", _LATEX_GLUE.sub(" ", text))


def _figures(text: str) -> set[float]:
    return {v for m in _FIGURE.findall(text) if (v := _value(m)) is not None}


def _setting_stems(phrase: str) -> list[set[str]]:
    """The content words a setting phrase names, up to the first function word, each as its word
    and stem ("baselines" is "baseline")."""
    words = []
    for word in phrase.split():
        if word.lower() in STOPWORDS:
            break
        words.append(_stems(word))
    return words


def _holds(stems: list[set[str]], text: str) -> bool:
    said = _stems(text) | {t.lower() for t in re.findall(r"[A-Za-z0-9]+(?:[-.][A-Za-z0-9]+)*", text)}
    return all(w & said for w in stems)


def unpaired_numbers(claim: str, source: str, cited: int = 1) -> str | None:
    """The claim puts a figure the source states on a setting (a dataset, a baseline) that the
    source gives other figures for, and never this one: "44.2 mAP on Kinetics-400" where the
    source's 44.2 is on AudioSet and its Kinetics-400 sentence has other figures (a swap within one
    sentence, "40 times faster than the log-softmax and 4 times faster than the hierarchical
    softmax", is not caught). The figure judged is the one nearest
    the setting in the claim's clause; a year and the count of works cited are not. The source
    pairs them when one of its sentences holds both (a sentence giving two figures for two settings
    is not judged figure by figure: "76.1% top-1, and 2.3 points over ResNet-50 on ImageNet"); a
    setting it names without figures ("on CIFAR-10, CIFAR-100 and ImageNet") is not judged."""
    sentences = split_sentences(_plain(source)) or [source]
    for part in _CLAUSE.split(_plain(claim)):
        figures = [(m.start(), v) for m in _FIGURE.finditer(part) if (v := _value(m.group(1))) is not None]
        figures = [(at, v) for at, v in figures if v != cited and not (v.is_integer() and 1900 <= v <= 2100)]
        for m in _SETTING.finditer(part):
            stems = _setting_stems(m.group(1))
            if not stems or not figures:
                continue
            value = min(figures, key=lambda f: abs(f[0] - m.start()))[1]
            with_value = [x for x in sentences if value in _figures(x)]
            with_setting = [x for x in sentences if _holds(stems, x)]
            if not with_value or not with_setting or any(x in with_value for x in with_setting):
                continue  # the source lacks one of the two (other checks judge that), or pairs them
            if any(_figures(x) - {value} for x in with_setting):
                setting = " ".join(m.group(1).split()[: len(stems)])
                return f"gives {value:g} for {setting}, where the cited source gives it for something else"
    return None


# figures given in order for things named in the same order: "on 100DOH and MECCANO, improving AP50 by
# 8% and 30%, respectively"; a claim may give them so too, or put each on its thing ("30% on 100DOH")
_FIG = r"\d+(?:\.\d+)?\s*(?:%|×|x\b)?"
_RESPECTIVE = re.compile(  # a unit may follow the last figure ("1.2 and 3.1 BLEU, respectively")
    rf"((?:{_FIG}\s*(?:,\s*(?:and\s+)?|and\s+))+{_FIG})(?:\s+[A-Za-z][\w-]*){{0,3}}\s*,?\s*respectively\b", re.I
)
_NAMED = r"[A-Za-z0-9][\w.-]*[A-Za-z0-9]"  # a dataset's or a model's name: capitals or digits in it
_FIGURE_ON = re.compile(  # "30% on 100DOH", "3.1 BLEU on WMT14", "30% faster on A100"
    rf"({_FIG})(?:\s+[A-Za-z][\w-]*)?\s+(?:on|for|in|with)\s+(?:the\s+)?({_NAMED})"
)


def _is_name(token: str) -> bool:
    """Capitals inside it or digits with its letters ("MECCANO", "CIFAR-10"), not a capitalised word."""
    return any(c.isupper() for c in token[1:]) or (any(c.isdigit() for c in token) and any(c.isalpha() for c in token))


def _respective(text: str, things: list[str]) -> dict[str, float]:
    """What `text`'s "respectively" gives each of `things` (those it names before its list of
    figures, in their order, as many as the figures): {} when it gives them no such list."""
    plain = _plain(text)
    for m in _RESPECTIVE.finditer(plain):
        values = [float(v) for v in re.findall(r"\d+(?:\.\d+)?", m.group(1))]
        before = plain[: m.start()]
        named = sorted((spots[0].start(), t) for t in things if (spots := name_spots(t, before)))
        if len(named) == len(values):
            return {t: v for (_, t), v in zip(named, values)}
    return {}


def swapped_figures(claim: str, source: str) -> str | None:
    """The claim gives figures to the things a source sentence lists them for "respectively", but
    in another order ("30% on 100DOH and 8% on MECCANO" where the source gives "100DOH and MECCANO
    ... by 8% and 30%, respectively"). The claim's own pairs: each figure and the name right after
    it ("30% on 100DOH"), or a "respectively" of its own."""
    plain = _plain(claim)
    pairs = {name: float(re.sub(r"[^\d.]", "", v)) for v, name in _FIGURE_ON.findall(plain) if _is_name(name)}
    names_before = [t for t in re.findall(_NAMED, plain) if _is_name(t)]
    pairs = _respective(plain, list(dict.fromkeys(names_before))) or pairs
    if len(pairs) < 2:
        return None
    swapped = None
    for sentence in split_sentences(source) or [source]:
        given = _respective(sentence, list(pairs))
        if len(given) < 2:
            continue
        wrong = [name for name, value in pairs.items() if name in given and given[name] != value]
        if not wrong:
            return None  # a list the claim keeps: another list of the same things may give other figures
        name = wrong[0]
        if pairs[name] in given.values():
            swapped = swapped or f"gives {pairs[name]:g} for {name}, where the cited source gives it {given[name]:g}"
    return swapped


def _norm(token: str) -> str:
    return re.sub(r"[^a-z0-9]", "", token.lower())


_ELL = re.compile(r"\\?\bell_?\{?(?=[0-9pq]|inf)")  # LaTeX's \ell before its index: "\ell_2", "{ell_infty}"


@lru_cache(maxsize=256)
def _source_keys(source: str) -> frozenset[str]:
    """Every normalised token of the source, and each pair and triple of neighbours joined
    ("Swin Transformer" -> "swintransformer"), so names written apart or hyphenated match. The
    norm symbol is the letter l however the source writes it ("{ell_2}", "ℓ2": "l2")."""
    source = _ELL.sub("l", source.replace("ℓ", "l"))
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
    if any(c.isdigit() for c in name):  # "CIFAR-100" is not "CIFAR-10": the whole must match
        return False
    parts = [p for p in re.split(r"[-'’.]", name) if any(c.isupper() for c in p)]  # "Adam-style"
    return len(parts) > 0 and parts != [name] and all(_known(p, keys) for p in parts)


def unknown_names(claim: str, source: str) -> str | None:
    """The claim names something its source does not (a dataset, a baseline, a model)."""
    keys = _source_keys(source)
    missing = [
        name
        for name in names(claim)
        if not _known(name, keys) and not (name.isalpha() and _acronym(name) in _initials(source))
    ]
    if not missing:
        return None
    return "names what the cited source does not: " + ", ".join(dict.fromkeys(missing))


def _stems(text: str) -> set[str]:
    words = [w.lower() for w in re.findall(r"[A-Za-z]+(?:'t)?", text)]
    return set(stem_words(words)) | set(words)


@lru_cache(maxsize=1)
def _opposites() -> dict[str, set[str]]:
    pairs: dict[str, set[str]] = {}
    for a, b in _OPPOSITES:
        sa, sb = stem_words([a])[0], stem_words([b])[0]
        pairs.setdefault(sa, set()).add(sb)
        pairs.setdefault(sb, set()).add(sa)
    return pairs


_CLAUSE = re.compile(r"[,;:()]|\s(?:and|but|while|whereas|which|that|although|though|compared to|unlike)\s")
# a dash set off by spaces ("do not trigger X - then reroute Y") ends a clause as a comma does, unless
# a second one closes an aside ("the model - trained with labels - does not overfit")
_DASH = re.compile(r"\s(?:--|[-–—])\s")
_NOT_ONLY = re.compile(r"\bnot (?:only|just|merely)\b", re.IGNORECASE)  # "not only ... but also" negates nothing
_INSTEAD = re.compile(r"\b(?:rather than|instead of)\b", re.IGNORECASE)  # "X rather than Y": Y is negated


def clauses(text: str) -> list[str]:
    """The text cut at commas, semicolons and conjunctions: the units a negation governs."""
    return [
        c.strip()
        for sentence in split_sentences(text) or [text]
        for part in _dashed(sentence)
        for c in _CLAUSE.split(part)
        if len(content_terms(c)) >= 2
    ]


def _dashed(sentence: str) -> list[str]:
    """The sentence's parts at spaced dashes: two at one dash ("do not trigger X - then reroute Y");
    for an aside between two dashes, the aside and the sentence around it ("acceptance subspaces
    - sets that do not trigger refusal - then reroute embeddings")."""
    parts = _DASH.split(sentence)
    if len(parts) == 3:
        return [parts[1], f"{parts[0]} {parts[2]}"]
    return parts if len(parts) == 2 else [sentence]


# words by which a source sets what a method does against what others do
_CONTRASTS = frozenset("unlike only rather instead whereas previous prior traditional existing conventional".split())


def _bare_words(text: str) -> set[str]:
    """The words of `text` as written ("rather than" not read as a negation)."""
    return {w.lower() for w in re.findall(r"[A-Za-z]+(?:'t)?", _NOT_ONLY.sub(" ", text))}


def _words(text: str) -> set[str]:
    text = _INSTEAD.sub(" not ", _NOT_ONLY.sub(" ", text))
    return {w.lower() for w in re.findall(r"[A-Za-z]+(?:'t)?", text)}


def aligned(claim: str, candidates: list[str], share: bool = True) -> list[str]:
    """The candidates the claim may rest on: those sharing the most of its content words, ties
    broken by the words shared over all the words of both (Jaccard; not when `share` is False);
    several only when tied."""
    wanted = set(content_terms(claim))

    def alike(candidate: str) -> tuple[int, float]:
        terms = set(content_terms(candidate))
        return len(wanted & terms), (len(wanted & terms) / max(len(wanted | terms), 1) if share else 0.0)

    scores = [alike(c) for c in candidates]
    best = max(scores, default=(0, 0.0))
    return [c for c, x in zip(candidates, scores) if x == best] or candidates[:1]


def aligned_sentence(claim: str, source: str) -> str:
    return aligned(claim, split_sentences(source) or [source])[0]


def _governed(text: str) -> list[list[set[str]]]:
    """What each negation in `text` governs: the first few content words after it, each as its
    word and stem."""
    tokens = re.findall(r"[A-Za-z]+(?:'t)?", _INSTEAD.sub(" not ", _NOT_ONLY.sub(" ", text)))
    scopes = []
    for i, token in enumerate(tokens):
        if token.lower() in _NEGATIONS:
            after = [t for t in tokens[i + 1 :] if t.lower() not in STOPWORDS and t.lower() not in _NEGATIONS]
            scopes.append([_stems(t) for t in after[:_SCOPE]])
    return scopes


def _unprefixed(text: str, other: str) -> bool:
    """`text` negates by a prefix a word `other` has bare: "unnecessary" against "necessary",
    "non-increasing" against "increase" (so "is not necessary" and "unnecessary" agree)."""
    bare = _stems(other)
    for word in _words(_HYPHEN_NON.sub("non", text)) - _words(other):
        for prefix in _PREFIXES:
            if _negated_form(word, prefix) and _stems(word[len(prefix) :]) & bare:
                return True
    return False


def _negated(mine: str, theirs: str) -> bool:
    """One of two clauses has a negation and the other not. A negation only the claim has must
    govern what the source clause says: two of the content words it governs (or all, if fewer)
    are in that clause ("without any human labels" against a clause about coarse masks adds
    another fact; it does not reverse that one). A contrast the claim draws ("rather than X",
    "instead of X": X is what another method does) agrees with a source clause that contrasts
    too ("unlike X", "prior methods only X"); with no contrast in the source, it reverses that
    clause only if every word it governs is there."""
    negated_mine = bool(_words(mine) & _NEGATIONS) or _unprefixed(mine, theirs)
    negated_theirs = bool(_words(theirs) & _NEGATIONS) or _unprefixed(theirs, mine)
    if negated_mine != negated_theirs and _implicitly_negates(
        mine if negated_mine else theirs, theirs if negated_mine else mine
    ):
        return False  # "insufficient receptive field" against "the lack of a receptive field"
    if negated_mine and not negated_theirs and _INSTEAD.search(mine) and not (_bare_words(mine) & _NEGATIONS):
        if _bare_words(theirs) & _CONTRASTS:
            return False
        # "instead of predicting the box in one shot": the road not taken, reversed only when the
        # source says the method takes it, every word the contrast governs in that clause
        return _governs(mine, theirs, _SCOPE)
    if negated_mine and not negated_theirs:
        return _governs(mine, theirs)
    if negated_theirs and not negated_mine:  # the claim drops a negation only if it says something it governs
        return _governs(theirs, mine, 1)
    return False


def _implicitly_negates(negated: str, other: str) -> bool:
    """`other` says by an implicit negative what a negation of `negated` says ("avoids the strong
    regularization" for "does not induce the strong regularization"; "an insufficient receptive
    field" for "the lack of a receptive field"): one `negated` does not use itself ("does not avoid
    X" against "avoids X" reverses it), governing a word that negation governs."""
    own = {b for word in _words(negated) for b in _IMPLICIT & _bases(word)}
    denied = _denied(negated) | {
        stem for word in _words(negated) for p in _PREFIXES if _negated_form(word, p) for stem in _stems(word[len(p) :])
    }
    tokens = [t.lower() for t in re.findall(r"[A-Za-z]+(?:'t)?", other)]
    for i, token in enumerate(tokens):
        if _IMPLICIT & _bases(token) and not own & _bases(token):
            governed = [t for t in tokens[i + 1 :] if t not in STOPWORDS][:_SCOPE]
            if any(_stems(t) & denied for t in governed):
                return True
    return False


def _bases(word: str) -> set[str]:
    """What `word` may inflect: "avoids", "avoided", "avoiding" -> "avoid"; "removing" -> "remove";
    "omitted" -> "omit"; "denied" -> "deny"."""
    found = {word}
    for ending in ("s", "es", "d", "ed", "ing"):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stem = word[: -len(ending)]
            found |= {stem, stem + "e"}
            if len(stem) > 2 and stem[-1] == stem[-2]:
                found.add(stem[:-1])  # "omitted", "skipped"
    if word.endswith("ied"):
        found.add(word[:-3] + "y")
    return found


def _governs(negated: str, other: str, least: int = 2) -> bool:
    """A negation of `negated` governs what `other` says: `least` of the content words it governs
    (or all, if fewer) are in `other`; a negation by prefix ("unnecessary") governs its own word."""
    said = _stems(other)
    scopes = _governed(negated)
    if not scopes:
        return True
    return any(sum(bool(w & said) for w in scope) >= min(least, len(scope)) for scope in scopes)


def _opposite(mine: str, theirs: str) -> bool:
    """The claim uses a word whose opposite the source uses instead ("poorly" for "well",
    "insensitive" for "sensitive"); a claim with both words is not judged."""
    mine, theirs = _TRAILS.sub("underperforms", mine), _TRAILS.sub("underperforms", theirs)
    stems_mine, stems_theirs = _stems(mine), _stems(theirs)
    denied_mine, denied_theirs = _denied(mine), _denied(theirs)

    def reverses(word: str, counterpart: str) -> bool:
        # a word against its opposite, unless exactly one of the two is negated: "unnecessary" is "not necessary"
        return (word in denied_mine) == (counterpart in denied_theirs)

    opposites = _opposites()
    for stem in stems_mine - stems_theirs:
        if any(reverses(stem, o) for o in (opposites.get(stem, set()) & stems_theirs) - stems_mine):
            return True
    words_mine, words_theirs = _words(mine), _words(theirs)
    for word in words_mine - words_theirs:
        for prefix in _PREFIXES:
            base = word[len(prefix) :]
            if _negated_form(word, prefix) and base in words_theirs and base not in words_mine and reverses(word, base):
                return True
    return False


def _denied(text: str) -> set[str]:
    """The words (and stems) a negation in `text` governs."""
    return {w for scope in _governed(text) for found in scope for w in found}


def reversed_polarity(claim: str, source: str) -> str | None:
    """The claim says the opposite of the source it rests on: a clause of the claim and the source
    clause it rests on disagree on negation or use opposite words (unless another clause that
    fits as well agrees), or the claim uses a word whose opposite the source sentence it rests
    on uses. For negation, a clause fits as well when it shares as many content words: the
    Jaccard tie-break favours short clauses, and a short negated clause ("X do not -- Y") then
    outranked the clause the claim restates (a choice made on the dev claims, evals/claims_dev)."""
    pieces = clauses(source) or [source]
    for part in clauses(claim) or [claim]:
        fits = aligned(part, pieces)
        if all(_negated(part, piece) for piece in aligned(part, pieces, share=False)):
            return "negates the source, or drops its negation"
        if all(_opposite(part, piece) for piece in fits):
            return "says the opposite of the source"
    if _opposite(claim, aligned_sentence(claim, source)):
        return "says the opposite of the source"
    return None
