"""Where a text names a thing, and whether it introduces it there: shared by the plan's resolution of
a named subject (rag.questions.subjects) and the answer's check that a source is about the name a
question asks of (rag.answering.evidence)."""

from __future__ import annotations

import re

# the words before a name that make it the text's own: "we propose X", "our method, X", "called X"
_INTRODUCING = re.compile(
    r"\b(?:our|we\s+(?:propose|introduce|present|call|name|dub|term|develop|design)\w*|called|named|"
    r"dubbed|termed|coined)\b",
    re.I,
)
INTRODUCED_WITHIN = 60  # characters before a name that an introducing word is looked for in


def marked_as_name(word: str) -> bool:
    """A word marked as a name by its spelling: a digit, or a capital after its first letter
    ("AERO", "FooNet", "ResNet-50"); a word capitalised only at its start is not."""
    return any(c.isdigit() for c in word) or any(c.isupper() for c in word[1:])


def name_spots(name: str, text: str) -> list[re.Match]:
    """Where `text` names `name`, as a word of its own: its hyphens optional ("ResNet50" for
    "ResNet-50") and a plural "s" allowed ("GANs" for "GAN"); in its own case when it has a capital
    after its first letter ("TRADES" is not "trades", "ViSQOL" not "visqol"), else in any case."""
    parts = [re.escape(p) for p in name.split("-")]
    body = "-?".join(parts)
    flags = 0 if any(c.isupper() for c in name[1:]) else re.I  # a digit alone does not fix the case
    return list(re.finditer(rf"(?<![\w-]){body}s?(?![\w-])", text, flags))


def introduced(text: str, spot: re.Match) -> bool:
    """The name at `spot` is introduced there: the first name after "we propose", "our", "called"
    and the like in its sentence ("our method, X"), or defined as an acronym ("robust fitted-Z
    iteration (RFZI)")."""
    start, end = spot.start(), spot.end()
    before = text[max(0, start - INTRODUCED_WITHIN) : start]
    triggers = [t for t in _INTRODUCING.finditer(before) if "." not in before[t.end() :]]
    # the first name after its introducing words: "called FooNet, beats PGD" introduces FooNet, not PGD
    if triggers and not any(marked_as_name(w) for w in before[triggers[-1].end() :].split()):
        return True
    return (
        text[max(0, start - 1) : start] == "(" and text[end : end + 1] == ")" and start >= 2 and text[start - 2] == " "
    )


def naming_weight(name: str, title: str, abstract: str) -> int:
    """How strongly a paper names `name`: 2 when its title names it or its abstract introduces it,
    else how often its abstract names it (1: in passing)."""
    if name_spots(name, title):
        return 2
    spots = name_spots(name, abstract)
    if any(introduced(abstract, s) for s in spots):
        return 2
    return len(spots)


_CAMEL_PART = re.compile(r"[A-Z][a-z]{2,}")


def writes_name(name: str, text: str) -> bool:
    """Whether `text` writes `name` in one of the ways a question and an abstract spell one name
    differently: as `name_spots` finds it, or with a hyphen or a space between its runs of letters
    and digits ("ImageNet C" for "ImageNet-C", "CIFAR-10" for "CIFAR10"), in the singular ("MoE-CNN"
    for "MoE-CNNs"), with a LaTeX "times" for its "x" ("300times 300" for "300x300"), without the
    year of its edition ("HRSC" for "HRSC2016"), an acronym by the initials of the words it stands
    for ("OOD": "out-of-distribution"), or a name made of capitalised words as those words begun
    ("BatchNorm": "Batch Normalisation"). A different name stays different: "CIFAR-10" is not in
    "CIFAR-100"."""
    forms = [name] + ([name[:-1]] if len(name) > 3 and name.endswith("s") else [])
    edition = re.fullmatch(r"([A-Za-z][\w-]*?)[-\s]?(?:19|20)\d\d", name)
    if edition:  # a dataset's edition by its year: "HRSC2016" written "HRSC", "VOC2007" "VOC"
        forms.append(edition.group(1))
    for form in forms:
        if name_spots(form, text):
            return True
        # its runs of letters, of digits and of other marks, a hyphen or a space allowed between any two
        # ("CIFAR10" for "CIFAR-10", "DenseNet121" for "DenseNet-121"); an "x" between digits also
        # written as LaTeX's "times"
        runs = re.findall(r"[A-Za-z]+|\d+(?:\.\d+)?|[^\w\s-]", form)
        pieces = [
            r"\s*(?:x|×|times)\s*"
            if r == "x" and 0 < i < len(runs) - 1 and runs[i - 1].isdigit() and runs[i + 1].isdigit()
            else re.escape(r)
            for i, r in enumerate(runs)
        ]
        body = "".join(
            p if i == 0 or p.startswith(r"\s") or pieces[i - 1].startswith(r"\s") else r"[-\s]?" + p
            for i, p in enumerate(pieces)
        )
        flags = 0 if any(c.isupper() for c in form[1:]) else re.I
        if runs and re.search(rf"(?<![\w-]){body}s?(?![\w-])", text, flags):
            return True
        if form.isalpha() and form.isupper() and 2 <= len(form) <= 5 and _spelled_out(form, text):
            return True
        camel = _CAMEL_PART.findall(form)
        if len(camel) >= 2 and "".join(camel) == form:
            if re.search(r"\b" + r"\w*[\s-]+".join(camel) + r"\w*", text, re.I):
                return True
    return False


def _spelled_out(acronym: str, text: str) -> bool:
    words = re.findall(r"[A-Za-z]+", text)
    n = len(acronym)
    return any("".join(w[0] for w in words[i : i + n]).upper() == acronym for i in range(len(words) - n + 1))
