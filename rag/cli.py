"""`rag`: the command line over `Assistant`. Every command that prints results takes `--json`
(one JSON document on stdout); logs and progress go to stderr. Errors are one line on stderr
and exit code 2, never a traceback."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import get_args

from rag import offline
from rag.assistant import Assistant
from rag.errors import RagError
from rag.retrieval.types import Filters, Hit
from rag.settings import RetrievalMode, Settings
from rag.text.invisible import visible

log = logging.getLogger("rag")
_EXPECTED = (RagError, ValueError)  # each says what to do: printed as one line


def _add_filters(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("filters")
    group.add_argument("--year", type=int, help="only this year")
    group.add_argument("--year-from", type=int, help="this year or later")
    group.add_argument("--year-to", type=int, help="this year or earlier")
    group.add_argument("--venue", help="venue, e.g. ICML, NeurIPS, ECCV, Lecture")
    group.add_argument("--source", help="source file name or its start, e.g. 002")
    group.add_argument("--kind", choices=["paper", "lecture"])
    group.add_argument("--author", help='an author\'s name, or whole words of it ("tramer", "Florian Tramer")')
    group.add_argument("--presentation", help="Oral, Spotlight (session pages)")
    group.add_argument("--paper", help="only this document id")


def _filters(args: argparse.Namespace) -> Filters | None:
    fields = {k: getattr(args, k, None) for k in Filters.model_fields}
    return Filters(**fields) if any(v is not None for v in fields.values()) else None


def _emit(args: argparse.Namespace, payload: dict, text: Callable[[], str]) -> None:
    if args.json:
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:  # text from documents or a model may carry terminal escapes: printed without them
        sys.stdout.write(visible(text()) + "\n")


def cmd_ingest(assistant: Assistant, args: argparse.Namespace) -> int:
    report = assistant.ingest(args.paths or None, prune=args.prune)
    for problem in report.problems:
        log.warning("%s", problem)
    payload = {k: v for k, v in vars(report).items() if k != "problems"}
    payload["problems"] = [{"file": p.file, "line": p.line, "message": p.message} for p in report.problems]
    payload["documents"] = assistant.docs.count()
    _emit(
        args,
        payload,
        lambda: (
            f"{report.papers} documents read: {report.added} added, {report.updated} updated, "
            f"{report.unchanged} unchanged, {report.removed} removed; {report.embedded} chunks embedded, "
            f"{report.cached} from the embedding cache; "
            f"{len(report.problems)} lines skipped; {payload['documents']} documents indexed "
            f"({report.seconds:.1f} s)"
        ),
    )
    return 0


def hit_json(hit: Hit) -> dict:
    return {
        "rank": hit.rank,
        "score": round(hit.score, 6),
        **hit.paper.record(),
        "section": hit.section,
        "passage": hit.passage,
    }


def cmd_search(assistant: Assistant, args: argparse.Namespace) -> int:
    hits = assistant.search(args.query, args.k, mode=args.mode, filters=_filters(args))

    def text() -> str:
        if not hits:
            return "no matching documents"
        lines = []
        for h in hits:
            where = ", ".join(str(x) for x in (h.paper.venue, h.paper.year) if x)
            lines.append(f"{h.rank:>2}. {h.paper.title}" + (f" ({where})" if where else "") + f"  [{h.paper.id}]")
            if h.section:
                lines.append(f"    slide: {h.section}")
            lines.append(f"    {h.passage[:220]}{'...' if len(h.passage) > 220 else ''}")
        return "\n".join(lines)

    _emit(
        args,
        {"query": args.query, "mode": args.mode or assistant.settings.search.mode, "hits": [hit_json(h) for h in hits]},
        text,
    )
    return 0


def cmd_papers(assistant: Assistant, args: argparse.Namespace) -> int:
    papers = assistant.papers(_filters(args))
    if args.bibtex:
        _bibtex(papers)
        return 0
    rows = [p.record() for p in papers]
    _emit(
        args,
        {"count": len(rows), "papers": rows},
        lambda: (
            "\n".join(f"{r['id']}  {r['title']}  ({r['venue'] or '-'}, {r['year'] or '-'})" for r in rows)
            + f"\n{len(rows)} documents"
        ),
    )
    return 0


def _bibtex(papers) -> None:
    from rag.corpus.bibliography import to_bibtex

    sys.stdout.write(to_bibtex(papers))


def cmd_ask(assistant: Assistant, args: argparse.Namespace) -> int:
    answer = assistant.ask(args.question, filters=_filters(args))
    if args.bibtex:
        _bibtex(c.paper for c in answer.citations)
        return 0
    _emit(args, answer.to_json(), answer.to_markdown)
    return 0


def cmd_plan(assistant: Assistant, args: argparse.Namespace) -> int:
    read = assistant.plan(args.question, history=args.history or None, filters=_filters(args))

    def text() -> str:
        lines = [f"How the question is read: {read.describe()}", f"search: {read.search_text or '(nothing)'}"]
        if read.focus:
            lines.append(f"focus: {read.focus}")
        lines += [f"note: {n}" for n in read.notices]
        lines += [f"- {r}" for r in read.reasons]
        return "\n".join(lines)

    _emit(args, read.to_json(), text)
    return 0


def cmd_summarise(assistant: Assistant, args: argparse.Namespace) -> int:
    summary = assistant.summarise(args.topic)
    if args.bibtex:
        _bibtex(c.paper for c in summary.citations)
        return 0
    _emit(args, summary.to_json(), summary.to_markdown)
    return 0


def cmd_eval(assistant: Assistant, args: argparse.Namespace) -> int:
    from rag.evaluation import evaluate
    from rag.evaluation import report as eval_report

    if args.questions:
        files = {path.stem: path for path in args.questions}
    else:
        files = {name: args.evals / f"{name}.jsonl" for name in (args.split or evaluate.SPLITS)}
    reports = evaluate.run_splits(assistant, files, tuple(args.mode or evaluate.ALL_MODES))
    if args.json:
        args.json.write_text(json.dumps({n: r.model_dump() for n, r in reports.items()}, indent=2))
    if args.report:
        path = eval_report.write(reports, args.report, {p.id: p.title for p in assistant.papers()})
        log.warning("report written to %s", path)
    thresholds = json.loads(args.thresholds.read_text()) if args.thresholds else {}
    failures = evaluate.check_splits(reports, thresholds)
    print(eval_report.side_by_side(reports))
    for line in failures:
        print(f"below threshold: {line}")
    return 1 if failures else 0


def cmd_distil(assistant: Assistant, args: argparse.Namespace) -> int:
    from rag.corpus.loaders import stream
    from rag.embedding import distil

    settings = assistant.settings
    if args.paths:
        papers = stream(args.paths)
    elif assistant.is_indexed():
        papers = assistant.docs.iter_papers()
    else:
        papers = stream(settings.corpus)
    out = args.out or settings.model_cache / "minilm-distilled"
    recipe = distil.Recipe(**{k: v for k, v in (("epochs", args.epochs), ("max_papers", args.max_papers)) if v})

    def progress(step: int, steps: int, loss: float) -> None:
        print(f"step {step}/{steps}, loss {loss:.4f}", file=sys.stderr, flush=True)

    from rag.embedding.onnx import OnnxEmbedder

    # The teacher is always the packaged model (RAG_MODEL_PATH may name a student), converted in the model cache.
    teacher = OnnxEmbedder("onnx", cache=settings.model_cache, workers=settings.embed_workers or os.cpu_count() or 1)
    report = distil.distil(papers, out, recipe, teacher=teacher, progress=progress)
    _emit(
        args,
        report.model_dump(),
        lambda: (
            f"student written to {out}: {report.texts} texts, {report.steps} steps, {report.seconds / 60:.1f} min; "
            f"cosine to the teacher on held-out texts {report.cosine_before:.3f} untrained, {report.cosine_after:.3f} "
            f"trained.\nUse it with RAG_MODEL_PATH={out} RAG_EMBEDDER=onnx-int8, on a new index (another RAG_HOME "
            "or RAG_COLLECTION): its vectors are not the packaged model's.\nThe refusal gate "
            "(RAG_ANSWER__MIN_SIMILARITY) "
            ""
            "is calibrated for the packaged model and held for the seed corpus's student "
            "(evals/calibration-student.md); "
            "check it for yours with bench/calibrate.py on questions with known answers."
        ),
    )
    return 0


def _recipe_defaults() -> dict:
    """`rag distil`'s defaults for its help text, read from the Recipe fields (rag.embedding.distil imports
    no torch at module level, so this costs nothing at start-up)."""
    from rag.embedding.distil import Recipe

    return {name: field.default for name, field in Recipe.model_fields.items()}


def cmd_mcp(assistant: Assistant, args: argparse.Namespace) -> int:
    from rag.mcp_server import serve

    return serve(assistant)


def cmd_prepare(assistant: Assistant, args: argparse.Namespace) -> int:
    prepare = getattr(assistant.embedder, "prepare", None)
    path = prepare() if prepare else None
    _emit(
        args,
        {"embedder": assistant.embedder.name, "model": str(path) if path else None},
        lambda: f"{assistant.embedder.name}: " + (f"model ready at {path}" if path else "nothing to prepare"),
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="rag", description="Search and cited answers over ML paper abstracts.")
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging on stderr")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", help="index corpus files (default: seeds/)")
    p.add_argument("paths", nargs="*", type=Path, help="files or folders: seed pages, .jsonl, .csv, arXiv dumps")
    p.add_argument("--prune", action="store_true", help="drop indexed documents not found in these paths")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_ingest)

    p = sub.add_parser("search", help="find papers for a query")
    p.add_argument("query")
    p.add_argument("-k", type=int, default=None, help="how many papers (default 10)")
    p.add_argument("--mode", choices=list(get_args(RetrievalMode)), default=None)
    p.add_argument("--json", action="store_true")
    _add_filters(p)
    p.set_defaults(run=cmd_search)

    p = sub.add_parser("ask", help="answer a question with citations")
    p.add_argument("question")
    p.add_argument("--json", action="store_true")
    p.add_argument("--bibtex", action="store_true", help="print the cited (or listed) papers as BibTeX")
    _add_filters(p)
    p.set_defaults(run=cmd_ask)

    p = sub.add_parser("plan", help="how a question is read: intent, filters, hints, comparison subjects, reasons")
    p.add_argument("question")
    p.add_argument(
        "--history",
        action="append",
        metavar="QUESTION",
        help="an earlier question of the conversation (repeatable, oldest first)",
    )
    p.add_argument("--json", action="store_true")
    _add_filters(p)
    p.set_defaults(run=cmd_plan)

    p = sub.add_parser("summarise", aliases=["summarize"], help="a cited literature summary of a topic")
    p.add_argument("topic")
    p.add_argument("--json", action="store_true")
    p.add_argument("--bibtex", action="store_true", help="print the cited (or listed) papers as BibTeX")
    p.set_defaults(run=cmd_summarise)

    p = sub.add_parser("eval", help="run the eval questions: dev and the frozen test split side by side")
    p.add_argument("--split", action="append", choices=["dev", "test"], help="which split (repeatable; default both)")
    p.add_argument("--evals", type=Path, default=Path("evals"), help="folder holding dev.jsonl and test.jsonl")
    p.add_argument("--questions", action="append", type=Path, help="other question files, each reported apart")
    p.add_argument(
        "--mode",
        action="append",
        choices=list(get_args(RetrievalMode)),
        help="retrieval modes to compare (repeatable; default: all)",
    )
    p.add_argument("--json", type=Path, metavar="OUT", help="write the full reports as JSON")
    p.add_argument("--report", type=Path, metavar="DIR", help="write report.md with charts")
    p.add_argument(
        "--thresholds", type=Path, help="fail (exit 1) if metrics drop below these (keys: split.scope.metric)"
    )
    p.set_defaults(run=cmd_eval)

    p = sub.add_parser("prepare", help="convert the embedding model for ONNX Runtime (done once, at set-up)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_prepare)

    p = sub.add_parser("distil", help="train a faster 3-layer embedder from the packaged one on the corpus's text")
    p.add_argument(
        "paths",
        nargs="*",
        type=Path,
        help="corpus files or folders (default: the indexed papers, else the configured corpus)",
    )
    p.add_argument("--out", type=Path, help="model folder to write (default: <model cache>/minilm-distilled)")
    recipe = _recipe_defaults()
    p.add_argument("--epochs", type=float, help=f"passes over the training texts (default {recipe['epochs']:g})")
    p.add_argument(
        "--max-papers", type=int, help=f"papers sampled from a larger corpus (default {recipe['max_papers']})"
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_distil)

    p = sub.add_parser(
        "mcp", help="serve the assistant to MCP clients over stdio (tools: search, ask, summarise, papers)"
    )
    p.set_defaults(run=cmd_mcp)

    p = sub.add_parser("papers", help="list indexed documents")
    p.add_argument("--json", action="store_true")
    p.add_argument("--bibtex", action="store_true", help="print the cited (or listed) papers as BibTeX")
    _add_filters(p)
    p.set_defaults(run=cmd_papers)
    return parser


def main(argv: list[str] | None = None) -> int:
    offline.configure()
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        stream=sys.stderr,
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        assistant = Assistant(Settings())
        return args.run(assistant, args)
    except _EXPECTED as exc:
        print(f"rag: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return 0
    except Exception as exc:  # a bug or an unforeseen failure: one line, the details with -v
        log.debug("unexpected error", exc_info=True)
        print(f"rag: unexpected error: {type(exc).__name__}: {exc} (run with -v for details)", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("rag: interrupted; what was committed is kept, run the command again to finish", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
