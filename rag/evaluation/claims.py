"""The verifier judged on hand-labelled claims (evals/claims_dev.jsonl, claims_test.jsonl).

Each claim is one sentence as an answerer would write it, citing one or two papers given as its
sources ([1] is the first title, [2] the second), labelled faithful (a paraphrase, a synthesis of
both sources, a number restated, a hedged claim) or perturbed (a wrong number, a negation, a fact
from outside the sources, a claim of one source cited to the other). The verifier sees the
sources as the answering pipeline shows them to it (title and abstract). A claim is accepted
when its sentence is kept with every citation it made; anything less is a rejection.

    python -m rag.evaluation.claims            # dev and test side by side
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from rag.answering.verify import markers, verify
from rag.embedding.base import Embedder
from rag.embedding.remembered import RememberedVectors
from rag.settings import AnswerSettings, SupportSettings

FAITHFUL_KINDS = ("paraphrase", "synthesis", "number", "hedged")
PERTURBED_KINDS = ("wrong_number", "negation", "outside_fact", "misattribution")


@dataclass(frozen=True)
class Claim:
    id: str
    sources: list[str]
    sentence: str
    label: str  # "faithful" | "perturbed"
    kind: str
    notes: str = ""


def load(path: Path) -> list[Claim]:
    claims = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            claims.append(Claim(**{k: row[k] for k in ("id", "sources", "sentence", "label", "kind", "notes")}))
    return claims


def accepted(claim: Claim, texts: dict[str, str], embedder: Embedder | None, cfg: SupportSettings) -> bool:
    """Whether the verifier keeps the claim's sentence with all of its citations."""
    sources = {i + 1: texts[title] for i, title in enumerate(claim.sources)}
    checked = verify(claim.sentence, sources, embedder, cfg)
    return checked.kept_sentences == 1 and not checked.dropped and len(checked.used) == len(markers(claim.sentence))


def why(claim: Claim, texts: dict[str, str], embedder: Embedder | None, cfg: SupportSettings) -> str:
    """What the verifier said about a claim it rejected."""
    sources = {i + 1: texts[title] for i, title in enumerate(claim.sources)}
    checked = verify(claim.sentence, sources, embedder, cfg)
    said = [f"[{d.n}] {d.detail or d.reason}" for d in checked.dropped] + list(checked.reasons.values())
    return "; ".join(said) or "kept, citations changed"


def rates(claims: list[Claim], verdicts: list[bool]) -> dict[str, float]:
    """Accept rate of each faithful kind and of all faithful claims; reject rate of each
    perturbed kind and of all perturbed ones."""
    by_kind: dict[str, list[bool]] = defaultdict(list)
    for claim, ok in zip(claims, verdicts):
        by_kind[claim.kind].append(ok)
    out: dict[str, float] = {}
    faithful = [ok for c, ok in zip(claims, verdicts) if c.label == "faithful"]
    perturbed = [ok for c, ok in zip(claims, verdicts) if c.label == "perturbed"]
    out["faithful accepted"] = sum(faithful) / max(len(faithful), 1)
    for kind in FAITHFUL_KINDS:
        if by_kind[kind]:
            out[f"  {kind} accepted"] = sum(by_kind[kind]) / len(by_kind[kind])
    out["perturbed rejected"] = 1 - sum(perturbed) / max(len(perturbed), 1)
    for kind in PERTURBED_KINDS:
        if by_kind[kind]:
            out[f"  {kind} rejected"] = 1 - sum(by_kind[kind]) / len(by_kind[kind])
    return out


def source_texts(titles: set[str], papers) -> dict[str, str]:
    """Title -> the text the verifier sees for it, from the indexed papers."""
    from rag.answering.prompting import verification_text

    found = {p.title: p for p in papers if p.title in titles}
    missing = titles - set(found)
    if missing:
        raise SystemExit(f"not in the index: {sorted(missing)}; run `rag ingest` over the seeds first")
    return {t: verification_text(p.title, p.abstract, p.year) for t, p in found.items()}


def evaluate(
    splits: dict[str, list[Claim]],
    papers,
    embedder: Embedder | None,
    cfg: SupportSettings,
    remembered: int = AnswerSettings().remembered_vectors,
):
    """{split: (claims, verdicts, rates)}; `remembered` is the answer settings' `remembered_vectors`."""
    titles = {t for claims in splits.values() for c in claims for t in c.sources}
    texts = source_texts(titles, papers)
    if embedder is not None:  # each source is embedded once, not for every claim citing it (as answering does)
        embedder = RememberedVectors(embedder, remembered)
    out = {}
    for name, claims in splits.items():
        verdicts = [accepted(c, texts, embedder, cfg) for c in claims]
        out[name] = (claims, verdicts, rates(claims, verdicts), texts)
    return out


def texts_of(results) -> dict[str, str]:
    return next(iter(results.values()))[3]


def table(results) -> str:
    names = list(results)
    counts = {n: len(results[n][0]) for n in names}
    lines = ["| | " + " | ".join(f"{n} ({counts[n]})" for n in names) + " |", "|---" * (len(names) + 1) + "|"]
    keys = list(next(iter(results.values()))[2])
    for key in keys:
        lines.append(
            f"| {key.strip()} | " + " | ".join(f"{results[n][2].get(key, float('nan')):.3f}" for n in names) + " |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    from rag import Assistant

    parser = argparse.ArgumentParser(prog="python -m rag.evaluation.claims", description=__doc__.split("\n\n")[0])
    parser.add_argument("--splits", nargs="+", default=["dev", "test"], choices=["dev", "test"])
    parser.add_argument("--evals", type=Path, default=Path("evals"), help="folder holding claims_*.jsonl")
    parser.add_argument("--errors", action="store_true", help="list the claims judged wrongly (dev only)")
    args = parser.parse_args(argv)
    root = args.evals
    assistant = Assistant()
    if not assistant.is_indexed():
        print("the index is empty: run `rag ingest` first", file=sys.stderr)
        return 2
    splits = {s: load(root / f"claims_{s}.jsonl") for s in args.splits}
    answer = assistant.settings.answer
    results = evaluate(splits, assistant.docs.papers(), assistant.embedder, answer.support, answer.remembered_vectors)
    print(table(results))
    if args.errors and "dev" in results:
        claims, verdicts, _, _ = results["dev"]
        for c, ok in zip(claims, verdicts):
            if ok != (c.label == "faithful"):
                print(f"{c.id} {c.kind} {'accepted' if ok else 'rejected'}: {c.sentence}\n    {c.notes}")
                if not ok:
                    print("    why:", why(c, texts_of(results), assistant.embedder, assistant.settings.answer.support))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
