"""Data only: the word lists and patterns the question stage reads questions with.

Every rule that decides how a question is read names its words here, and the tests in
tests/test_plan.py (a table of questions written for them) pin what they decide. Nothing
outside rag/questions/ reads a question with a pattern.
"""

from __future__ import annotations

import re

# --- the nouns a question asks for -----------------------------------------------------------
PAPER_NOUNS_SINGULAR = frozenset("paper article publication preprint study talk oral spotlight poster".split())
PAPER_NOUNS_PLURAL = frozenset(
    "papers articles publications preprints studies talks orals spotlights posters works".split()
)
# "work" and "research" are mass nouns: "work on X" is a body of work, "work that shows X" one paper
MASS_WORK_NOUNS = frozenset("work research literature".split())
# plural nouns that, as what is asked for, make a question a survey ("which defenses ...", "methods for ...")
SURVEY_NOUNS = frozenset(
    """methods approaches techniques solutions ideas defenses defences attacks algorithms
strategies frameworks models benchmarks datasets works papers studies lines directions proposals remedies fixes
ways results findings analyses theories options alternatives""".split()
)

# --- comparisons ------------------------------------------------------------------------------
COMPARISON_WORDS = frozenset(
    "compare compared compares comparing comparison differ differs difference differences "
    "versus vs contrast contrasted separates distinguishes differentiates".split()
)
# a request to compare, whether or not two subjects can be told apart in it
ASKS_TO_COMPARE = re.compile(
    r"\b(?:compare|comparing|comparison|contrast|contrasting|versus|vs)\b|\bthe\s+two\b|\bboth\b", re.I
)
# "which is older, A or B?", "which came out first: A or B?", "which one is more robust - A or B?"
WHICH_OF_TWO = re.compile(
    r"^(?:which|who)(?:\s+one)?\s+(?:is|was|came|comes|has|had|does|did)\b[^,:;?]{0,40}?(?:,|:|\s-)\s*"
    r"(?P<a>.+?)\s+or\s+(?P<b>[^?]+)(?:\?.*)?$",
    re.I,
)
# "X vs Y", "compare X with Y", "how does X differ from Y", "difference between X and Y"
COMPARE_FORMS = [
    re.compile(
        r"^(?:please\s+)?(?:compare|contrast)\s+(?P<a>.+?)\s+(?:with|and|to|against|versus|vs\.?)\s+(?P<b>.+)$", re.I
    ),
    re.compile(r"^(?:what\s+(?:is|are)\s+)?(?:the\s+)?differences?\s+between\s+(?P<a>.+?)\s+and\s+(?P<b>.+)$", re.I),
    re.compile(
        r"^how\s+(?:does|do|did|is|are|would)\s+(?P<a>.+?)\s+(?:differ|different|compare|contrast|stack\s+up)"
        r"\w*\s+(?:from|with|to|than|against)\s+(?P<b>.+)$",
        re.I,
    ),
    re.compile(
        r"^how\s+(?:do|did|does)\s+(?P<a>.+?)\s+and\s+(?P<b>.+?)\s+(?:differ|compare|contrast)\w*\b(?P<rest>.*)$", re.I
    ),
    re.compile(
        r"^(?:what|how)\s+(?:separates|distinguishes|sets\s+apart|differentiates)\s+(?P<a>.+?)\s+from\s+(?P<b>.+)$",
        re.I,
    ),
    re.compile(
        r"^(?:is|are|was)\s+(?P<a>.+?)\s+(?:better|worse|stronger|weaker|faster|slower|more\s+\w+)\s+than\s+"
        r"(?P<b>.+)$",
        re.I,
    ),
    re.compile(r"^(?P<a>.+?)\s+(?:versus|vs\.?|compared\s+(?:with|to)|against)\s+(?P<b>.+)$", re.I),
    WHICH_OF_TWO,
    # "X and Y both avoid ...; how does each ...?": two subjects doing the same thing, each asked about
    re.compile(r"^(?P<a>[^,;:?]+?)\s+and\s+(?P<b>[^,;:?]+?)\s+both\b.*\b(?:each|respectively|differ\w*)\b", re.I),
]
# where the second subject's phrase ends: a follow-on question ("- which tests what?", ": how do ...")
SUBJECT_END = re.compile(
    r"\s*(?:[?:;]|\s-\s|,\s*(?:which|what|how|and\s+(?:which|what|how))\b|\s+(?:as|for|in\s+terms\s+of|"
    r"regarding|when\s+it\s+comes\s+to)\s+).*$",
    re.I,
)
SUBJECT_LEAD = re.compile(
    r"^(?:the\s+(?:method|approach|paper|work|model|technique|benchmark)\s+(?:called|named)\s+)", re.I
)

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

# --- the lecture as a whole, and the corpus's size ----------------------------------------------
# the words that name the lecture as a kind of document (typos of them are read too)
KIND_WORDS = {
    "lecture": "lecture",
    "lectures": "lecture",
    "slides": "lecture",
    "lecturer": "lecture",
    "slide deck": "lecture",
}
LECTURE_WORDS = frozenset("lecture lectures slides slide deck talk lecturer course class".split())
OVERVIEW_WORDS = frozenset(
    """summarize summarise summary overview outline topics topic cover covers covered coverage
contents content structure structured organised organized parts sections overall main walk through go goes about
agenda order sequence whole general""".split()
)
SIZE_QUESTION = re.compile(
    r"(?:\b(?:how\s+(?:many|big|large)|what\s+(?:is\s+)?the\s+(?:size|number)|"
    r"(?:the\s+)?(?:size|number)\s+of|(?:total\s+)?number\s+of|total\s+number|corpus\s+size|"
    r"collection\s+size|count\s+(?:of\s+)?(?:the\s+)?(?:papers|documents)))",
    re.I,
)
# what a size question counts: the collection's documents, not things inside them
COUNTED_NOUNS = frozenset(
    "papers paper documents document docs doc abstracts articles items works records entries "
    "publications texts files".split()
)
COLLECTION_NOUNS = frozenset("corpus collection index library database dataset".split()) | COUNTED_NOUNS
COLLECTION_WORDS = frozenset(
    """got have has papers paper documents document docs doc abstracts articles items works records entries
corpus collection index library database total overall altogether all in here there you have hold holds contain
contains include includes stored indexed searchable search can counting count including lecture too size big large
number roughly does do is are the of a it this that many how be before start digging i let me know tell""".split()
)

# --- follow-ups ---------------------------------------------------------------------------------
LEANING = re.compile(
    r"\b(?:it|its|it's|they|them|their|this|that|these|those|he|she|his|her|the\s+same|above|previous|"
    r"earlier|former|latter|the\s+\w+(?:\s+\w+)?\s+one|which\s+of\s+(?:them|these|those)|"
    r"any\s+of\s+(?:them|these|those)|else|also|too|as\s+well)\b",
    re.I,
)
CONTINUATION = re.compile(r"^\s*(?:and|also|so|ok|okay|what\s+about|how\s+about|and\s+what\s+about)\b", re.I)
# "the sketching one", "the delayed impact one": a paper picked out of an earlier answer by a word
THE_ONE = re.compile(r"\bthe\s+(?P<what>[\w\-]+(?:\s+[\w\-]+){0,3})\s+one\b", re.I)

# --- fact requests (detail) -------------------------------------------------------------------------
DETAIL_START = re.compile(
    r"^\s*(?:(?:and|so|ok|okay)[\s,]+)?(?:by\s+how\s+much|how\s+(?:much|far|large|small|long|fast|often|well|big|many)|"
    r"what\s+(?:fraction|percentage|share|proportion|number|amount)|"
    r"(?:in|according\s+to|from)\b.*?,\s*(?:how|what|which)\b|"
    r"with\s+how\s+many|on\s+(?:which|what)\s+\w+|"
    r"(?:does|did|do|is|are|was|were|can|could)\s+(?:it|they|the\s+\w+|this|that)\b)",
    re.I,
)
# metrics: a bare query naming one ("SSD mAP VOC2007") asks for a number
METRIC_NOUNS = frozenset(
    """accuracy accuracies error errors map auc f1 bleu rouge top-1 top-5 speedup speed-up
perplexity fid psnr ssim iou recall precision latency throughput runtime""".split()
)
# "how many papers ...": a count of papers (a listing or a survey), not a fact from one
COUNTS_PAPERS = re.compile(
    r"^\s*(?:(?:and|so|ok)[\s,]+)?how\s+many\s+(?:\S+\s+){0,3}?(?:papers|works|articles|studies|"
    r"orals|spotlights|publications|abstracts)\b",
    re.I,
)
MECHANISM = re.compile(
    r"^\s*(?:(?:and|so|ok|okay)[\s,]+)?(?:how\s+(?:does|do|did|is|are|was|were|exactly)|why\s+(?:does|do|did|is|are|can|could|would)|"
    r"what\s+(?:does|do|did)\s+.+?\s+(?:say|report|find|show|claim|achieve|reach|use|propose|"
    r"describe|mention|list|explain|get|give|do|measure|compute|define)|"
    r"what\s+(?:is|are)\s+(?:the\s+)?(?:role|effect|idea|intuition|mechanism|key|main)\b)",
    re.I,
)

# --- bodies of work (survey) ------------------------------------------------------------------------
SURVEY_START = re.compile(
    r"^\s*(?:(?:and|so|ok|okay)[\s,]+)?(?:(?:what|which)\s+(?:has|have)\s+(?:been|people|researchers|authors|others|"
    r"papers|the\s+papers|the\s+field)\s+(?:proposed|done|studied|shown|suggested|published|developed|tried|written|"
    r"achieved|found)"
    r"|(?:the\s+|all\s+the\s+)?(?:work|research|literature|papers|studies)\s+(?:on|about|into|in|regarding)\b"
    r"|(?:what|which)\s+(?:work|research|literature)\b"
    r"|how\s+many\s+(?:papers|works|articles|studies|publications)\b"
    r"|(?:is|are)\s+there\s+(?:any\s+)?(?:published\s+)?(?:work|research|literature|papers|studies|methods)\s+(?:on|about|in|"
    r"that|for|into|regarding)"
    r"|any\s+(?:work|research|papers|studies|literature)\b"
    r"|what\s+(?:are|were)\s+(?:the\s+)?(?:main\s+|common\s+|existing\s+|known\s+|different\s+)?(?:ways|approaches|methods|"
    r"techniques|strategies|solutions|ideas|options|lines\s+of\s+work|directions|defenses|defences|attacks)"
    r"|what\s+does\s+(?:the\s+)?(?:literature|research|corpus|collection|field)\b(?:\s+here)?\s+(?:say|hold|have|contain|"
    r"offer)"
    r"|what\s+do(?:es)?\s+(?:the\s+)?(?:papers|works|studies|abstracts)\b"
    # "how can X be <done>": the ways to do it, whatever the verb (a participle: -ed, -en, -wn, -ne,
    # or a common irregular one), unless the question points at one paper; the gap stops at a
    # clause ("that", "which") or a comma; or "how can we <verb>" with a verb of remedy
    r"|how\s+(?:can|could|should|might)\s+(?!.*\b(?:paper|article|preprint|publication)\b)"
    r"(?:(?!that\b|which\b)[^\s,?]+\s+){1,8}?be\s+(?:\w+(?:ed|en|wn|ne)|built|learnt|kept|set|made|taught|cut|run)\b"
    r"|how\s+(?:can|could|should|might|do\s+(?:we|people|researchers|papers))\b.*\b(?:be\s+)?(?:reduced|improved|"
    r"mitigated|addressed|avoided|prevented|overcome|solved|handled|tackled|reduce|improve|mitigate|address|avoid|"
    r"prevent|overcome|solve|handle|tackle|fix|fixed|defended|defend)\b)",
    re.I,
)
SURVEY_ANYWHERE = re.compile(  # "the survey of X" is one paper (a survey article), not a request for one
    r"\b(?:(?<!\bthe\s)(?<!\bthis\s)(?<!\bthat\s)(?<!\bits\s)survey|overview\s+of|literature|related[\s-]work|state\s+of\s+the\s+art|"
    r"body\s+of\s+work|all\s+(?:the\s+)?(?:papers|work|methods))\b",
    re.I,
)
# a description of one paper: "the paper that ...", "a method which ...", "I remember a paper ..."
ONE_PAPER = re.compile(
    r"\b(?:(?:the|a|an|one|that|this)\s+(?:\w+[\s-]+){0,3}?(?:paper|article|publication|preprint|study|work|method|"
    r"approach|technique|model|optimizer|optimiser|algorithm|benchmark|dataset|framework|attack|defense|defence|loss|"
    r"architecture|spotlight|oral)\b"
    r"|i\s+(?:remember|recall|read|saw|once\s+read)\b"
    r"|which\s+(?:paper|article|publication|study|work|one)\b"
    r"|what'?s\s+it\s+called|what\s+(?:is|was)\s+(?:it|the\s+paper)\s+called)",
    re.I,
)
# A bare query that offers alternatives asks for the kinds of work on its topic, not one paper:
# "or" in its head ("pruning or compressing networks ...", "knowledge distillation or teacher-student
# training ..."), a spaced slash ("domain generalization / unseen environments") or examples
# ("..., e.g. X"; the question reaches the plan with "e.g." as "eg"). "Or" later in a description
# ("... corrupted or noisy labels") and counting or idiomatic uses ("two or more", "with or
# without", "whether or not") do not count.
ALTERNATIVES_ANYWHERE = re.compile(r"\s/\s|\b(?:e\.?g|for\s+example)\b", re.I)
ALTERNATIVES_HEAD_WORDS = 4
# a topic followed by a list of three or more examples: "reconstructing signals ...: inpainting,
# super-resolution, deblurring or other inverse problems"
ALTERNATIVES_LIST = re.compile(r"(?::|\s[-\u2013\u2014])\s*(?:[^,:;?]{1,40},\s*){2,}[^,:;?]{1,60}\??\s*$")
NOT_ALTERNATIVES = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|either|with|whether)\s+or\b"
    r"|\bor\s+(?:more|less|fewer|not|so|\d+|two|three|four|five)\b",
    re.I,
)
# words a bare description of one contribution carries ("... so accuracy does not depend on ...")
PURPOSE = re.compile(
    r"\b(?:\w+(?:ed|en|nd)\s+by\b|so\s+(?:that\s+)?\w+|in\s+order\s+to|to\s+(?:stop|improve|avoid|prevent|make|measure|"
    r"reduce|fix|get|keep|remove|find|detect|learn|train|compute|estimate|predict|speed|protect)|"
    r"by\s+\w+ing|without\s+\w+ing|that\s+\w+s\b|which\s+\w+s?\b|whose|that\s+only|which\s+only)\b",
    re.I,
)

# --- listings by metadata ---------------------------------------------------------------------------
LISTING_VERBS = re.compile(
    r"\b(?:list|show|give|enumerate|name|all|every|any|anything|everything|what\s+else|"
    r"which\s+of\s+(?:them|these|those))\b",
    re.I,
)
AUTHOR_LISTING = re.compile(
    r"\b(?:by|from|has|have|did|of)\s*$|\b(?:published|written|authored|co-?authored|"
    r"wrote|write|publish|got)\b",
    re.I,
)
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
SAME_BARE = re.compile(r"\b(?:had|have|has|got|share|shares|with|in)\s+the\s+same\s*(?:[?.!,;]|$)", re.I)
RECORD_FIELD_ASKED = re.compile(
    r"\b(?P<field>conference|venue|workshop|session(?:\s+type)?|presentation(?:\s+type)?|track|year)\b", re.I
)
# what each named field means in the records: a conference is a venue in a year, a session type one more
SAME_FIELDS = {
    "conference": ("venue", "year"),
    "venue": ("venue", "year"),
    "workshop": ("venue", "year"),
    "edition": ("venue", "year"),
    "session": ("venue", "year", "presentation"),
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
# what a listing may ask for besides the list: these are fields of the records, not a topic
RECORD_FIELDS = frozenset(
    """wrote write writes written authored author authors coauthor coauthors co-author co-authors coauthored
co-authored writer writers venue
venues session sessions presentation presentations type types year years title titles track tracks oral spotlight
poster each them their his her its who whom what which where when one line one-line summary summaries short brief gist
description descriptions abstract abstracts about with and plus along together also appeared appear appears
accepted presented published was were is are did do does got get conference conferences workshop workshops
proceedings come comes came named called name somebody someone anybody anyone""".split()
)
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
    r"|\b(?:which|what)\s+year\s*(?:[?.;]|$)"
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
        r"\b(?:authors?|co-?authors?|authored|wrote|written|writers?|first\s+name|surname|"
        r"who(?:'s|\s+(?:is|are|was|were))\s+behind|whoever|whose\s+names?)\b",
        re.I,
    ),
    "venue": re.compile(
        r"\b(?:venues?|conferences?|journals?|proceedings|workshops?|published|publication|appeared)\b", re.I
    ),
    "year": re.compile(
        r"\b(?:years?|dated|older|oldest|newer|newest|earlier|earliest|latest|most\s+recent|more\s+recent|"
        r"apart\s+in\s+time|(?:came|come|comes)\s+out|when\s+(?:was|were|did)\b[^?]*\b(?:published|presented|appear\w*|come\s+out))\b",
        re.I,
    ),
    "presentation": re.compile(
        r"\b(?:orals?|orally|spotlights?|posters?|session(?:\s+type)?|presentation\s+type)\b", re.I
    ),
}
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
DOTTED_ACRONYM = re.compile(r"\b(?:[A-Za-z]\.){2,}")  # N.I.P.S.
# "papers by storkey", "kolter's", "an author called Jerry"
AUTHOR_CONTEXT = re.compile(r"(?:\bby|\bfrom|\bhas|\bdid|\bof|\bcalled|\bnamed|\bname|'s)\s*$")
# a lower-case surname the words after it mark as a person's ("sidford papers", "kolter's")
AUTHOR_AFTER = re.compile(r"^(?:'s\b|\s+(?:papers?|work|works|articles?)\b)")
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

# --- words that frame a question rather than say what it is about --------------------------------
QUESTION_WORDS = (
    frozenset(
        """
what which who whom whose when where why how does do did is are was were can could should would will about say says
said tell explain explained describe described mention mentioned discuss discussed lecture lectures slide slides talk
paper papers corpus article articles work works study studies author authors proposed propose proposes introduced
introduce introduces method methods approach approaches there any some known main key idea ideas way ways used use using
give list show find me i you
""".split()
    )
    | COMPARISON_WORDS
)
# what a survey question wants done with its topic ("what has been proposed against ..."), not the topic
INTENT_WORDS = frozenset(
    """been has have proposed done studied shown suggested against for to the a an of on in with can
could be reduced reduce improved improve mitigated mitigate addressed address avoided avoid prevented prevent all
survey overview literature techniques solutions ideas""".split()
)
# function words: a topic phrase is its content words
FUNCTION_WORDS = frozenset(
    """between among across about above after along amid around before behind below beneath beside
besides beyond during except from inside into like near off onto out outside over past per since than through throughout
toward towards under underneath unlike until upon via within without and or nor but so yet both either neither whether
by at as
while whereas although though because if unless their its our your his her them they we this that these those such other
another each every more most less least very much many few several various""".split()
)
# chat filler that is neither frame nor topic
FILLER_WORDS = frozenset(
    """please ok okay hi hello thanks thank just really actually maybe perhaps anything
something remember wondering curious incl incl. e.g eg i.e ie etc approx approximately roughly broadly generally
briefly basically""".split()
)
# the words of a listing's request, besides the metadata ("list all the ...", "anything by ...")
LISTING_WORDS = frozenset(
    "list show give enumerate name all every any anything everything else here collection corpus".split()
)
# a request's opening ("tell me", "could you walk me through"): what follows it is what is asked
REQUEST = re.compile(
    r"^\s*(?:(?:and|so|ok|okay|hi|hello)[\s,]+)?(?:please\s+)?(?:(?:can|could|would|will)\s+you\s+"
    r"(?:please\s+)?)?(?:tell\s+me|show\s+me|give\s+me|let\s+me\s+know|i'?d\s+like\s+to\s+know|"
    r"i\s+(?:want|need)\s+to\s+know|do\s+you\s+know|summari[sz]e|describe|explain|walk\s+me\s+through|"
    r"remind\s+me)\b[\s,:]*",
    re.I,
)
# the user speaking of themselves ("so I know what to read"): not part of what is asked
ABOUT_ME = re.compile(r",?\s+(?:so\s+(?:that\s+)?|because\s+|since\s+|as\s+)i\b.*$", re.I)
# abbreviations and adverbs that frame a question without adding to its topic
FRAME_ABBREVIATIONS = frozenset(
    "incl incl. including e.g eg i.e ie etc approx approximately roughly broadly generally "
    "overall briefly quickly basically".split()
)
