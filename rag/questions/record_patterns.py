"""Data only: the patterns that read a paper's record in a question: the requests for its fields
(who wrote it, where and when it appeared, its session type, its bib entry), the parts of a record
question (the papers it lists, the others that share their record) and the metadata a question
names (venues, years, session types, authors).

The rest of the question stage's words live in rag.questions.patterns; the tests in
tests/test_plan.py pin what these decide too.
"""

from __future__ import annotations

import re

# --- authorship -------------------------------------------------------------------------------
# the verbs that say where or when a paper appeared, read by every record-question pattern below
APPEARED = r"published|presented|given|appear(?:ed)?|come\s+out|came\s+out|accepted"
AUTHORSHIP = re.compile(
    r"^\s*(?:(?:and|so|ok|okay)[\s,]+)?(?:who\s+(?:wrote|authored|co-?authored|published|gave|presented|is\s+behind|are\s+behind|"
    r"was\s+behind|made|created|proposed|introduced|are\s+the\s+authors?\s+of|is\s+the\s+author\s+of)"
    r"|who'?s\s+behind|whose\s+(?:paper|work)\s+(?:is|was)"
    r"|who(?:'s|\s+(?:is|are|was|were))\s+(?:the\s+|its\s+|their\s+|his\s+|her\s+)?"
    r"(?:(?:first|lead|last|senior|corresponding|main)\s+)?(?:authors?|writers?|creators?|"
    r"people\s+behind|team\s+behind|lecturer|speaker)"
    r"|written\s+by\s+whom"
    r"|(?:the\s+)?authors?\s+of"
    r"|(?:which|what)\s+authors?\s+(?:wrote|of|are\s+behind)"
    r"|by\s+whom\s+(?:was|were|is)"
    r"|did\s+.+?\s+(?:write|author|co-?author)"
    # where and when it appeared, also read from the record: the verb ends the question or its
    # first clause ("which conference is it from, and ..."), so "when did X first appear in the
    # literature?" and "which workshop is about safety?" stay questions about content
    r"|(?:(?:when|where)(?:\s+and\s+(?:when|where))?\s+(?:was|were|is|did)"
    r"|(?:which|what)\s+(?:conference|venue|year|session(?:\s+type)?|workshop)\s+(?:was|is|were|did|does))"
    # (the verb may be followed by where: "given at NeurIPS 2019, and ...", a capitalised venue or a year)
    rf"(?=\s.*?\b(?:{APPEARED}|from)"
    r"(?:\s+(?:at|in)(?:\s+(?:[A-Z][\w-]*|\d{4})(?:\s+\d{4})?)?)?\s*(?:[?,.;]|and\b|$)))"
    r"\b(?P<rest>.*)$",
    re.I,
)

# --- record questions: what they ask about, and the papers that share a record ---------------
# the end of a record question's subject: the verb asking where or when it appeared, and what follows
# ("where were A, B and C published?", "when was X presented, and by whom?")
RECORD_VERB_TAIL = re.compile(
    rf"\s*(?<![\w-])(?:{APPEARED}|written|authored)\b.*$"
    r"|\s+from(?=\s*(?:[?.!,;]|and\b|$)).*$",  # "which conference are A and B from?", "... it from, and ..."
    re.I,
)
# a record question that also asks for the papers sharing its answer ("..., and what else is from that
# same conference?", "which session type was X, and which other papers had the same?"): the field named
# with "same", or else the record field the question asks about
SAME_RECORD = re.compile(
    r"\b(?:same|that)\s+(?P<field>conference|venue|workshop|edition|session(?:\s+type)?|presentation(?:\s+type)?|"
    r"track|year)\b",
    re.I,
)
# two papers set side by side on a field of their records ("Was A presented at the same meeting as B?", "A and
# B: same conference and year, or different?"); `as` holds the second when the question names it after the field
SAME_PAIR = re.compile(
    r"\b(?:the\s+)?same\s+(?:conference|venue|meeting|workshop|edition|year)\b"
    r"(?:\s+(?:and|or|in\s+the\s+same)\s+(?:the\s+same\s+)?(?:conference|venue|year))?"
    r"(?:\s+as\s+(?P<other>[^?.;!]+))?",
    re.I,
)
# ... unless it asks for other papers too ("which others are from the same conference as X?")
PAIR_OTHERS = re.compile(r"\b(?:other|others|else|anything|any\s+more|which\s+papers|what\s+papers)\b", re.I)
# what stands before the first paper ("Was", "Did", "Timeline check:") and after the second ("published at the")
PAIR_LEAD = re.compile(r"^\s*(?:(?:was|were|is|are|did|do|does|have|has)\s+)?", re.I)
PAIR_TAIL = re.compile(
    r"(?:\s+(?:both\s+)?(?:presented|published|accepted|appear|appeared|held|come|came|given|from))?"
    r"(?:\s+(?:at|in|from))?\s*[-–—,:]?\s*$",
    re.I,
)
PAIR_AND = re.compile(r",?\s+(?:and|vs\.?|versus)\s+(?!.*,?\s+and\s+)", re.I)  # the last: "A and B", "A, and B"
# a question asking more than the two records ("What does A propose, and was it at the same venue as B?"): a
# clause opening with a question or a request word, other than one asking the field ("what year?")
PAIR_MORE_ASKED = re.compile(
    r"(?:^|[.?!;:]\s*|,\s*(?:and\s+|but\s+)?|\s(?:and|but)\s+)"
    r"(?:what|which|how|why|who|tell|describe|explain|summari[sz]e|compare)\b"
    r"(?!\s+(?:year|venue|conference|meeting|workshop|edition)\b)",
    re.I,
)
# a side that is no one paper: several listed ("A, B"; "A and B"), or papers in the plural ("the adversarial
# training papers", "most robustness work here")
PAIR_NOT_ONE = re.compile(
    r",|\s(?:and|or)\s|\b(?:papers|works|studies|articles|methods|ones)\b|\b(?:most|all|any|every|other)\b", re.I
)

# a question asking for other papers beside the one whose record it asks ("what else ...", "the same ...")
ASKS_OTHERS = re.compile(r"\b(?:other|others|else|same)\b", re.I)
SAME_BARE = re.compile(r"\b(?:had|have|has|got|share|shares|with|in)\s+the\s+same\s*(?:[?.!,;]|$)", re.I)
RECORD_FIELD_ASKED = re.compile(
    r"\b(?P<field>conference|venue|workshop|session(?:\s+type)?|presentation(?:\s+type)?|track|year)\b", re.I
)
# what each named field means in the records: a conference is a venue in a year, a session type one more;
# a session is the talk's own session on record ("Track 2 Session 5"), its type where none is recorded
SAME_FIELDS = {
    "conference": ("venue", "year"),
    "venue": ("venue", "year"),
    "workshop": ("venue", "year"),
    "edition": ("venue", "year"),
    "session": ("venue", "year", "session"),
    "session type": ("venue", "year", "presentation"),
    "presentation": ("venue", "year", "presentation"),
    "track": ("venue", "year", "presentation"),
    "year": ("year",),
}
# a subject that describes one paper, whose "and" is its own ("the paper on adversarial training and
# robustness"), not a list of papers
ONE_DESCRIBED = re.compile(
    r"^(?:the|a|an)\s+(?:\S+\s+){0,2}?(?:paper|work|article|study|method|approach)s?\s+"
    r"(?:on|about|of|for|that|which|where|showing|proposing)\b",
    re.I,
)
# between the papers a record question lists: "A, B and C", "A and B", "A, B, and C"
LIST_SEPARATOR = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+", re.I)

# --- the record's fields asked for, and the metadata a question names ---------------------------
KNOWN_VENUES = frozenset(
    """cvpr iccv eccv icml iclr neurips nips aaai ijcai acl emnlp naacl coling kdd www sigir uai
aistats colt corl icra iros tpami jmlr tmlr miccai interspeech icassp wacv bmvc""".split()
)
VENUE_ALIASES = {"nips": "NeurIPS", "neurips": "NeurIPS"}
_VENUE = "|".join(sorted(KNOWN_VENUES))
# a request for a paper's record anywhere in the question, in forms AUTHORSHIP (which reads the
# question's start) does not take: "the full author list for X", "last author on X", "who taught
# ...", "X - was that ICLR or NeurIPS, and which year?", "in what year, and at which conference, was
# X published?", "the conference, year and presentation type for X", "was X a spotlight?"
FIELD_REQUEST = re.compile(
    r"\bwho\s+(?:wrote|authored|co-?authored|taught|gave|presented)\b"
    r"|\bwho(?:'s|\s+(?:is|are|was|were))\s+(?:the\s+|its\s+|their\s+)?"
    r"(?:(?:first|lead|last|senior|corresponding|main)\s+)?(?:authors?|lecturer|speaker|instructor|teacher)\b"
    r"|^\s*(?:the\s+)?(?:first|lead|last|senior|corresponding)\s+authors?\s+(?:on|of|for)\b"
    r"|\b(?:full\s+)?author\s+(?:list|names)\b|\b(?:list|names)\s+of\s+(?:the\s+|its\s+)?authors\b"
    r"|\bwho\s+(?:the\s+)?(?:authors?|writers?)\s+(?:of|on|for|behind)\b"  # "tell me who the authors of X are"
    # where or when it appeared, asked with the verb that says so ("in which year did X become popular?" is not)
    r"|\b(?:in|at|from)\s+(?:what|which)\s+(?:year|conference|venue|workshop)\b"
    rf"(?=[^?]*\b(?:{APPEARED})\b)"
    r"|\b(?:which|what)\s+(?:conference|venue|workshop|session\s+type|presentation\s+type|"
    r"kind\s+of\s+(?:slot|session|presentation))\s+(?:is|was|were|are|did)\b"
    rf"(?=[^?,.;]*?\b(?:{APPEARED}|from|at|in|it|that|this)\s*(?:[?,.;]|and\b|$))"
    r"|\b(?:conference|venue),\s+(?:the\s+)?year\b"
    rf"|\b(?:{_VENUE})\s+or\s+(?:{_VENUE})\b"
    r"|\b(?:an?\s+)?(?:oral|spotlight|poster)\s+or\s+(?:an?\s+)?(?:oral|spotlight|poster)\b"
    r"|\b(?:where|when)(?:\s+and\s+(?:where|when))?\s+(?:was|were|is|did)\s+(?:it|that|this|they|the\s+paper|the\s+work)\s+"
    rf"(?:{APPEARED})\b",
    re.I,
)
# which fields of a paper's record a question asks about, by the words that name the field or
# the fact it holds, wherever they stand ("whose name comes last", "which is older", "oral or
# spotlight?", "for the bib entry"); read alongside the question's intent, never instead of it
FIELD_WORDS = {
    "authors": re.compile(
        # "written" ending a compound ("LLM-written training data", "hand-written digits") is no one's authorship
        r"\b(?:authors?|co-?authors?|authored|(?<!-)(?:write|wrote|written)|co-?written|writers?|first\s+name|surname|"
        r"who(?:'s|\s+(?:is|are|was|were))\s+(?:behind|listed)|whoever|whose\s+names?|"
        r"(?:his|her|their)\s+names?\s+(?:on|in)|listed\s+(?:first|second|third|last)|"
        r"who\s+(?:gave|taught|prepared|presented|made|created)|"
        r"who\s+(?:has|had|have)\s+(?:the\s+)?(?:most|more|several|multiple|many)\s+(?:papers|publications|works))\b",
        re.I,
    ),
    "venue": re.compile(
        r"\b(?:venues?|conferences?|journals?|proceedings|workshops?|published|publication|appeared)\b", re.I
    ),
    "year": re.compile(
        # a year of a recurring span ("retrained every year", "twice per year", "in recent years") asks none;
        # "the past two years", "a year apart" may ask or select by year
        r"\b(?:(?<!\bevery\s)(?<!\beach\s)(?<!\bper\s)(?<!\brecent\s)years?|"
        r"dated|oldest|newest|earliest|latest|most\s+recent|more\s+recent|"
        # "earlier", "older", "newer" ask when a paper came out as they compare papers ("the older one",
        # "which is earlier", "newer than X", "newer papers", "came out earlier?"); before another noun they
        # name prior work ("a bound that beats earlier ones", "the earlier approaches")
        r"(?:the|which)\s+(?:older|newer|earlier)(?=\s+(?:one|ones|paper|papers|of)\b|\s*[?.,;)]|\s*$)|"
        r"(?:is|was|are|were|came|come|comes|published|appeared)\s+(?:older|newer|earlier)|"
        r"(?:older|newer|earlier)(?=\s+(?:than|papers?|publications?)\b|\s*[?.,;)]|\s*$)|"
        r"apart\s+in\s+time|(?:came|come|comes)\s+out|when\s+(?:was|were|did)\b[^?]*\b(?:published|presented|appear\w*|come\s+out))\b",
        re.I,
    ),
    "presentation": re.compile(
        r"\b(?:orals?|orally|spotlights?|posters?|session(?:\s+type)?|presentation\s+type)\b", re.I
    ),
}
# "which year?" closing a sentence asks the paper's year when the sentence before it asks nothing of its own
# ("spherical cnns - was that iclr or neurips, and which year?", "Group Norm and IoU-Net - same conference?
# what year?"), asks for a paper ("which paper introduced GN, and which year?", "what about X, which year?") or
# asks a field of its record ("what's the venue for X, and which year?"); one that asks a question of its own, about
# what a paper says, asks the year of that ("Whom does it credit with first proposing IRM, and in which year?")
BARE_YEAR = re.compile(r"\b(?:which|what)\s+year\s*(?:[?.;]|$)", re.I)
_ASKING = r"(?:who|whom|whose|what|which|how|why|when|where|name|give|list|identify)"
# a question of its own, after a lead-in ("So", "Also,", "According to X,", "To whom")
OWN_QUESTION = re.compile(
    r"^\s*(?:(?:and|so|ok|okay|also|then|but|now|well)\b[\s,]*)*"
    r"(?:(?:in|according\s+to|for|from|given)\s+[^,]{1,120},\s*)?"
    rf"(?:(?:to|by|for|from|with|of|in|on|at)\s+)?{_ASKING}\b",
    re.I,
)
ASKS_PAPER = re.compile(
    r"^\s*(?:and\s+)?(?:which|what)(?:'s|\s+(?:is|was|are))?\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:papers?|works?|articles?|publications?|title|name)\b(?!\s+(?:does|do|did)\b)"
    r"|^\s*(?:and\s+)?(?:what|how)\s+about\b|\bhow\s+old\b",
    re.I,
)
# a field asked, not only named ("the authors credit", "a workshop paper", "the first published use" ask none)
ASKS_FIELD = re.compile(
    r"\b(?:which|what)\s+(?:conference|venue|journal|workshop|proceedings)s?\b(?!\s+(?:papers?|works?|articles?)\b)"
    r"|\bvenues?\b|\bwho\s+(?:wrote|authored|co-?authored)\b|\bwritten\s+by\b|\bauthor\s+(?:list|names)\b"
    r"|\b(?:was|were|is|it|that|this|they)\s+(?:first\s+)?(?:published|presented|appeared)\b",
    re.I,
)
# where a sentence ends: not at the point of an abbreviation ("et al.", "e.g.")
_SENTENCE_END = re.compile(r"(?:[?!]|(?<!\bal)(?<!\be\.g)(?<!\bi\.e)(?<!\bcf)(?<!\bvs)\.)\s+", re.I)


def _record_years(text: str) -> list[re.Match[str]]:
    """The bare "which year?" requests of `text` that ask the paper's record."""
    found = []
    for m in BARE_YEAR.finditer(text):
        clause = _SENTENCE_END.split(text[: m.start()])[-1]
        if ASKS_PAPER.search(clause) or ASKS_FIELD.search(clause) or not OWN_QUESTION.match(clause):
            found.append(m)
    return found


def field_request(text: str) -> bool:
    """Whether `text` asks for a paper's record in a form AUTHORSHIP does not take (FIELD_REQUEST, or a
    bare "which year?" that asks the paper's)."""
    return FIELD_REQUEST.search(text) is not None or bool(_record_years(text))


def without_field_request(text: str) -> str:
    """`text` with its requests for the record taken out (what is left names the paper)."""
    for m in reversed(_record_years(text)):
        text = text[: m.start()] + " " + text[m.end() :]
    return FIELD_REQUEST.sub(" ", text)


BIB_REQUEST = re.compile(r"\b(?:bib(?:tex)?\s+entry|bibliograph\w*|cite\s+\w+\s+properly|citation\s+details)\b", re.I)
# "was X a spotlight (at NeurIPS)?": the session asked of the paper the question names
SESSION_QUESTION = re.compile(
    r"^\s*(?:was|is|were)\s+(?P<subject>.+?)\s+an?\s+(?:oral|spotlight|poster)"
    r"(?:\s+(?:at|in)\s+\S+(?:\s+\d{4})?)?\s*\?\s*$",
    re.I,
)
# the part of a record question that asks for the other papers sharing the record ("..., and which
# other papers from that conference got the same?"): not part of what names the paper
OTHERS_CLAUSE = re.compile(r"[,;]?\s*\b(?:and\s+)?(?:which|what)\s+(?:other|others|else)\b.*$", re.I)
# a part of a record question's list that is a question of its own ("..., and where was it
# published?"), not a paper
QUESTION_PART = re.compile(r"^\s*(?:where|when|who|whom|which|what|how|was|were|is|are|did|does|do)\b", re.I)
PRESENTATIONS = {
    "oral": "Oral",
    "orals": "Oral",
    "spotlight": "Spotlight",
    "spotlights": "Spotlight",
    "poster": "Poster",
    "posters": "Poster",
}
YEAR = re.compile(r"\b(?:19[5-9]\d|20\d\d)\b")
TERM = re.compile(r"\b(?:spring|summer|fall|autumn|winter)(?=\s+(?:19|20)\d\d\b)", re.I)
SHORT_YEAR = re.compile(r"(?<=[a-z])\s*'(\d\d)\b", re.I)  # neurips'19
JOINED_YEAR = re.compile(r"\b([a-z]{3,})((?:19|20)\d\d)\b", re.I)  # NeurIPS2019
# a paper cited as an example, "(e.g. Muller et al. 2019)", "like Cohen and Kolter, 2019" (in the normalised
# question "e.g." reads "eg"): its name and year point at the example, they select nothing. A citation alone
# in brackets, "adversarial training (Madry et al., 2018)", names the paper asked for and is read as before
_YEAR_CITED = r"(?:\((?:19|20)\d\d[a-z]?\)|\[(?:19|20)\d\d[a-z]?\]|(?:19|20)\d\d[a-z]?\b)"  # "2019", "(2019)", "[2019]"
_NAME_TAIL = (
    r"(?:\s+et\.?\s+al\.?|(?:,\s*[A-Z][a-z][\w'-]*)*,?\s+(?:and|&)\s+[A-Z][a-z][\w'-]*)?,?\s*" + _YEAR_CITED
)  # "Cohen et al.", "Wong and Kolter", "Cohen, Rosenfeld and Kolter"
_CITED_NAME = r"[A-Z][a-z][\w'-]*" + _NAME_TAIL
_CITATION = r"(?:something\s+like\s+|the\s+work\s+of\s+|from\s+)?(?P<name>[A-Z][a-z][\w'-]*)" + _NAME_TAIL
_MORE_CITED = r"(?:(?:\s*[;,]\s*(?:and\s+|or\s+)?|\s+(?:and|or|and/or)\s+)" + _CITED_NAME + r")*"
# "e.g." (read "eg"), "cf.", "such as", "as in", "for example"; in brackets also "see" and "like"; in the text
# "like" only after a comma or a noun of works ("papers like ..."), not the verb ("I'd like Cohen et al. 2019's")
_EXAMPLE = r"(?i:(?:eg|cf\.?|for\s+(?:example|instance))(?:\s*,)?|such\s+as|as\s+in)"
_LIKE = (
    r"(?:(?<=,\s)"
    + "".join(
        rf"|(?<=\b{w}\s)" for w in "papers methods defenses attacks approaches work ones something anything".split()
    )
    + r")like"
)
CITED_EXAMPLES = (
    # in brackets, one citation or several ("(e.g. Cohen et al., 2019; Wong and Kolter, 2018)")
    re.compile(r"\(\s*(?:" + _EXAMPLE + r"|(?i:see|like))\s+" + _CITATION + _MORE_CITED + r"\s*\)"),
    re.compile(r"\b(?:" + _EXAMPLE + r"|" + _LIKE + r")\s+" + _CITATION + _MORE_CITED),
)
SEASONS = frozenset("spring summer fall autumn winter".split())
MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
DOTTED_ACRONYM = re.compile(r"\b(?:[A-Za-z]\.){2,}")  # N.I.P.S.
# a count of papers across the collection: "on more than one paper", "the most papers"
MANY_PAPERS = re.compile(
    r"\b(?:more\s+than\s+one|several|multiple|two\s+or\s+more|the\s+most)\s+(?:different\s+|other\s+)?"
    r"(?:papers?|documents?|entries|publications?)\b",
    re.I,
)
# "papers by storkey", "kolter's", "an author called Jerry"
AUTHOR_CONTEXT = re.compile(r"(?:\bby|\bfrom|\bhas|\bdid|\bof|\bcalled|\bnamed|\bname|'s)\s*$")
# a lower-case surname the words after it mark as a person's ("sidford papers", "kolter's")
AUTHOR_AFTER = re.compile(r"^(?:'s\b|\s+(?:papers?|works|articles?)\b)")
# where a first name alone names a person: "an author called Jerry", "first name Florian"
FIRST_NAME_CONTEXT = re.compile(r"(?:\bcalled|\bnamed|\bfirst\s+name)\s*$", re.I)
UNKNOWN_AUTHOR = [  # a person named where the corpus has no such author
    re.compile(
        r"\b(?i:papers?|work|works|anything|articles?)\s+(?i:by|from)\s+(?P<name>[A-Z][\w\-']+(?:\s+[A-Z][\w\-']+){0,2})"
    ),
    re.compile(r"\b(?P<name>[A-Z][\w\-]+)'s\s+(?:lecture|paper|papers|talk|work|slides)\b"),
    re.compile(
        r"^\s*did\s+(?P<name>[a-z][\w\-]+(?:\s+[a-z][\w\-]+){0,2}|[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+){0,2})\s+"
        r"(?:write|author|co-?author)\b",
        re.I,
    ),
]
# words that speak about records rather than a topic ("papers whose conference is known", "with
# their authors listed", "grouped by venue", "how many different conferences"): what is left of a
# question asking for records over the collection once these, the fields and the collection's
# nouns are gone is its topic
RECORD_TALK = frozenset(
    """recorded record records listed list known know information info metadata details detail given
grouped group sorted sort ordered order different distinct only going by each every all any which what
how many much number count counting come comes came along their its with one ones""".split()
)
# where a question over the collection's records names its topic (rag.questions.record_ask
# `_placed_topic`): after a topical preposition ("the papers on X", "who wrote about X", "in the
# field of X", "re: X"), from a participle on ("papers mentioning X", "the knitting stuff"), after
# "where" ("papers where X is discussed"), a verb of its own after a paper noun or in a relative
# clause ("papers that study X", "which papers discuss X", "papers that have used X", "that are
# X-related"; not "that have a venue recorded", "which came out in 2019": `RECORD_VERBS`), in quotes
# or brackets, before "in the title", after a dash at the end, or as a short heading before a colon,
# a comma or a dash ("sourdough: who wrote ...?", "For knitting, who ...?"). A place runs to the end
# of its clause: punctuation, "and who/which ...", or a record's verb ("... discussing X have a venue
# attached?"). Words too many are harmless (no paper is on them: the question is refused, as before);
# a topic missed would list every record
_PLACE_END = (
    r"(?=\s*[?.!;:,()]|\s+and\s+(?:who|whom|whose|which|what|how|when|where)\b"
    r"|\s+(?:have|has|had|are|is|were|was|appear|appeared|come|came)\b|$)"
)
_NOT_PARTICIPLES = (
    r"(?![a-z]*thing\b|(?:during|bring|spring|string|having|being|getting|coming|going|counting|including|"
    r"missing|grouping|sorting|ordering|listing)\b)"
)
TOPIC_PLACES = [
    re.compile(
        r"\b(?:on|about|around|regarding|concerning|within|under|towards?|related\s+to|re\b:?|"
        r"in\s+the\s+(?:field|area)\s+of|whose\s+(?:topic|subject)\s+is|where|in\s+which)\s+(?P<topic>.+?)"
        + _PLACE_END,
        re.I,
    ),
    re.compile(r"(?<![a-z])(?P<topic>" + _NOT_PARTICIPLES + r"[a-z]+ing\s+.+?)" + _PLACE_END, re.I),
    re.compile(r"[\"\u201c\u2018'](?P<topic>[^\"\u201d\u2019']{2,80})[\"\u201d\u2019']"),
    re.compile(r"\((?P<topic>[^()]{2,80})\)"),
    re.compile(r"\bwith\s+(?P<topic>.+?)\s+in\s+(?:the|their|its)\s+(?:titles?|abstracts?|names?)\b", re.I),
    re.compile(r"\s[-\u2013\u2014]+\s+(?P<topic>[^?.!:;]{2,80})[?.!]*\s*$"),
]
# a verb of the topic's own, after "that/which/who" (an auxiliary may come first: "that have used",
# "that are X-related") or straight after a paper noun ("which papers discuss X", "papers in X");
# the code rejects a record's verb and keeps what follows the verb
TOPIC_VERB_PLACES = [
    re.compile(
        r"(?:(?<=\w\s)|(?<=,\s))(?:that|which|who)\s+(?:(?:have|has|had|are|is|were|was)\s+)?"
        r"(?P<verb>[a-z][\w\-]*)(?:\s+(?P<topic>.+?))?" + _PLACE_END,
        re.I,
    ),
    re.compile(
        r"\b(?:papers|works|articles|studies|publications|preprints|ones?|items|entries|anything|something|stuff)"
        r"\s+(?:(?P<prep>in|for|of)\s+)?(?P<verb>[a-z][\w\-]*)(?P<topic>.*?)" + _PLACE_END,
        re.I,
    ),
    # a verb of the papers' own after "and" ("which papers have a venue listed and discuss X?")
    re.compile(r"\band\s+(?:also\s+)?(?P<verb>[a-z][\w\-]*)(?:\s+(?P<topic>.+?))?" + _PLACE_END, re.I),
]
RECORD_VERBS = frozenset(
    """have has had is are was were be been recorded listed given attached known published presented accepted
appear appears appeared come comes came got get gets show shows showed represented covered included indexed
stored dated same""".split()
)
TOPIC_HEADING = re.compile(  # a few words, not a sentence
    r"^\s*(?:(?:for|as\s+for|in|re|regarding)\s+)?(?P<topic>[^\s:?.!,]+(?:\s+[^\s:?.!,]+){0,4})\s*"
    r"(?::|,|\s[-\u2013\u2014]+\s)"
)
# "which ones", "how many entries", "the sourdough stuff": what stands for papers in a record question
ITEM_NOUNS = frozenset("ones items entries stuff things".split())
# "the knitting topic", "the beekeeping area": a noun whose modifiers name a record question's topic
TOPIC_NOUNS = frozenset("topic topics area field space".split())
COUNT_WORDS = frozenset("two three four five six several multiple more most fewer few many".split())
QUOTES = frozenset("\"'\u201c\u201d\u2018\u2019")
