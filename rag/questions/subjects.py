"""The subject rules of the plan's reading: what a record question is about (the paper whose
authors, venue or year it asks for; the papers it lists; the record fields it also wants shared)
and which two things a comparison sets side by side, each resolved to a paper of the catalogue
where it can be. A base of the reading in rag.questions.plan; does not decide the intent."""

from __future__ import annotations

import re

from rag.corpus.models import normalise_title
from rag.questions import patterns as P
from rag.questions import record_patterns as R
from rag.questions import words as W
from rag.questions.clauses import opening_comparison, paired_subject, set_aside, split_comparison, without_aside
from rag.questions.models import Resolver, Subject
from rag.questions.question import QuestionText
from rag.retrieval.types import Hit
from rag.text.naming import name_spots, names_in, naming_weight
from rag.text.sentences import split_sentences

# a question pointing back at two things named before it
_BOTH = re.compile(r"(?i)\b(?:these|those|the)\s+two\b|\bboth\b|\beach\s+of\s+them\b")
# weaker pointers back ("how do their settings differ?", "what does each propose?"): enough for two
# things the sentence before quotes, not for any two it joins with "and"
_BACK = re.compile(r"(?i)\btheir\b|\beach\b")
# a phrase set in quotes ("the 'refined regret for adversarial MDPs' paper"): a name or a title as the
# user remembers it. Each mark closes its own kind; a mark inside a word ("I'm", "Don't Stop") is part
# of it; a decade ("the '90s") opens nothing, a possessive ("the users' choice") closes nothing, and a
# quote holds no clause break (", ")
_QUOTED = re.compile(
    r"(?<!\w)(?:'(?!\d)((?:[^'‘’“”\",]|(?<=\w)'(?=\w)|,(?!\s)){2,120}?)'(?!\w)"
    r"|‘((?:[^‘’“”\",]|,(?!\s)){2,120}?)’"
    r"|“((?:[^‘’“”\",]|,(?!\s)){2,120}?)”"
    r"|\"((?:[^‘’“”\",]|,(?!\s)){2,120}?)\")"
)


def _quoted(text: str) -> list[str]:
    """The phrases `text` sets in quotes, in order (`_QUOTED`)."""
    return [next(g for g in m.groups() if g is not None).strip() for m in _QUOTED.finditer(text)]


class SubjectRules(QuestionText):
    """The rules that find a question's subjects; each adds its reason to `reasons`."""

    # --- record-question subjects -------------------------------------------------------------------
    def _authorship_subject(self) -> str:
        """What an authorship question asks about, without its metadata and framing ("" for "who
        wrote the NeurIPS 2019 oral?"). When the question is set after its subject ("IoU-Net: which
        conference is it from?"), the subject is what comes before it."""
        unwanted = (
            {"one", "it", "them", "this", "that", "these", "those"}
            | P.RECORD_FIELDS
            | P.PAPER_NOUNS_SINGULAR
            | P.PAPER_NOUNS_PLURAL
        )

        def kept(text: str) -> str:
            return " ".join(w for w in W.focus(text).split() if w.lower() not in unwanted | P.COLLECTION_WORDS)

        def subject(text: str) -> str:
            return kept(self._record_clause(text))

        if self.asked != self.text and self.text.endswith(self.asked):
            # the question is set after other words: the asked part names the paper ("I'm writing a
            # survey. Who wrote Group Normalization?"), else, when it only points ("who are its
            # authors?"), the words before it do ("I remember a paper proving X. Who are its authors?")
            found = subject(self.asked)
            if found and not re.search(r"\b(?:it|its|they|their|them|this|that|these|those)\b", self.asked, re.I):
                return found
            before = self.text[: -len(self.asked)].strip(" :-–")
            found = kept(self._without(self.mentions, before)) if before else ""
            if found and len(before.split()) <= 12:
                return found  # "IoU-Net: which conference is it from?"
            return subject(self.text) or found
        return subject(self.text)

    def _record_clause(self, text: str) -> str:
        """What a record question's clause asks about, as written, metadata left out; "" if none.
        A question that opens with its request: after the request's framing ("where were"), before
        its verb ("published", "from, and ..."). A request elsewhere ("the full author list for X",
        "X - was that ICLR or NeurIPS?", "was X a spotlight?"): the words around it, without the
        clause asking for the other papers that share the record."""
        asks = R.AUTHORSHIP.match(self._without(self.mentions, text))
        if asks:
            return R.RECORD_VERB_TAIL.sub("", asks.group("rest")).strip(" ?.!")
        session = R.SESSION_QUESTION.match(text)
        if session:
            rest = session.group("subject")
        elif R.field_request(text):
            if R.SAME_RECORD.search(text) or R.SAME_BARE.search(text):
                text = R.OTHERS_CLAUSE.sub("", text)
            rest = R.without_field_request(text)
        else:
            return ""
        for m in self.mentions:  # the request may hold metadata ("a spotlight at NeurIPS?"): out too
            rest = re.sub(rf"(?i)(?<!\w){re.escape(m.text)}(?!\w)", " ", rest)
        return R.RECORD_VERB_TAIL.sub("", rest).strip(" ?.!,;:-")

    def _same_as(self) -> tuple[str, ...]:
        """The record fields a question also wants shared ("... and what else is from that same
        conference?": venue and year): the one named with "same", else the one it asks about."""
        named, bare = R.SAME_RECORD.search(self.text), R.SAME_BARE.search(self.text)
        if named is not None:
            field = named.group("field")
        elif bare is not None:  # "which session type was X, and which others had the same?"
            field = next((m.group("field") for m in R.RECORD_FIELD_ASKED.finditer(self.text[: bare.start()])), None)
        else:
            return ()
        if field is None:
            return ()
        key = " ".join(field.lower().split())
        fields = R.SAME_FIELDS.get(key) or R.SAME_FIELDS[key.split()[0]]
        self.reasons.append(f"also the other papers with the same {' and '.join(fields)} on record")
        return fields

    def _record_subjects(self, resolve: Resolver | None) -> tuple[Subject, ...]:
        """The papers a record question lists ("where and when were Group Normalization, Spherical
        CNNs and the adversarial music paper published?", "who wrote A and B?"), each resolved to
        its own paper; one paper only when named by its title, perhaps cut short ("who wrote Group
        Norm?"); none when some part of the list names no paper."""
        rest = self._record_clause(self.text)
        if not rest or resolve is None:
            return ()
        parts = [p for p in R.LIST_SEPARATOR.split(rest) if p.strip()]
        if len(parts) == 1 and not R.ONE_DESCRIBED.match(rest):
            # one paper named by its title, perhaps cut short ("who wrote Group Norm?"), which a search
            # for the words as written misses; any other subject is left to the search
            before = len(self.reasons)
            one = self._resolve(rest, resolve, set())
            if one.how == "title":
                return (one,)
            del self.reasons[before:]
            return ()
        if len(parts) < 2 or R.ONE_DESCRIBED.match(rest) or any(R.QUESTION_PART.match(p) for p in parts[1:]):
            return ()
        key = f" {normalise_title(rest)} "
        if any(key in f" {normalise_title(h.paper.title)} " for h in resolve(rest)):
            return ()  # one title ("who wrote Adversarial Training and Robustness for Multiple Perturbations?")
        before = len(self.reasons)
        subjects: list[Subject] = []
        for part in parts:
            subject = self._resolve(part, resolve, {s.paper_id for s in subjects if s.paper_id})
            # a part must name a paper: its title, a marked name ("SSD", "Spherical CNNs") or a
            # description; not a bare word ("... and when?", "it") matched to some title holding it
            if subject.paper_id is None or (subject.how == "name" and not names_in(part)):
                del self.reasons[before:]
                return ()
            subjects.append(subject)
        del self.reasons[before:]
        self.reasons.append(
            f"a record question about {len(subjects)} papers: "
            + "; ".join(f'"{s.text}" is {s.title}' for s in subjects)
        )
        return tuple(subjects)

    def _record_pair(self, resolve: Resolver | None) -> tuple[Subject, ...]:
        """Two papers a question sets side by side on a field of their records ("Was the attack paper ...
        presented at the same meeting as the work on representation disparity?", "the FD sketch and Carmon
        et al.'s primal-dual method: same conference and year, or different?"), each resolved to its own
        paper; none unless both are, or when the question asks for other papers too."""
        pair = record_pair(self.text)
        if pair is None or resolve is None:
            return ()
        before = len(self.reasons)
        first = self._resolve(pair[0], resolve, set())
        second = self._resolve(pair[1], resolve, {first.paper_id} if first.paper_id else set())
        del self.reasons[before:]
        if first.paper_id is None or second.paper_id is None:
            return ()
        self.reasons.append(
            f'two papers compared on their records: "{first.text}" is {first.title}; "{second.text}" is {second.title}'
        )
        return first, second

    # --- comparisons ------------------------------------------------------------------------------------
    def _subjects(self, resolve: Resolver | None, given: tuple[str, ...] | None = None) -> tuple[Subject, ...]:
        pair = (
            given
            or opening_comparison(self.text)
            or split_comparison(self.asked)
            or split_comparison(self.text)
            or self._pair_before()
            or paired_subject(self.text)
        )
        if pair is None:
            named = self._titles_named(resolve)
            if len(named) >= 2:  # "Two papers here both go by 'rDPO': <title>, and <title>. How ...?"
                self.reasons.append("comparing the two papers whose titles the question names")
                return tuple(Subject(text=t, paper_id=pid, title=t, how="title") for pid, t in named[:2])
            self.reasons.append("no two subjects found in the comparison: answered from retrieval")
            return ()
        subjects: list[Subject] = []
        for text in [item for side in pair for item in _listed(side)]:
            taken = {s.paper_id for s in subjects if s.paper_id}
            if self.previous is not None and text.lower() in ("it", "this", "that", "this one", "that one", "they"):
                earlier = self.previous.topic or self.previous.search_text
                subjects.append(self._resolve(earlier, resolve, taken, how="earlier turn", shown=text))
            else:
                subjects.append(self._resolve(text, resolve, taken))
        return tuple(subjects)

    def _pair_before(self) -> tuple[str, str] | None:
        """The two things a comparison points back to ("How do these two differ?") as the sentence
        right before it names them: "I've seen AutoLoRa and also the paper that robustifies small
        models ...": a name, or a description starting at its article, on each side of the first
        "and"; or the two it quotes, which "their" or "each" may point back to as well ("I keep
        mixing up the 'A' paper and the 'B' paper. How do their settings differ?"); None when the
        asked part points at no two, or a side names nothing."""
        pointing = _BOTH.search(self.asked) is not None
        if self.asked == self.text or not (pointing or _BACK.search(self.asked)):
            return None
        before = self.text[: self.text.rfind(self.asked)].strip()
        sentences = re.split(r"(?<=[.!?])\s+", before)
        quoted = _quoted(sentences[-1]) if sentences else []
        if len(quoted) == 2:  # "I keep mixing up the 'A' paper and the 'B' paper. How do their settings differ?"
            first, second = quoted
            self.reasons.append(
                f'"{self.asked.strip()}" compares the two the sentence before quotes: "{first}", "{second}"'
            )
            return first, second
        if not pointing:
            return None
        halves = re.split(r"\s+and\s+(?:also\s+)?", sentences[-1].rstrip(".!? "), maxsplit=1) if sentences else []
        if len(halves) != 2:
            return None  # the sentence right before names no two ("I read LoRA and ... How do these two differ?")
        left, right = halves

        def side(text: str) -> str | None:
            described = re.search(r"(?i)\b(?:the|a|an)\s+(?:paper|work|method|approach|one|study|model)\b.*", text)
            if described:
                return described.group(0)
            names = names_in(text)
            return names[-1] if names else None

        a, b = side(left), side(right)
        if a is None or b is None:
            return None
        self.reasons.append(f'"{self.asked.strip()}" compares the two the sentence before names: "{a}", "{b}"')
        return a, b

    def _titles_named(self, resolve: Resolver | None) -> list[tuple[str, str]]:
        """(paper id, title) of the papers whose titles the question writes out (most of a title's
        words, in order), among those retrieval finds for the question, in the question's order."""
        if resolve is None:
            return []
        question = f" {normalise_title(self.text)} "
        found = []
        for hit in resolve(self.text):
            words = normalise_title(hit.paper.title).split()
            head = " ".join(words[: max(3, len(words) * 3 // 5)])  # most of a title's first words
            short = (
                normalise_title(hit.paper.title.split(":")[0]) if ":" in hit.paper.title else ""
            )  # "Provably Robust DPO"
            places = [question.find(f" {w} ") for w in (head, short) if len(w.split()) >= 2 and f" {w} " in question]
            if places:
                found.append((min(places), hit.paper.id, hit.paper.title))
        return [(pid, title) for _, pid, title in sorted(found)]

    def _set_aside_papers(self, resolve: Resolver | None) -> tuple[str, ...]:
        """The papers a question sets aside up front ("Other than the DeepFool paper, which papers ...?"):
        those whose title the aside writes out (most of its first words) or whose own name it writes
        (a title's part before its colon, or a title of one or two words: "DeepFool", "Group
        Normalization"). A name a title only uses ("ImageNet" of "Certification on ImageNet") is a
        dataset or method the question sets aside, not that paper; a description sets aside none."""
        aside = set_aside(self.text)
        if resolve is None or not aside:
            return ()
        text = f" {normalise_title(aside)} "
        rest = f" {normalise_title(without_aside(self.text))} "  # what the question asks, after the aside
        found = []
        for hit in resolve(aside)[:5]:
            words = normalise_title(hit.paper.title).split()
            head = " ".join(words[: max(3, len(words) * 3 // 5)])
            own = (
                normalise_title(hit.paper.title.split(":")[0])
                if ":" in hit.paper.title
                else (" ".join(words) if len(words) <= 2 else "")
            )
            named = [w for w in (head if len(head.split()) >= 3 else "", own) if w]
            if any(f" {w} " in rest for w in named):
                continue  # the paper the question asks about ("Other than DeepFool, which attacks does the
                # DeepFool paper compare against?") is not set aside
            if any(f" {w} " in text for w in named):
                found.append(hit.paper.id)
                self.reasons.append(f'"{aside}" is set aside: {hit.paper.title} is left out')
        return tuple(found)

    def _resolve(
        self, text: str, resolve: Resolver | None, taken: set[str], how: str | None = None, shown: str | None = None
    ) -> Subject:
        """The paper `text` names, other than those in `taken` (a comparison's other side): by its
        title when the text holds the title or the title holds the text, else by retrieval (a
        name must be in the paper's title or abstract; a description takes the best match)."""
        shown = shown or text
        if resolve is None:
            return Subject(text=shown)
        hits = [h for h in resolve(text) if h.paper.id not in taken]
        key = normalise_title(text)
        for hit in hits:
            title = normalise_title(hit.paper.title)
            if len(title) > 8 and key and (title in key or (f" {key} " in f" {title} " and len(key.split()) >= 3)):
                self.reasons.append(f'"{shown}" is the title of {hit.paper.title}')
                return Subject(text=shown, paper_id=hit.paper.id, title=hit.paper.title, how="title")
        # an aside in brackets describes the name ("Adaptive-k (per-batch loss threshold)"): the name is without it
        bare = re.sub(r"\s*\([^()]*\)", "", text).strip() or text.strip()
        # unless it spells the name out ("V-REx (variance risk extrapolation)"): then it is the name's too
        aside = bare != text.strip() and not _spelled_out(bare, text)
        # a name called a paper ("the Accuracy Disparity paper"): the name without the noun
        described = re.search(r"(?i)^(?:the|a|an)\b|\b(?:that|which|who|whose|where)\b", bare) is not None
        if not described:
            bare = re.sub(r"(?i)(?<=\w)\s+(?:paper|work|study|article)$", "", bare)
        names = [n.strip() for n in re.split(r"\s+/\s+", bare)]
        lengths = {min(len(n.split()), 2) for n in names}  # all one word, or all several: no shared head
        if not described and len(names) > 1 and len(lengths) == 1 and all(0 < len(n.split()) <= 4 for n in names):
            # one thing by two names ("flow matching / rectified flow"): the paper about either, else none
            for name in names:
                one = self._resolve(name, resolve, taken, how)
                if one.paper_id is not None:
                    return Subject(text=shown, paper_id=one.paper_id, title=one.title, how=one.how)
            return Subject(text=shown, names=tuple(names))
        named = names_in(bare)
        # a name opening a longer side ("Both ADR and AVmixup replace hard labels ...": "AVmixup replace ...")
        # (its predicate or what it is of follows: "QuScore's attack on ..."; not a list, "NTK, and the law ...";
        # the only name in it: "ResNet-50 trained with AugMix ..." is told apart by AugMix, left to retrieval)
        leading = (
            named[0]
            if len(named) == 1 and re.match(rf"{re.escape(named[0])}(?:'s)?\s+[a-z]", bare) and not described
            else None
        )
        if leading is not None and len(bare.split()) > 4:
            found = next((h for h in hits[:5] if naming_weight(leading, h.paper.title, h.paper.abstract) >= 2), None)
            if found is not None:
                self.reasons.append(f'"{shown}" opens with {leading}, named in {found.paper.title}')
                return Subject(text=shown, paper_id=found.paper.id, title=found.paper.title, how=how or "name")
        if (named or not described) and len(bare.split()) <= 4:
            # a name ("Lion", "Dr. DPO", "triplet loss"): the paper whose title has it, else one whose
            # abstract introduces it ("our first benchmark, ImageNet-C") or names it twice or more: a
            # paper about it, not one mentioning it in passing
            def count(hit: Hit, field: str, wanted: list[str]) -> int:
                if field == "title":
                    return min(len(name_spots(n, hit.paper.title)) for n in wanted)
                return min(naming_weight(n, "", hit.paper.abstract) for n in wanted)

            ordered = sorted(hits[:5], key=lambda h: h.paper.kind != "paper")
            # the name as written ("Dr. DPO") before its marked words alone ("DPO"); titles first
            tries = [(f, w, least) for w in ([bare], named) if w for f, least in (("title", 1), ("abstract", 2))]
            found = next((h for f, w, least in tries for h in ordered if count(h, f, w) >= least), None)
            if found is None and re.fullmatch(r"[\w-]+(?:\s+[\w-]+)*\s+[A-Za-z]{3,}", bare):
                # a title word cut short ("Group Norm" for Group Normalization): the name's last word
                # begins a word of the title, its other words are the title's own
                clipped = re.compile(rf"(?<![\w-]){re.escape(bare)}\w+", re.I)
                short = next((h for h in ordered if clipped.search(h.paper.title)), None)
                if short is not None:
                    self.reasons.append(f'"{shown}" is {short.paper.title}, its title cut short')
                    return Subject(text=shown, paper_id=short.paper.id, title=short.paper.title, how=how or "title")
            if found is not None:
                self.reasons.append(f'"{shown}" is named in {found.paper.title}')
                return Subject(text=shown, paper_id=found.paper.id, title=found.paper.title, how=how or "name")
            if not aside or not hits:
                self.reasons.append(f'no paper is about "{shown}"')
                return Subject(text=shown, names=tuple(named))
            # "FOMO (the random forgetting one)": a name no paper writes often enough, and the aside
            # describes the paper: resolved by the description, as a description
        if hits:
            self.reasons.append(f'"{shown}" resolved by retrieval to {hits[0].paper.title}')
            return Subject(text=shown, paper_id=hits[0].paper.id, title=hits[0].paper.title, how=how or "description")
        return Subject(text=shown)


def _spelled_out(name: str, text: str) -> bool:
    """`text` spells `name` out in brackets: the capitals of an abbreviation ("V-REx") begin the
    bracketed words in order ("variance risk extrapolation")."""
    inside = re.search(r"\(([^()]*)\)", text)
    capitals = re.sub(r"[^A-Z]", "", name)
    if inside is None or len(capitals) < 2 or " " in name.strip():
        return False
    words = inside.group(1)
    # "sharpness-aware minimization" spells SAM out by each part of a hyphenated word; "language-image" by one
    initials = {
        "".join(w[0] for w in re.findall(pattern, words)).upper() for pattern in (r"[A-Za-z]+", r"[A-Za-z][\w-]*")
    }
    return capitals in initials


def _listed(side: str) -> list[str]:
    """A comparison's side as the names it lists ("Group Normalization, Spherical CNNs" of "which
    is older: Group Normalization, Spherical CNNs or IoU-Net?"): split at its commas when every part
    is name-like (a capital or digit first, a few words); else the side whole: "GN, which normalises
    groups," is one, and so is a side with a colon, where a comma may be a title's own."""
    if "," not in side or ":" in side:
        return [side]
    # not at a comma inside brackets ("Group Normalization (Wu, He)")
    parts = [p.strip() for p in re.split(r"\s*,(?![^()]*\))\s*(?:(?:and|or)\s+)?", side) if p.strip()]
    if len(parts) > 1 and all((p[0].isupper() or p[0].isdigit()) and len(p.split()) <= 8 for p in parts):
        return parts
    return [side]


def record_pair(text: str) -> tuple[str, str] | None:
    """The two things a question compares on a field of their records, as written: the one before "the same
    <field>" and the one after its "as"; or, with no "as", the two joined by the last "and" (or "vs") before it,
    in its sentence or, when that holds no more than the field asked ("Same conference and year, or
    different?"), in the sentence before (a bracket listing them stands for the phrase around it: "the two
    fairness papers (delayed impact, and fairness without demographics)"). None when the question asks
    something more ("What does A propose, and ...?"), or for other papers, or a side lists several things
    ("A, B and C") or is no one paper ("the adversarial training papers")."""
    if R.PAIR_OTHERS.search(text) or R.PAIR_MORE_ASKED.search(text):
        return None
    sentences = split_sentences(text)
    at, m = next(((i, m) for i, s in enumerate(sentences) if (m := R.SAME_PAIR.search(s))), (0, None))
    if m is None:
        return None
    sentence = sentences[at]
    if m.group("other"):
        pair = (_pair_side(sentence[: m.start()]), m.group("other").strip(" ,;:-."))
    else:
        span = sentence[: m.start()]
        if W.content_count(_pair_side(span)) < 2 and at > 0:
            span = sentences[at - 1]
        span = _pair_side(span)
        bracket = re.search(r"\(([^()]+\band\b[^()]+)\)", span)
        if bracket:
            span = bracket.group(1)
        parts = R.PAIR_AND.split(span, maxsplit=1)
        if len(parts) != 2:
            return None
        pair = (parts[0].strip(" ,;:-."), parts[1].strip(" ,;:-."))
    if any(not W.content_count(side) or R.PAIR_NOT_ONE.search(re.sub(r"\([^()]*\)", " ", side)) for side in pair):
        return None
    return pair


def _pair_side(span: str) -> str:
    """`span` without what leads into it (an auxiliary, a context before a colon: "Timeline check:") and the verb
    and preposition before the field ("published at the")."""
    if ":" in span:  # the part after a colon ("Timeline check: A and B"), or before it when nothing follows
        before, _, after = span.rpartition(":")
        span = after if W.content_count(after) else before
    return R.PAIR_TAIL.sub("", R.PAIR_LEAD.sub("", span)).strip(" ,;:-–—")
