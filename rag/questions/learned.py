"""A learned second reading of one decision the rules make: whether a question asks for the body of
work on a topic (a survey: cite every paper on it) or for one paper or fact (a lookup or a detail).

The rules read a question by its phrasing patterns, fitted to the questions the project wrote;
questions written by others phrase the same request in ways no pattern foresaw ("what's in the
collection on X", "Which papers here explain it or propose fixes?"). This model is a logistic
regression over the question's form words and their pairs (its topic words masked; those in at
least a few of the questions it was fitted on) together with what the rules said, so it overrules
them only where the words speak clearly against them. It is fitted by `bench/fit_intent.py` on the
dev questions (evals/dev.jsonl and the dev plan tables), judged out of fold there (evals/intent.md),
and shipped as `survey_intent.json` next to this file. Nothing here is fitted at run time.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from rag.evaluation.fitting import Logistic
from rag.questions import patterns as P
from rag.text.sentences import STOPWORDS

MODEL_FILE = Path(__file__).with_name("survey_intent.json")
SINGLE = ("lookup", "detail")  # the intents a survey is told apart from


# the words of a question's form, not its topic: function and question words, paper and survey
# nouns, the collection's words, requests; a topic word is read as "<w>" (whatever the topic, a
# survey is asked for by the same words around it: a model fitted on the topics of the dev
# questions would read a question by its topic)
FORM_WORDS = (
    STOPWORDS
    | P.FUNCTION_WORDS
    | P.PAPER_NOUNS_SINGULAR
    | P.PAPER_NOUNS_PLURAL
    | P.SURVEY_NOUNS
    | P.MASS_WORK_NOUNS
    | P.COLLECTION_WORDS
    | P.LISTING_WORDS
    | P.FILLER_WORDS
    | {"s"}  # "what's", "paper's"
)


def tokens(question: str) -> set[str]:
    """The question's form words (numbers as "<n>", topic words as "<w>"), its adjacent pairs of
    them and its opening pair: "which_papers", "in_here", "the_paper", "^what_s", "on_<w>"."""
    words = [
        "<n>" if w.isdigit() else w if w in FORM_WORDS else "<w>" for w in re.findall(r"[a-z]+|\d+", question.lower())
    ]
    pairs = {f"{a}_{b}" for a, b in zip(words, words[1:]) if (a, b) != ("<w>", "<w>")}
    return (set(words) - {"<w>"}) | pairs | {"^" + "_".join(words[:2])}


def features(question: str, rule_intent: str, vocabulary: dict[str, int]) -> np.ndarray:
    """What the rules said (survey; lookup or detail) and which vocabulary entries the question holds."""
    x = np.zeros(2 + len(vocabulary))
    x[0], x[1] = rule_intent == "survey", rule_intent in SINGLE
    for token in tokens(question):
        if token in vocabulary:
            x[2 + vocabulary[token]] = 1.0
    return x


@dataclass(frozen=True)
class SurveyReading:
    """A fitted model: the vocabulary and a logistic model over `features`."""

    vocabulary: dict[str, int]
    model: Logistic

    def probability(self, question: str, rule_intent: str) -> float:
        """How likely the question asks for the body of work on a topic."""
        return float(self.model.probability(features(question, rule_intent, self.vocabulary)))

    def asks_survey(self, question: str, rule_intent: str, threshold: float) -> bool:
        """Whether the question asks for the body of work on a topic once this reading is heard: what
        the rules said (a survey, or a lookup or detail) unless the probability is on the other
        side of `threshold`. An intent outside these two is the rules' alone (a comparison is no survey)."""
        if rule_intent != "survey" and rule_intent not in SINGLE:
            return False
        return self.probability(question, rule_intent) >= threshold

    def to_json(self) -> dict:
        m = self.model
        return {
            "vocabulary": sorted(self.vocabulary, key=self.vocabulary.__getitem__),
            **{k: [round(float(v), 5) for v in getattr(m, k)] for k in ("mean", "scale", "weights")},
            "bias": round(m.bias, 5),
        }

    @classmethod
    def from_json(cls, data: dict) -> SurveyReading:
        vocabulary = {token: i for i, token in enumerate(data["vocabulary"])}
        sizes = {len(data[k]) for k in ("mean", "scale", "weights")}
        if sizes != {2 + len(vocabulary)}:
            raise ValueError(f"{MODEL_FILE.name}: one mean, scale and weight per feature is needed")
        mean, scale, weights = (np.array(data[k]) for k in ("mean", "scale", "weights"))
        return cls(vocabulary, Logistic(mean, scale, weights, float(data["bias"])))


@lru_cache(maxsize=1)
def shipped() -> SurveyReading:
    """The model fitted on dev, as shipped with the package."""
    return SurveyReading.from_json(json.loads(MODEL_FILE.read_text(encoding="utf-8")))
