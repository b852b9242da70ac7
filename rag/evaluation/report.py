"""The eval report a person reads: dev and test side by side, then each split in Markdown with
PNG charts (per-kind bars, per-mode comparison, refusal rate against the gate's threshold) and
the failed questions with what was expected and what came back."""

from __future__ import annotations

import json
from pathlib import Path

from rag.evaluation.evaluate import Report

_KIND_METRICS = ["hybrid.recall@10", "citation_recall", "citation_precision", "must_mention"]
_MODE_METRICS = ["recall@5", "recall@10", "recall@20", "mrr", "ndcg@10"]


SIDE_BY_SIDE = [
    ("questions", "overall.questions"),
    ("hybrid Recall@10", "overall.hybrid.recall@10"),
    ("hybrid Recall@20", "overall.hybrid.recall@20"),
    ("hybrid MRR", "overall.hybrid.mrr"),
    ("citation recall", "overall.citation_recall"),
    ("citation recall, surveys", "survey.citation_recall"),
    ("survey Recall@20 (retrieval)", "survey.hybrid.recall@20"),
    ("citation precision", "overall.citation_precision"),
    ("citation precision, surveys", "survey.citation_precision"),
    ("citation validity", "overall.citation_validity"),
    ("must mention", "overall.must_mention"),
    ("false refusals (answerable)", "overall.false_refusal_rate"),
    ("refusal (unanswerable)", "unanswerable.refusal_rate"),
]


def metric(report: Report, key: str) -> float | None:
    scope, name = key.split(".", 1)
    table = report.overall if scope == "overall" else report.by_kind.get(scope, {})
    return table.get(name)


def side_by_side(reports: dict[str, Report]) -> str:
    """The splits' headline figures as one Markdown table, a column per split."""
    names = list(reports)
    lines = ["| metric | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
    for label, key in SIDE_BY_SIDE:
        cells = []
        for name in names:
            value = metric(reports[name], key)
            cells.append("" if value is None else (str(int(value)) if key.endswith("questions") else f"{value:.3f}"))
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def write(reports: dict[str, Report], folder: Path, titles: dict[str, str]) -> Path:
    """Write report.md, report.json and the charts into `folder` (a sub-folder per split);
    returns the Markdown path. `titles` maps paper id -> title, to show papers by name."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "report.json").write_text(json.dumps({n: r.model_dump() for n, r in reports.items()}, indent=2))
    _refusal_chart(reports, folder / "refusal.png")
    parts = ["# Eval report", "", side_by_side(reports), "", "![refusal against the gate's threshold](refusal.png)", ""]
    for name, report in reports.items():
        sub = folder / name
        sub.mkdir(exist_ok=True)
        _charts(report, sub)
        parts.append(_markdown(report, titles, prefix=f"{name}/", heading=f"{name}: {report.questions_file}"))
    md = folder / "report.md"
    md.write_text("\n".join(parts))
    return md


def _refusal_chart(reports: dict[str, Report], path: Path) -> None:
    """Share refused against the gate's threshold, for answerable and unanswerable questions of
    each split (the questions the gate decides: those with a gate probability)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    from rag.settings import Settings

    fig, ax = plt.subplots(figsize=(8, 4.2), dpi=110)
    thresholds = np.linspace(0, 1, 201)
    styles = {"dev": "-", "test": "--"}
    for name, report in reports.items():
        for label, answerable, color in (
            ("answerable (false refusals)", True, "tab:red"),
            ("unanswerable (refusals)", False, "tab:blue"),
        ):
            scores = np.array(
                [q.gate for q in report.questions if q.gate is not None and (q.kind != "unanswerable") == answerable]
            )
            if not len(scores):
                continue
            ax.plot(
                thresholds,
                [(scores < t).mean() for t in thresholds],
                styles.get(name, ":"),
                color=color,
                label=f"{name}: {label}, n={len(scores)}",
            )
    ax.axvline(Settings().answer.gate.threshold, color="grey", lw=1, label="the gate's threshold")
    ax.set_xlabel("threshold on the gate's probability")
    ax.set_ylabel("share refused")
    ax.set_ylim(-0.02, 1.02)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=7, loc="center right")
    ax.set_title("Refusal rate against the threshold")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


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


def _markdown(report: Report, titles: dict[str, str], prefix: str = "", heading: str = "") -> str:
    o = report.overall
    lines = [
        f"## {heading or report.questions_file}",
        "",
        f"{int(o['questions'])} questions. Citation validity {_fmt(o.get('citation_validity'))}, "
        f"refusal on unanswerable {_fmt(o.get('refusal_rate'))}, false refusals {_fmt(o.get('false_refusal_rate'))}.",
        "",
        f"![per kind]({prefix}by_kind.png)",
        "",
        f"![per mode]({prefix}by_mode.png)",
        "",
        "### Retrieval by mode",
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
    lines += ["", "### By kind", "", "| kind | " + " | ".join(cols) + " |", "|---|" + "---|" * len(cols)]
    for kind, row in report.by_kind.items():
        cells = [str(int(row["questions"]))] + [_fmt(row.get(c, "")) for c in cols[1:]]
        lines.append(f"| {kind} | " + " | ".join(cells) + " |")
    lines += ["", "### Latency (ms)", "", "| stage | p50 | p95 |", "|---|---|---|"]
    lines += [f"| {stage} | {v['p50']:.1f} | {v['p95']:.1f} |" for stage, v in report.latency.items()]
    failed = [q for q in report.questions if q.failures]
    lines += ["", f"### Failed questions ({len(failed)})", ""]
    for q in failed:
        lines += [
            f"#### {q.id} ({q.kind}): {q.question}",
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
        f"### Answers with a notice ({len(noticed)})",
        "",
        "What the assistant said about its own answer: a fallback, a year left out, a name no source mentions.",
        "",
    ]
    lines += [f"- {q.id} ({q.kind}): {q.notice}" for q in noticed]
    return "\n".join(lines) + "\n"
