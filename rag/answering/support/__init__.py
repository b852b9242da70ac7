"""Checks of a claim against its cited source beyond shared words: what a fluent but unfaithful
sentence changes while keeping most of the source's words. One module per check:

- `figures`: every number the claim states is one the source states, about the same thing (and
  every bound and p-norm);
- `names`: every name the claim uses is in the source;
- `polarity`: the claim does not reverse the source sentence it rests on.

Each check returns the reason a claim fails it, or None. They are lexical: they cannot see a
reversal made by paraphrase, and the figures in bench/RESULTS.md say how often that happens.
"""

from rag.answering.support.figures import (
    misplaced_numbers,
    numbers,
    swapped_by,
    swapped_figures,
    swapped_shares,
    unpaired_numbers,
    unstated_bounds,
    unstated_norms,
    unstated_numbers,
)
from rag.answering.support.names import names, unknown_names
from rag.answering.support.polarity import reversed_polarity

__all__ = [
    "misplaced_numbers",
    "names",
    "numbers",
    "reversed_polarity",
    "swapped_by",
    "swapped_shares",
    "swapped_figures",
    "unknown_names",
    "unpaired_numbers",
    "unstated_bounds",
    "unstated_norms",
    "unstated_numbers",
]
