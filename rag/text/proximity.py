"""How close together a phrase's words stand in a text: the one rule that phrase bonuses, survey
answers and name checks share. Works on token lists; tokenising is the caller's."""

from __future__ import annotations

TIGHT, LOOSE = 1.0, 0.5


def window(wanted: set[str], tokens: list[str]) -> int | None:
    """Fewest consecutive `tokens` holding every one of `wanted` (None if some never occurs)."""
    if not wanted:
        return None
    best, last = None, {}
    for i, token in enumerate(tokens):
        if token in wanted:
            last[token] = i
            if len(last) == len(wanted):
                size = i - min(last.values()) + 1
                best = size if best is None else min(best, size)
    return best


def closeness(span: int | None, words: int) -> float:
    """1.0 when a phrase of `words` words is found within `span` tokens of one more than it has
    (a phrase, give or take a word), 0.5 within four times as many (loosely together), else 0
    (also when it is not found at all)."""
    if span is None or words <= 0:
        return 0.0
    if span <= words + 1:
        return TIGHT
    return LOOSE if span <= 4 * words else 0.0
