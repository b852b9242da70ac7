"""The web UI: a chat with streamed, cited answers, topic summaries and paper search.

Presentation only: every answer, summary and search comes from `rag.Assistant`; this file turns
them into HTML. `python app.py` binds 127.0.0.1:7860 (RAG_UI_HOST, RAG_UI_PORT), asks for a login
when RAG_UI_AUTH=user:password is set, and indexes the configured corpus on first start with its
progress in the status line.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sys
import threading
from pathlib import Path

from rag import Assistant, offline
from rag.answering.events import Delta, Final, Reset
from rag.answering.models import Citation
from rag.corpus.bibliography import to_bibtex
from rag.retrieval.types import Filters, QueryError
from rag.ui import render
from rag.ui.indexing import UPLOAD_SUFFIXES, Indexer, Outcome, report_text

log = logging.getLogger("rag.app")
EXAMPLES = [
    "What has been proposed against robust overfitting?",
    "How does group normalization avoid depending on the batch size?",
    "What does the lecture say about FGSM?",
    "Which NeurIPS 2019 orals are in the corpus?",
]
# Abstracts write their math inline as $...$ ("$50\\%$", "$\\ell_\\infty$"); quoted answers show it typeset.
LATEX: list[dict[str, str | bool]] = [
    {"left": "$$", "right": "$$", "display": True},
    {"left": "$", "right": "$", "display": False},
]
FAILED = "Sorry, that failed on our side (the details are in the server's log). Try again, or rephrase the question."
CSS = """
.cite { font-weight: 600; text-decoration: none; color: var(--color-accent); }
.card { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: 6px 10px; margin: 6px 0; }
.card summary { cursor: pointer; }
.card .meta { color: var(--body-text-color-subdued); font-size: 0.9em; }
.card mark { background: #fff3b0; color: inherit; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 0.8em;
         background: var(--background-fill-secondary); border: 1px solid var(--border-color-primary); }
.nearest { opacity: 0.85; }
.draft { color: var(--body-text-color-subdued); }
.plan summary, .notice { color: var(--body-text-color-subdued); font-size: 0.9em; }
"""


def status_line(assistant: Assistant, indexer: Indexer) -> str:
    if indexer.error:
        return f"Indexing failed: {render.text(indexer.error)}"
    if indexer.running:
        what = "Adding the uploaded papers" if indexer.uploading else "Indexing the corpus for the first time"
        return f"{what}: {indexer.done} of {indexer.total or '…'} documents done."
    llm = f"LLM: {assistant.settings.llm.model}" if assistant.llm else "no LLM configured: answers are extractive"
    return render.text(f"{assistant.docs.count()} documents indexed · {assistant.backend} · {llm}")


_EXPORTS_LOCK = threading.Lock()  # answers are worked on at once (RAG_UI_CONCURRENCY): one writer/pruner


def keep_export(exports: Path, text: str, kept: int) -> Path:
    """Write `text` under `exports`, named by its content (the same references are one file,
    touched again so it is the newest), and remove the least recently written files past the
    newest `kept`."""
    with _EXPORTS_LOCK:
        exports.mkdir(parents=True, exist_ok=True)
        path = exports / f"references-{hashlib.sha1(text.encode()).hexdigest()[:12]}.bib"
        if path.exists():  # named by its content: the same text, made the newest without rewriting it
            os.utime(path)
            return path
        path.write_text(text, encoding="utf-8")
        dated = []
        for file in exports.glob("references-*.bib"):
            try:
                dated.append((file.stat().st_mtime_ns, file))
            except FileNotFoundError:  # removed by hand meanwhile
                continue
        for _, old in sorted(dated, reverse=True)[kept:]:
            if old != path:
                old.unlink(missing_ok=True)
        return path


def filter_choices(assistant: Assistant) -> tuple[list[str], list[str], list[str]]:
    """Years, venues and source files of the indexed papers, each after "any"."""
    cards = assistant.cards()
    return (
        ["any"] + sorted({str(c.year) for c in cards if c.year}, reverse=True),
        ["any"] + sorted({c.venue for c in cards if c.venue}),
        ["any"] + sorted({f for c in cards for f in c.files}),
    )


def _outcome_html(ended: Outcome) -> str:
    """An upload's outcome for its session: why it failed, or the counts and every entry skipped."""
    if ended.error:
        return f'<p class="notice">Not added: {render.text(ended.error)}</p>'
    if ended.report is None:
        return ""
    head, *skipped = report_text(ended.report).splitlines()
    items = "".join(f"<li><code>{render.text(line)}</code></li>" for line in skipped)
    return f"<p>{render.text(head)}</p>" + (f"<ul>{items}</ul>" if items else "")


def build(assistant: Assistant, indexer: Indexer):
    import gradio as gr

    exports = assistant.home / "exports"

    def bib_link(papers) -> str | None:
        """A link to the papers as BibTeX, written under RAG_HOME/exports (named by content), or None."""
        if not papers:
            return None
        try:
            path = keep_export(exports, to_bibtex(papers), assistant.settings.ui_exports_kept)
        except OSError:  # a full or read-only disk costs the download link, not the answer
            log.exception("writing the references file failed")
            return None
        return f"/gradio_api/file={path.resolve()}"

    def upload(files, uploaded: dict):
        uploaded = dict(uploaded)
        if not files:
            return "Choose a .bib, .json, .jsonl or .csv file first.", uploaded, gr.update()
        # gradio keeps each upload in a folder of its own under the name the user's file had
        ticket, said = indexer.add([Path(getattr(f, "name", f)) for f in files])
        if ticket is None:
            return render.text(said), uploaded, gr.update()
        # this session is told that ingest's outcome; an earlier one's, shown, no longer stands for it
        uploaded["tickets"] = [*uploaded["tickets"], ticket][-Indexer.KEPT_OUTCOMES :]
        return render.text(said), uploaded, gr.update(value="")

    def respond(message: str, chat: list, asked: list):
        chat = list(chat or [])
        asked = list(asked or [])
        chat += [{"role": "user", "content": render.user_message(message or "")}, {"role": "assistant", "content": ""}]
        turn = len(asked) + 1
        if not (message or "").strip():
            chat[-1]["content"] = "Please type a question, or pick one of the examples."
            yield chat, asked, ""
            return
        if indexer.running:
            chat[-1]["content"] = "The corpus is still being indexed (see the status line); ask again in a moment."
            yield chat, asked, ""
            return
        try:
            shown = ""
            for event in assistant.stream(message, history=asked):
                if isinstance(event, Delta):
                    shown += event.text
                    chat[-1]["content"] = render.draft(shown)
                elif isinstance(event, Reset):
                    shown = ""
                    chat[-1]["content"] = ""
                elif isinstance(event, Final):
                    papers = [c.paper for c in event.answer.citations]
                    chat[-1]["content"] = render.render_answer(event.answer, turn, bib=bib_link(papers))
                yield chat, asked, ""
            asked.append(message)
        except QueryError as exc:
            chat[-1]["content"] = render.text(f"{exc}.")
        except Exception:  # logged in full; the user gets a sentence, never the exception's text
            log.exception("answer failed")
            chat[-1]["content"] = FAILED
        yield chat, asked, ""

    def summarise(topic: str):
        if not (topic or "").strip():
            return "Type a topic, e.g. <i>robust overfitting</i>."
        try:
            summary = assistant.summarise(topic)
            return render.render_summary(summary, bib=bib_link([c.paper for c in summary.citations]))
        except QueryError as exc:
            return render.text(f"{exc}.")
        except Exception:
            log.exception("summary failed")
            return FAILED

    def search(query: str, year: str, venue: str, source: str, k: int):
        filters = Filters(
            year=int(year) if year and year != "any" else None,
            venue=venue if venue and venue != "any" else None,
            source=source if source and source != "any" else None,
        )
        try:
            hits = assistant.search(query, int(k), filters=filters)
        except QueryError as exc:
            return render.text(f"{exc}."), gr.update(choices=[], value=None)
        cards = (
            "".join(
                render.source_card(Citation(n=h.rank, paper=h.paper, passage=h.passage, section=h.section), -1)
                for h in hits
            )
            or "No matching papers."
        )
        choices = [(f"[{h.rank}] {h.paper.title}", h.paper.id) for h in hits]  # a dropdown shows labels as text
        return cards, gr.update(choices=choices, value=choices[0][1] if choices else None)

    def ask_paper(paper_id: str, question: str):
        if not paper_id:
            return "Search first, then pick a paper."
        if not (question or "").strip():
            return "Type a question about the paper."
        try:
            answer = assistant.ask(question, paper=paper_id)
            return render.render_answer(answer, 99, bib=bib_link([c.paper for c in answer.citations]))
        except QueryError as exc:
            return render.text(f"{exc}.")
        except Exception:
            log.exception("answer about one paper failed")
            return FAILED

    years, venues, sources = filter_choices(assistant)

    def tick(seen: dict, uploaded: dict):
        """Every 2 s, for each browser session (`seen`, its own state): the status line; the
        filter choices when the index changed since this session last got them (a new or
        reloaded page gets them on its first tick); the outcome of this session's last upload
        (`uploaded`), once. Each state has one writer: a tick that began before an upload was
        added would otherwise write back the state it read, and the outcome would never be told."""
        seen = dict(seen)
        version = assistant.cards_version  # before the cards: a newer catalogue is then pushed again
        outcome = gr.update()
        told = []  # this session's uploads whose ingests ended since it was last told (ingests end in turn)
        for ticket in (t for t in uploaded["tickets"] if t > seen["told"]):
            if (ended := indexer.outcome(ticket)) is None:
                break
            told.append(ended)
            seen["told"] = ticket
        if told:
            outcome = gr.update(value="".join(_outcome_html(ended) for ended in told))
        if version == seen["version"]:
            return status_line(assistant, indexer), gr.update(), gr.update(), gr.update(), outcome, seen
        seen["version"] = version  # not docs.version: mid-ingest, the cards are still the old ones
        choices = (gr.update(choices=c) for c in filter_choices(assistant))
        return status_line(assistant, indexer), *choices, outcome, seen

    with gr.Blocks(title="rag: cited answers from ML papers") as demo:
        gr.Markdown("## Research assistant · cited answers from the paper corpus")
        status = gr.Markdown(status_line(assistant, indexer), elem_id="status")
        timer = gr.Timer(2.0)
        # per browser session (gradio copies the default for each): the index version its filters
        # show (None: not sent yet) and the ticket of the last upload whose outcome it was told (the tick
        # writes it); the tickets of its uploads that started an ingest (upload writes them)
        seen = gr.State({"version": None, "told": 0})
        uploaded = gr.State({"tickets": []})
        with gr.Tab("Ask"):
            asked = gr.State([])
            chat = gr.Chatbot(
                elem_id="chat",
                height=560,
                show_label=False,
                placeholder="Ask about the papers in the corpus. "
                "Every claim in an answer cites the paper it comes from.",
                sanitize_html=True,
                buttons=["copy"],
                latex_delimiters=LATEX,
            )
            with gr.Row():
                box = gr.Textbox(
                    placeholder="e.g. What has been proposed against robust overfitting?",
                    scale=8,
                    show_label=False,
                    elem_id="question",
                    max_lines=6,
                )
                send = gr.Button("Ask", variant="primary", scale=1, elem_id="ask")
            gr.Examples(EXAMPLES, inputs=box, label="Try")
            box.submit(respond, [box, chat, asked], [chat, asked, box], api_name="ask")
            send.click(respond, [box, chat, asked], [chat, asked, box], api_visibility="private")
        with gr.Tab("Summarise a topic"):
            with gr.Row():
                topic = gr.Textbox(value="robust overfitting", show_label=False, scale=8, elem_id="topic")
                go = gr.Button("Summarise", variant="primary", scale=1, elem_id="summarise")
            summary = gr.Markdown(elem_id="summary", sanitize_html=True, latex_delimiters=LATEX)
            go.click(summarise, topic, summary, api_name="summarise")
            topic.submit(summarise, topic, summary, api_visibility="private")
        with gr.Tab("Search papers"):
            with gr.Row():
                query = gr.Textbox(placeholder="keywords or a question", show_label=False, scale=6, elem_id="query")
                k = gr.Slider(1, 30, value=10, step=1, label="results", scale=2)
            with gr.Row():
                year = gr.Dropdown(years, value="any", label="year", elem_id="year")
                venue = gr.Dropdown(venues, value="any", label="venue", elem_id="venue")
                source = gr.Dropdown(sources, value="any", label="source file", elem_id="source")
                find = gr.Button("Search", variant="primary", elem_id="search")
            results = gr.HTML(elem_id="results")
            with gr.Row():
                pick = gr.Dropdown([], label="ask about this paper", scale=4, elem_id="pick", allow_custom_value=True)
                about = gr.Textbox(
                    placeholder="a question about the chosen paper", show_label=False, scale=5, elem_id="about"
                )
                ask_one = gr.Button("Ask", scale=1, elem_id="ask-paper")
            paper_answer = gr.Markdown(elem_id="paper-answer", sanitize_html=True, latex_delimiters=LATEX)
            find.click(search, [query, year, venue, source, k], [results, pick], api_name="search")
            query.submit(search, [query, year, venue, source, k], [results, pick], api_visibility="private")
            ask_one.click(ask_paper, [pick, about], paper_answer, api_name="ask_paper")
        with gr.Tab("Your papers"):
            gr.Markdown(
                "Add your own papers: a BibTeX (.bib) or CSL-JSON export from Zotero, JabRef or Google "
                "Scholar, or JSONL/CSV records. They are kept under the app's data folder and indexed "
                "with the rest; entries that cannot be read are listed below with file and line."
            )
            files = gr.File(file_count="multiple", file_types=list(UPLOAD_SUFFIXES), label="files", elem_id="upload")
            add = gr.Button("Add to the corpus", variant="primary", elem_id="add")
            said = gr.Markdown(elem_id="upload-said", sanitize_html=True)
            added = gr.HTML(elem_id="upload-report")
            add.click(upload, [files, uploaded], [said, uploaded, added], api_visibility="private")
        timer.tick(
            tick, inputs=[seen, uploaded], outputs=[status, year, venue, source, added, seen], api_visibility="private"
        )
    return demo


def main() -> int:
    offline.configure()  # before gradio is imported: no analytics
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    assistant = Assistant()
    indexer = Indexer(assistant)
    demo = build(assistant, indexer)
    exports = assistant.home / "exports"
    exports.mkdir(parents=True, exist_ok=True)
    auth = None
    if assistant.settings.ui_auth:
        user, _, password = assistant.settings.ui_auth.get_secret_value().partition(":")
        if not user or not password:
            print("RAG_UI_AUTH must be user:password", file=sys.stderr)
            return 2
        auth = (user, password)
    import gradio as gr

    demo.queue(default_concurrency_limit=assistant.settings.ui_concurrency).launch(
        server_name=assistant.settings.ui_host,
        server_port=assistant.settings.ui_port,
        auth=auth,
        share=False,
        ssr_mode=False,
        show_error=False,
        theme=gr.themes.Soft(),
        css=CSS,
        footer_links=[],
        prevent_thread_lock=True,
        allowed_paths=[str(exports)],  # the .bib downloads, and nothing else of RAG_HOME
    )
    indexer.start()  # after the page is up, so the first start shows its progress instead of a blank minute
    demo.block_thread()
    return 0


if __name__ == "__main__":
    sys.exit(main())
