"""The numbers check: every number a claim states appears in its cited source ("16.0%" where the
source says 10.6% is not support; "four datasets" where it says two is not either), counting what
the source counts with it ("7 architectures" where it has 5 architectures and a 7 elsewhere), on
what the source measures it ("44.2 mAP on Kinetics-400" where the source gives it on AudioSet),
in the order the source gives figures "respectively" or joined by slashes ("41.05%/27.62% on
DOTA/DIOR"), and to the thing each measures "by" ("iterations by 40% and time by 35%"). Lexical: a
figure restated in other units or computed from the source's figures is not recognised."""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal
from itertools import combinations

from rag.answering.support.wording import CLAUSE, stemmed
from rag.text.naming import is_year, name_spots
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
# the degree a word gives a polynomial ("cubic time" is n^3): not a count, so not in _NUMBER_WORDS
_POWERS = {"quadratic": 2.0, "quadratically": 2.0, "cubic": 3.0, "cubically": 3.0, "quartic": 4.0}
_DEGREE = re.compile(r"\b(?:quadratic|cubic|quartic)|\^", re.I)  # a source stating some degree
# a number inside a formula (an exponent, "m^3"; a rate, "O(dm + m^3)") or a reference mark ("[17]"): no
# quantity of things, so it does not state a count ("three algorithms" of "We propose two new algorithms
# ... O(dm + m^3)"), though a claim restating the formula or its degree may take it; a year in brackets
# is a citation's year, which it states ("Sachs et al. [2022]")
_IN_FORMULA = re.compile(
    r"\^\s*\{?\s*-?\d+(?:\.\d+)?\s*\}?|\b[OΘΩo]\((?:[^()]|\([^()]*\))*\)|\[(?!(?:19|20)\d\d\])\d+\]"
)
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
# a count of dozens ("two dozen", "half a dozen", "3 dozen"); not "dozens of", which counts nothing exactly
_DOZENS = re.compile(r"\b(half a|a|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+dozen\b(?!s)", re.IGNORECASE)
_COUNTED = 3  # words after a number that say what it counts
_ROUNDING = 0.05  # a rounded figure is off by at most this share of the stated one
_MOST_PARTS = 4  # a total is read as the sum of at most this many counts after it


def _value(text: str) -> float | None:
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None


def _dozens_as_digits(text: str) -> str:
    """ "two dozen models" as "24 models", "half a dozen" as "6": one figure, not a two and a twelve."""

    def dozens(m: re.Match[str]) -> str:
        count = 0.5 if m.group(1).lower() == "half a" else _NUMBER_WORDS.get(m.group(1).lower()) or _value(m.group(1))
        return f"{12 * (count or 1):g}"

    return _DOZENS.sub(dozens, text)


def numbers(text: str) -> set[float]:
    """The numbers a text states, as values: digits ("10.6%", "1,000", "300x300", "ResNet-50"),
    number words from two to twelve and the tens to ninety-nine ("four datasets", "twice",
    "twenty-five"), dozens ("two dozen": 24), and ordinals from second to tenth said as ranks ("the
    third most robust")."""
    text = _dozens_as_digits(_LATEX_GLUE.sub(" ", text))
    found = {v for m in _NUMBER.findall(text) if (v := _value(m)) is not None}
    found |= {float(_NUMBER_WORDS[tens] + _UNITS.index(unit) + 1) for tens, unit in _COMPOUND.findall(text.lower())}
    words = re.findall(r"[a-z]+", _COMPOUND.sub(" ", text.lower()))
    found |= {_NUMBER_WORDS[w] for w in words if w in _NUMBER_WORDS}
    found |= {_ORDINALS[a or b] for a, b in _RANK.findall(text.lower())}
    found |= {_POWERS[w] for w in words if w in _POWERS}
    return found


def _without(text: str, spans: list[tuple[re.Match, float]]) -> str:
    """`text` with the spans of `spans` blanked."""
    for m, _ in sorted(spans, key=lambda s: -s[0].start()):
        text = text[: m.start()] + " " + text[m.end() :]
    return text


def unstated_numbers(claim: str, source: str, cited: int = 1) -> str | None:
    """The claim states a number its source does not. A synthesis may count the works it cites
    ("two methods ... [1] ... [2]"). A figure the claim writes with fewer decimals than the source
    is the source's rounded (`_rounded`). A share in words ("about half") must be one the source
    states as a fraction or a percentage, or the share of a whole the claim names that the source
    counts ("half of the 30 problems" where the source solves 15 of them)."""
    claim, source = _dozens_as_digits(claim), _dozens_as_digits(source)  # "half a dozen" is 6, no share
    ranks = {_ORDINALS[w] for w in _ORDINAL.findall(source.lower())}
    stated = numbers(_IN_FORMULA.sub(" ", source)) | ranks  # a count or a figure, not an exponent
    in_formulas = numbers(source) | ranks
    written = _decimals(claim)
    fractions = _fractions(claim)
    extra = {
        v
        for v in numbers(_without(claim, fractions))  # "nine-tenths" is a share, checked below, not nine things
        - stated
        - {float(cited)}
        - _totals(claim, source, stated)
        - _enumerated(claim, source)
        if not any(_rounded(s, v, written.get(v, 0)) for s in stated)
    }
    extra -= _differences(claim, source, written)
    # what the claim writes in a formula, or as a degree ("cubic"), may be the source's exponent
    powers = {_POWERS[w] for w in re.findall(r"[a-z]+", claim.lower()) if w in _POWERS}
    extra -= (numbers(" ".join(m.group() for m in _IN_FORMULA.finditer(claim))) | powers) & in_formulas
    said = source.lower()
    wholes = numbers(claim) & stated
    for m in _SHARE.finditer(claim.lower()):
        if any(f.start() <= m.start() < f.end() for f, _ in fractions):
            continue  # "three quarters", read as a fraction below
        word = m.group(1)
        share, _ = _SHARES[word]
        ratio = any(share * b in stated for b in wholes)  # "half of the 30 problems" where the source has 15
        halved = word == "half" and "halv" in said
        if not set(_SHARES[word]) & stated and word not in said and not halved and not ratio:
            # said roughly ("about half", "more than a quarter"): a share the source states near it
            bound = _BOUND_BEFORE.search(claim[: m.start()])
            if not (bound and _fraction_stated(share, bound.group(1), source, stated)):
                extra.add(share)
    for m, share in fractions:
        if not _fraction_stated(share, m.group("bound"), source, stated):
            extra.add(round(share, 3))
    if not _DEGREE.search(source):  # a degree is checked against one ("quartic" for "cubic"), not "n squared", "QP"
        extra -= powers
    scaled = _scaled_figures(claim, source)
    extra -= {base for base, stated_so in scaled.values() if stated_so}  # "two thousand" for "2,000"
    sized = _unstated_magnitudes(claim, source) + [said for said, (_, stated_so) in scaled.items() if not stated_so]
    sized += _unstated_time_units(claim, source)
    if not extra and not sized:
        return None
    return "states a number the cited source does not: " + ", ".join([f"{v:g}" for v in sorted(extra)] + sized)


# a share said as a fraction in words, or a figure cut by one: "nine-tenths", "two thirds", "a third of", "more
# than a quarter", "roughly three quarters", "halved"; a bare "half" or "quarter" is read above (exactly)
_DENOMINATORS = {"third": 3, "quarter": 4, "fifth": 5, "tenth": 10}  # a plural's is its singular's
_NUMERATORS = {"two": 2, "three": 3, "four": 4, "seven": 7, "nine": 9}
_APPROXIMATE = r"about|roughly|nearly|almost|around|approximately|some|close\s+to|more\s+than|over|under|less\s+than"
# "a third" is a share only "of" something, "by" it or said roughly ("a third approach", "a third party" are not);
# "two thirds", "nine-tenths" always; "halved" and "halving" are a half
_FRACTION = re.compile(
    rf"(?i)(?:\b(?P<bound>{_APPROXIMATE})\s+)?(?:"
    r"\b(?P<num>two|three|four|seven|nine)[-\s]+(?P<den>thirds|quarters|fifths|tenths)\b(?!-)"
    r"|(?:\b(?P<by>by)\s+)?\b(?P<one>a|one)[-\s]+(?P<part>third|quarter|fifth|tenth)\b(?=(?P<of>\s+of\b))?"
    r"|\b(?P<cut>halved|halving)\b)"
)
# "about" before "half", "more than a" before "quarter"
_BOUND_BEFORE = re.compile(rf"(?i)\b({_APPROXIMATE})\s+(?:a\s+)?$")
# what may follow "by a third" for it to be a share: the end of a clause or a preposition ("cut by a third
# in ..."), not a noun ("queried by a third party")
_AFTER_SHARE = re.compile(r"\s*(?:[\[.,;:)]|$|(?:in|on|at|from|over|compared|relative|while|and|with|than)\b)")
_FRACTION_SLACK = 0.03  # how far a fraction in words may be from the share it rounds
_SLASHED_SHARE = re.compile(r"(?<![\w./])(\d+)\s*/\s*(\d+)(?![\w./])")  # "1/3"
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*%")


def _fractions(text: str) -> list[tuple[re.Match, float]]:
    """The shares `text` says in words, with their values."""
    found = []
    for m in _FRACTION.finditer(text):
        if m.group("cut"):
            found.append((m, 0.5))
        elif m.group("num"):
            found.append((m, _NUMERATORS[m.group("num").lower()] / _DENOMINATORS[m.group("den").lower().rstrip("s")]))
        elif m.group("of") or m.group("bound") or (m.group("by") and _AFTER_SHARE.match(text, m.end())):
            found.append((m, 1 / _DENOMINATORS[m.group("part").lower()]))
    return found


def _fraction_stated(share: float, bound: str | None, source: str, stated: set[float]) -> bool:
    """A share in words is stated when the source says it in words, as "1/3" or as its value ("a tenth of a
    point" for "0.1%"), or states a percentage within `_FRACTION_SLACK` of it ("nine-tenths" for
    "approximately 90%"); after "more than" / "under", one on that side of it, up to three times as far. A
    half is also stated by any word of halving."""
    bound = (bound or "").lower()

    def near(value: float) -> bool:
        if bound in ("more than", "over"):
            return share <= value <= share + 3 * _FRACTION_SLACK
        if bound in ("under", "less than"):
            return share - 3 * _FRACTION_SLACK <= value <= share
        return abs(value - share) <= _FRACTION_SLACK

    said = [v for _, v in _fractions(source)] + [int(a) / int(b) for a, b in _SLASHED_SHARE.findall(source) if int(b)]
    said += list(stated)  # "a tenth of a point" for "by 0.1%"
    if any(abs(v - share) < 1e-3 for v in said) or (share == 0.5 and "halv" in source.lower()):
        return True
    return any(near(float(p) / 100) for p in _PERCENT.findall(source))


# a quantity said by its order of magnitude alone ("a few hundred queries", "millions of points", "hundreds of
# thousands of images"), with the least number each word stands for; "100 million" and "two hundred" are
# figures read as numbers, "a thousand-fold speedup" a factor, "the Million Song Dataset" a name
_MAGNITUDES = {"hundred": 100.0, "thousand": 1e3, "million": 1e6, "billion": 1e9}
_MAGNITUDE_WORD = "|".join(_MAGNITUDES)
_MAGNITUDE = re.compile(
    rf"(?<![\w.,-])(\S+\s+)?((?:(?:{_MAGNITUDE_WORD})s?\s+(?:of\s+)?)*(?:{_MAGNITUDE_WORD})s?)\b"
    r"(?![-\s]*(?:fold|times)\b)",
    re.I,
)
_SCALED = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s*([kmb])\b", re.I)  # "1.2M points", "7B", "300K"
_SCALES = {"k": 1e3, "m": 1e6, "b": 1e9}


# a year as abstracts and the verified text write one ("(2019)", "NeurIPS 2019", "in 2019,"): no quantity; not
# a count that reads like one ("in 2000 steps", "(2048 episodes)", "Full HD 1920x1080")
_YEAR_SPOT = re.compile(r"(?:\(|\b(?:in|since|until)\s+|\b[A-Z][A-Za-z]*\s+)((?:19|20)\d\d)(?![\d.,%x×])(?!\s+[a-z])")
# a figure times an order of magnitude in words ("10 million samples", "ten million", "1.5 billion")
_FIGURE_SCALED = re.compile(
    rf"(?<![\w.,-])(\d+(?:\.\d+)?|{'|'.join(_NUMBER_WORDS)})\s+({_MAGNITUDE_WORD})\b(?![-\s]*(?:fold|times)\b)",
    re.I,
)


def _compounds_as_digits(text: str) -> str:
    """ "twenty-five million" as "25 million", so its figure is read whole."""
    return _COMPOUND.sub(lambda m: str(_NUMBER_WORDS[m.group(1)] + _UNITS.index(m.group(2)) + 1), text)


def _scaled_values(text: str) -> set[float]:
    """The figures `text` states with an order of magnitude: "100 million" and "ten million" in words,
    "1.2M" and "300K" in letters."""
    found = {float(v) * _SCALES[unit.lower()] for v, unit in _SCALED.findall(text)}
    for figure, scale in _FIGURE_SCALED.findall(_compounds_as_digits(text.lower())):
        value = _NUMBER_WORDS.get(figure.lower()) or _value(figure)
        if value is not None:
            found.add(float(value) * _MAGNITUDES[scale.lower()])
    return found


def _scaled_figures(claim: str, source: str) -> dict[str, tuple[float, bool]]:
    """Each figure the claim states with an order of magnitude ("10 million samples"): its figure (10)
    and whether the source states the whole of it, so or in full (rounded as `_rounded` allows):
    "100 million" is not "10 million", though it writes a ten elsewhere."""
    stated = numbers(source) | _scaled_values(source)
    found = {}
    for m in _FIGURE_SCALED.finditer(_compounds_as_digits(claim.lower())):
        figure, unit = m.group(1), _MAGNITUDES[m.group(2).lower()]
        base = float(_NUMBER_WORDS.get(figure.lower()) or _value(figure) or 0.0)
        decimals = len(figure.split(".")[-1]) if "." in figure else 0
        whole = base * unit
        found[m.group(0)] = (base, any(s == whole or _rounded(s / unit, base, decimals) for s in stated))
    return found


# units of time: a duration is as much a figure as its number ("in a few seconds" for "in milliseconds"). A
# claim's is read in the plural after a number or a word of several ("a few seconds", "10 GPU hours"; "under
# an hour" may restate 40 minutes); a source's in any form ("24-hour", "GPU-hours", "daily", "30ms", "2 h")
_TIME_UNITS = ("microsecond", "millisecond", "second", "minute", "hour", "day", "week", "month")
_TIME_ADJECTIVES = {"hour": "hourly", "day": "daily", "week": "weekly", "month": "monthly"}
_TIME_AFTER_DIGITS = {
    "microsecond": "µs|us",
    "millisecond": "ms|msecs?",
    "second": "s|secs?",
    "minute": "mins?",
    "hour": "h|hrs?",
}
_TIME_UNIT = {
    unit: re.compile(
        rf"(?<![A-Za-z])(?:{unit}s?|{_TIME_ADJECTIVES.get(unit, unit)})(?![A-Za-z])"
        + (rf"|(?<=\d)\s?(?:{_TIME_AFTER_DIGITS[unit]})(?![A-Za-z])" if unit in _TIME_AFTER_DIGITS else ""),
        re.I,
    )
    for unit in _TIME_UNITS
}
_SEVERAL = "|".join(["few", "several", "many", "tens", "dozens", "hundreds", *(w for w in _NUMBER_WORDS)])
_DURATION = {
    unit: re.compile(rf"(?:(?<![\w.])\d[\d.,]*|\b(?:{_SEVERAL})\b)\s+(?:[\w-]+\s+)?{unit}s(?![A-Za-z])", re.I)
    for unit in _TIME_UNITS
}


def _unstated_time_units(claim: str, source: str) -> list[str]:
    """The durations the claim gives in a unit of time the source never writes ("a few seconds" where it
    detects "in milliseconds")."""
    return [
        m.group(0)
        for unit, pattern in _DURATION.items()
        for m in [pattern.search(claim)]
        if m is not None and not _TIME_UNIT[unit].search(source)
    ]


def _unstated_magnitudes(claim: str, source: str) -> list[str]:
    """The orders of magnitude the claim puts on a quantity ("a few hundred") that the source neither
    writes ("hundreds", "million-scale") nor states a figure of: a number from the magnitude up to the
    next one (100 to 999 for "hundreds", a thousand to a million for "thousands"; 100,000 to a million
    for "hundreds of thousands"), also written "1.2M" or "300K"; a year ("(2019)") is no such figure."""
    said = source.lower()
    stated = numbers(_YEAR_SPOT.sub(" ", source)) | _scaled_values(source)
    missing = []
    for m in _MAGNITUDE.finditer(claim):
        before, words = (m.group(1) or "").strip().lower().lstrip("~≈"), m.group(2)
        if re.fullmatch(r"[\d.,]+", before) or before in _NUMBER_WORDS or before == "one" or words[0].isupper():
            continue
        scale = re.findall(_MAGNITUDE_WORD, words.lower())
        if all(w in said for w in scale):
            continue
        least = math.prod(_MAGNITUDES[w] for w in scale)
        top = least * (10 if scale[-1] == "hundred" else 1000)
        if not any(least <= v < top for v in stated):
            missing.append(words)
    return missing


# an asymptotic bound, one level of brackets inside it allowed: "O(nnz(A) k)", "$\\Omega(\\sqrt{T})$",
# "\\tilde{O}(d)", and as abstracts keep it with the LaTeX stripped: "mathcal{O}(...)", "Omega(k^2d)"
_BOUND = re.compile(
    r"(?:(?<![A-Za-z])[OΘΩ]|(?:mathcal|tilde|widetilde)\{O\}|\b(?:Theta|Omega))\(((?:[^()]|\([^()]*\))*)\)"
)
# typesetting or prose inside a bound, not a quantity: "mathcal{C_Phi}", "C_{Phi circ Psi}" (also "Phi o
# Psi"), "cube root of log n"
_TYPESETTING = frozenset("mathcal mathrm operatorname left right circ cdot o of".split())
_FUNCTIONS = re.compile(r"polylog|log|sqrt|exp|poly|min|max|phi|psi")  # names, also glued to a variable ("dlog")


def _bound_terms(text: str) -> set[str]:
    """The quantities the asymptotic bounds of `text` are written in ("O(\\log n)": log, n;
    "Omega(k^2d)": k, 2, d; "O(dlog(1/e))", LaTeX stripped: d, log, 1, e): a function by its name, and
    the letters a run of at most three holds beside it as variables side by side ("kd"); a longer run
    is prose ("cube root"), its letters no terms."""
    terms: set[str] = set()
    for inside in _BOUND.findall(text):
        for token in re.findall(r"[a-z]+|\d+", inside.lower()):
            if token.isdigit():
                terms.add(token)
                continue
            if token in _TYPESETTING:
                continue
            named = _FUNCTIONS.findall(token)
            rest = _FUNCTIONS.sub("", token)
            terms |= set(named)
            if len(rest) <= 3:
                terms |= set(rest)
    return terms


# a p-norm as abstracts write it: "\\ell_2", "$\\ell_\\infty$", "ℓ∞", "L2", "l_inf", "Linf", "ell_{2}", "\\ell_p",
# and a norm's subscript ("\\|\\delta\\|_\\infty"); only the norms threat models use (1, 2, infinity, or p)
_NORM = re.compile(r"(?:(?<![A-Za-z0-9-])(?:\\?ell|ℓ|[lL])_?|\\?\|_)\{?([12p]|\\?inf(?:inity|ty)?|∞)\}?(?![A-Za-z0-9])")


def _norms(text: str) -> set[str]:
    """The p-norms `text` names, as "1", "2", "inf" or "p"."""
    return {v if v[0] in "12p" else "inf" for v in (m.lstrip("\\") for m in _NORM.findall(text.replace("$", "")))}


def unstated_norms(claim: str, source: str) -> str | None:
    """The claim names a p-norm where the source names another ("robust to l_inf-norm perturbations"
    where the source's are ell_2): which threat model a robustness result holds under is a fact as a
    number is. Not judged when the source names no norm ("L2 (Euclidean) distance" for "Euclidean
    distance", "L2 penalty" for "weight decay") or a general one ("ell_p-bounded")."""
    stated = _norms(source)
    extra = _norms(claim) - stated
    if not stated or "p" in stated or not extra:
        return None
    return "names a norm the cited source does not: " + ", ".join(f"l_{v}" for v in sorted(extra))


def unstated_bounds(claim: str, source: str) -> str | None:
    """The claim states an asymptotic bound in terms neither the source's bounds nor its words use
    ("runs in O(nnz(A) k) time" where the source's bounds have no z, "O(1/T)" where it states no
    rate): a running time or a rate is a fact as a number is. Its typesetting is not compared, nor
    which of the source's bounds holds which term (the numbers in it are checked as numbers); a bound
    the source writes out ("n log n time") is its words."""
    said = set(re.findall(r"[a-z]+|\d+", source.lower()))
    extra = _bound_terms(claim) - _bound_terms(source) - said
    if not extra:
        return None
    return "states a bound the cited source does not: in " + ", ".join(sorted(extra))


def _totals(claim: str, source: str, stated: set[float]) -> set[float]:
    """The counts of the claim that total others it states after them, each stated by the source and
    one of them counting there what the total counts ("60 datasets in total, 14 tabular and 46 image
    datasets", "eight datasets, five low-dimensional and three high-dimensional"): a sum the claim shows
    its parts of; not a share or a factor, nor a sum of counts of other things ("7 datasets" beside "2
    architectures" and "5 seeds")."""
    counted = [(i, v, after) for i, (v, after) in enumerate(_counts(claim)) if after]
    said = _counts(source)
    totals = set()
    for i, v, after in counted:
        if v in stated:
            continue
        # the parts follow the total in the claim, and one of them counts the total's thing in the source
        parts = [p for j, p, _ in counted if j > i and p in stated]
        counts_it = {p for p, words in said if set(words) & set(after)}
        for n in range(2, min(len(parts), _MOST_PARTS) + 1):
            if any(sum(c) == v and set(c) & counts_it for c in combinations(parts, n)):
                totals.add(v)
    return totals


# a count with what it counts, then the things counted after a colon, in brackets or set off in commas
# ("four kinds of data: MNIST, CIFAR10, ImageNet and random data", "three losses (A, B and C)", "four
# datasets, A, B, C and D, under ..."), up to the sentence's end (of a comma's, `_enumerated` takes the list)
_ENUMERATION = re.compile(
    rf"(?<![\w.])(\d+|{'|'.join(w for w in _NUMBER_WORDS if w not in ('twice', 'double', 'thrice'))})"
    r"\s+((?:[A-Za-z][\w-]*\s+){0,4}?[A-Za-z][\w-]*)\s*(:|\(|,)\s*((?:[^;:()\[\].]|\.(?!\s|$))+)",
    re.I,
)
_SOURCE_LISTS = re.compile(r"\(([^()]*)\)|:([^.;]*)")
# a list the source runs into its sentence ("on CIFAR10, CIFAR100, SVHN, and Tiny ImageNet"): items of a
# few words, joined by commas and a last "and" or "or"
_ITEM = r"[^\s,;:.()]+(?:\s+[^\s,;:.()]+){0,2}"
_INLINE_LIST = re.compile(rf"(?:{_ITEM}\s*,\s*)*{_ITEM},?\s+(?:and|or)\s+{_ITEM}")
_ITEM_BREAK = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")
_ITEM_WORDS = 3  # a thing listed is named in a few words; a longer part is a clause ("and it beats the baselines")


def _enumerated(claim: str, source: str) -> set[float]:
    """The counts of the claim that count the things it lists right after them, all of them in one
    list of the source (in brackets, after a colon, or run into a sentence with commas and "and"): a
    count the claim makes of the source's list ("four kinds of data: MNIST, CIFAR10, ImageNet and
    random data" for "(MNIST, CIFAR10, ImageNet, and random data)"; "four datasets: CIFAR10, CIFAR100,
    SVHN and Tiny ImageNet" for "experiments on CIFAR10, CIFAR100, SVHN, and Tiny ImageNet"). Not a
    measure ("2 points (CIFAR and ImageNet)"), nor a count of what the source counts otherwise ("3
    layers: encoder, decoder and head" where it has 12 layers)."""
    # every count, overlapping: a measure's number before it ("2 points on the five datasets: ...") does not
    # take in the count
    listed, at = [], 0
    while (m := _ENUMERATION.search(claim, at)) is not None:
        listed.append(m)
        at = m.start() + 1
    if not listed:
        return set()
    # the source's lists: in brackets, after a colon to the end of the sentence, or run into a sentence;
    # and a sentence's lists together, a bracket spelling out one item ("ResNet-50, DenseNet-121, and
    # Vision Transformers (ViT-B and DEiT-S)" lists the four models a claim may count)
    lists = []
    for sentence in split_sentences(source) or [source]:
        spans = [a or b for a, b in _SOURCE_LISTS.findall(sentence)] + _INLINE_LIST.findall(sentence)
        lists += [_items(span) for span in spans]
        if len(spans) > 1:
            lists.append([item for span in spans for item in _items(span)])
    counted_there = _counts(source)
    found = set()
    for m in listed:
        count = _NUMBER_WORDS.get(m.group(1).lower()) or _value(m.group(1))
        thing = stem_words([w.lower() for w in re.findall(r"[A-Za-z]+", m.group(2))])
        span = m.group(4).strip()
        if m.group(3) == ",":  # a list set off in commas ("four datasets, A, B, C and D, under ..."): its run
            run = _INLINE_LIST.match(span)
            span = run.group(0) if run else ""
        items = _items(span)
        # a thing listed is named in a few words, a hyphenated one one word ("multi-class logistic regression")
        short = bool(span) and all(len(i.split()) <= _ITEM_WORDS for i in _ITEM_BREAK.split(span))
        named = short and any(_same_list(items, there) for there in lists)
        measure = bool(set(thing) & _UNIT_WORDS)
        otherwise = any(v != count and set(after) & set(thing) for v, after in counted_there)
        if count is not None and len(items) == count and named and not measure and not otherwise:
            found.add(float(count))
    return found


def _items(span: str) -> list[tuple[str, ...]]:
    """The things a list names, each as its words ("CIFAR10, CIFAR100, and Tiny ImageNet")."""
    return [w for i in _ITEM_BREAK.split(span.strip()) if (w := tuple(re.findall(r"[a-z0-9]+", i.lower())))]


def _same_list(mine: list[tuple[str, ...]], theirs: list[tuple[str, ...]]) -> bool:
    """Each thing the claim lists is a different one of the source's list (some of it may be left out):
    one of its items, or the words at its start or end ("Tiny ImageNet" of "and Tiny ImageNet datasets",
    "CIFAR10" of "experiments on CIFAR10": a list run into a sentence takes words around it)."""
    if len(mine) > len(theirs):
        return False
    free = list(theirs)
    for item in mine:
        n = len(item)
        match = next((t for t in free if t[:n] == item or t[-n:] == item), None)
        if match is None:
            return False
        free.remove(match)
    return True


# a figure said as the gap between two others ("gains nearly six points", "5.8 points higher than"): a gap's
# word before it, or a comparative after it
_GAP = re.compile(
    r"(?P<before>\b(?:by|gains?|gained|improv\w*|drops?|dropped|falls?|fell|declines?|declined|boosts?|raises?|"
    r"lifts?|widens?|narrows?|up|down)\s+(?:\w+\s+){0,3}?)?"
    r"(?<![\w.])(?P<gap>\d+(?:\.\d+)?|" + "|".join(_NUMBER_WORDS) + r")\s*"
    r"(?:percentage\s+)?(?:points?|pp)\b(?P<after>\s+(?:higher|lower|above|below|better|worse|more|less|ahead|behind))?",
    re.I,
)
# a measured figure a gap may be taken between: one with decimals or a percent sign, not a count, a year or a
# name's number ("ResNet-50", "8/255")
_MEASURED = re.compile(r"(?<![\w./-])(\d+\.\d+|\d+(?:\.\d+)?(?=\s*%))(?![\w/])")


def _differences(claim: str, source: str, written: dict[float, int]) -> set[float]:
    """The claim's gaps ("gains nearly six points", "5.8 points higher") that are the difference of two measured
    figures one sentence of the source states, rounded half up to the claim's decimals."""
    gaps = set()
    for m in _GAP.finditer(claim):
        if not (m.group("before") or m.group("after")):
            continue  # "sampled with 1024 points": a count of points, no gap
        said = m.group("gap")
        value = _value(said) if said[0].isdigit() else float(_NUMBER_WORDS[said.lower()])
        if value is not None:
            gaps.add(value)
    if not gaps:
        return set()
    found = set()
    for sentence in split_sentences(source) or [source]:
        figures = sorted({Decimal(f) for f in _MEASURED.findall(sentence)})
        for a, b in combinations(figures, 2):
            finest = max(-int(a.as_tuple().exponent), -int(b.as_tuple().exponent))
            for v in gaps:
                places = written.get(v, 0)
                if places > finest:
                    continue  # "2.30 points" for 12.4 and 10.1: more precise than the figures
                if (b - a).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP) == Decimal(str(v)):
                    found.add(v)
    return found


def _decimals(text: str) -> dict[float, int]:
    """Each figure of `text` with the decimals it is written with ("6.50" has 2, "6.5" has 1)."""
    found: dict[float, int] = {}
    for m in _NUMBER.findall(_LATEX_GLUE.sub(" ", text)):
        value = _value(m)
        if value is not None:
            places = len(m.split(".")[-1]) if "." in m else 0
            found[value] = max(found.get(value, 0), places)
    return found


def _rounded(stated: float, value: float, decimals: int) -> bool:
    """`value`, written with `decimals` decimals, is `stated` rounded the way writers round: to
    fewer decimals than the source writes ("6.5%" for 6.45%, "44%" for 43.8%, not "6.50%"), off by
    at most `_ROUNDING` of it."""
    if stated == value or f"{stated:.{decimals}f}" == f"{stated:g}" or float(f"{stated:.{decimals}f}") != value:
        return False
    return abs(stated - value) <= _ROUNDING * abs(stated)


_COUNT_COMPOUND = re.compile(
    rf"(?i)(?<![\w.-])(\d+|{'|'.join(w for w in _NUMBER_WORDS if w not in ('twice', 'double', 'thrice'))})"
    rf"-(?!(?:{'|'.join(_UNITS)})\b)(?=[a-z])"
)


def _counts(text: str) -> list[tuple[float, list[str]]]:
    """Each number of `text` with the words right after it that say what it counts, as stems,
    up to a function word or punctuation ("5 model architectures and": 5, ["model",
    "architectur"]); none for a share or a factor ("40%", "1.5x")."""
    # a count compounded with what it counts ("a two-layer clustering", "2-layer") counts it
    text = _COUNT_COMPOUND.sub(r"\1 ", _LATEX_GLUE.sub(" ", text))
    tokens = re.findall(r"\d+(?:[.,]\d+)*(?:%|×|x\b)?|[A-Za-z][A-Za-z0-9\-]*|[^\sA-Za-z0-9]", text)
    found = []
    for i, token in enumerate(tokens):
        value = _NUMBER_WORDS.get(token.lower()) if token.isalpha() else _value(token.rstrip("%×x"))
        if value is None:
            continue
        after: list[str] = []
        if token[-1].isdigit() or token.isalpha():
            for word in tokens[i + 1 : i + 1 + _COUNTED]:
                if not word[0].isalpha() or word.lower() in STOPWORDS or word.lower() == "per":
                    break  # "15 minutes per problem" counts minutes
                after.append(stem_words([word.lower()])[0])
        found.append((float(value), after))
    return found


def misplaced_numbers(claim: str, source: str, cited: int = 1) -> str | None:
    """The claim puts a number the source states on what the source counts with another number
    ("7 model architectures" where the source has "5 model architectures", and a 7 elsewhere):
    none of the words after the number in the claim follows it anywhere in the source, and some
    follow another number there."""
    said = _counts(source)
    totals = _totals(claim, source, numbers(source))  # "eight datasets, five low-dimensional and three ...": their sum
    written = _decimals(claim)
    for value, words in _counts(claim):
        if not words or value == cited or value in totals:
            continue
        wanted = set(words)
        # the source's figure, or it rounded ("roughly 4.4 times" for "4.36times")
        same = {v for v, _ in said if v == value or _rounded(v, value, written.get(value, 0))}
        # a bare number in the source may share its noun with the next ("0 and 10 dB")
        if any(v in same and (not after or wanted & set(after)) for v, after in said):
            continue
        other = sorted({v for v, after in said if v not in same and wanted & set(after)})
        if other:
            counted = " ".join(words)
            return f"gives {value:g} ({counted}) where the cited source gives {', '.join(f'{v:g}' for v in other)}"
    return None


def _shares(text: str) -> list[tuple[float, str]]:
    """Each share of `text` with the word right after it that says what it is of, as written ("88.3%
    zero-shot": 88.3, "zero-shot"); none when a function word follows ("40% of the data")."""
    found = []
    for m in re.finditer(r"(?<![\w.-])(\d+(?:\.\d+)?)\s?%\s+([A-Za-z][\w-]*)", _LATEX_GLUE.sub(" ", text)):
        if m.group(2).lower() not in STOPWORDS:
            found.append((float(m.group(1)), m.group(2).lower()))
    return found


def swapped_shares(claim: str, source: str) -> str | None:
    """The claim swaps two shares the source gives two things: "91.1% zero-shot and 88.3% fine-tuning"
    for "88.3% zero-shot and 91.1% fine-tuning". Both pairs must be turned round; a share put on a
    word the source writes with another word between ("76.5% accuracy" for "76.5% top-1 accuracy") is
    not judged here."""
    said = set(_shares(source))
    claimed = _shares(claim)
    for value, word in claimed:
        for other, thing in claimed:
            if value != other and word != thing and (value, thing) in said and (other, word) in said:
                if (value, word) not in said and (other, thing) not in said:
                    return f"gives {value:g}% for {word} and {other:g}% for {thing}, which the cited source swaps"
    return None


# what a number is measured on or against: "on CIFAR-10", "than the hierarchical softmax"
_SETTING = re.compile(
    r"\b(?:on|than|over|against|versus|vs\.?)\s+(?:the\s+|a\s+|an\s+)?((?:[A-Za-z][\w-]*\s*){1,3})",
    re.IGNORECASE,
)
# a figure standing alone, not part of a name ("CIFAR-10", "100DOH", "ResNet-50"): 7.86, 40%, 40x
_FIGURE = re.compile(r"(?<![\w.-])(\d+(?:[.,]\d+)*)(?:%|×|x\b|(?![\w-]))")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")  # "1,200,000" is one figure, no clause break
_WORD = re.compile(r"[A-Za-z0-9]+(?:[-.][A-Za-z0-9]+)*")  # a word whole, hyphens and dots kept: "log-softmax"


def _plain(text: str) -> str:
    return _THOUSANDS.sub("", _LATEX_GLUE.sub(" ", text))


def _figures(text: str) -> set[float]:
    """The figures `text` states, years left out ("On COCO 2017, ... 2.1 AP": one figure)."""
    return {v for m in _FIGURE.findall(text) if (v := _value(m)) is not None and not is_year(v)}


def _setting_stems(phrase: str) -> list[set[str]]:
    """The content words a setting phrase names, up to the first function word, each as its word
    and stem ("baselines" is "baseline")."""
    words = []
    for word in phrase.split():
        if word.lower() in STOPWORDS:
            break
        words.append(stemmed(word))
        if _is_name(word):
            break  # a name is whole on its own: "on CIFAR10 achieves ..." is on CIFAR10
    return words


def _holds(stems: list[set[str]], text: str) -> bool:
    said = stemmed(text) | {t.lower() for t in _WORD.findall(text)}
    return all(w & said for w in stems)


def unpaired_numbers(claim: str, source: str, cited: int = 1) -> str | None:
    """The claim puts a figure the source states on a setting (a dataset, a baseline) that the
    source gives other figures for, and never this one: "44.2 mAP on Kinetics-400" where the
    source's 44.2 is on AudioSet and its Kinetics-400 sentence has other figures. Within one
    sentence, clauses pair them: "40 times faster than the log-softmax and more than 4 times faster
    than the hierarchical softmax" gives 40 for the log-softmax, not the hierarchical softmax. The
    figure judged is the one nearest the setting in the claim's clause; a year and the count of
    works cited are not. A sentence that names the setting and the figure in clauses without a
    setting of their own is not judged ("On CIFAR-10 and ImageNet, it reaches 80%"); neither is a
    setting the source names without figures."""
    sentences = split_sentences(_plain(source)) or [source]
    for part in CLAUSE.split(_plain(claim)):
        figures = [(m.start(), v) for m in _FIGURE.finditer(part) if (v := _value(m.group(1))) is not None]
        figures = [(at, v) for at, v in figures if v != cited and not is_year(v)]
        for m in _SETTING.finditer(part):
            stems = _setting_stems(m.group(1))
            if not stems or not figures:
                continue
            value = min(figures, key=lambda f: abs(f[0] - m.start()))[1]
            with_value = [x for x in sentences if value in _figures(x)]
            with_setting = [x for x in sentences if _holds(stems, x)]
            if not with_value or not with_setting:
                continue  # the source lacks one of the two: other checks judge that
            both = [x for x in with_setting if x in with_value]
            if both:
                unpaired = any(_swapped_in(x, value, m.group(1), part) for x in both)
            else:
                unpaired = any(_figures(x) - {value} for x in with_setting) or _named_elsewhere(
                    with_value, value, part, m.group(1), _plain(source)
                )
            if unpaired:
                setting = " ".join(m.group(1).split()[: len(stems)])
                return f"gives {value:g} for {setting}, where the cited source gives it for something else"
    return None


def _swapped_in(sentence: str, value: float, setting: str, claimed: str) -> bool:
    """One sentence gives `value` and names the `setting`, but in different clauses, each with its
    own: `value` measured on or against something the claim's clause does not name, and the
    setting with another figure ("40 times faster than the log-softmax and more than 4 times faster
    than the hierarchical softmax": 40 is not against the hierarchical softmax, nor 4 against the
    log-softmax). Settings are matched word by whole word ("log-softmax" is not "softmax")."""
    parts = [c for c in CLAUSE.split(sentence) if c and c.strip()]
    if any(value in _figures(c) and _says(setting, c) for c in parts):
        return False
    rival = any(value in _figures(c) and not _says(m.group(1), claimed) for c in parts for m in _SETTING.finditer(c))
    return rival and any(_says(setting, c) and _figures(c) - {value} for c in parts)


def _named_elsewhere(sentences: list[str], value: float, claimed: str, setting: str, source: str) -> bool:
    """Every clause of `sentences` that gives `value` gives it on a name the claim's clause does
    not say, one the source lists beside the claim's `setting` ("on MNIST achieves merely 50%" for
    a claim of 50% on CIFAR10, where the source tested "on MNIST and CIFAR10"): a name of the same
    kind, not any ("fine-tuning on GPT-4 outputs yields 65.2%" says nothing of MMLU)."""
    parts = [c for x in sentences for c in CLAUSE.split(x) if c and value in _figures(c)]
    ours = setting.split()[0] if setting.split() else ""

    def rival(phrase: str) -> bool:
        name = phrase.split()[0]
        return _is_name(name) and not _says(phrase, claimed) and _beside(name, ours, source)

    return bool(parts) and all(any(rival(m.group(1)) for m in _SETTING.finditer(c)) for c in parts)


def _beside(a: str, b: str, text: str) -> bool:
    """`text` lists `a` and `b` together, joined by a comma, "and" or "or", in either order."""
    if not a or not b:
        return False
    join = r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)"
    x, y = re.escape(a), re.escape(b)
    return bool(
        re.search(
            rf"(?<![\w-]){x}{join}(?:[\w-]+{join})*?{y}(?![\w-])|(?<![\w-]){y}{join}(?:[\w-]+{join})*?{x}(?![\w-])",
            text,
        )
    )


def _says(phrase: str, text: str) -> bool:
    """`text` has each content word of the setting `phrase` whole ("log-softmax" is not "softmax"),
    as written or as its stem; an empty phrase is said anywhere."""
    tokens = [t.lower() for t in _WORD.findall(text)]
    said = set(tokens) | set(stem_words(tokens))
    words = []
    for word in _WORD.findall(phrase):
        if word.lower() in STOPWORDS:
            break
        words.append(word.lower())
        if _is_name(word):
            break  # a name is whole on its own, as in `_setting_stems`
    return all(w in said or stem_words([w])[0] in said for w in words)


# figures given in order for things named in the same order: "on 100DOH and MECCANO, improving AP50 by
# 8% and 30%, respectively"; a claim may give them so too, or put each on its thing ("30% on 100DOH")
_FIG = r"\d+(?:\.\d+)?\s*(?:%|×|x\b|times\b)?"  # "8%", "1.5x", "4.36times"
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


# figures and then the things they are on, in the same order: each run joined by slashes ("41.05%/27.62%/80.01%
# on DOTA/DIOR/HRSC"), or by commas and "and" with "respectively" after ("41.05% and 27.62% on DOTA and DIOR,
# respectively")
_AND = r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)"
_SLASHED = re.compile(
    rf"(?<![\w./])({_FIG}(?:\s*/\s*{_FIG})+)(?:\s+[A-Za-z][\w-]*){{0,2}}?\s+(?:on|for|in|across)\s+(?:the\s+)?"
    rf"({_NAMED}(?:\s*/\s*{_NAMED})+)"
    rf"|(?<![\w./])({_FIG}(?:{_AND}{_FIG})+)(?:\s+[A-Za-z][\w-]*){{0,2}}?\s+(?:on|for|in|across)\s+(?:the\s+)?"
    rf"({_NAMED}(?:{_AND}{_NAMED})+)(?:\s+[A-Za-z][\w-]*){{0,2}}?\s*,?\s*respectively\b"
)


def _respective(text: str, things: list[str]) -> dict[str, float]:
    """What `text` gives each thing in a list of figures for a list of things in the same order: its
    figures and things joined by slashes ("41.05%/27.62% on DOTA/DIOR"), or by commas and "and" with
    "respectively" after the things ("41.05% and 27.62% on DOTA and DIOR, respectively"); else what its
    "respectively" gives each of `things` (those it names before its list of figures, in their order,
    as many as the figures). {} when it gives them no such list."""
    plain = _plain(text)
    for m in _SLASHED.finditer(plain):
        figures, on = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        values = [float(v) for v in re.findall(r"\d+(?:\.\d+)?", figures)]
        items = [t for t in re.split(rf"\s*/\s*|{_AND}", on) if t]
        if len(items) == len(values):
            return dict(zip(items, values))
    for m in _RESPECTIVE.finditer(plain):
        values = [float(v) for v in re.findall(r"\d+(?:\.\d+)?", m.group(1))]
        before = plain[: m.start()]
        named = sorted((spots[0].start(), t) for t in things if (spots := name_spots(t, before)))
        if len(named) != len(values):
            named = _listed(named, before, len(values))  # other names beside the list ("AP50")
        if len(named) == len(values):
            return {t: v for (_, t), v in zip(named, values)}
    return {}


def _listed(named: list[tuple[int, str]], text: str, n: int) -> list[tuple[int, str]]:
    """The one run of `n` of the `named` (position, name) that `text` lists together, joined only
    by commas and "and" ("100DOH and MECCANO"); [] when none or several are."""
    runs = []
    for i in range(len(named) - n + 1):
        run = named[i : i + n]
        gaps = [text[a + len(x) : b] for (a, x), (b, _) in zip(run, run[1:])]
        if all(re.fullmatch(r"\s*(?:,\s*(?:and\s+)?|and\s+)", g) for g in gaps):
            runs.append(run)
    return runs[0] if len(runs) == 1 else []


_OPENING_NAME = re.compile(rf"^\s*(?:on|for|in)\s+(?:the\s+)?({_NAMED})\s*,", re.I)  # "On CIFAR100, ..."


def _named_first(claim: str) -> dict[str, float]:
    """The claim's one figure given to the name its sentence opens on ("On CIFAR100, it improves
    efficiency by 16.9 times"); {} unless it opens so and states exactly one figure."""
    m = _OPENING_NAME.match(claim)
    figures = re.findall(rf"(?<![\w.\[-]){_FIG}(?![\w\]])", claim)
    if m is None or not _is_name(m.group(1)) or len(figures) != 1:
        return {}
    return {m.group(1): float(re.sub(r"[^\d.]", "", figures[0]))}


def _same_measure(claim: str, sentence: str) -> bool:
    """The claim and the source sentence share a content word that is neither a name, a figure nor
    a unit ("times", "points")."""
    words = [
        {w for w in content_terms(t) if not any(c.isdigit() for c in w)}
        - _UNIT_WORDS
        - {n.lower() for n in _WORD.findall(t) if _is_name(n)}
        for t in (claim, sentence)
    ]
    return bool(words[0] & words[1])


_UNIT_WORDS = frozenset("time fold point percent much more less up".split())  # stems of what figures count in


# a figure and what it measures, the words before "by": "reduces the number of iterations by over 40%"
_BY = re.compile(
    rf"((?:[A-Za-z][\w-]*\s+){{1,4}})by\s+(?:(?:over|about|around|nearly|almost|roughly|up\s+to|more\s+than|"
    rf"at\s+least|an\s+average\s+of)\s+)?({_FIG})"
)


def _by_pairs(text: str) -> dict[str, float]:
    """What each "by" figure measures, keyed by the stem of the last content word before "by" ("the
    number of iterations by over 40%": iteration); a thing given two figures is left out."""
    pairs: dict[str, set[float]] = {}
    for m in _BY.finditer(_plain(text)):
        words = [w for w in re.findall(r"[A-Za-z][\w-]*", m.group(1)) if w.lower() not in STOPWORDS]
        value = _value(re.sub(r"[^\d.]", "", m.group(2)))
        if words and value is not None:
            pairs.setdefault(stem_words([words[-1].lower()])[0], set()).add(value)
    return {thing: next(iter(v)) for thing, v in pairs.items() if len(v) == 1}


def swapped_by(claim: str, source: str) -> str | None:
    """The claim gives the figures a source sentence measures things "by" to the same things in
    another order ("iterations by over 35% and wall-clock time by over 40%" where the source has
    "iterations by over 40% and wall clock time by over 35%"): judged only when the claim's sentence
    and the source's measure the same two or more things, with the same figures."""
    mine = _by_pairs(claim)
    sentences = split_sentences(source) or [source]
    if len(mine) < 2 or any(_by_pairs(s) == mine for s in sentences):
        return None  # (a sentence keeping the pairs is support, though another setting's gives them otherwise)
    for sentence in sentences:
        theirs = _by_pairs(sentence)
        if set(theirs) != set(mine) or sorted(theirs.values()) != sorted(mine.values()):
            continue
        wrong = [thing for thing, value in mine.items() if theirs[thing] != value]
        if wrong:
            value = mine[wrong[0]]
            return f"gives {value:g} where the cited source gives {theirs[wrong[0]]:g}, and {value:g} to another thing"
    return None


def swapped_figures(claim: str, source: str) -> str | None:
    """The claim gives figures to the things a source sentence lists them for "respectively" (or by slashes,
    `_respective`), but in another order ("30% on 100DOH and 8% on MECCANO" where the source gives "100DOH and
    MECCANO ... by 8% and 30%, respectively"). The claim's own pairs: each figure and the name right after it
    ("30% on 100DOH"), a "respectively" of its own, or its one figure given to the name it opens on ("On
    CIFAR100, ... 16.9 times"). A claim with one pair is judged only against a list of the same measure: the two
    share a word besides names and figures ("efficiency")."""
    plain = _plain(claim)
    pairs = {name: float(re.sub(r"[^\d.]", "", v)) for v, name in _FIGURE_ON.findall(plain) if _is_name(name)}
    names_before = [t for t in re.findall(_NAMED, plain) if _is_name(t)]
    pairs = _respective(plain, list(dict.fromkeys(names_before))) or pairs or _named_first(plain)
    if not pairs:
        return None
    swapped = None
    for sentence in split_sentences(source) or [source]:
        named = [t for t in re.findall(_NAMED, _plain(sentence)) if _is_name(t)]  # the list may hold more
        given = _respective(sentence, list(pairs)) or _respective(sentence, list(dict.fromkeys(named)))
        if len(given) < 2 or (len(pairs) == 1 and not _same_measure(plain, sentence)):
            continue
        wrong = [name for name, value in pairs.items() if name in given and given[name] != value]
        if not wrong:
            return None  # a list the claim keeps: another list of the same things may give other figures
        name = wrong[0]
        if pairs[name] in given.values():
            swapped = swapped or f"gives {pairs[name]:g} for {name}, where the cited source gives it {given[name]:g}"
    return swapped
