"""Data only: the word lists and patterns the question stage reads questions with.

Every rule that decides how a question is read names its words here, or, for a paper's record (who
wrote it, where and when it appeared, the metadata a question names), in
rag.questions.record_patterns; the tests in tests/test_plan.py (a table of questions written for
them) pin what they decide. Nothing outside rag/questions/ reads a question with a pattern.
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
# a comparison whose object is the clause's antecedent, its preposition stranded at the end of the clause:
# "the labeled-only error rate they compare to?", "which baseline is it compared against?"
COMPARED_THING = re.compile(
    r"(?i)\b(?:they|we|it|you|he|she|authors|paper|is|are|was|were|being|been)\s+(?:\w+ly\s+)?"
    r"(?:compare|compares|compared|contrast|contrasted)\s+(?:it\s+|them\s+|this\s+|(?:their|its)\s+\w+\s+)?"
    r"(?:to|with|against)\s*(?=[?.!,;)]|$)"
)
VERSUS = re.compile(r"(?i)\b(?:versus|vs)\b\.?")
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
# where a question about a named thing's workings puts the name (`{name}`, escaped), its first name:
# "how does the ViSQOL metric ...?", "what does TRADES optimise?", "in TRADES, what ...?", "QLoRA's
# 4-bit data type", "... the AutoAttack ensemble", "how does the encoder in BERT ...?"; not a name that
# is a measure's setting ("how does ImageNet accuracy ...", "in MS-COCO experiments, ...")
_NAMED_KINDS = (
    r"(?:ensemble|metric|detector|method|model|algorithm|framework|attack|loss|optimi[sz]er|architecture|network|"
    r"block|layer|module|objective|defen[cs]e|technique|approach|procedure|scheme|estimator|sampler|regulari[sz]er)"
)
_MEASURES = (
    r"(?:accuracy|accuracies|error|errors|scores?|performance|results?|numbers?|AP|mAP|AUC|FID|BLEU|top-\d|"
    r"benchmark|dataset|experiments?|setting|split|data)"
)
# words that make a part "in" a name a measure or a setting of it, not a part of the thing ("the number of
# labels in CIFAR-10", "the choice of optimizer in BERT pretraining")
_PART_NOT = _MEASURES[3:-1] + r"|number|numbers|choice|amount|size|rate|rates|gap|robustness|loss|losses|use|role"
ASKED_NAME_FORMS = (
    r"(?i:^(?:how|why)\s+(?:does|do|did|is|was|are|were|can|could|would|should|has|have)|^what\s+(?:does|do|did))"
    r"\s+(?:(?i:the)\s+)?{name}(?!\w)(?!\s+(?i:" + _MEASURES + r")\b)",
    r"(?i:^in)\s+(?:(?i:the)\s+)?{name}(?:\s*,|'s\b)",
    r"(?<!\w){name}'s\b(?!\s+(?i:" + _MEASURES + r")\b)",
    r"(?i:the)\s+{name}\s+(?i:" + _NAMED_KINDS + r")s?\b",
    # a part of the named thing asked about: "how does the region proposal network in Faster R-CNN share ...?"
    r"(?i:^(?:how|why)\s+(?:does|do|did|is|was|are|were|can|could)|^what\s+(?:does|do|did))\s+(?i:the)\s+"
    r"(?:(?!(?:of|" + _PART_NOT + r")\b)[a-z-]+\s+){1,4}(?i:in)\s+(?:(?i:the)\s+)?(?:[A-Z][\w-]*\s+)?{name}(?!\w)"
    r"(?!\s+(?i:" + _MEASURES + r")\b)",
)
# where a detail question puts the thing whose workings it asks about when no name in it is marked by
# its spelling ("how does Adafactor factor ...?", "what regret does Thompson sampling reach?", "in
# Adversarial Distillation, ..."): right after these openings, a run of words the answer matches
# against its sources' text (rag.questions.asked.asked_terms)
ASKED_TERM_OPENINGS = re.compile(
    r"^(?:(?:how|why)\s+(?:does|do|did|is|was|are|were|can|could|would|should|has|have)"
    r"|(?:what|which)\s+(?:[a-z-]+\s+){0,3}?(?:does|do|did))\s+(?:the\s+)?",
    re.I,
)
# "in Adversarial Distillation, ...": the run between these and the comma
ASKED_TERM_IN = re.compile(r"^in\s+(?:the\s+)?", re.I)
MEASURE_WORD = re.compile(r"^" + _MEASURES + r"$", re.I)
# "which of A, B and C was published first?", "which of A or B trains faster?": the names listed, the
# last one a run of capitalised words (or digits) that ends where the lower-case rest begins; not "which
# of A and B does X use?", whose list is what is asked about, not its subject
WHICH_OF_LIST = re.compile(
    r"^(?i:which|who)\s+of\s+(?:(?i:the|these|those)\s+(?:two|three|four|papers|methods)\s*:?\s+)?"
    r"(?P<a>[A-Z0-9].*)(?:,\s*(?:and|or)\s+|,\s*|\s+(?:and|or)\s+)"
    r"(?P<b>[A-Z0-9][\w.-]*+(?:\s[A-Z0-9][\w.-]*+)*+)\s(?!(?:does|do|did)\b)[a-z]"
)
LIST_ITEMS = re.compile(r"\s*,\s*(?:(?:and|or)\s+)?")  # "a, b vs c, and d": the items of a list
# "How does the paper arguing ... relate to the RL paper that ...?": two works, each described, set
# beside each other; "how does sharpness relate to generalization?" relates two ideas
RELATES = re.compile(r"^how\s+(?:does|do|did|would|might)\s+(?P<a>[^,;:?]+?)\s+relate\s+to\s+(?P<b>[^,;:?]+)", re.I)
# "how do A and B relate?": the same, the two joined
RELATE_BOTH = re.compile(
    r"^how\s+(?:does|do|did|would|might)\s+(?P<a>[^,;:?]+?)\s+and\s+(?P<b>[^,;:?]+?)\s+relate\b", re.I
)
# a work described: "the paper arguing that ...", "the quadratic-time ADMM approach for ..." (a noun of
# works after at least one word saying which), not "this approach" or "the attack success rate"
_WORK_NOUNS = "paper|work|study|method|approach|algorithm|framework|technique"
WORK_NOUNS = frozenset(_WORK_NOUNS.split("|"))
WORK_DESCRIBED = re.compile(
    rf"\b(?:the|a|an)\s+(?:[\w'+\-]+\s+){{1,6}}?(?:{_WORK_NOUNS})s?\b"
    rf"|\b(?:the|a|an)\s+(?:{_WORK_NOUNS})\s+(?:that|which|arguing|showing|proposing|on|for|where|with)\b",
    re.I,
)
# one side of a choice: a name, a few words whose first holds a capital or a digit ("CARD", "rDPO",
# "GPT-2"; not "I"), and what it says of itself in brackets ("rDPO (refined DPO w/ synthetic data)")
_CHOSEN = r"(?!I\b)(?=[\w.+-]*[A-Z0-9])[\w.+-]+(?:\s+[\w.+-]+){0,3}?(?:\s+\([^()]{1,80}\))?"
# a question that asks which of the two: "which fits better", "which one", "how do they differ"
CHOICE_ASKED = re.compile(
    r"(?i:which(?:\s+one|\s+of\s+(?:the\s+two|them|these|those))?\s+(?:is|was|fits|would|should|works|suits|"
    r"performs|gives|does|do|has|gets|wins|to)\b|which\s+one\b|how\s+do\s+(?:they|the\s+two)\b|what\s+does\s+each\b)"
)
# "Would A or B be the better pick, ...?", "A or B - which fits better ...?": a choice between two names
CHOICE_OF_TWO = re.compile(
    r"^(?:(?i:would|should|could|is|are|does|do)\s+(?:(?i:i)\s+(?i:use|pick|choose|take|read|go\s+with)\s+)?)?"
    rf"(?P<a>{_CHOSEN})\s+(?i:or)\s+(?P<b>{_CHOSEN})"
    r"(?:(?:\s+-\s+|\s*[:,]\s*)(?=" + CHOICE_ASKED.pattern + r")"
    r"|\s+(?i:(?:be|is|give|gives|work|works|do|does|perform|performs)\s+)?(?i:the\s+)?"
    r"(?i:better|best|preferable|more\s+suitable)\b)"
)
# "Both A and B reuse ...; what differs ...?": each side a name or "the ..." ("both mix a standard
# and a robust classifier" names no two things)
BOTH_LEADING = re.compile(
    r"^(?i:both)\s+(?P<a>(?:(?i:the)\s|[A-Z0-9])[^,;:?]+?)\s+and\s+(?P<b>(?:(?i:the)\s|[A-Z0-9])[^,;:?.]+)"
)
# "X and Y both avoid ...; how does each ...?": two subjects doing the same thing, each asked about
BOTH_TRAILING = re.compile(
    r"^(?P<a>[^,;:?]+?)\s+and\s+(?P<b>[^,;:?]+?)\s+both\b.*\b(?:each|respectively|differ\w*)\b", re.I
)
# what is asked of each of two things set side by side by "both"
EACH_ASKED = re.compile(r"\b(?:each|respectively|differ\w*)\b", re.I)
# a leading context naming two works before what is asked of them ("For the paper on A and the one looking
# at B: what does each inspect?"): both sides described as works
LEADING_PAIR = re.compile(
    r"^(?:for|regarding|about|on|with|between)\s+(?P<a>the\s+(?:paper|work|study|article)\b.+?)\s+and\s+"
    r"(?P<b>the\s+(?:one|other|paper|work|study|article)\b.+)$",
    re.I,
)
# "Two diffusion robustness papers: the pseudo-Huber one and AdvUnlearn. What is each after?": an opening
# that announces two works by a noun for works ("Two fixes for ...", "Two takes on ...", not "Two
# questions:", "Two datasets:") and names them after its colon, then asks of them (`POINTS_BACK`); a side
# may hold an aside in brackets ("FOMO (the forgetting one)") and a dot inside a name ("Dr. DPO", "GPT-3.5")
WORKS_ANNOUNCED = (
    r"(?:papers?|works?|stud(?:y|ies)|articles?|methods?|approach(?:es)?|techniques?|models?|algorithms?|"
    r"frameworks?|losses|defen[cs]es|attacks|fixes|remedies|ways|takes|views|follow-?ups|variants|optimi[sz]ers|"
    r"architectures|proposals|lines\s+of\s+work)"
)
_SIDE = r"(?:[^().?;]|\.(?![\s.?]|$)|\([^()]*\))"
TWO_NAMED = re.compile(
    r"^(?:(?:compare|contrast)\s+)?(?:(?:the|these)\s+)?(?:two|2|a\s+pair\s+of)\s+(?:[^\s:;?.]+\s+){0,4}?"
    + WORKS_ANNOUNCED
    + r"\b[^:;?.]{0,80}?(?::|(?P<dash>\s[-–—]))\s*(?P<a>"
    + _SIDE
    + r"+?)\s+(?:and|vs\.?|versus)\s+(?P<b>"
    + _SIDE
    + r"+)",
    re.I,
)
# a sentence whose subject is two works joined by "and", each pointed at by a name or as "the ... paper"
# (what each says of itself in brackets kept): "The Lipschitz feedback-policy paper (...) and SCORE (...)
# seem to land on opposite sides."; `clauses.paired_subject` wants one side a `WORK_DESCRIBED`, so that two
# names of datasets, models or methods ("CIFAR-10 and ImageNet are the standard benchmarks.") are not two works
_DESCRIBED_WORK = rf"(?:(?i:the)\s+(?:[\w'+\-]+\s+){{0,6}}?(?i:{_WORK_NOUNS}|one))"
_NAMED_WORK = (  # a name, or a title quoted
    r"(?:[A-Z][\w\-]*[A-Z0-9][\w\-]*|['‘][A-Z][^'’]{3,150}['’]|\"[A-Z][^\"]{3,150}\"|“[A-Z][^”]{3,150}”)"
)
_ASIDE = r"(?:\s*\([^()]*\))?"
_EITHER_WORK = rf"(?:{_DESCRIBED_WORK}|{_NAMED_WORK}){_ASIDE}"
PAIRED_SUBJECT = re.compile(rf"(?:^|(?<=[.?!])\s+)(?P<a>{_EITHER_WORK})\s+and\s+(?P<b>{_EITHER_WORK})\s+[a-z]")
EACH = re.compile(r"\beach\b", re.I)  # what is asked of each of two things named before
# what an asked part says to point back at two things named before it
POINTS_BACK = re.compile(r"\b(?:each|their|both|differ\w*|respectively)\b", re.I)
# a side that is itself a question or a request ("Two papers: what does A use and how does B train?")
ASKING_SIDE = re.compile(
    r"(?i)^(?:what|which|how|who|whom|why|when|where|is|are|was|were|does|do|did|can|could|list|give|show|name|tell)\b"
)
# "X vs Y", "compare X with Y", "how does X differ from Y", "difference between X and Y"
COMPARE_FORMS = [
    re.compile(
        r"^(?:please\s+)?(?:compare|contrast)(?:\s+and\s+contrast)?\s+(?P<a>.+?)\s+(?:with|and|to|against|versus|vs\.?)\s+"
        r"(?P<b>.+)$",
        re.I,
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
    BOTH_LEADING,
    # "A or B if I want ...? how do they differ ...?": the two choices, then the comparison asked
    re.compile(
        r"^(?P<a>[^,;:?]+?)\s+or\s+(?P<b>[^,;:?]+?)(?:\s+(?:if|for|when|to|in|on|with)\b[^?]*)?\?"
        r".*\b(?:differ|compar|contrast)\w*\b",
        re.I,
    ),
    # "(topic:) one paper does A, another does B. how do they differ?": each described
    re.compile(
        r"^(?:[^:]*:\s*)?one\s+(?:paper|work|study|method|approach)\s+(?P<a>[^,;]+?)\s*[,;]\s*(?:and\s+|while\s+)?"
        r"(?:another|the\s+other)(?:\s+(?:one|paper|work|study|method|approach))?\s+(?P<b>[^.?;]+)",
        re.I,
    ),
    CHOICE_OF_TWO,
    WHICH_OF_TWO,
    WHICH_OF_LIST,
    RELATES,
    RELATE_BOTH,
    BOTH_TRAILING,
]
SUBJECT_LEAD = re.compile(
    r"^(?:the\s+(?:method|approach|paper|work|model|technique|benchmark)\s+(?:called|named)\s+)", re.I
)

# --- the lecture as a whole, and the corpus's size ----------------------------------------------
# the words that name the lecture as a kind of document (typos of them are read too)
KIND_WORDS = {
    "lecture": "lecture",
    "lectures": "lecture",
    "slides": "lecture",
    "slide": "lecture",
    "lecturer": "lecture",
    "slide deck": "lecture",
}
# the lecture named beside the papers as another place to look ("papers (or slides)", "the slides or any
# paper", "papers/slides"): both kinds are asked for, so the lecture is no filter
_PAPERS_NOUN = r"(?:papers?|articles?|abstracts?|publications?)"  # not "works": "how PGD works and the lecture's ..."
KIND_AFTER_PAPERS = re.compile(
    _PAPERS_NOUN + r"\s*(?:\(\s*|,\s*)?(?:or|and|and/or|/)\s*(?:the\s+|any\s+|lecture\s+)?$", re.I
)
KIND_BEFORE_PAPERS = re.compile(
    r"^\s*\)?\s*,?\s*(?:or|and|and/or|/)\s*(?:in\s+|from\s+)?(?:the\s+|any\s+|other\s+)?" + _PAPERS_NOUN + r"\b",
    re.I,
)
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
    r"^\s*(?:(?:and|so|ok|okay)[\s,]+)?(?:by\s+how\s+(?:much|many|far)|how\s+(?:much|far|large|small|long|fast|often|well|big|many)|"
    r"what\s+(?:fraction|percentage|share|proportion|number|amount)|"
    r"(?:in|according\s+to|from)\b.*?,\s*(?:by\s+how|how|what|which)\b|"
    r"(?:with|in|into|on|across|against|over|under|for|up\s+to)\s+how\s+(?:many|much)|on\s+(?:which|what)\s+\w+|"
    # "does the paper report ...?", "does the corpus say how ...?", not "does the corpus have anything (any papers)
    # that ...?" (the collection asked for its papers)
    r"(?:does|did|do|is|are|was|were|can|could)\s+(?:it|they|the\s+(?!(?:corpus|collection|library|database|index)\s+"
    r"(?:have|has|hold|holds|contain|contains|include|includes)\s+(?:anything|any)\b)\w+|this|that)\b)",
    re.I,
)
# a fact asked at the start of a clause or after a comma, past what describes the paper ("For virtual
# adversarial training, how many forward passes ...", "LOKT (...): by what margin ...", "apart from image
# classification, on which kind of task ..."): a quantity, a measure or a kind asked by a question word,
# perhaps after a preposition; not one inside what describes a paper ("which paper bounds how much ...")
FACT_ASKED = re.compile(
    r"(?:^|[,(]\s*)(?:(?:and|but|so)\s+)?(?:(?:against|on|in|into|across|for|from|by|with|at|to|under|over|up\s+to)\s+)?"
    r"(?:how\s+(?:many|much|little|few|close|far|long|fast|large|small|big|often)\b"
    r"|(?:by|up\s+to|to)\s+what\b"
    r"|(?:against|on|in|into|across|for|with|at|under|over)\s+(?:which|what)\s+(?!(?:other\s+)?(?:papers?|works?|"
    r"articles?|studies|study|publications?|ones?|preprints?|talks?|authors?|venues?|conferences?|years?|"
    r"sessions?|workshops?|journals?)\b)[a-z])",
    re.I,
)
# metrics: a bare query naming one ("SSD mAP VOC2007") asks for a number
METRIC_NOUNS = frozenset(
    """accuracy accuracies error errors map auc f1 bleu rouge top-1 top-5 speedup speed-up
perplexity fid psnr ssim iou recall precision latency throughput runtime""".split()
)
# "how many papers ...": a count of papers (a listing or a survey), not a fact from one; anywhere in a
# clause, or a clause on the collection ("how big is that part of the collection?")
COUNTS_PAPERS_ANYWHERE = re.compile(
    r"\bhow\s+many\s+(?:\S+\s+){0,3}?(?:papers|works|articles|studies|orals|spotlights|publications|abstracts|"
    r"authors|venues|conferences|documents)\b|\b(?:collection|corpus)\b",
    re.I,
)
COUNTS_PAPERS = re.compile(
    r"^\s*(?:(?:and|so|ok)[\s,]+)?(?:(?:with|in|into|on|across|against|over|under|for|up\s+to)\s+)?how\s+many\s+"
    r"(?:\S+\s+){0,3}?(?:papers|works|articles|studies|orals|spotlights|publications|abstracts)\b",
    re.I,
)
MECHANISM = re.compile(
    r"^\s*(?:(?:and|so|ok|okay)[\s,]+)?(?:how\s+(?:does|do|did|is|are|was|were|exactly)|why\s+(?:does|do|did|is|are|can|could|would)|"
    r"what\s+(?:does|do|did)\s+.+?\s+(?:say|report|find|show|claim|achieve|reach|use|propose|"
    r"describe|mention|list|explain|get|give|do|measure|compute|define)|"
    r"what\s+(?:is|are)\s+(?:the\s+)?(?:role|effect|idea|intuition|mechanism|key|main)\b)",
    re.I,
)

# --- what a body of work is evaluated on ------------------------------------------------------------
# the papers asked for as those reporting results on a named benchmark or model, nothing else said of them:
# "which papers (in the collection) actually report experiments on CIFAR-100?", "list every paper here that
# evaluates on SVHN", "papers that use or report results on a ResNet-50" ({name} is filled with the name; a
# capitalised word before it, read in capitals however the question is matched, is part of it: "Pascal VOC",
# "Tiny ImageNet", not "standard CIFAR-100"); not one of a list of names
EVALUATED_ON_BEFORE = (
    r"\b(?P<asked>papers?|works?|studies|articles|ones|sources)\b"
    r"(?:\s+(?:here|in\s+(?:here|the\s+\w+|this\s+\w+)|that|which|\([^()]*\)|[a-z]+ly|actualy|also|all|even))*"
    r"\s+(?:[a-z]+\s+or\s+)?(?:report|reports|run|runs|evaluate|evaluates|test|tests|train|trains|use|uses|show|"
    r"shows|give|gives|have|has|publish|publishes|include|includes)"
    r"(?:\s+(?:experiments?|results?|numbers|baselines?|scores?|evaluations?))?\s+(?:on|with|using)\s+"
    r"(?:the\s+|a\s+|an\s+)?(?P<name>(?-i:[A-Z][\w-]*\s+)?{name})(?![\w-])(?!\s*(?:,|/|\band\b|\bor\b)\s*[A-Z])"
)
# the name heading the question or a sentence of it: "SVHN results anywhere?", "MNIST results: list ..."
EVALUATED_ON_AFTER = r"(?:^|[.:;?!]\s+)\s*(?P<name>{name})\s+(?:results|numbers|baselines|experiments|scores)\b"
# what restricts the papers reporting results on the name: "... but not on ImageNet", "without ..."
EVALUATED_ON_EXCEPT = re.compile(r"\b(?:not|without|except|excluding)\b|n't\b", re.I)
# what may stand before the papers asked for without narrowing them ("which papers", "list every paper")
EVALUATED_ON_ASKING = frozenset("which what the list all every any are there those of me give show name".split())

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
# "how do people deal with X?", "how do researchers train ...": what a community does, whatever the verb
COMMUNITY_HOW = re.compile(
    r"^\s*(?:(?:and|so|ok|okay)[\s,]+)?how\s+(?:do|does|can|could|should|would)\s+(?:people|researchers|"
    r"practitioners|others|folks|the\s+(?:field|community|literature))\b(?!\s+(?:at|from|in|of|behind)\b)",
    re.I,
)
# a request for several works anywhere in the question ("Why do adversarial examples exist? Looking for
# explanations, ...", "... I'd like the work on bounding the loss", "... and what remedies exist?"): a
# survey whatever the question before it, unless the question points at one paper (intent.py)
FIRST_ONE_WORDS = r"(?:original|earliest|first|seminal|latest|newest|best|main|key)"
_FIRST_ONE = rf"(?!{FIRST_ONE_WORDS}\b)"
_RECORD_NOUNS = (
    r"(?!(?:venues?|conferences?|years?|sessions?|session\s+types|documents?|kinds?|types?|"
    r"authors?|lectures?|slides?)\b)"
)
WORKS_WANTED = re.compile(
    r"\b(?:looking\s+for|i['\u2019]?d\s+like|i\s+would\s+like|i\s+want|i\s+need|give\s+me|show\s+me|find\s+me|"
    rf"point\s+me\s+to|recommend|suggest)\s+(?:(?:the|some|any|all|a\s+few|more|other)\s+)?(?:{_FIRST_ONE}[\w\-]+\s+){{0,2}}?"
    r"(?:papers|studies|references|readings|explanations|approaches|methods|techniques|"
    r"(?:work|research|literature)\s+(?:on|about|into|regarding))\b"
    r"|\breading\s+list\s+(?:on|about|of|covering|for\s+(?!me\b))"
    # "..., and what remedies and theory exist?": what is there on it, but not a record's kinds ("what venues exist?")
    rf"|\bwhat\s+{_RECORD_NOUNS}(?:[\w\-]+\s+){{1,4}}?(?:exist|are\s+there|have\s+been\s+(?:proposed|developed|tried|suggested))\b",
    re.I,
)
# the words of such a request, taken out of a survey's focus and topic (the topic between them stays)
REQUEST_WORDS = re.compile(  # whole words only: "work" is a request, "related-work" or "work-around" is not
    r"(?<![\w-])(?:(?:i['\u2019]?m|i\s+am|we['\u2019]?re|we\s+are)\s+writing\s+(?:a|an|the|my|our)\s+[\w\s-]{0,40}?"
    r"(?:section|chapter|paragraph|para|survey|review)\s+(?:on|about|of|for)|looking\s+for|i['\u2019]?d\s+like|i\s+would\s+like|i\s+want|i\s+need|give\s+me|show\s+me|find\s+me|"
    r"point\s+me\s+to|recommend|suggest|reading\s+list|papers|studies|references|readings|explanations|approaches|"
    r"methods|techniques|work|research|literature|exist|are\s+there|have\s+been\s+(?:proposed|developed|tried|suggested)|"
    r"people|researchers|practitioners|others|folks|here|anywhere|(?:i['\u2019]?m|i\s+am|we['\u2019]?re|we\s+are)\s+collecting|"
    # the corpus, named as where to look at the end of a clause ("what's in the collection?", "papers in this
    # library, ..."), not a topic's ("bias in the collection of human feedback")
    r"(?:in|from)\s+(?:the|this|your|our)\s+(?:collection|corpus|library)(?=\s*(?:[?.,;:)]|$)))(?![\w-])",
    re.I,
)
# "is there anything on X?", "anything here that does X?", "does the corpus have anything that ...?": whatever
# the corpus holds on a topic (unless the question points at one paper, intent.py), not a fact asked ("anything
# that says what dataset ...")
ANYTHING_ON = re.compile(
    r"^\s*(?:(?:and|so|ok|okay)[\s,]+)?(?:(?:is|are)\s+there\s+|(?:does|do)\s+(?:the|this|your|our)\s+"
    r"(?:collection|corpus|library|database|index)\s+(?:have|hold|contain|include)\s+)?anything\s+"
    r"(?:(?:here|in\s+(?:the|this)\s+(?:collection|corpus))\s+)?(?:on|about|regarding|covering|related\s+to|that)\b"
    r"(?!\s+(?:says|say|tells|mentions|states|reports|gives|lists)\b|\s+(?:what|which|how|whether|who|when)\b)",
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
# examples named in words: a topic's, unless the query describes what one work does ("work that
# hardens the removal of content such as nudity")
EXAMPLES_NAMED = re.compile(r"\b(?:such\s+as|for\s+instance)\b", re.I)
ALTERNATIVES_HEAD_WORDS = 4
# a topic followed by a list of three or more examples, each a phrase of a few words, not a clause:
# "reconstructing signals ...: inpainting, super-resolution, deblurring or other inverse problems",
# "object detection: localisation confidence and box refinement, single-shot detectors, ..."
# (possessive quantifiers: a failed match must not try every split of a long word)
_ITEM = r"(?:[^\s,:;?()]++[\s()]+){0,7}?[^\s,:;?()]++\)?"
ALTERNATIVES_LIST = re.compile(
    rf"(?::|\s[-\u2013\u2014])\s*(?!(?:a|an|the)\s)(?:{_ITEM},\s*){{2,}}(?:[^\s,:;?]++\s*){{1,10}}\??\s*$", re.I
)
# examples in brackets after a topic: "sharpness and flat minima (SAM, SGD stability)"; not a citation
# ("(Madry et al., 2018)") nor a list of surnames ("(Goodfellow, Shlens, Szegedy)")
EXAMPLES_IN_BRACKETS = re.compile(
    r"\((?![^)]*(?:\bet\s+al\b|\b(?:19|20)\d\d\b))(?!\s*[A-Z][a-z]+(?:\s*,\s*(?:and\s+)?[A-Z][a-z]+)+\s*\))"
    r"\s*(?:[^(),\s][^(),]{0,39},\s*)+[^(),\s][^(),]{0,39}\)"
)
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

# --- figures a question asks for (rag.questions.asked.asked_figures) ----------------------------------
# what a figure measures: "what dropout rate ...?", "what AUC ...?", "which noise levels ...?"
FIGURE_NOUNS = (
    r"(?:values?|rates?|accurac(?:y|ies)|auc|scores?|percentages?|sizes?|errors?|gamma|beta|sigma|lambda|alpha|"
    r"epsilon|delta|speed-?ups?|ratios?|radi(?:us|i)|thresholds?|margins?|f1|bleu|ap50|mpjpe|cider|spice|"
    r"perplexity|levels?|temperatures?|decay|ranks?|fractions?|shares?|proportions?|percent|numbers?|"
    r"(?:acceleration|scaling|speed-?up|compression|widen(?:ing)?|reduction|expansion|upsampling|downsampling)\s+factor|"
    r"(?-i:mAP|AP))"  # mean average precision in its own case: not "a saliency map"
)
# the nouns a measure's noun modifies when one follows it ("what temperature network", "what rank
# aggregation method", "what learning rate decay schedule"): then it names a thing, not a figure
FIGURE_HEADS = (
    r"networks?|nets?|methods?|models?|schedules?|functions?|approach(?:es)?|schemes?|aggregation|algorithms?|"
    r"strateg(?:y|ies)|formats?|polic(?:y|ies)|estimators?|estimation|regulari[sz]ation|matching|search|"
    r"selection|sampling|scaling|layers?|modules?|mechanisms?|tuning|annealing|warm-?up"
)
_WHAT = r"\b(?:what|which)(?:['’]?s)?"  # "what's the error rate", "whats the learning rate"
# not a measure's noun when a hyphen or another noun follows it: "margin-based", "value function"; an owner
# before the measure is not part of it ("what's SCORE's robust accuracy": robust accuracy)
FIGURE_WHAT = re.compile(
    _WHAT
    + r"(?:\s+[\w/@.-]+['’]s)?(?P<measure>(?:\s+[\w/@.-]+){0,3}?\s+"
    + FIGURE_NOUNS
    + r"(?:\s+"
    + FIGURE_NOUNS
    + r")*(?:\s+of\s+(?:the\s+)?[\w-]+)?)(?![\w-])(?!\s+(?:"
    + FIGURE_HEADS
    + "|"
    + FIGURE_NOUNS
    + r")\b)",
    re.I,
)
# placeholders: the measure is what follows "of" ("value of beta", "levels of noise"), or none ("what value
# does attention add?"); a share of something ("what fraction of the weights ...") is a figure on it, and a
# share alone ("what percentage does it keep?") any figure; so with a count ("what number of groups": how
# many groups; "what number do they report?": any)
FIGURE_PLACEHOLDERS = frozenset("value values level levels".split())
FIGURE_SHARES = frozenset(
    "fraction fractions share shares proportion proportions percentage percentages percent number numbers".split()
)
# a measure asked without a question word, by the thing it is on ("H2RBox mAP on DOTA-v1.0?", "CutLER on
# COCO - box AP gain over MoCo-v2?"): a clause that opens with the measure, a change of it allowed after
FIGURE_BARE = re.compile(
    r"(?:^|[-–—:;]\s+)(?P<measure>(?:(?!(?:on|of|about|in|for|papers?|works?|studies|methods?)\b)[\w/@.-]+\s+){0,3}?"
    + FIGURE_NOUNS
    + r"(?:\s+(?:gains?|improvements?|drops?|boosts?))?)\s+(?:on|at|over|vs\.?|versus|with|under)\s",
    re.I,
)
# the user speaking of themselves inside a question ("I train on 8 V100 GPUs: ..."): context, not the asked
FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|[Mm]y|[Ww]e|[Ww]e're|[Oo]ur|me|us)\b")
# a bare measure is a request for papers when these say so ("List papers: F1 on SQuAD", "recent work -
# accuracy on long-tailed benchmarks")
LISTING_ASKS = frozenset("survey surveys list papers paper overview recent work works studies show give".split())
# a question word in the question: a measure it names without one is asked by the FIGURE_BARE form
ASKING_WORDS = frozenset(
    "what which how does do did is are was were can could should would why when who where whether".split()
)
# a measure by the verb that reports it: "what MRR@10 does it get?", "what FID did they reach?"
FIGURE_REACHED = re.compile(
    _WHAT + r"\s+(?P<measure>[\w@/.-]+(?:\s+[\w@/.-]+){0,2}?)\s+(?:does|did|do)\s+[^?,;]{1,60}?\s+"
    r"(?:(?<!\bto\s)get|reach|achieve|obtain|attain|score|report)\b",  # "introduce to get at X": a purpose, no figure
    re.I,
)
# a clause ending on its preposition ("which datasets does it report SOTA on?"): the asked noun is that
# preposition's object, the things reported on, not a figure the verb reports
STRANDED_PREPOSITION = re.compile(
    r"^\s*(?:[^\s?,;]+\s+){0,3}?(?:on|in|at|for|with|over|across|against|from|under)\s*(?:[?,;]|$)", re.I
)
# ... or led by that preposition ("on which datasets did they report SOTA accuracy?"), unless the noun is a
# quantity the figure is set at ("under which perturbation budget did they report 60%?", "at what depth ...")
PLACE_BEFORE = re.compile(r"\b(?:on|in|at|across|over|for|under|against|from)\s*$", re.I)
PLACED_QUANTITY = re.compile(
    r"\b(?:" + FIGURE_NOUNS + r"|budgets?|depths?|resolutions?|counts?|iterations?|steps?|epochs?|widths?|lengths?|"
    r"times?|scales?|dimensions?)\b",
    re.I,
)
# a trade-off's two quantities set side by side ("trade off speed vs accuracy", "the trade-off between
# robustness and accuracy"): what a work balances, not two works compared
TRADE_OFF = re.compile(
    r"(?i:\btrad(?:e|es|ed|ing)[- ]?offs?\s+(?:between\s+)?)(?P<a>(?!(?i:of|in|for|the)\b)[a-z][a-z-]*)\s+"
    r"(?i:vs\.?|versus|and|against)\s+(?P<b>[a-z][a-z-]*)\b"
)
# abbreviations a question may put a figure on that name no one thing ("gained over SOTA"): an abstract
# writes them in words ("over the state of the art"), so no source need write them as a name
NAMELESS_BASELINES = frozenset({"sota"})
# --- kinds of named things a question asks for (rag.questions.asked.asked_kinds) ------------------------
# things a paper names when it reports them ("on CIFAR-10 and ImageNet", "models including Gemma2"): a question
# asking which of them ("which four benchmark datasets ...?") is answered only by a source that names them
NAMED_KINDS = (
    r"data\s*sets?|benchmarks?|corpus|corpora|architectures?|backbones?|models?|LLMs?|baselines?|"
    r"environments?|languages?"
)
# the words between "which" and the kind that are not its modifiers ("which papers use models ...")
_NOT_MODIFIERS = (
    r"papers?|works?|studies|articles?|methods?|approaches|one|ones|of|do|does|did|is|are|was|were|has|have|"
    r"can|could|would|should|use|uses|used"
)
# the kind is the noun asked only as the phrase's head: a function word, a punctuation mark or the end
# follows it ("which datasets did ...", "on which models?"), not another noun ("which model components")
_HEAD_ENDS = (
    r"(?=\s*(?:[?,;:.()]|$)|\s+(?:did|do|does|was|were|is|are|has|have|had|and|or|that|the|they|it|its|their|"
    r"on|in|for|from|with|across|over|under|against|by|at|to|of|exactly|precisely)\b)"
)
_COUNT = r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several)"
_MODIFIERS = r"(?:(?!(?:" + _NOT_MODIFIERS + r")\b)[\w-]+\s+){0,2}?"
# "which" asks a kind in the singular or the plural; "what" only in the plural ("what architecture does it
# use?" asks for a description, "what datasets ...?" for names)
ASKED_KIND = re.compile(
    r"(?:\bwhich\s+(?:"
    + _COUNT
    + r"\s+)?"
    + _MODIFIERS
    + r"(?P<kind>"
    + NAMED_KINDS
    + r")|\bwhat\s+(?:"
    + _COUNT
    + r"\s+)?"
    + _MODIFIERS
    + r"(?P<kinds>data\s*sets|benchmarks|corpora|architectures|backbones|models|LLMs|baselines|environments|"
    + r"languages))(?![\w-])"
    + _HEAD_ENDS,
    re.I,
)
# the kinds asked by name in the singular too ("which audio dataset ...?")
NAMED_ONE = frozenset(("dataset", "data set", "benchmark", "corpus"))
# a question that gives the things to choose from ("which benchmark is harder, MMLU or GSM8K?") asks no names
CHOICE_GIVEN = re.compile(r"[\w.-]+\s+or\s+[\w.-]+\s*\?\s*$")
# "how large a role ...": a degree of a noun said with "a", no figure
FIGURE_HOW = re.compile(
    r"\bhow\s+(?P<how>many|much|large|big|long|high|low|small|accurate|fast)\b(?!\s+an?\b)(?P<rest>[^?,;:()]*)", re.I
)
# a change in a measure: the measure is what the figure is on ("robust accuracy gains": robust accuracy)
CHANGE_NOUNS = frozenset(
    "gain gains improvement improvements drop drops reduction reductions increase increases decrease decreases "
    "boost boosts cut cuts saving savings".split()
)
# measures an abstract states under other names ("41.05% on DOTA" is the accuracy asked; "how much faster"
# against "a 3x speedup"): any figure will do
# the measures whose figure is a value, written in digits ("85.21% clean accuracy", "an AP of 41.0")
SCORE_MEASURES = frozenset("accuracy accuracies performance score scores result results error errors map ap".split())
GENERIC_MEASURES = (
    FIGURE_SHARES
    | SCORE_MEASURES
    | frozenset("faster slower better worse higher lower larger smaller fewer more less factor times".split())
)
FIGURE_DETERMINERS = frozenset("the a an its their his her this that these those each every any some".split())
BE_WORDS = frozenset("is are was were be been".split())


# what a question sets aside, fronted, up to the clause the question goes on with: "besides MNIST, CIFAR-10
# and SVHN, what ...", "Apart from image classification, which ...", "Leaving aside papers about RL itself
# (MDPs, ...): which ..."; it must end at a comma before a question word or pronoun, a colon, a semicolon
# or a spaced dash, else nothing is set aside ("Besides accuracy what metrics ...?" is left whole). "beyond"
# is no marker (a topic's word: "verified beyond vacuous bounds"), nor "besides" as an adverb ("Besides,
# ..."); one inside a sentence ("methods other than X that Y") may run on into what is asked, so it is left
_ASIDE_MARKERS = (
    r"(?:besides|apart\s+from|aside\s+from|other\s+than|excluding|not\s+counting|(?:leaving|setting|leave|set)\s+aside)"
)
ASIDE_MARKER = re.compile(rf"(?i)^{_ASIDE_MARKERS}\s+")
FRONTED_ASIDE = re.compile(
    r"(?i)(?:^|(?<=[.?!;:(])\s*|(?<=\s[-–—])\s*)"
    rf"{_ASIDE_MARKERS}"
    r"\s+(?!,)(?:\([^()]*\)|[^?;:!.()])*?"
    r"(?=\s*(?:,\s*(?=(?:what|which|how|who|where|when|why|is|are|was|were|do|does|did|can|could|should|would|"
    r"i|we|you|they|he|she|it|its|their|there|this|these|those|please|tell|list|give|name|show|any|anything)\b)"
    r"|[;:]|\s[-–—]\s))"
)


# what a request for papers leaves out after naming what it asks about: "any domain, not the common-corruption
# test sets like ImageNet-C", "which ones are there? leave out the LLM / RLHF fine-tuning stuff", "..., excluding
# surveys": after a comma, or opening a clause or sentence, up to the next comma, "but" or the clause's end.
# Not "not only/just ..." (which adds), nor a "not", "except" or "leave out" inside what is asked ("models that
# are not robust", "every layer except the last", "what happens when you leave out the normalization layers");
# of "not X but Y" only X
LEFT_OUT = re.compile(
    r"(?i)(?:,\s*(?:but\s+)?not\s+(?!only\b|just\b|merely\b|simply\b|necessarily\b|always\b|sure\b|even\b)"
    r"|(?:^|(?<=[,.?!;:])|(?<=\s[-–—]))\s*(?:and\s+|but\s+)?(?:please\s+)?"
    r"(?:(?:leave|leaving)\s+out|excluding|except(?:\s+for)?)\s+)"
    r"(?:\([^()]*\)|[^?;!.(),])*?(?=\s*(?:[.?!;),]|\s[-–—]\s|\s+but\b|$))"
)
