"""Cutting a question into the parts the plan reads: the sentence that asks, the two phrases a
comparison names, the clause that says what is asked for. Pure functions over text; their words
live in rag.questions.patterns."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from rag.questions import patterns as P
from rag.questions.names import typo_of
from rag.text.naming import names_in

# a part that asks: a question word or a request
_ASKING = (
    r"(?:what|which|who|whose|when|where|why|how|is|are|does|do|did|can|could|would|"
    r"should|has|have|list|show|give|tell|summari[sz]e|describe|explain|compare|walk|find)\b"
)


# a part set off by a spaced dash or colon that opens by offering examples of what came before ("...
# inside an ML pipeline - say to search quantization configurations, to craft adversarial inputs,
# ...?"): no question of its own, however long its items, unless one follows the marker ("- like
# whether ...", "- for example, does ...")
_EXAMPLES_OPEN = re.compile(
    rf"(?i)(?:say|e\.?g\.?|for\s+(?:example|instance)|such\s+as|like)[\s,]+(?![\s,])(?!{_ASKING}|whether\b|if\b)"
)


# a part that asks a question, not a request ("how is it split", not "tell me about it")
_QUESTION = re.compile(
    r"(?i)^(?:and\s+|so\s+)?(?:what|which|who|whose|when|where|why|how|is|are|does|do|did|can|could)\b"
)


# a part describing what the question before it points at: "the one that ...", "the paper which ..."
_DESCRIBES_BACK = re.compile(
    r"(?i)^(?:the|one)\s+(?:one|ones|paper|papers|method|methods|approach|work)\s+(?:that|which|where|with|who)\b"
)


def asked_part(text: str, keep_request: bool = False) -> str:
    """What a question asks, without the context around it: of several sentences (or parts set
    off by ":", ";" or " - "), the last that asks something (a "?", a question word or a request);
    then without its request ("could you tell me ...") and the asker's aside ("so I know ...")."""
    # not after an initial ("what did H. Zhang write" is one sentence), unless a question follows it
    # ("I like plan B. What ...")
    split = rf"(?<=[.?!])(?<!\b[A-Z]\.)\s+(?=[A-Z\"'(])|(?<=\b[A-Z]\.)\s+(?=(?i:{_ASKING}))|[:;]\s+|\s[-–]\s"
    parts = [p.strip() for p in _split_outside_brackets(split, text) if p.strip()]
    asking = [p for p in parts if p.endswith("?") or re.match(rf"(?i)^(?:and\s+|so\s+|ok\s+)?{_ASKING}", p)]
    if (
        len(parts) > 1
        and asking
        and asking[-1] == parts[-1]
        and re.search(rf"\s[-–:]\s*{re.escape(parts[-1])}$", text)
        and (
            # not after a choice put before the dash ("which is better - A or B?")
            (
                not re.match(r"(?i)(?:which|who)\b", parts[-2])
                and (
                    _examples(parts[-1], after_question=_QUESTION.match(parts[-2]) is not None)
                    or _EXAMPLES_OPEN.match(parts[-1]) is not None
                )
            )
            # a request for papers, then what it takes in, however long ("Which papers deal with drift - during
            # online training, feedback loops where ..., or a later test period?", "... - i.e. how many
            # parameters ..."); not a choice ("Which methods are more robust - A or B?") nor a narrowing ("-
            # any on temporal shift?")
            or (
                _ASKS_PAPERS.match(parts[-2]) is not None
                and not _CHOOSES.search(parts[-2])
                and (_SPELLED_OUT.match(parts[-1]) is not None or len(_LIST_ITEMS.split(parts[-1])) >= 3)
            )
        )
    ):
        asking.pop()  # "papers on privacy attacks - model inversion, membership inference etc.?": examples of it
        # (or a guess at the answer after a question: "how is the image split - even/odd pixels?")
    if len(asking) > 1 and asking[-1] == parts[-1] and _DESCRIBES_BACK.match(parts[-1]):
        asking.pop()  # "How do the two papers differ - the one that ..., and the one that ...?": which two
    if asking and re.match(r"(?i)^(?:and\s+)?if\s+(?:so|yes)\b", asking[-1]) and len(asking) > 1:
        asking.pop()  # "Is X an author here? If so, which paper?": the follow-up leans on the question before it
    if not asking or len(parts) == 1:
        asked = text
    else:
        asked = asking[-1]  # "Which paper is that?": asks for one paper; the context says which
        choice = re.split(r"(?<=[.?!])\s+", parts[-2])[-1] if len(parts) > 1 else ""
        if asked == parts[-1] and P.CHOICE_ASKED.match(asked) and P.CHOICE_OF_TWO.match(f"{choice} - {asked}"):
            asked = f"{choice} - {asked}"  # "A or B - which fits better?": the choice is what the question is on
    if not keep_request:
        asked = P.REQUEST.sub("", asked, count=1) or asked
        asked = without_aside(asked)
    return P.ABOUT_ME.sub("", asked).strip() or text


def without_left_out(text: str) -> str:
    """`text` without what a request for papers leaves out after naming its topic (`P.LEFT_OUT`: "any
    domain, not the common-corruption test sets like ImageNet-C"); `text` itself if nothing else is left."""
    if P.LEFT_OUT.search(text) is None:
        return text
    rest = re.sub(r"\(\s*\)", " ", P.LEFT_OUT.sub(" ", text))  # and the brackets or commas it leaves empty
    rest = " ".join(re.sub(r"\s+(?=[,.;:?!])|,(?=\s*[,.;:?!])", "", rest).split())
    return rest if re.search(r"\w", rest) else text


def set_aside(text: str) -> str:
    """What `text` sets aside up front (`P.FRONTED_ASIDE`), without its marker: "the DeepFool paper"
    of "Other than the DeepFool paper, which papers ...?"; "" if it sets nothing aside."""
    found = P.FRONTED_ASIDE.search(text)
    return P.ASIDE_MARKER.sub("", found.group(0).strip(), count=1).strip() if found else ""


def without_aside(text: str) -> str:
    """`text` without what it sets aside up front (`P.FRONTED_ASIDE`: "besides MNIST and SVHN, what is
    the largest setting ...?" asks "what is the largest setting ...?"); `text` itself if nothing else is
    left."""
    rest = re.sub(r"^[\s,;:–—-]+", "", P.FRONTED_ASIDE.sub(" ", text, count=1)).strip()
    return rest if re.search(r"\w", rest) else text


# a quotation: in double quotes, or in single quotes opening after a space or bracket (not "et al.'s")
_QUOTATION = re.compile(r"\"[^\"]+\"|“[^”]+”|(?:^|(?<=[\s(\[]))['‘](?=\S)[^'’]+(?<=\S)['’](?=[\s.,;:?!)\]]|$)")


def _split_outside_brackets(pattern: str, text: str) -> list[str]:
    """`re.split` at the separators that are not inside brackets or quotes: guesses set in brackets
    ("which benchmarks (ETTh1? Weather?) do they use?") and a quoted title's own question mark ("how
    do 'Are Neural Ranking Models Robust?' and R2anker differ?") belong to the sentence around them."""
    depth, inside = 0, []
    for ch in text:
        depth = depth + 1 if ch in "([" else max(depth - 1, 0) if ch in ")]" else depth
        inside.append(depth > 0)
    for quoted in _QUOTATION.finditer(text):
        inside[quoted.start() : quoted.end()] = [True] * (quoted.end() - quoted.start())
    parts, start = [], 0
    for m in re.finditer(pattern, text):
        if m.end() > m.start() and not inside[m.start()]:
            parts.append(text[start : m.start()])
            start = m.end()
    return [*parts, text[start:]]


# a request for the papers on something ("Which papers in the corpus deal with ...", "what methods ...")
_ASKS_PAPERS = re.compile(
    rf"(?i)^\s*(?:and\s+)?(?:which|what)\s+(?:\w+\s+)?(?:{'|'.join(sorted(P.PAPER_NOUNS_PLURAL | P.SURVEY_NOUNS))})\b"
)


_CHOOSES = re.compile(r"(?i)\b(?:better|best|worse|worst|more|most|less|least|closest|\w+er\s+than)\b")
_SPELLED_OUT = re.compile(r"(?i)^\s*(?:i\.?e\.?|that\s+is|namely|meaning)\b")
_LIST_ITEMS = re.compile(r"\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+")


def _examples(part: str, after_question: bool = False) -> bool:
    """`part` is a bare list of short items, no question of its own ("model inversion,
    property/distribution inference, membership inference etc.?"): three or more of at most four
    words each, or any number ending in "etc.", or, `after_question`, one guess of at most four
    words ("how is the image split - even/odd pixel interleaving?"; after a request, "Tell me about
    SSD - mAP on VOC2007?", it is the question)."""
    body = part.strip().rstrip("?.! ")
    if re.match(rf"(?i)(?:and\s+|so\s+|ok\s+|any\s+)?{_ASKING}", body) or re.match(r"(?i)any\b", body):
        return False
    listed = re.search(r"(?i)\s*\b(?:etc|and\s+so\s+on)\.?$", body) is not None
    body = re.sub(r"(?i)\s*,?\s*\b(?:etc|and\s+so\s+on)\.?$", "", body)
    items = [i for i in re.split(r"\s*(?:,|;|\bor\b|\band\b)\s*", body) if i.strip()]
    short = all(len(i.split()) <= 4 for i in items)
    # one short guess offered after the question ("... how is the image split? - even/odd pixels?")
    guess = after_question and len(items) == 1
    return short and (len(items) >= 3 or (listed and len(items) >= 1) or guess)


def trade_offs_joined(text: str) -> str:
    """`text` with a trade-off's two quantities joined by a slash ("trade off speed/accuracy")."""
    return P.TRADE_OFF.sub(lambda m: m.group(0)[: m.start("a") - m.start()] + f"{m['a']}/{m['b']}", text)


def _letters(n: int) -> str:
    """`n` written in letters ("a", "b", ..., "ba"): a placeholder's own word."""
    return (_letters(n // 26) if n >= 26 else "") + chr(97 + n % 26)


def _quotes_kept(read: Callable[[str], tuple[str, str] | None]) -> Callable[[str], tuple[str, str] | None]:
    """`read` over the text with each quotation held as one opaque word, its sides given back with the
    quotations as written: a title in quotes is one side whatever it holds ("'Revisiting Discriminative
    vs. Generative Classifiers' and 'On the Provable Advantage ...'" is not split at its "vs.")."""

    @functools.wraps(read)
    def reading(text: str) -> tuple[str, str] | None:
        quoted: list[str] = []

        def hold(m: re.Match[str]) -> str:
            quoted.append(m.group(0))
            # one capitalised word, no name and no digit: a side opening with it is trimmed as one opening
            # with a title is ("'ASAM' in terms of scale invariance" -> "'ASAM'")
            return f"'Quoted{_letters(len(quoted) - 1)}'"

        pair = read(_QUOTATION.sub(hold, text))
        if pair is None or not quoted:
            return pair
        held = {f"'Quoted{_letters(i)}'": q for i, q in enumerate(quoted)}
        back = lambda side: re.sub(r"'Quoted[a-z]+'", lambda m: held.get(m.group(0), m.group(0)), side)  # noqa: E731
        return back(pair[0]), back(pair[1])

    return reading


@_quotes_kept
def split_comparison(text: str) -> tuple[str, str] | None:
    """The two phrases a comparison names, as written, or None; also after a short leading topic
    set off by a colon ("IR robustness: how do A and B differ - ...?"). A trade-off's two quantities
    ("trade off speed vs accuracy") are not compared."""
    body = trade_offs_joined(text.strip().rstrip("?.! "))
    lead = re.match(r"[^:;?\"']{1,40}:\s+(?=\S)", body)
    for candidate in (body, body[lead.end() :]) if lead and len(lead.group().split()) <= 4 else (body,):
        for form in P.COMPARE_FORMS:
            m = form.match(candidate)
            if m is None:
                continue
            pair = _pair(m)
            if pair is not None:
                return pair
    return None


@_quotes_kept
def opening_comparison(text: str) -> tuple[str, str] | None:
    """The two phrases a request to compare names when it opens the question and what follows a
    colon or semicolon says on what ("Compare A with B: what kind of certificate does each give
    (CIFAR vs ImageNet)?"), or two works a leading context describes ("For the paper on A and the
    one looking at B: both compare X vs Y - what does each find?"), or the two an opening announces
    and names ("Two diffusion papers: A and B. What is each after?"): the request's subjects, not a
    comparison inside the aspects."""
    if (pair := announced_pair(text)) is not None:  # "Two ... papers: A and B. What is each ...?"
        return pair
    head = re.match(r"([^:;?]+)[:;?]\s*\S", text)
    if head is None:
        return None
    body = head.group(1).strip()
    # "compare/contrast A with B", "differences between A and B", "For the paper on A and the one on B"
    for form in (*P.COMPARE_FORMS[:2], P.LEADING_PAIR):
        m = form.match(body)
        pair = _pair(m) if m is not None else None
        if pair is not None:
            return pair
    return None


def announced_pair(text: str) -> tuple[str, str] | None:
    """The two works an opening announces and names after its colon ("Two diffusion robustness
    papers: the pseudo-Huber one and AdvUnlearn. What is each after?") or a dash ("Compare the two
    X papers - the NTK one and the 'beyond isoperimetry' one.", each side pointing at a work), or
    None; neither side may be a question or a request of its own ("Two papers: what does A use and
    how does B train?")."""
    m = P.TWO_NAMED.match(re.sub(r"\s+", " ", text.strip()))
    pair = _pair(m) if m is not None else None
    if pair is None or any(P.ASKING_SIDE.match(side) for side in pair):
        return None
    if m is not None and m.group("dash") and not all(_points_at_a_work(side) for side in pair):
        return None  # "Compare the two papers on label noise - the noise model and the loss used.": aspects
    return pair


def paired_subject(text: str) -> tuple[str, str] | None:
    """The two works a sentence of the question takes as its subject, one at least as "the ... paper",
    the other by a name or so too ("The Lipschitz feedback-policy paper (...) and SCORE (...) seem to land
    on opposite sides. What does each claim?"), or None. Read for subjects when no other form names the
    two, and for the intent only when "each" is asked of them."""
    m = P.PAIRED_SUBJECT.search(re.sub(r"\s+", " ", text.strip()))
    if m is None or not any(P.WORK_DESCRIBED.match(m.group(side)) for side in ("a", "b")):
        return None  # two names only ("CIFAR-10 and ImageNet are ..."): datasets or models as often as works
    return _pair(m)


def _points_at_a_work(side: str) -> bool:
    """A side after a dash that points at a work: by a name, a quoted title, or as "the ... one",
    "the ... paper"."""
    return bool(
        names_in(side)
        or re.search(r"['\"‘’“”]", side)
        or re.search(r"(?i)\b(?:one|paper|work|study|method|approach)\s*$", side)
    )


def _pair(m: re.Match[str]) -> tuple[str, str] | None:
    """A comparison form's two sides, tidied; None when one is empty or only points back ("their", "both")."""
    if any(
        side.count("(") != side.count(")") or side.count("[") != side.count("]")
        for side in (m.group("a"), m.group("b"))
    ):
        return None  # "how big were the gains (combined vs best baseline)?": a comparison inside an aside
    a, b = tidy_subject(m.group("a"), first=True), tidy_subject(m.group("b"))
    if m.re in (P.RELATES, P.RELATE_BOTH) and not all(_names_a_work(x) for x in (a, b)):
        return None  # "how does the attack success rate relate to model size?" relates no two works
    if (
        a
        and b
        and not _ASPECT_ONLY.match(a)
        and not any(re.match(r"(?i)(?:their|its|his|her|our|the\s+two|both)\b", x) or _generic(x) for x in (a, b))
    ):
        return a, b
    return None


def _names_a_work(side: str) -> bool:
    """A side of "how does A relate to B?" that is a work: described as one ("the paper that ..."), a
    title in quotes, or a name and nothing else ("SAM"; "CIFAR-10 accuracy" is a quantity)."""
    side = side.strip()
    return bool(
        P.WORK_DESCRIBED.search(side) or re.fullmatch(r"(['\"‘“]).+(['\"’”])", side) or names_in(side) == [side]
    )


def _generic(side: str) -> bool:
    """A side that names a kind of thing, not a work: "a standard (non-robust) detector", "a plain
    CNN" ("compared with a standard detector" asks one paper's figure against a baseline). A side
    describing a work ("a paper that ...", "an optimizer that seeks flat minima", "an earlier
    algorithm"), one with a name ("a vanilla ResNet") or a title ("A Closer Look at ...") is not."""
    return (
        re.match(r"an?\s", side) is not None  # lower case: "A Closer Look at Memorization" is a title
        and P.WORK_DESCRIBED.search(side) is None
        and not re.search(r"(?i)\b(?:that|which|who|whose|where|proposed|introduced|by|model|one)\b(?!-)", side)
        and not names_in(side)
    )


def tidy_subject(text: str, first: bool = False) -> str:
    text = P.SUBJECT_LEAD.sub("", text.strip())
    if not first:
        titled = _TITLED_SIDE.match(text)
        if titled is not None and len(titled.group("side").split("(")[0].split()) <= 6:
            return titled.group("side").strip()
        text = re.split(r"\s*(?:[?:;(]|\s[-–]\s|,\s*(?:which|what|how|and\s+(?:which|what|how))\b)", text, maxsplit=1)[
            0
        ]
        name_like = (
            len(text.split()) <= 6
            and not re.match(r"(?i)^(?:the|a|an)\s", text)
            and any(any(c.isupper() or c.isdigit() for c in w) for w in text.split()[:2])
        )
        if name_like:  # "Partial FC for face recognition training": a name is complete on its own
            text = re.split(r"\s+(?:as|for|in\s+terms\s+of|regarding|when\s+it\s+comes\s+to|on)\s+", text, maxsplit=1)[
                0
            ]
    else:
        text = re.sub(r"^(?:(?:how|what|in\s+what\s+way)\s+(?:does|do|is|are)\s+)", "", text, flags=re.I)
        aspect = _ASPECT_AFTER.match(text.strip())
        if aspect is not None:
            # "lion optimizer on diffusion models - how big is the cut in training compute": the thing
            # compared is what the context names, the question after the dash asks on what
            text = aspect.group("context")
        back = _POINTS_TO_FIRST.match(text.strip())
        if back is not None and len(names := names_in(back.group("first"))) == 1:
            # "how does FixMatch combine ..., and how does it compare with VAT?": "it" is FixMatch
            text = names[0]
    return text.strip(" ,.-").strip()


# a side whose head is followed by what identifies the work, in brackets: its title quoted ("Gao et al.
# ('Convergence of ...')") or a citation ("SmoothAdv (Salman et al., adversarially trained ...)")
_TITLED_SIDE = re.compile(
    r"(?P<side>[^?:;()]{1,60}?\(\s*(?:(?:\"[^\"]+\"|“[^”]+”|['‘][^()]+?['’](?=\s*\)))\s*"
    r"|[^()?]*?(?:\bet\s+al\b|\b[A-Z][a-z]+,?\s+(?:19|20)\d\d\b)[^()?]*)\))"
)


# a side that asks how much of a measure, the measure its subject ("how big is the cut in training
# compute"): an aspect of the comparison, not a thing compared; after a context ("X - how big is the
# ..."), X is the thing. A side with a subject of its own ("how much faster is SOAP", "how well does
# FixMatch do") is left as it is
_MEASURE_ASKED = r"how\s+(?:big|much|large|small|long|far|high|low)\s+(?:is|are|was|were)\s+the\b"
_ASPECT_AFTER = re.compile(rf"^(?P<context>.+?)(?:\s*:|\s+[-–—])\s+{_MEASURE_ASKED}", re.I)
_ASPECT_ONLY = re.compile(rf"^{_MEASURE_ASKED}", re.I)

# a side that ends by pointing back at its first clause ("FixMatch combine weak and strong augmentations,
# and how does it"): the thing compared is what that clause is about
_POINTS_TO_FIRST = re.compile(
    r"^(?P<first>.+?),?\s+and\s+(?:how|what|why|in\s+what\s+way)\s+(?:does|do|did|is|are|was|were)\s+"
    r"(?:it|its|they|their)(?:\s+[\w-]+)?$",
    re.I,
)


def first_clause(text: str) -> str:
    """The clause that says what is asked for: a question's second part ("..., and the session
    each was in") asks for more about it, it does not select."""
    return re.split(
        r",?\s+and\s+(?=(?:the|what|which|who|at|how|his|her|their|each|whether)\b)|,\s*(?:with|including)\b"
        r"|\s+with\s+(?=(?:their|its|his|her|the|a)\b)",
        text,
        maxsplit=1,
    )[0]


def counts_collection(word: str) -> bool:
    return word in P.COUNTED_NOUNS or any(typo_of(word, w) for w in P.COUNTED_NOUNS)


def share(title: str, text: str) -> int:
    """Words of `title` (4+ letters) that `text` has."""
    return len({w for w in title.split() if len(w) >= 4} & set(text.split()))
