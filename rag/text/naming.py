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
# a number inside a name ("CIFAR-10", "ResNet-50"; "CIFAR-10/100" is two names), no figure; a figure after
# a slash is not part of it ("CIFAR-10/95.1%")
NAMED_NUMBER = re.compile(r"\b[A-Za-z][\w.]*?-?\d[\w.]*(?:/\d+(?!\d|\.\d|%))*")
INTRODUCED_WITHIN = 60  # characters before a name that an introducing word is looked for in
# a lower-case word hyphenated after a name, saying how the name is used, not which ("CC3M-derived",
# "DARTS-style", "GPT-3-based"); not a variant's size ("T5-small" is not "T5-base") nor another benchmark
# made from it ("CIFAR-10-corrupted")
MODIFIED_NAME = re.compile(
    r"(?:-(?:based|derived|style|like|wise|type|inspired|driven|trained|pretrained|initiali[sz]ed|sized))+$"
)


# the words after which a paper names what it brings: "we propose X", "this paper introduces X", "a
# method called X", "namely X", "our approach, X"; the naming words proper ("called", "namely") say
# which word is the name more surely than a verb does ("we propose a GNN architecture called GraphFoo")
_COINING = re.compile(
    r"\b(?:(?P<verb>(?:we|this\s+(?:paper|work|article|study))\b[^.;]*?\b"
    r"(?:propos|introduc|present|design|develop|call|nam|term|dub)\w*)"
    r"|(?<!so-)called|named|namely(?!,)|termed|dubbed|coined|referred\s+to\s+as"
    r"|our\s+(?:method|approach|framework|algorithm|model|attack|defen[cs]e|loss|scheme|benchmark|dataset|solver|system),)",
    re.I,
)
# the words a name given after such words is not separated from them by: a name after "inspired by",
# "for", "of", "against" is another's ("we propose a loss inspired by distributionally robust
# optimization (DRO)"); inside a name written in capitals they are part of it ("Forget to Mitigate
# Overfitting (FOMO)")
_NOT_COINED = re.compile(
    r"\b(?:by|of|for|with|on|to|from|in|via|that|which|and|or|at|into|using|under|over|than|like|such|against)\b",
    re.I,
)
# a participle saying the thing is another's: "recently proposed", "was introduced"
_OTHERS = re.compile(
    r"\b(?:recently|previously|already|widely|commonly|originally|earlier|been|was|were|is|are)\s+\w+ed$", re.I
)
_WORD_OR_STOP = re.compile(r"\(?[A-Za-z][\w-]*\w\+?\)?|\(?[A-Za-z]\)?|[.;:!?]")  # a word, brackets kept; a stop
COINED_WITHIN = 8  # words between the naming words and the name


def coins(word: str) -> bool:
    """A word that can be a coined name: marked as a name by a part of its own ("SSO", "BO-REP",
    "LogitClip", "RSCP+"); not a capitalised compound ("Sharpness-Aware", "Self-Distillation")."""
    return any(marked_as_name(part) for part in word.rstrip("+").split("-") if part)


def _named_after(sentence: str, start: int) -> tuple[str, bool]:
    """The name given within a few words from `start`, and whether it is an acronym in brackets (which
    names what the words before it spell out: "Efficient Margin MAximization (EMMA)")."""
    words = [m.group(0) for m in _WORD_OR_STOP.finditer(sentence[start:])][: COINED_WITHIN + 1]
    found = ""
    for i, word in enumerate(words):
        bare = word.strip("()")
        if word in ".;!?":
            break
        if _NOT_COINED.fullmatch(word):
            # inside a name written in capitals: "Forget to Mitigate Overfitting (FOMO)"
            if not (0 < i < len(words) - 1 and words[i - 1][:1].isupper() and words[i + 1].lstrip("(")[:1].isupper()):
                break
            continue
        if word.startswith("(") and word.endswith(")") and coins(bare):
            return bare, True
        if found and not word[:1].isupper():
            break  # the name ends; a bracketed acronym must follow it directly ("Robust IQL (RIQL)")
        if not found and coins(bare):
            found = bare
    return found, False


def coined_name(sentence: str) -> str:
    """The name `sentence` gives a thing of its paper's own: a word marked as a name by its spelling
    within a few words after "we propose", "called", "namely", "our method," and the like, with no
    word such as "by", "of" or "for" between ("we propose the SSO algorithm"; not "a loss inspired by
    distributionally robust optimization (DRO)"). An acronym in brackets there is the name first
    ("we propose logit clipping (LogitClip)"), then a name after a naming word ("a GNN architecture
    called GraphFoo"), then one after a verb; "" if none."""
    found: list[tuple[int, str]] = []
    for trigger in _COINING.finditer(sentence):
        if _OTHERS.search(trigger.group(0)):
            continue  # "recently proposed ImageNet backbones" are not the paper's
        name, bracketed = _named_after(sentence, trigger.end())
        if name:
            loose = trigger.group("verb") or trigger.group(0).lower().startswith("namely")  # "namely" restates
            found.append((0 if bracketed else 2 if loose else 1, name))
    return min(found, key=lambda f: f[0])[1] if found else ""


def is_year(value: float | str) -> bool:
    """A number read as a year, no figure or value: 1950 to 2030 ("a batch size of 2048" is a figure)."""
    try:
        number = float(value)
    except ValueError:
        return False
    return number.is_integer() and 1950 <= number <= 2030


def marked_as_name(word: str) -> bool:
    """A word marked as a name by its spelling: a digit, or a capital after its first letter
    ("AERO", "FooNet", "ResNet-50"); a word capitalised only at its start is not."""
    return any(c.isdigit() for c in word) or any(c.isupper() for c in word[1:])


_NAME = re.compile(r"\b[A-Za-z0-9]\w*(?:-\w+)*")
_FAMILY = re.compile(r"-(?:style|like|type|esque|inspired)$", re.I)  # "TRADES-style", "BERT-like"


def names_in(text: str) -> list[str]:
    """The names a text (a question) asks about, the way they are written, each once: words with a
    digit and a letter or with a capital past the first letter ("ImageNet-C", "ResNet-50", "FGSM",
    "H2RBox"); not a year, a number, a word capitalised because it starts a sentence, nor notation
    of two characters ("l2", "l_1", "F1"), which abstracts write in too many ways ("$\\ell_2$", "L2")."""
    names: list[str] = []
    for word in _NAME.findall(text):
        if _FAMILY.search(word):
            continue  # "TRADES-style training": what is like the name, not the thing it names
        letters = any(c.isalpha() for c in word)
        if sum(c.isalnum() for c in word) >= 3 and letters and marked_as_name(word) and word not in names:
            names.append(word)
    return names


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
