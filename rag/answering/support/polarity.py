"""The polarity check: a claim does not reverse the source sentence it rests on (a negation one
has and the other lacks, or a word whose opposite the source uses instead: "decrease" for
"increase"; "beats" for "performs worse than", unless the two things change sides); an implicit
negative ("avoids", "absent") agrees with a negation in so many words, and never reverses by itself.
Two reversals read from a whole sentence: a trade-off the source does not make ("at the cost of
clean accuracy" against "while preserving clean accuracy"), and a wide gap where the source finds
parity ("much less effective than" against "as effective as"). Lexical: a reversal made by
paraphrase is not seen, and bench/RESULTS.md says how often that happens."""

from __future__ import annotations

import re
from functools import lru_cache

from rag.answering.support.wording import CLAUSE, stemmed
from rag.text.naming import marked_as_name
from rag.text.sentences import STOPWORDS, content_terms, split_sentences
from rag.text.stemming import stem_words

# Words that negate what they govern. A claim and the source sentence it rests on must agree on
# whether there is one.
_NEGATIONS = frozenset(
    "not no never none neither nor without cannot can't don't doesn't didn't isn't aren't wasn't "
    "fail fails failed failing unable lack lacks lacked lacking miss misses missed hardly barely scarcely".split()
)
# Negations that leave a little ("hardly boosts": next to no boost), which agree with a word of smallness
_FAINT = frozenset("hardly barely scarcely".split())
_SMALL = frozenset("small slight slightly little minimal marginal marginally negligible minor few modest".split())
# a lesser degree of a participle a negation denies, which says it too ("less thoroughly explored": not
# thoroughly explored); not a comparison ("less robust than"), nor against a source's own "less"
_LESSER = re.compile(r"\bless\s+(?:\w+ly\s+)?(\w+(?:ed|en))\b(?!\s+than\b)", re.I)
# how often a thing is done, as adverbs: the opposites of "seldom" (`_OPPOSITES`), and among the words by
# which a source sets its work against usual practice (`_USUAL`)
_OFTEN = ("usually", "often", "frequently", "commonly", "typically")
# words of a large amount ("a marked gain") and of a slight one ("negligible changes"), opposites when each
# side puts one on a change (`_AMOUNT_OF_CHANGE`: "little effect" against "largely unaffected" is none); they
# compare nothing, so no sides are read around them
_MARKED = ("marked", "substantial", "significant", "dramatic")
_SLIGHT = ("negligible", "little")
# the nouns of a change an amount is put on
_CHANGES = ("change", "gain", "improvement", "difference", "effect", "impact", "drop", "increase", "decrease")
_CHANGE_NOUNS = rf"(?:(?:{'|'.join(_CHANGES)})s?|protection|robustness)"
_CHANGE_VERBS = r"(?:chang|improv|increas|decreas|gain|drop|rose|fell|ris|fall|grew|grow|help)\w*"
_AMOUNT_OF_CHANGE = re.compile(
    rf"\b(?P<amount>(?:{'|'.join(_SLIGHT + _MARKED)})\w*)\s+(?:[\w-]+\s+){{0,2}}?{_CHANGE_NOUNS}\b"
    rf"|\b{_CHANGE_VERBS}\s+(?:only\s+|very\s+)?(?P<after>(?:{'|'.join(_SLIGHT + _MARKED)})\w*)\b",
    re.I,
)
_AMOUNT_CONTEXT = 8  # words after an amount of change that say what changes ("negligible changes in relative ...")


def _amounts_of_change(text: str, stems: set[str]) -> list[set[str]]:
    """For each amount of a change in `text` whose amount word has one of `stems`, the content stems of the
    words inside it and of the few after it: what it says changes."""
    found = []
    for m in _AMOUNT_OF_CHANGE.finditer(text):
        word = m.group("amount") or m.group("after")
        if stem_words([word.lower()])[0] not in stems:
            continue
        after = re.findall(r"[A-Za-z][\w-]*", text[m.end() :])[:_AMOUNT_CONTEXT]
        inside = re.findall(r"[A-Za-z][\w-]*", m.group(0))[1:-1]
        words = [w.lower() for w in inside + after if w.lower() not in STOPWORDS]
        found.append(set(stem_words(words)) - _CHANGE_STEMS)
    return found


# Opposite directions and judgements, as stems' source words; a general list of English
# antonyms, not of any paper's words.
_OPPOSITES = [
    ("increase", "decrease"),
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
    ("stronger", "milder"),  # of assumptions; not "strong" and "mild", which say of different things
    ("positive", "negative"),
    ("faster", "slower"),
    ("easy", "hard"),
    ("easier", "harder"),
    ("always", "never"),
    ("most", "few"),
    ("many", "few"),
    ("sufficient", "insufficient"),
    ("necessary", "unnecessary"),
    ("above", "below"),
    # how much: a change or gap said to be negligible against one said to be marked or substantial
    *((a, b) for a in _SLIGHT for b in _MARKED),
    ("maximum", "minimum"),
    ("maximize", "minimize"),
    # what can be done: "also attainable under pure differential privacy" against "impossible under ..."
    *((a, "impossible") for a in ("possible", "feasible", "achievable", "attainable")),
    # how often, as adverbs ("usually lead to underfitting" against "rarely lead to underfitting"; `_judging`
    # reads "rarely" as "seldom", so the adjective "rare" of "rare classes" judges nothing)
    *((a, "seldom") for a in _OFTEN),
]
# Comparatives that judge one thing ahead of another, and those that judge it behind: any word of one
# side is the opposite of any word of the other ("stronger robustness than" against "worse robustness
# than", "beats" against "performs worse than"), as English uses them, not any paper's words.
_AHEAD = ("better", "superior", "outperform", "beat", "beats", "exceed", "surpass", "stronger")
_BEHIND = ("worse", "inferior", "underperform", "weaker")
# Verbs of change that make a thing more, and those that make it less, read as "increase" and "decrease"
# ("widens the trade-off" against "reduces the trade-off", "as the distance grows" against "as the
# distance decreases"; "declines as the budget grows" agrees with "decreases as the budget increases"),
# as English uses them, with their irregular past forms ("accuracy fell"); not their nouns, which name
# other things as often ("a Taylor expansion", "dimensionality reduction").
_RISING = (
    *("increase", "grow", "rise", "widen", "expand", "amplify", "broaden", "enlarge"),
    *("grew", "grown", "rose", "risen"),
)
_FALLING = (
    *("decrease", "reduce", "shrink", "fall", "narrow", "diminish", "decline", "lessen", "drop"),
    *("shrank", "shrunk", "fell", "fallen"),
)
_PREFIXES = ("in", "un", "im", "non", "ir", "il", "dis")
# Words whose meaning holds a negation ("avoid" is "not incur", "departs from" is "does not conform
# to", "absent" is "not there"): English's implicit negatives, not any paper's words. One agrees with a
# negation in so many words that governs the same words; they never make a reversal by themselves.
# ("free" and "skip" are left out: "free to", "training-free", "skip connections" negate nothing.)
_IMPLICIT = frozenset(
    "avoid prevent preclude refrain refuse reject deny doubt forbid prohibit prohibitive exclude omit ignore "
    "neglect overlook absent absence devoid impossible negligible seldom rarely depart sparing "
    "differ deviate eliminate remove forgo bypass sidestep circumvent escape instead beyond "
    "insufficient inadequate impractical infeasible incapable unavailable unsuitable".split()
)
# phrases that compare, read as the one word they mean ("falls short of" X: underperforms X)
_TRAILS = re.compile(
    r"\b(?:fall|falls|falling|fell|fallen)\s+(?:\w+ly\s+|far\s+|well\s+)?short\s+of\b"
    r"|\b(?:lag|lags|lagged|lagging)\s+(?:\w+ly\s+|far\s+|well\s+)?behind\b",
    re.I,
)
# "improves beyond PPO", "improves upon the baselines": is ahead of them, and improves (not "improves over
# the course of training")
_RARELY = re.compile(r"\brarely\b", re.I)
_BEYOND = re.compile(r"\bimprov(?:e|es|ed|ing)\s+(?:\w+ly\s+)?(?:beyond|upon)\b", re.I)
# a prefix negates an adjective or participle ("unnecessary", "non-increasing", "unbiased"), not a noun
# or verb that only begins like one ("invariance" is no negation of "variance", "disparity" of
# "parity", "uncover" of "cover"); and some that end like one still are not ("improved", "discovered")
_NEGATABLE = re.compile(r"(?:able|ible|ary|ory|al|ed|ing|ive|ent|ant|ful|ic|ous|ar|ile)$")
_FALSE_PREFIXED = frozenset("improve improves improved improving improvement discover discovers discovered".split())
_HYPHEN_NON = re.compile(r"\bnon-(?=[a-z])", re.IGNORECASE)  # "non-increasing" read as one word
_SCOPE = 4  # words after a negation that it governs
# an idiom whose words judge nothing ("achieve 100% generalization at the same time" says nothing is the same)
_IDIOMS = re.compile(r"\bat\s+the\s+same\s+time\b", re.I)
_TIMES = re.compile(r"\btimes?\b", re.I)
# a quantifier hyphenated into a compound counts nothing ("few-shot", "many-to-one"): read as one word
_COMPOUNDED = re.compile(r"\b(few|many|most)-(?=\w)", re.I)
# "few" that says most: "all but a few", "with few exceptions"; and "a few" is some, unless restricted
# ("only a few", "just a few")
_MOSTLY = re.compile(r"\b(?:all\s+but\s+a\s+few|with\s+(?:very\s+)?few\s+exceptions)\b", re.I)
_SOME = re.compile(r"(?<!\bonly )(?<!\bjust )(?<!\bvery )\ba\s+few\b", re.I)


def _judging(text: str, other: str = "") -> str:
    """`text` as its judging words are read: "trails" as "underperforms", "improves beyond" also as
    "outperforms"; the idiom left out unless `other` speaks of times ("trained at different times"
    against "trained at the same time")."""
    text = _RARELY.sub("seldom", _BEYOND.sub(r"\g<0> outperforms", _TRAILS.sub("underperforms", text)))
    text = _SOME.sub("several", _MOSTLY.sub("mostly", _COMPOUNDED.sub(r"\1", text)))
    return text if _TIMES.search(_IDIOMS.sub(" ", other)) else _IDIOMS.sub(" ", text)


def _negated_form(word: str, prefix: str) -> bool:
    """`word` is `prefix` + a word of at least five letters that a prefix can negate."""
    base = word[len(prefix) :]
    return word.startswith(prefix) and len(base) > 4 and bool(_NEGATABLE.search(base)) and word not in _FALSE_PREFIXED


@lru_cache(maxsize=1)
def _directions() -> dict[str, str]:
    """Each verb of change's stem, as the stem of "increase" or "decrease"."""
    rising, falling = stem_words(["increase", "decrease"])
    return {**{s: rising for s in stem_words(list(_RISING))}, **{s: falling for s in stem_words(list(_FALLING))}}


def _directed(stems: set[str]) -> set[str]:
    """`stems` with each verb of change read as the direction it changes a thing in."""
    directions = _directions()
    return {directions.get(s, s) for s in stems}


# the words dropped from what each side says changes: the first five nouns, which two amounts share merely by
# being amounts of a change; not a drop, an increase or an impact, often the measure itself said on both sides
# ("a substantial impact on the performance drop" against "a negligible impact on the drop in accuracy")
_CHANGE_STEMS = frozenset(stem_words([*_CHANGES[:5], *(w + "s" for w in _CHANGES[:5])]))


@lru_cache(maxsize=1)
def _slight() -> set[str]:
    """The stems of "negligible" and "little", whose opposites (`_MARKED`) compare nothing."""
    return set(stem_words(list(_SLIGHT)))


@lru_cache(maxsize=1)
def _opposites() -> dict[str, set[str]]:
    pairs: dict[str, set[str]] = {}
    for a, b in [*_OPPOSITES, *((a, b) for a in _AHEAD for b in _BEHIND)]:
        sa, sb = stem_words([a])[0], stem_words([b])[0]
        pairs.setdefault(sa, set()).add(sb)
        pairs.setdefault(sb, set()).add(sa)
    return pairs


# a dash set off by spaces ("do not trigger X - then reroute Y") ends a clause as a comma does, unless
# a second one closes an aside ("the model - trained with labels - does not overfit")
_DASH = re.compile(r"\s(?:--|[-–—])\s")
_NOT_ONLY = re.compile(r"\bnot (?:only|just|merely)\b", re.IGNORECASE)  # "not only ... but also" negates nothing
# a bound on a quantity ("no more than two passes": at most two), and the comparative it bounds
_BOUND = re.compile(r"\b(?:no|not)\s+(more|less|fewer|greater|larger)\s+than\b", re.IGNORECASE)
_COMPARATIVE = re.compile(r"\b(more|less|fewer|greater|larger)\s+than\b", re.IGNORECASE)


def _idioms_out(text: str) -> str:
    """`text` without the negations that deny nothing: "not only"."""
    return _NOT_ONLY.sub(" ", text)


def _bounds_read(claim: str, source: str) -> tuple[str, str]:
    """Claim and source with their bounds on a quantity ("no more than two") read as no negation, unless
    either says the bare comparative a bound of the other denies ("more than two" against "no more than
    two": that one is reversed)."""
    bounded = {m.group(1).lower() for text in (claim, source) for m in _BOUND.finditer(text)}
    if not bounded:
        return claim, source
    bare = {m.group(1).lower() for text in (claim, source) for m in _COMPARATIVE.finditer(_BOUND.sub(" ", text))}
    if bounded & bare:
        return claim, source
    return _BOUND.sub(" at most ", claim), _BOUND.sub(" at most ", source)


# what the claim sets its subject against ("Unlike evaluations that seek the worst case, ..."): what
# others do, which the source may deny of the work itself; not read for the work's polarity
_UNLIKE = re.compile(r"(?:^|(?<=,))\s*(?:unlike|in\s+contrast\s+to|contrary\s+to)\b[^,;.]*(?=,)", re.I)
_INSTEAD = re.compile(r"\b(?:rather than|instead of)\b", re.IGNORECASE)  # "X rather than Y": Y is negated


# "not only X but also Y": one clause, whose verb Y shares ("may be unstable not only under pixel perturbations
# but also under spatial changes": cut at "but", the second half would be read without "unstable")
# A half that says a negation of its own has its own verb ("not only fail to converge but also require retraining")
_NOT_ONLY_BUT = re.compile(r"(\bnot\s+(?:only|just|merely)\b[^,;:.]*?)\s+but\s+(?=(?:also|even)\b)([^,;:.]*)", re.I)


def _joined(m: re.Match[str]) -> str:
    if (_bare_words(m.group(1)) | _bare_words(m.group(2))) & _NEGATIONS:
        return m.group(0)
    return f"{m.group(1)} {m.group(2)}"


def clauses(text: str) -> list[str]:
    """The text cut at commas, semicolons and conjunctions: the units a negation governs. A bracket
    listing names stays in its clause ("in diverse models (ResNet-20, ResNet-18, ResNet-50) on
    CIFAR-10"): cut off, its names would be too short a clause to keep, and a claim naming them would
    rest on some other clause."""
    return [
        c.strip()
        for sentence in split_sentences(text) or [text]
        for part in _dashed(_LISTED.sub(_unbracketed, _NOT_ONLY_BUT.sub(_joined, sentence)))
        for c in CLAUSE.split(part)
        if len(content_terms(c)) >= (1 if _bare_words(c) & _NEGATIONS and _bare_words(c) & _AUXILIARIES else 2)
    ]


# a clause's own verb, which makes a negated clause of one content word a claim of its own ("although they are not
# space-optimal"); a bare "not X" ("but not on ImageNet", "linearly, not quadratically", "if not better") is a
# contrast inside the clause before, too short to read alone
_AUXILIARIES = frozenset(
    "is are was were be been being do does did can could will would shall should may might must has have had".split()
)


# a bracket of short items, each of at most three words ("(ResNet-20, ResNet-18, ResNet-50)"), all but
# perhaps one of them names
_LISTED = re.compile(r"\(((?:[^(),;]{1,30}?,\s*)+(?:and\s+|or\s+)?[^(),;]{1,30}?)\)")


def _unbracketed(m: re.Match[str]) -> str:
    items = [i.strip() for i in m.group(1).split(",")]
    names = [i for i in items if any(marked_as_name(w) for w in i.split())]
    if len(names) < len(items) - 1 or any(len(i.split()) > 3 or _bare_words(i) & _NEGATIONS for i in items):
        return m.group(0)  # not a list of names ("(architecture, parameters, etc.)")
    return " " + " ".join(items) + " "


def _dashed(sentence: str) -> list[str]:
    """The sentence's parts at spaced dashes: two at one dash ("do not trigger X - then reroute Y");
    for an aside between two dashes, the aside and the sentence around it ("acceptance subspaces
    - sets that do not trigger refusal - then reroute embeddings")."""
    parts = _DASH.split(sentence)
    if len(parts) == 3:
        return [parts[1], f"{parts[0]} {parts[2]}"]
    return parts if len(parts) == 2 else [sentence]


# words by which a source sets what a method does against what others do
_CONTRASTS = frozenset(
    "unlike only rather instead whereas compared previous prior traditional existing conventional".split()
)
_CONCESSIONS = frozenset("although though while whereas despite".split())  # a clause conceded, then gainsaid


def _bare_words(text: str) -> set[str]:
    """The words of `text` as written ("rather than" not read as a negation)."""
    return {w.lower() for w in re.findall(r"[A-Za-z]+(?:'t)?", _idioms_out(text))}


def _words(text: str) -> set[str]:
    text = _INSTEAD.sub(" not ", _idioms_out(text))
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


# "one" standing in for a noun said before, with what tells it apart after it ("rather than one trained to
# be robust"): not a word of what is negated; a count ("several retrievers rather than one,") is
_STAND_IN = re.compile(r"\bones?\b(?=\s+[a-z])")


# where a negation's reach ends: a semicolon, a colon or a sentence's end, and a comma that opens another
# clause ("does not depend on the range, which is impossible under pure DP": "impossible" is not denied);
# not a comma of a list ("without labels, augmentations or teachers" denies all three)
_SCOPE_END = re.compile(
    r"[;:]|(?<!\be\.g)(?<!\bi\.e)(?<!\bal)\.(?=\s+[A-Z]|\s*$)"
    r"|,(?=\s*(?:which|who|whom|whose|where|while|whilst|whereas|but|yet|although|though|so|thus|hence"
    r"|because|since|and\s+(?:thus|hence|so|therefore|then|it|they|this|we)|therefore)\b)"
)


# what a negation's reach skips: stop-words, negations, and the prepositions the stop-words leave out ("not
# thought beneficial beyond obviating the need for annotations" governs nothing a claim says with "beyond")
_UNGOVERNED = (
    STOPWORDS
    | _NEGATIONS
    | frozenset("beyond across within upon among toward towards onto besides along amid per around throughout".split())
)


def _is_word(token: str) -> bool:
    """A word of `_scopes`'s tokens, not a mark where a negation's reach ends (`_SCOPE_END`)."""
    return token[:1].isalpha()


def _scopes(text: str) -> tuple[list[list[str]], set[str]]:
    """The first few content words after each negation in `text`, up to the end of its clause
    (`_SCOPE_END`; lower-cased, as written), and the content words it says outside every negation's reach."""
    text = _STAND_IN.sub(" ", _INSTEAD.sub(" not ", _idioms_out(text)))
    tokens = [t.lower() for t in re.findall(rf"[A-Za-z]+(?:'t)?|{_SCOPE_END.pattern}", text)]
    scopes: list[list[int]] = []
    for i, token in enumerate(tokens):
        if token in _NEGATIONS:
            end = next((j for j in range(i + 1, len(tokens)) if not _is_word(tokens[j])), len(tokens))
            scopes.append([j for j in range(i + 1, end) if tokens[j] not in _UNGOVERNED][:_SCOPE])
    reached = {j for scope in scopes for j in scope}
    free = {t for j, t in enumerate(tokens) if j not in reached and _is_word(t) and t not in _UNGOVERNED}
    return [[tokens[j] for j in scope] for scope in scopes], free


def _governed(text: str) -> list[list[set[str]]]:
    """What each negation in `text` governs: the first few content words after it, each as its
    word and stem."""
    return [[stemmed(w) for w in scope] for scope in _scopes(text)[0]]


def _unprefixed(text: str, other: str) -> bool:
    """`text` negates by a prefix a word `other` has bare: "unnecessary" against "necessary",
    "non-increasing" against "increase" (so "is not necessary" and "unnecessary" agree)."""
    bare = stemmed(other)
    for word in _words(_HYPHEN_NON.sub("non", text)) - _words(other):
        for prefix in _PREFIXES:
            if _negated_form(word, prefix) and stemmed(word[len(prefix) :]) & bare:
                return True
    return False


# what a comparison measures against, after its "than", described by what it goes without ("transfer better than
# tickets found without it", "than those trained with no labels"): that negation describes the baseline; it
# reverses nothing the clause says (a comparison turned round is `_opposite`'s to read). Not a quantity ("fails to
# detect more than one object"), nor a verb's own negation ("more than fine-tuning does without labels")
_BASELINE = re.compile(
    r"\b(?:(?:more|less)(?:\s+\w+)?|(?!(?:rather|other)\b)\w+er)\s+than\b"
    r"(?!\s+(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|a\s+few|a\s+dozen|half|twice)\b)(?P<base>[^,;:.]*)",
    re.I,
)
_DESCRIBED = re.compile(
    r"\b(?:\w+ed|\w+en|found|drawn|built|made|grown|taught|kept|held|those|ones|one|that)\s+(?:with\s+)?"
    r"(?:without|no|not|never)\b",
    re.I,
)


def _baseline_out(text: str) -> str:
    """`text` without the baselines of its comparisons described by a negation (`_BASELINE`)."""
    return _BASELINE.sub(
        lambda m: m.group(0)[: m.start("base") - m.start()] if _DESCRIBED.search(m["base"]) else m.group(0), text
    )


def _negated(mine: str, theirs: str, context: str = "") -> bool:
    """One of two clauses has a negation and the other not. A negation only the claim has must
    govern what the source clause says: two of the content words it governs (or all, if fewer)
    are in that clause ("without any human labels" against a clause about coarse masks adds
    another fact; it does not reverse that one). A contrast the claim draws ("rather than X",
    "instead of X": X is what another method does) agrees with a source clause that contrasts
    too ("unlike X", "prior methods only X"); with no contrast in the source, it reverses that
    clause only if every word it governs is there."""
    if not (_words(mine) & _NEGATIONS and _words(theirs) & _NEGATIONS):
        # (both negated: a negation moved from the baseline to the subject turns the comparison round, as
        # "tickets found without it transfer worse than tickets found with it" does)
        mine, theirs = _baseline_out(mine), _baseline_out(theirs)
    negated_mine = bool(_words(mine) & _NEGATIONS) or _unprefixed(mine, theirs)
    negated_theirs = bool(_words(theirs) & _NEGATIONS) or _unprefixed(theirs, mine)
    if negated_mine != negated_theirs and _mis_agrees(*((mine, theirs) if negated_mine else (theirs, mine))):
        return False  # "may not match the instance" against "be mismatched to the instance"
    if negated_mine != negated_theirs:
        faint, other = (mine, theirs) if negated_mine else (theirs, mine)
        said = _words(faint) & _NEGATIONS
        if said and said <= _FAINT and _words(other) & _SMALL:
            return False  # "adds barely any overhead" against "adds minimal overhead"
        lesser = {m.group(1).lower() for m in _LESSER.finditer(mine)}
        if negated_theirs and lesser and "less" not in _bare_words(theirs) and lesser & _bare_words(theirs):
            # the claim says less than the source: "much less thoroughly explored" for "has not been thoroughly
            # explored" (not the other way: "needs no labels" for "needs fewer labels" says more)
            return False
    if negated_mine != negated_theirs and _implicitly_negates(
        mine if negated_mine else theirs, theirs if negated_mine else mine
    ):
        return False  # "insufficient receptive field" against "the lack of a receptive field"
    if negated_mine and not negated_theirs and _INSTEAD.search(mine) and not (_bare_words(mine) & _NEGATIONS):
        if _bare_words(theirs) & _CONTRASTS or _bare_words(context) & _OTHER_WORKS:
            return False  # the source contrasts too, in that clause or on other works in the one it continues
        # "instead of predicting the box in one shot": the road not taken, reversed only when the
        # source says the method takes it, every word the contrast governs in that clause
        return _governs(mine, theirs, _SCOPE)
    if negated_mine and not negated_theirs:
        return _governs(mine, theirs)
    if negated_theirs and not negated_mine:  # the claim drops a negation only if it says something it governs
        return _governs(theirs, mine, 1)
    return False


def _mis_agrees(negated: str, other: str) -> bool:
    """`other` says with "mis-" what `negated` says with a negation in so many words ("mismatched" for
    "does not match"). Only then is "mis-" a negation: "mislabeled" is no "not labeled" (in a noisy-label
    abstract both are said of labelled data), so it reverses nothing by itself."""
    if not _words(negated) & _NEGATIONS:
        return False
    bare = stemmed(negated)
    return any(
        _negated_form(word, "mis") and bool(stemmed(word[3:]) & bare) for word in _words(other) - _words(negated)
    )


def _implicitly_negates(negated: str, other: str) -> bool:
    """`other` says by an implicit negative what a negation of `negated` says ("avoids the strong
    regularization" for "does not induce the strong regularization"; "an insufficient receptive
    field" for "the lack of a receptive field"): one `negated` does not use itself ("does not avoid
    X" against "avoids X" reverses it), governing a word that negation governs."""
    own = {b for word in _words(negated) for b in _IMPLICIT & _bases(word)}
    denied = _denied(negated) | {
        stem
        for word in _words(negated)
        for p in _PREFIXES
        if _negated_form(word, p)
        for stem in stemmed(word[len(p) :])
    }
    tokens = [t.lower() for t in re.findall(r"[A-Za-z]+(?:'t)?", other)]
    for i, token in enumerate(tokens):
        if _IMPLICIT & _bases(token) and not own & _bases(token):
            governed = [t for t in tokens[i + 1 :] if t not in STOPWORDS][:_SCOPE]
            if any(stemmed(t) & denied for t in governed):
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
    scopes, free = _scopes(negated)
    if not scopes:
        return True
    # a word of `other` that `negated` also writes outside the negation's reach is that word, not one it
    # governs that only shares its stem ("self-supervised" against "self-supervised models ... without
    # supervision"); one written as the negation governs it still counts
    written = _bare_words(other)
    said = stemmed(" ".join(written - free))
    return any(
        sum(w in written or bool(stemmed(w) & said) for w in scope) >= min(least, len(scope)) for scope in scopes
    )


def _opposite(mine: str, theirs: str) -> bool:
    """The claim uses a word whose opposite the source uses instead ("poorly" for "well",
    "insensitive" for "sensitive"); a claim with both words is not judged."""
    mine, theirs = _judging(mine, theirs), _judging(theirs, mine)
    stems_mine, stems_theirs = _directed(stemmed(mine)), _directed(stemmed(theirs))
    denied_mine, denied_theirs = _directed(_denied(mine)), _directed(_denied(theirs))

    def reverses(word: str, counterpart: str) -> bool:
        # a word against its opposite, unless exactly one of the two is negated: "unnecessary" is "not necessary"
        return (word in denied_mine) == (counterpart in denied_theirs)

    opposites = _opposites()
    for stem in stems_mine - stems_theirs:
        against = (opposites.get(stem, set()) & stems_theirs) - stems_mine
        if any(reverses(stem, o) for o in against):
            if {stem, *against} & _slight():
                # "a marked gain from A to B" against "negligible changes from A to B": both amounts of a change
                # each on the same thing ("substantial improvements in accuracy" against "little change to the
                # architecture" is none): the words around the two amounts share one
                ours, others = _amounts_of_change(mine, {stem}), _amounts_of_change(theirs, against)
                if any(a & b for a in ours for b in others):
                    return True
                continue
            return not _sides_swapped(mine, theirs)  # "A outperforms B" is "B performs worse than A"
    words_mine, words_theirs = _words(mine), _words(theirs)
    for word in words_mine - words_theirs:
        # "underestimate" for "overestimate", "overfit" for "underfit": the prefixes are opposites
        for prefix, other in (("over", "under"), ("under", "over")):
            if not word.startswith(prefix) or len(word) < len(prefix) + 3:
                continue
            flipped = stem_words([other + word[len(prefix) :]])[0]
            if flipped in stems_theirs - stems_mine and reverses(stem_words([word])[0], flipped):
                return True
        for prefix in _PREFIXES:
            base = word[len(prefix) :]
            if _negated_form(word, prefix) and base in words_theirs and base not in words_mine and reverses(word, base):
                return True
    return False


_COMPOUND = re.compile(r"\b[A-Za-z]+(?:-[A-Za-z]+)+\b")


def _opposite_compound(compound: str, other: str) -> bool:
    """`other` is `compound` with one part turned into its opposite ("upper-bound" of "lower-bound")."""
    mine, theirs = compound.split("-"), other.split("-")
    if len(mine) != len(theirs):
        return False
    opposites = _opposites()
    differing = [(a, b) for a, b in zip(stem_words(mine), stem_words(theirs)) if a != b]
    return len(differing) == 1 and differing[0][1] in opposites.get(differing[0][0], set())


def _fused(claim: str, source: str) -> tuple[str, str]:
    """`claim` and `source` with each hyphenated compound both write fused into one word: one name for
    one thing ("small-loss sample selection"), whose parts judge nothing ("small" is no judgement
    against the source's "large losses"); a compound only one writes keeps its words ("a global
    upper-bound" against "a lower bound")."""
    in_claim, in_source = ({c.lower() for c in _COMPOUND.findall(text)} for text in (claim, source))
    written, shared = in_claim | in_source, in_claim & in_source
    # not one whose opposite either writes too ("a tight lower-bound" where the source has the upper-bound and
    # calls "the lower-bound" loose): there the part is the judgement
    shared = {c for c in shared if not any(_opposite_compound(c, other) for other in written)}
    if not shared:
        return claim, source

    def fuse(text: str) -> str:
        return _COMPOUND.sub(lambda m: m.group().replace("-", "") if m.group().lower() in shared else m.group(), text)

    return fuse(claim), fuse(source)


def _reversed_among(mine: str, pieces: list[str], source: str) -> bool:
    """A judgement or direction of the claim's clause ("stronger robustness than") is reversed in one
    of the source clauses it shares most words with ("worse robustness than"), and none of them makes
    it: the clause it rests on is the one that speaks of it, however short the others are. Not when
    the claim states the converse: what it compares against ("more meaningful than those of standard
    models") is what the source's sentence says it of ("Standard models ... are less meaningful")."""
    stems_mine = _directed(stemmed(_judging(mine, source)))
    opposites = _opposites()
    judged = {stem for stem in stems_mine if opposites.get(stem)}
    if not judged or any(judged & _directed(stemmed(_judging(piece, mine))) for piece in pieces):
        return False
    return any(_opposite(mine, piece) and not _converse(mine, piece, source) for piece in pieces)


# words by which a source speaks of other works than its own
_OTHER_WORKS = frozenset("unlike previous prior earlier existing traditional conventional".split())
# with "current": a claim's subject that is other works ("Current methods require ..."); not among the
# clause words above, where "current" is as often the work's own ("the current iterate")
_OTHER_WORKS_NOW = _OTHER_WORKS | {"current"}


def _own_work(mine: str, tied: list[str]) -> list[str]:
    """Of the source clauses a claim's clause fits equally well, those about the work itself when
    some speak of other works ("Existing solutions necessitate extra 3D datasets" beside "trains
    models ... without requiring extra data"), unless the claim's clause speaks of other works too.
    A clause is judged by its own words: the one after "Unlike existing detectors," is the work's."""
    if _bare_words(mine) & _OTHER_WORKS:
        return tied
    own = [p for p in tied if not _bare_words(p) & _OTHER_WORKS]
    return own or tied


def _clause_before(piece: str, pieces: list[str], source: str) -> str:
    """The clause before `piece` in its sentence, which it may continue ("Although previous studies
    have focused on the fact | that networks operate on high dimensional data"), or ""."""
    at = pieces.index(piece)
    if at == 0:
        return ""
    sentence = _sentence_of(piece, source)
    return pieces[at - 1] if pieces[at - 1].rstrip(". ") in sentence else ""


def _sides_swapped(mine: str, theirs: str) -> bool:
    """The things before the claim's judging word ("The method outperforms") stand after the source's
    opposite one ("perform worse than our method"), and those after it before that: the comparison
    turned round. A setting that moves ("against the worst-case attack") turns nothing round."""
    opposites, directions = _opposites(), _directions()
    stems_theirs = [
        directions.get(t, t) for t in stem_words([t.lower() for t in re.findall(r"[A-Za-z][\w-]*", theirs)])
    ]
    words_mine = re.findall(r"[A-Za-z][\w-]*", mine)
    for i, word in enumerate(words_mine):
        stem = stem_words([word.lower()])[0]
        stem = directions.get(stem, stem)
        at = next((j for j, t in enumerate(stems_theirs) if t in opposites.get(stem, set())), None)
        if at is None:
            continue
        before_mine, after_mine = (
            set(content_terms(" ".join(words_mine[:i]))),
            set(content_terms(" ".join(words_mine[i + 1 :]))),
        )
        words_theirs = re.findall(r"[A-Za-z][\w-]*", theirs)
        before_theirs = set(content_terms(" ".join(words_theirs[:at])))
        after_theirs = set(content_terms(" ".join(words_theirs[at + 1 :])))
        # each thing the claim puts before the word stands after the source's, and the other way round;
        # a side left to a pronoun ("It outperforms ...") agrees with any
        ahead = (before_mine & after_theirs) - before_theirs
        behind = (after_mine & before_theirs) - after_theirs
        return bool(ahead or behind) and bool(ahead or not before_mine) and bool(behind or not before_theirs)
    return False


def _sentence_of(piece: str, source: str) -> str:
    """The sentence of `source` that holds the clause `piece`."""
    return next((s for s in split_sentences(source) if piece.rstrip(". ") in s), piece)


def _converse(mine: str, piece: str, source: str) -> bool:
    """The claim's clause compares against ("than X") what the source sentence holding `piece` says
    the opposite of, outside a comparison of its own ("more meaningful than those of standard models"
    for "Standard models ... are less meaningful"); two things changing sides within one clause
    ("A outperforms B" for "B performs worse than A") `_opposite` already reads as no reversal."""
    against = re.search(r"\bthan\s+(.+)", mine, re.I)
    if against is None:
        return False
    wanted = set(content_terms(against.group(1)))
    # not when the source clause judges its subject against that very thing ("GraphShield outperforms GNNGuard on
    # Cora" for "GraphShield performs worse than GNNGuard"): then the claim turns the comparison round
    words = re.findall(r"[A-Za-z][\w-]*", piece)
    opposites = _opposites()
    for i, stem in enumerate(stem_words([w.lower() for w in words])):
        if stem in opposites and wanted <= set(content_terms(" ".join(words[i + 1 :]))):
            return False
    # what the sentence says it of: its words outside what it compares against ("compared to robust")
    said = set(content_terms(_REFERENCE.sub(" ", _sentence_of(piece, source))))
    return bool(wanted) and wanted <= said


# what a comparison is measured against, to its clause's end ("than X", "compared to X")
_REFERENCE = re.compile(
    r"\b(?:than|compared\s+(?:to|with)|relative\s+to|in\s+comparison\s+(?:to|with))\s+([^,;.]+)", re.I
)


def _negation_beside(mine: str, tied: list[str], pieces: list[str], source: str) -> bool:
    """The claim's negation is one the source says in another clause of the sentence the claim's
    clause fits, over what it governs there: "no successful perturbation can be found under a given
    threat model" against "for which, | given a threat model, | successful adversarial perturbations
    cannot be found", where the short clause between commas shares more words than the negated one.
    Not a negation the source sets against what it says ("Unlike standard training, which does not
    yield robust models, ...", "Although previous methods do not converge, ...")."""
    if not _words(mine) & _NEGATIONS:
        return False
    sentences = {_sentence_of(piece, source) for piece in tied}
    return any(
        _words(piece) & _NEGATIONS
        and _sentence_of(piece, source) in sentences
        and _governs(mine, piece)
        and not _set_against(piece, pieces, source)
        for piece in pieces
        if piece not in tied
    )


def _set_against(piece: str, pieces: list[str], source: str, also: frozenset[str] = frozenset()) -> bool:
    """The source clause `piece`, or the clause before it that it continues, speaks of other works, draws a
    contrast or concedes ("Unlike X, which does not ...", "Although previous methods do not ..."), or says
    one of the words `also`: what the source sets against its own work, not what it says of it."""
    said = _bare_words(piece) | _bare_words(_clause_before(piece, pieces, source))
    return bool(said & (_CONTRASTS | _OTHER_WORKS | _CONCESSIONS | also))


def _negation_added(mine: str, tied: list[str], pieces: list[str], source: str) -> bool:
    """The claim's clause negates what another clause of the source says plainly, the first
    `_ADDED_SCOPE` words it governs: "... test error even when the data distribution is not well
    separated" against "when the data distribution is well-separated, DNNs can achieve ...", whose
    other clause the claim's fits better. Only a negation governing at least `_ADDED_SCOPE` words,
    those in one source clause and none of the clauses holding them negated, set against other works
    or usual practice, or conceded."""
    if not _bare_words(mine) & _NEGATIONS:
        return False
    scopes = [scope for scope in _scopes(mine)[0] if len(scope) >= _ADDED_SCOPE]
    for scope in scopes:
        holding = [piece for piece in pieces if all(stemmed(w) & stemmed(piece) for w in scope[:_ADDED_SCOPE])]
        if not holding or any(piece in tied for piece in holding):
            continue  # what it governs is nowhere, or in the clause it fits, which `_negated` judged
        # none of them negated (in so many words or implicitly), set against the work, nor usual practice
        if not any(_set_against(piece, pieces, source, also=_NEGATIONS | _IMPLICIT | _USUAL) for piece in holding):
            return True
    return False


_ADDED_SCOPE = 2  # words a negation governs, all in one clause, for `_negation_added`
# what is usually done, which a source sets its work against ("Fast samplers usually rely on distillation")
_USUAL = frozenset({*_OFTEN, *"generally traditionally standard most".split()})


def _denied(text: str) -> set[str]:
    """The words (and stems) a negation in `text` governs."""
    return {w for scope in _governed(text) for found in scope for w in found}


# what a claim likens its subject to, fronted ("Like prior work, AERO ..."), and what a source sets its
# subject against ("Unlike prior work which ..., the proposed method ...", "In contrast to the popular
# notion of adversarial robustness, our corruptions ...")
_LIKE = re.compile(r"^\W*(?:like|similar\s+to|just\s+as|as\s+with|in\s+line\s+with)\s+([^,;.]+),", re.I)
_SET_APART = re.compile(
    r"\b(?:unlike|in\s+contrast\s+(?:to|with)|contrary\s+to|as\s+opposed\s+to|(?:different|differently)\s+from)"
    r"\s+([^,;.]+)",
    re.I,
)


_LIKENS = re.compile(r"\b(?:like|similar(?:ly)?\s+to|as\s+with|just\s+as|as\s+in|following)\s+([^,;.]+)", re.I)


def _likened(claim: str, source: str) -> bool:
    """The claim likens its subject to what the source sets it apart from, in a sentence that says
    what the claim does: "Like adversarial robustness evaluations, the corruptions aim at worst-case performance"
    for "In contrast to the popular notion of adversarial robustness, our corruptions do not seek
    worst-case performance". What is likened and what is set apart share their content words (two, or
    all if fewer), and what the claim says of its subject shares two more with that sentence; not when
    the source likens the same thing elsewhere ("Like DDPM, ...; unlike DDPM, ...")."""
    like = _LIKE.search(claim)
    if like is None:
        return False
    likened = set(content_terms(like.group(1)))
    if any(likened & set(content_terms(m.group(1))) for m in _LIKENS.finditer(source)):
        return False  # the source likens it too, in what it shares ("Like DDPM, our model ...; unlike DDPM, ...")
    said = set(content_terms(claim[like.end() :])) - likened
    for apart in _SET_APART.finditer(source):
        shared = likened & set(content_terms(apart.group(1)))
        sentence = _sentence_of(apart.group(0), source)
        if likened and len(shared) >= min(2, len(likened)) and len(said & set(content_terms(sentence))) >= 2:
            return True
    return False


# a cause, then its effect ("A leads to B", "A, leading to B", "A causes B"), or the effect first ("B is
# caused by A", "B results from A", "B is due to A")
_CAUSES = re.compile(
    r"\b(?:(?P<forward>(?:lead|leads|led|leading)\s+to|caus(?:e|es|ed|ing)(?!\s+by)|results?\s+in|resulting\s+in|"
    r"gives?\s+rise\s+to|giving\s+rise\s+to)|(?P<backward>(?:(?:is|are|was|were|be)\s+)?caused\s+by|results?\s+from|"
    r"stems?\s+from|(?:(?:is|are|was|were)\s+)?due\s+to|as\s+an?\s+(?:direct\s+)?(?:consequence|result)\s+of|"
    r"because\s+of|owing\s+to))\b",
    re.I,
)
_CAUSE_WORDS = 8  # words on each side of a causal link that say what causes what
# an abbreviation a source defines ("adversarial feature overfitting (AFO)"), its words before it
_DEFINED = re.compile(r"((?:[\w-]+\s+){1,5})\(([A-Z][A-Za-z]{1,7})\)")


def _definitions(text: str) -> dict[str, str]:
    """The abbreviations `text` defines, each with the words it stands for ("AFO": "adversarial feature
    overfitting" of "adversarial feature overfitting (AFO)")."""
    found = {}
    for m in _DEFINED.finditer(text):
        capitals = re.sub(r"[^A-Z]", "", m.group(2))
        words = m.group(1).split()[-len(capitals) :]
        if len(words) >= 2 and "".join(w[0] for w in words).upper() == capitals:
            found[m.group(2)] = " ".join(words)
    return found


def _expanded(text: str, definitions: dict[str, str]) -> str:
    """`text` with each abbreviation of `definitions` written out wherever it is used."""
    for short, words in definitions.items():
        text = re.sub(rf"\b{re.escape(short)}\b", words, text)
    return text


def _causal_links(text: str, definitions: dict[str, str]) -> list[tuple[set[str], set[str]]]:
    """(cause, effect) of each causal link in `text`, as the content words around it in its clause (a
    link opening a clause, "..., leading to B", takes its cause from the clause before)."""
    links = []
    for sentence in split_sentences(_expanded(text, definitions)):
        for m in _CAUSES.finditer(sentence):
            before = re.split(r"[;:]", sentence[: m.start()])[-1]
            after = re.split(r"[,;:]", sentence[m.end() :])[0]
            head = before.split(",")[-1] if before.split(",")[-1].strip() else before
            a = content_terms(" ".join(head.split()[-_CAUSE_WORDS:]))
            b = content_terms(" ".join(after.split()[:_CAUSE_WORDS]))
            cause, effect = (set(a), set(b)) if m.group("forward") else (set(b), set(a))
            if cause and effect:
                links.append((cause, effect))
    return links


def _cause_reversed(claim: str, source: str) -> bool:
    """The claim turns a causal link of the source round: "better robustness leads to higher accuracy"
    for "higher accuracy usually leads to better robustness"; "AFO causes adversarial training to
    overshoot" for "adversarial training can overshoot ..., leading to AFO". Each side of the claim's
    link shares two words (or all) with the other side of a source link, and the sides share fewer
    words matched as the source has them."""

    def shares(x: set[str], y: set[str]) -> bool:
        return len(x & y) >= min(2, len(x), len(y))

    defined = _definitions(source)  # the source's abbreviations, wherever the claim uses them too
    for cause, effect in _causal_links(claim, defined):
        for their_cause, their_effect in _causal_links(source, defined):
            crossed = len(cause & their_effect) + len(effect & their_cause)
            direct = len(cause & their_cause) + len(effect & their_effect)
            if shares(cause, their_effect) and shares(effect, their_cause) and crossed > direct:
                return True
    return False


# a need the source denies ("eliminating the need for strong convexity assumptions", "no need for", "does
# not require pairwise learning", "without further generating adversarial examples") and one a claim asserts
# by a verb ("still requires the usual strong convexity assumption", "relies on", "holds only under")
_NEED_DENIED = re.compile(
    r"\b(?:(?:eliminat|remov|obviat|avoid|bypass|circumvent|lift)\w*\s+(?:the\s+|any\s+)?"
    r"(?:need|requirement|necessity|reliance|dependence)\s+(?:for|of|on)"
    r"|(?:no|without(?:\s+(?:the|any))?)\s+(?:need|requirement|necessity|reliance|dependence)\s+(?:for|of|on)"
    r"|(?:(?:does|do|did)\s+not|doesn't|don't|didn't|never)\s+(?:require|need|rely\s+on|depend\s+on)"
    r"|without\s+(?:requiring|needing|relying\s+on|depending\s+on)"
    r"|without(?:\s+(?:further|additional(?:ly)?|any))?(?=\s+[\w-]+ing\b))"
    r"\s+(?P<what>[^,;.()]+)",
    re.I,
)
_NEED_ASSERTED = re.compile(
    r"(?<!\bthe\s)(?<!\bno\s)(?<!\bany\s)(?<!\ba\s)"
    r"\b(?:requires?|required|requiring|needs|relies\s+on|rely\s+on|relying\s+on|depends?\s+on|"
    r"depending\s+on|(?:holds|works|applies)\s+only\s+(?:under|with|when|if))"
    r"\s+(?!no\b|little\b|only\b|fewer\b|less\b|neither\b|none\b)(?P<what>[^,;.()]+)",
    re.I,
)
_NEED_SHARED = 3  # content words what is needed shares with what is not (or all, if fewer)
_NEED_ALTERNATIVE = 2  # content words of one of several things denied together, read as denied by itself


def _need_denied(claim: str, source: str) -> bool:
    """The claim asserts a need the source says its work does without: "still requires the usual strong
    convexity assumption" for "eliminating the need for traditional strong convexity assumptions";
    "requires generating fresh adversarial examples" for "without further generating adversarial
    examples". What is needed shares three content words (or all) with what is not, or with one of
    several things denied together ("needs a pre-trained teacher model" for "without the need for
    pre-trained models or extensive extra computation"). Not a need denied
    ("requires no retraining", "rather than requiring"), one for something weaker ("assumptions weaker
    than"), nor one of other works ("Current methods require ...")."""
    denied = []
    for m in _NEED_DENIED.finditer(source):
        denied.append(set(content_terms(m.group("what"))))
        # each of things denied together ("without the need for pre-trained models or extra computation")
        alternatives = [set(content_terms(a)) for a in re.split(r"\b(?:or|and|nor)\b", m.group("what"))]
        if len(alternatives) > 1:
            denied += [a for a in alternatives if len(a) >= _NEED_ALTERNATIVE]
    for m in _NEED_ASSERTED.finditer(claim):
        before = claim[: m.start()]
        if re.search(r"\b(?:not|no|never|without|nor|rather\s+than|instead\s+of)\b(?:\s+\w+){0,2}\s*$", before, re.I):
            continue
        if _bare_words(re.split(r"[,;:]", before)[-1]) & _OTHER_WORKS_NOW:
            continue  # "Current methods require ...": what the source says its work does without
        # what is needed, not the road not taken after it ("relying on self-distillation instead of new examples")
        what = re.split(r"\b(?:instead\s+of|rather\s+than|not|nor)\b", m.group("what"))[0]
        if re.search(r"\b(?:weaker|milder|fewer|less|than)\b", what, re.I):
            continue
        needed = set(content_terms(what))
        if any(needed & d and len(needed & d) >= min(_NEED_SHARED, len(d)) for d in denied):
            return True
    return False


# two things the source says something of together: "both training and testing samples", "in both, data-free
# and data-driven configurations", "on clean and adversarial data alike"
_BOTH = re.compile(
    r"\bboth\s*,?\s+(?P<a>[\w-]+(?:\s+[\w-]+){0,2}?)\s*,?\s+and\s+(?:(?:a|an|the)\s+)?(?P<b>[\w-]+)"
    r"|\b(?P<c>[\w-]+)\s+and\s+(?P<d>[\w-]+)(?:\s+[\w-]+)?\s+alike\b",
    re.I,
)
_ONLY = re.compile(r"\bonly\s+((?:[\w-]+\s+){0,3}[\w-]+)", re.I)  # read after `_NOT_ONLY` is taken out


def _whole_words(text: str) -> set[str]:
    """The words of `text`, lower-cased, hyphenated compounds kept whole ("data-free")."""
    return {w.lower() for w in re.findall(r"[A-Za-z][\w-]*", text)} - STOPWORDS


def _narrowed(claim: str, rests_on: str, source: str = "") -> bool:
    """The claim says "only X" of what the source sentence it restates (`rests_on`) says of both X and Y
    ("weights only the testing samples" for "weighting both training and testing samples"; "only on clean
    data" for "on clean and adversarial data alike"), leaving Y out or denying it; not where that sentence
    says "only" itself, nor where the claim says "both". The clause saying "only" may restate another
    sentence of the `source` than the claim's other clauses do ("is optimized only with frequency-domain
    losses, pairing reconstruction losses with ..." for "using both time and frequency domain losses")."""
    # a compound's parts too: "only frequency-domain losses" says "only" of frequency
    narrowed = [
        words | {part for w in words for part in w.split("-")}
        for words in (_whole_words(m.group(1)) for m in _ONLY.finditer(_NOT_ONLY.sub(" ", claim)))
    ]
    if not narrowed or re.search(r"\bboth\b", claim, re.I):
        return False  # "rather than only A or only B, it does both"
    said = _whole_words(claim)
    said |= {part for w in said for part in w.split("-")}  # "forward-backward" says both
    denied = {w for scope in _scopes(claim)[0] for w in scope}
    own = [aligned_sentence(part, source) for part in clauses(claim) if source and _ONLY.search(part)]
    sentences = [rests_on, *own]
    return any(
        not _ONLY.search(sentence) and _both_narrowed(narrowed, said, denied, sentence)
        for sentence in dict.fromkeys(sentences)
    )


def _both_narrowed(narrowed: list[set[str]], said: set[str], denied: set[str], sentence: str) -> bool:
    """One of two things `sentence` says something of together is what the claim says "only" of, the other
    left out of the claim or denied in it."""
    for m in _BOTH.finditer(sentence):
        one, other = (m.group("a"), m.group("b")) if m.group("a") else (m.group("c"), m.group("d"))
        sides = (_whole_words(one), _whole_words(other))
        for mine, theirs in (sides, sides[::-1]):
            own = mine - theirs
            left = theirs - mine  # left out of the claim, or denied in it (a compound's every part)
            if any(own & only for only in narrowed) and all(w not in said or set(w.split("-")) <= denied for w in left):
                return True
    return False


def reversed_polarity(claim: str, source: str) -> str | None:
    """The claim says the opposite of the source it rests on: a clause of the claim and the source
    clause it rests on disagree on negation or use opposite words (unless another clause that
    fits as well agrees), or the claim uses a word whose opposite the source sentence it rests
    on uses. For negation, a clause fits as well when it shares as many content words: the
    Jaccard tie-break favours short clauses, and a short negated clause ("X do not -- Y") then
    outranked the clause the claim restates (a choice made on the dev claims, evals/claims_dev);
    of those, clauses on other works ("Existing solutions ...") are set aside for a claim about the
    work. For opposite words, a judgement ("stronger than") reversed in any clause that fits as well
    counts when none of them makes it. What a claim sets its subject against ("Unlike X that ...,")
    is not judged."""
    claim, source = _bounds_read(*_fused(claim, source))
    if _likened(claim, source):
        return "likens it to what the source sets it apart from"
    if _cause_reversed(claim, source):
        return "turns round what causes what"
    if _need_denied(claim, source):
        return "asserts a need the source says its work does without"
    rests_on = aligned_sentence(claim, source)  # the sentence the claim restates
    if _narrowed(claim, rests_on, source):
        return "says only one of what the source says of both"
    pieces = clauses(source) or [source]
    for part in clauses(_UNLIKE.sub(" ", claim)) or [claim]:
        candidates = pieces
        if not any(set(content_terms(part)) & set(content_terms(piece)) for piece in pieces):
            # a clause resting on no clause of the source ("rarely considered for this purpose") is read against
            # the sentences the claim as a whole shares words with ("the improvements are small" against "the
            # gains are large"), not against every clause ("they often produce ..." is about something else)
            candidates = [c for c in pieces if set(content_terms(_sentence_of(c, source))) & set(content_terms(claim))]
            if not candidates:
                continue
        fits = aligned(part, candidates)
        tied = _own_work(part, aligned(part, candidates, share=False))
        if all(_negated(part, piece, _clause_before(piece, pieces, source)) for piece in tied) and not (
            _negation_beside(part, tied, pieces, source)
        ):
            return "negates the source, or drops its negation"
        if _negation_added(part, tied, pieces, source):
            return "negates the source, or drops its negation"
        if all(_opposite(part, piece) and not _converse(part, piece, source) for piece in fits) or _reversed_among(
            part, aligned(part, candidates, share=False), source
        ):
            return "says the opposite of the source"
    if _opposite(claim, rests_on):
        return "says the opposite of the source"
    if (
        _trade_reversed(claim, rests_on, unless=source)
        or _trade_reversed(rests_on, claim)
        # a cost the claim says the work pays, which the source says it keeps in another sentence (a claim
        # on other works aside)
        or (not _bare_words(claim) & _OTHER_WORKS_NOW and _trade_reversed(claim, source, unless=source))
    ):
        return "gives up what the source keeps, or keeps what it gives up"
    if _gap_for_parity(claim, rests_on):
        return "finds a wide gap where the source finds the two alike"
    return None


# a wide gap between two things ("much less effective than", "trails well behind") and their parity
# ("as effective as", "comparable to", "very close performance"): English's ways of saying each
_GAP = re.compile(
    r"\b(?:(?:much|far|significantly|substantially|considerably|markedly|dramatically)\s+"
    r"(?P<than>less|more|worse|better|weaker|stronger|lower|higher|slower|faster)"
    r"|(?:trail|trails|trailed|trailing|lag|lags|lagged|lagging)\s+(?:\w+\s+)?behind"
    r"|(?:fall|falls|fell|falling)\s+(?:\w+\s+)?short)\b",
    re.I,
)
_PARITY = re.compile(
    r"\b(?:as\s+(?!well\b)\w+\s+as|comparable\s+(?:to|with)|on\s+par|very\s+close|"
    r"(?:roughly|about|nearly)\s+the\s+same|competitive\s+with|indistinguishable\s+from)\b",
    re.I,
)


def _gap_for_parity(claim: str, sentence: str) -> bool:
    """The claim finds a wide gap between two things that the source sentence it rests on finds
    alike ("much less effective than" against "often as effective as"), unless the sentence says
    the claim's comparative itself ("as accurate as BERT while 5 times faster" for "much faster").
    Lexical: the two things are not matched, only the sentence the claim rests on."""
    gap = _GAP.search(claim)
    if gap is None or not _PARITY.search(sentence) or _GAP.search(sentence):
        return False
    return not (gap.group("than") and re.search(rf"\b{gap.group('than')}\b", sentence, re.I))


# what a trade-off gives up ("at the cost of lower clean accuracy", "sacrificing accuracy") and what a
# result keeps or even betters ("while preserving their accuracy", "without sacrificing accuracy", "while
# also achieving a superior accuracy"): English's ways of saying each, up to the end of the clause; the
# thing paid or kept is the words that follow
_PAID = re.compile(
    r"\b(?:at\s+the\s+(?:cost|expense|price)\s+of|sacrific(?:e|es|ed|ing)|(?:trading|trades|traded)\s+off"
    r"|(?:give|gives|gave|given|giving)\s+up)"
    r"\s+(?P<what>[^,;:.()]+)",
    re.I,
)
_KEPT = re.compile(
    r"\b(?:(?:while|whilst|and|yet)\s+(?:also\s+|still\s+)?"
    r"(?:maintaining|preserving|retaining|keeping|improving|enhancing"
    r"|(?:achieving|attaining|reaching)\s+(?:a\s+|an\s+)?(?:superior|higher|better|improved|stronger))|"
    r"without\s+(?:sacrificing|compromising|hurting|harming|losing|degrading|trading\s+off|giving\s+up))"
    r"\s+(?P<what>[^,;:.()]+)",
    re.I,
)


def _trade_reversed(paying: str, keeping: str, unless: str = "") -> bool:
    """`paying` says something was given up that `keeping` says was kept: "boosts robustness at the
    cost of reduced clean performance" against "while maintaining its clean performance". The thing
    is the same when the words of one, less those saying how much ("reduced", "some"), are all in
    the other ("accuracy on long inputs" is not "accuracy on short inputs"). A cost denied ("without
    a sacrifice in", "no cost of") is none; nor one `unless` says was paid too (a source keeping
    robustness in its method and paying it in the methods it improves on)."""
    paid, kept = _paid(paying), [_thing(m.group("what")) for m in _KEPT.finditer(keeping)]
    also = _paid(unless) + [_thing(m.group("what")) for m in _LOST.finditer(unless)]
    return any(
        p and k and (p <= k or k <= p) and not any(q and (p <= q or q <= p) for q in also) for p in paid for k in kept
    )


# a cost said in other words than a trade ("significantly degrades clean accuracy", "a drop in accuracy")
_LOST = re.compile(
    r"\b(?:degrad|reduc|hurt|harm|lower|drop|suffer|decreas|los[es]|lost)\w*\s+(?:(?:in|of|from)\s+)?"
    r"(?:the\s+|its\s+|their\s+|significant(?:ly)?\s+|much\s+)?(?P<what>[^,;:.()]+)",
    re.I,
)


def _paid(text: str) -> list[set[str]]:
    """What `text` says was given up ("at the cost of X", "sacrificing X", "giving up X"), unless denied."""
    return [
        _thing(m.group("what"))
        for m in _PAID.finditer(text)
        if not re.search(r"\b(?:without|no|not|never)\b(?:\s+\w+){0,2}\s*$", text[: m.start()], re.I)
    ]


_AMOUNTS = frozenset(stem_words("reduced lower lowered less some slight slightly small minor degraded worse".split()))


def _thing(words: str) -> set[str]:
    """The content words of what is paid or kept, less those saying how much of it."""
    return set(content_terms(words)) - _AMOUNTS
