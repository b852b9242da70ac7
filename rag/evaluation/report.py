"""The eval report a person reads: Markdown with PNG charts (per-kind bars, per-mode
comparison) and the failed questions with what was expected and what came back."""

from __future__ import annotations

import json
from pathlib import Path

from rag.evaluation.evaluate import Report

_KIND_METRICS = ["hybrid.recall@10", "citation_recall", "citation_precision", "must_mention"]
_MODE_METRICS = ["recall@5", "recall@10", "recall@20", "mrr", "ndcg@10"]


def write(report: Report, folder: Path, titles: dict[str, str]) -> Path:
    """Write report.md, report.json and the charts into `folder`; returns the Markdown path.
    `titles` maps paper id -> title, to show expected and cited papers by name."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "report.json").write_text(json.dumps(report.model_dump(), indent=2))
    _charts(report, folder)
    md = folder / "report.md"
    md.write_text(_markdown(report, titles))
    return md


def _charts(report: Report, folder: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    kinds = [k for k in report.by_kind if k != "unanswerable"]
    fig, ax = plt.subplots(figsize=(9, 4.2), dpi=110)
    width = 0.8 / len(_KIND_METRICS)
    for i, metric in enumerate(_KIND_METRICS):
        values = [report.by_kind[k].get(metric, np.nan) for k in kinds]
        ax.bar(np.arange(len(kinds)) + i * width, values, width, label=metric)
    ax.set_xticks(np.arange(len(kinds)) + width * (len(_KIND_METRICS) - 1) / 2, kinds)
    ax.set_ylim(0, 1.05)
    ax.set_title("Per question kind (answerable questions)")
    ax.legend(loc="lower right", fontsize=8)
    ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    fig.savefig(folder / "by_kind.png")
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(8, 4), dpi=110)
    width = 0.8 / len(report.modes)
    for i, mode in enumerate(report.modes):
        values = [report.by_mode[mode][m] for m in _MODE_METRICS]
        ax.bar(np.arange(len(_MODE_METRICS)) + i * width, values, width, label=mode)
    ax.set_xticks(np.arange(len(_MODE_METRICS)) + width * (len(report.modes) - 1) / 2, _MODE_METRICS)
    ax.set_ylim(0, 1.05)
    ax.set_title("Retrieval by mode (paper level)")
    ax.legend(fontsize=8)
    ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    fig.savefig(folder / "by_mode.png")
    plt.close(fig)


def _fmt(value) -> str:
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def _markdown(report: Report, titles: dict[str, str]) -> str:
    o = report.overall
    lines = [
        f"# Eval report: {report.questions_file}",
        "",
        f"{int(o['questions'])} questions. Citation validity {_fmt(o.get('citation_validity'))}, "
        f"refusal on unanswerable {_fmt(o.get('refusal_rate'))}, false refusals {_fmt(o.get('false_refusal_rate'))}.",
        "",
        "![per kind](by_kind.png)",
        "",
        "![per mode](by_mode.png)",
        "",
        "## Retrieval by mode",
        "",
        "| mode | " + " | ".join(_MODE_METRICS) + " | p50 ms |",
        "|---|" + "---|" * (len(_MODE_METRICS) + 1),
    ]
    for mode, row in report.by_mode.items():
        lines.append(f"| {mode} | " + " | ".join(_fmt(row[m]) for m in _MODE_METRICS) + f" | {row['latency_p50_ms']} |")
    cols = [
        "questions",
        "hybrid.recall@10",
        "hybrid.mrr",
        "citation_recall",
        "citation_precision",
        "citation_validity",
        "must_mention",
        "refusal_rate",
        "false_refusal_rate",
    ]
    lines += ["", "## By kind", "", "| kind | " + " | ".join(cols) + " |", "|---|" + "---|" * len(cols)]
    for kind, row in report.by_kind.items():
        cells = [str(int(row["questions"]))] + [_fmt(row.get(c, "")) for c in cols[1:]]
        lines.append(f"| {kind} | " + " | ".join(cells) + " |")
    lines += ["", "## Latency (ms)", "", "| stage | p50 | p95 |", "|---|---|---|"]
    lines += [f"| {stage} | {v['p50']:.1f} | {v['p95']:.1f} |" for stage, v in report.latency.items()]
    failed = [q for q in report.questions if q.failures]
    lines += ["", f"## Failed questions ({len(failed)})", ""]
    for q in failed:
        lines += [
            f"### {q.id} ({q.kind}): {q.question}",
            "",
            "- " + "; ".join(q.failures),
            "- expected: " + ("; ".join(titles.get(i, i) for i in q.expected) or "a refusal"),
            "- cited: " + ("; ".join(titles.get(i, i) for i in q.cited) or ("refused" if q.refused else "nothing")),
            "- hybrid top 5: " + "; ".join(titles.get(i, i)[:60] for i in q.ranked.get("hybrid", [])[:5]),
            "",
        ]
    noticed = [q for q in report.questions if q.notice]
    lines += [
        "",
        f"## Answers with a notice ({len(noticed)})",
        "",
        "What the assistant said about its own answer: a fallback, a year left out, a name no source mentions.",
        "",
    ]
    lines += [f"- {q.id} ({q.kind}): {q.notice}" for q in noticed]
    return "\n".join(lines) + "\n"
