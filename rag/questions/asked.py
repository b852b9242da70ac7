"""What a detail question asks the workings of ("How does the ViSQOL metric estimate quality?"):
the answer quotes only a source about that thing, and says so when none is.

Two readings of the same subject's place, by how the thing is spelled:
- `asked_name`: a name the question's spelling marks (rag.text.naming.names_in: "ViSQOL",
  "ResNet-50"), where `P.ASKED_NAME_FORMS` put it;
- `asked_terms`: when it marks none, the run of capitalised words in the subject's place
  ("How does Adafactor factor ...?", "what regret does Thompson sampling reach?"), every prefix
  down to its capitalised words, as where the run ends is not known from the words.

And the figures a question asks for (`asked_figures`: "what dropout rate ...?", "how many
corruptions ...?"): the answer must come from a source that states a figure on what is measured;
and the kinds of named things it asks which of (`asked_kinds`: "which four benchmark datasets
...?"): from a source that names them, not one that only counts them ("4 data sets").
"""

from __future__ import annotations

import re

from rag.questions import patterns as P
from rag.text.naming import marked_as_name, name_spots
from rag.text.sentences import STOPWORDS

_TERM_WORD = re.compile(r"[A-Za-z][\w-]*")
_RUN_ENDS = STOPWORDS | P.FUNCTION_WORDS
_MEASURE_ENDS = _RUN_ENDS | frozenset("vs versus compared against relative".split())
_KINDS_OF = frozenset("kind kinds type types sort sorts form forms".split())  # "how many kinds of X": X counted
# "how accurate", "how fast": a degree of an adjective, whose measure abstracts state under many names
_HOW_ADJECTIVES = {"accurate": "accuracy", "fast": "faster"}
_AUXILIARIES = frozenset(
    "do does did is are was were be been can could will would should shall must may might has have had".split()
)


def asked_name(asked: str, names: list[str]) -> str:
    """The first of `names` the asked part writes, where `P.ASKED_NAME_FORMS` put it ("How does
    the ViSQOL metric estimate ...?" -> "ViSQOL"); "" when the names are context ("what accuracy
    does X reach on ImageNet?", "in MS-COCO experiments, what does IoU-Net improve?")."""
    placed = sorted((spots[0].start(), name) for name in names if (spots := name_spots(name, asked)))
    if not placed:
        return ""
    name = placed[0][1]
    escaped = re.escape(name)
    if any(re.search(form.replace("{name}", escaped), asked) for form in P.ASKED_NAME_FORMS):
        return name
    return ""


# a question's head: the words before its first ":" or " - ", an aside in brackets left out ("DP-SGD: how
# do ...?", "TRADES (Zhang et al.) - how does it ...?")
_HEAD = re.compile(r"^\s*(?P<head>(?:(?!\s[-–—]\s)[^:?])+?)\s*(?::|\s[-–—]\s)")
HEAD_WORDS = 2  # words a head may hold besides the name ("Once-for-all (OFA) networks:")


def headed_name(text: str, asked: str, names: list[str]) -> str:
    """The name a question sets as its head before what it asks, when the asked part names nothing
    itself: "DP-SGD: how do per-example clipping and noise combine ...?" asks about DP-SGD; "" when
    the head is more than a name ("robustness of ViTs on ImageNet: ...") or the asked part names one."""
    if any(name_spots(name, asked) for name in names):
        return ""
    head = _HEAD.match(text)
    if head is None:
        return ""
    bare = re.sub(r"\([^()]*\)", " ", head.group("head"))  # "Prospect (the DRO algorithm ...)" heads no DRO
    words = bare.split()
    named = [name for name in names if name_spots(name, bare)]
    if len(named) != 1 or len(words) > 1 + HEAD_WORDS:
        return ""
    return named[0]


def asked_terms(asked: str) -> tuple[str, ...]:
    """The words the asked part may name the thing by when it writes no marked name: a run that
    opens with a capital, in the subject's place ("How does Adafactor factor ...?", "what regret
    does Thompson sampling reach?", "In Adversarial Distillation, ...", "why does Adafactor's
    ..."), each of its prefixes down to its capitalised words, longest first; the answer takes
    the longest a source writes. None when the run is a measure ("how does ImageNet accuracy
    ...") or opens in lower case: such words describe the thing rather than name it ("the
    robustness interventions"), and a source may be about it saying them once."""
    asked = asked.strip()
    terms: list[str] = []
    opening = P.ASKED_TERM_OPENINGS.match(asked)
    if opening:
        run = _run(asked[opening.end() :])
        shortest = max(1, _capitalised(run))  # "Set Transformer", never "Set": the capitals are the name
        terms += [" ".join(run[:n]) for n in range(len(run), shortest - 1, -1)]
    opening = P.ASKED_TERM_IN.match(asked)
    if opening:
        rest = asked[opening.end() :]
        run = _run(rest)
        if run and re.match(r"\s*,", rest[len(" ".join(run)) :]):
            terms.append(" ".join(run))
    return tuple(dict.fromkeys(t for t in terms if t[:1].isupper()))


# "how robust are X to ...?", "are X (really / inherently / more) robust ...?": X is what the robustness is asked
# of; it is read only as a plural noun phrase of a few words (not "is it really robust", "are they claimed to be")
_ROBUST = r"(?:robust|vulnerable|susceptible|brittle)"
_PHRASE = r"(?P<x>[A-Za-z0-9][\w/-]*(?:\s+[\w/-]+){0,5}?)"
_ROBUST_OF = (
    re.compile(rf"\bhow\s+{_ROBUST}\s+(?:are|were)\s+{_PHRASE}\s+(?:to|against|under|when|if)\b", re.I),
    re.compile(
        rf"\b(?:are|were)\s+{_PHRASE}\s+(?:(?:really|inherently|actually|also|more|less|any|still|as)\s+)*{_ROBUST}\b",
        re.I,
    ),
)
_EXAMPLES = re.compile(r"\s+(?:like|such\s+as|e\.g\.|i\.e\.|including)\b.*$", re.I)  # "X like PointNet": X
_DETERMINERS = frozenset("the such all any current modern existing today's".split())
# words after which a phrase describes its things further: a preposition, a relative pronoun
_DESCRIBING = frozenset("with that which who whose in of for by on from at under against via using when if".split())


def robust_subject(asked: str) -> str:
    """The things a question asks the robustness of, named as a plural noun phrase: "how robust are
    spiking neural networks to ...?" -> "spiking neural networks"; "are deepfake detectors robust to
    ...?" -> "deepfake detectors"; cut before what describes them further ("networks trained with
    ...", "classifiers that abstain ...", "3D point cloud classifiers like PointNet" -> "3D point cloud
    classifiers"); "" for a pronoun ("are they robust"), "are there ...", or a phrase not ending on a
    plural noun."""
    asked = re.sub(r"\s*\([^()]*\)", "", asked)  # "graph attention networks (GAT) inherently more robust"
    for pattern in _ROBUST_OF:
        m = pattern.search(asked)
        if m is None:
            continue
        words = _EXAMPLES.sub("", m.group("x")).split()
        if words and words[0].lower() in ("there", "it", "they", "these", "those"):
            return ""  # "are there models robust to ...?": no thing named
        while words and words[0].lower() in _DETERMINERS:
            words = words[1:]
        cut = next(
            (i for i, w in enumerate(words) if i and (w.lower() in _DESCRIBING or w.lower().endswith("ed"))), None
        )
        words = words[:cut]
        if words and re.fullmatch(r"[a-z][a-z0-9-]*[^s']s", words[-1].lower()):
            return " ".join(words)
        return ""
    return ""


def _run(text: str, most: int = 4) -> list[str]:
    """The words of `text` from its start up to a stop word, a mark or `most` words ("Set
    Transformer's block" -> ["Set", "Transformer"]); [] when the run reaches a measure word
    ("ImageNet accuracy"): then it is no thing's name."""
    words: list[str] = []
    for spot in re.finditer(r"\S+", text):
        token = spot.group(0)
        bare = re.sub(r"['’]s$", "", token.rstrip(",.?!:;"))
        word = _TERM_WORD.fullmatch(bare)
        if word is None or bare.lower() in _RUN_ENDS:
            break
        if P.MEASURE_WORD.match(bare):
            return []
        words.append(bare)
        if len(words) == most or token != bare:
            break  # a mark or a possessive ends the run after this word
    return words


def _capitalised(run: list[str]) -> int:
    """How many of the run's first words open with a capital: "Adversarial Distillation learn" 2."""
    n = 0
    while n < len(run) and run[n][:1].isupper():
        n += 1
    return n


def bare_figure(question: str) -> bool:
    """ "H2RBox mAP on DOTA-v1.0?", "Key.Net repeatability score on HPatches?": a measure on
    something, asked without a question word anywhere in the question, of a thing named before
    it ("Oriented object detection: mAP on DOTA" names none, and asks for papers)."""
    words = set(re.findall(r"[a-z]+", question.lower()))
    if words & (P.ASKING_WORDS | P.LISTING_ASKS):
        return False
    m = P.FIGURE_BARE.search(question)
    return m is not None and any(marked_as_name(w) for w in re.findall(r"[\w.@-]+", question[: m.end("measure")])[:-1])


def asked_figures(asked: str, question: str = "") -> tuple[tuple[str, ...], ...]:
    """The measures the asked part asks a figure of, each as its words with the measured thing
    last: "what dropout rate did ... use?" ("dropout", "rate"); "what value of beta ...?"
    ("beta",); "how large are the robust accuracy gains?" ("robust", "accuracy"); "how many
    corruptions ...?" ("corruptions",); "by how much does X reduce the total loss?" ("total",
    "loss"). A degree asked of a verb alone ("how much does it gain?") names no measure the words
    can pick out, and gives none. A measure named without a question word is read from the whole
    `question` ("H2RBox mAP on DOTA-v1.0 - ...?")."""
    found: list[list[str]] = []
    for m in P.FIGURE_HOW.finditer(asked):
        how = m.group("how").lower()
        if how in _HOW_ADJECTIVES:  # "how accurate is it on DOTA?": the adjective is the measure
            found.append([_HOW_ADJECTIVES[how]])
            continue
        found.append(_measure_after(m.group("rest"), plural=how == "many") or _changed(asked[m.start() :]))
    for pattern in (P.FIGURE_WHAT, P.FIGURE_REACHED):
        for m in pattern.finditer(asked):
            if pattern is P.FIGURE_REACHED and (
                P.STRANDED_PREPOSITION.match(asked[m.end() :])
                or (P.PLACE_BEFORE.search(asked[: m.start()]) and not P.PLACED_QUANTITY.search(m.group("measure")))
            ):
                continue  # "which datasets does it report SOTA on?", "on which datasets did it report ...?": no figure
            object_asked = not re.search(r"(?i)\b(?:at|by|to|with|of|in)\s*$", asked[: m.start()])  # "at what rate"
            quantity = bool(set(m.group("measure").lower().split()) & _QUANTITIES)
            if pattern is P.FIGURE_WHAT and object_asked and not quantity and _CHANGED_OBJECT.match(asked[m.end() :]):
                continue  # "which error does that shrink?": which measure a change acts on, no figure of it
            verb = _WHAT_DOES.match(m.group("measure"))
            if (
                pattern is P.FIGURE_WHAT
                and not quantity
                and verb
                and (verb.group("verb") or "").lower() not in _RUN_ENDS
            ):
                continue  # "what replaces the squared error?": "what" is the verb's subject, the measure its object
            found.append(_placeholder_filled(re.findall(r"[\w@.-]+", m.group("measure"))))
    if bare_figure(question or asked):  # "H2RBox mAP on DOTA-v1.0 - horizontal-box supervision?"
        for m in P.FIGURE_BARE.finditer(question or asked):
            words = re.findall(r"[\w@.-]+", m.group("measure"))
            while len(words) > 1 and marked_as_name(words[0]):
                words = words[1:]  # "RCAL accuracy": RCAL's accuracy, the figure is on RCAL
            found.append(words)
    measures = []
    for words in found:
        words = [w.strip(".-") for w in words if w.lower() not in _MEASURE_ENDS and w.strip(".-")]
        while words and words[-1].lower() in P.CHANGE_NOUNS:
            words = words[:-1]
        if [w.lower() for w in words] in (["margin"], ["margins"]):
            continue  # "by what margin does it beat X?": a change, stated by any figure ("the certified margin" is one)
        if words:
            measures.append(tuple(words))
    return tuple(dict.fromkeys(measures))


# "which error does that shrink?", "what loss does it minimise?": the measure asked is the object of a verb of
# change, which one it is; not a figure of it ("shrink ... by how much", "raise it to what")
_CHANGED_OBJECT = re.compile(
    r"\s+(?:does|do|did|can|could|will|would)\s+(?:(?!(?:when|if|after|while|once|we|you|they)\b)[\w.@'’-]+\s+){1,5}?"
    r"(?:reduce|shrink|lower|decrease|cut|minimi[sz]e|maximi[sz]e|optimi[sz]e)\b(?![^?;]*\b(?:by|to|from)\b)",
    re.I,
)
# "what replaces the squared error", "which gives the lowest error", "what happens to the accuracy": a word
# ending as a verb does ("-s", "-ed") right after "what", then a determiner, is a verb whose subject "what" is;
# the measure after it is the verb's object, not a figure asked ("what is the error rate?", "what about the
# error?", "what improvement in the accuracy ...?", "what value of the temperature ...?" still ask one)
_DETERMINER = r"(?:the|a|an|its|their|this|these|those|each|every|his|her|our|your)\s"
_WHAT_DOES = re.compile(
    rf"^\s+(?:(?P<verb>(?!(?:vs|versus)\b)[a-z][\w-]+(?:s|ed))\s+{_DETERMINER}|(?P<happens>happen(?:s|ed)?)\s+to\s+{_DETERMINER})",
    re.I,
)
# a share or a count is a figure whatever verb acts on it ("what fraction of the FLOPs does it cut?")
_QUANTITIES = frozenset("percentage percent fraction number ratio proportion share amount".split())
# "by how much does X reduce Y?": a change verb's object is the measure the figure is on
_CHANGED = re.compile(
    r"\bhow\s+much\s+(?:do|does|did|can|could|will|would)\s+(?:[\w.@-]+\s+){1,6}?"
    r"(?:reduce|reduces|lower|lowers|cut|cuts|decrease|decreases|shrink|shrinks|improve|improves|increase|"
    r"increases|raise|raises|boost|boosts|lift|lifts)\s+(?P<rest>[^?,;:()]*)",
    re.I,
)


def _changed(asked: str) -> list[str]:
    """The measure of "by how much does X reduce Y ...?" (Y: "the total robust loss"), a degree asked
    of a change verb with an object; none for a verb alone ("how much does it gain?"). Read from
    the asked part from "how much" on, with its asides out ("CPR (a rejection method) reduce ..."), past an owner's
    possessive ("reduce the real Alexa's wake-word F1 score": the F1 score)."""
    m = _CHANGED.search(re.sub(r"\([^()]*\)", " ", asked))
    if m is None:
        return []
    rest = m.group("rest")
    owner = re.match(r"\s*(?:\S+\s+){0,3}?\S+['’]s\s+", rest)  # "the real Alexa's wake-word F1 score": the owner's
    return _measure_after(rest[owner.end() :] if owner else rest)


def _placeholder_filled(words: list[str]) -> list[str]:
    """A measure's words, a placeholder's filled in: "value of beta" -> beta; "the dropout rate of the
    Transformer" stays the dropout rate; a placeholder alone ("what value does it add?") is none."""
    lower = [w.lower() for w in words]
    if "of" in lower:
        at = lower.index("of")
        if lower[at - 1] in P.FIGURE_PLACEHOLDERS | P.FIGURE_SHARES:
            return words[at + 1 :]  # "what fraction of the weights": a figure on the weights
        return words[:at]
    return [] if len(lower) == 1 and lower[0] in P.FIGURE_PLACEHOLDERS else words


def _measure_after(rest: str, most: int = 3, plural: bool = False) -> list[str]:
    """The noun phrase after "how many/much/large ...": right after it ("how many corruptions"), or
    after a form of "be" ("how large are the depth errors"); none after another verb's auxiliary
    ("how much does it gain": the measure, if any, is the verb's)."""
    words = re.findall(r"[\w@.-]+", rest)
    i = 0
    if words and words[0].lower() in _AUXILIARIES:
        if words[0].lower() not in P.BE_WORDS:
            return []
        i = 1
    while i < len(words) and words[i].lower() in P.FIGURE_DETERMINERS:
        i += 1
    if i + 1 < len(words) and words[i].lower() in _KINDS_OF and words[i + 1].lower() == "of":
        i += 2  # "how many kinds of tasks": the tasks are counted
    out: list[str] = []
    while i < len(words) and len(out) < most:
        if words[i].lower() in ("and", "or") and plural and out and not _plural(out[-1]) and i + 1 < len(words):
            i += 1  # "how many forward and backward passes": the passes are counted, both kinds
            continue
        if words[i].lower() in _MEASURE_ENDS:
            break
        out.append(words[i])
        i += 1
        if out[-1].lower() in P.CHANGE_NOUNS and i + 1 < len(words) and words[i].lower() == "in":
            return _measure_after(" ".join(words[i + 1 :]), most, plural)  # "the cut in training compute"
        if plural and _plural(out[-1]):
            break  # "how many loss terms make up X": the counted noun ends it
    return out


def _plural(word: str) -> bool:
    return len(word) > 3 and word.lower().endswith("s") and not word.lower().endswith(("ss", "us", "is"))


def asked_kinds(asked: str) -> tuple[str, ...]:
    """The kinds of named things the asked part asks which of, as written ("which four CNN backbones
    and which benchmark datasets ...?": backbones, datasets); `P.NAMED_KINDS` are the kinds a paper
    reports by name ("on CIFAR-10 and ImageNet", "models including Gemma2"). None when the question
    gives the names to choose from ("which benchmark is harder, MMLU or GSM8K?")."""
    given = P.CHOICE_GIVEN.search(asked)
    if given and sum(marked_as_name(w) for w in re.findall(r"[\w.-]+", given.group())) >= 2:
        return ()
    kinds = (re.sub(r"\s+", " ", (m.group("kind") or m.group("kinds")).lower()) for m in P.ASKED_KIND.finditer(asked))
    # one model or architecture may be asked as a description ("which model architecture does it use?": a
    # transformer); one dataset, benchmark or corpus is asked by its name
    return tuple(dict.fromkeys(k for k in kinds if k.endswith("s") or k in P.NAMED_ONE))
