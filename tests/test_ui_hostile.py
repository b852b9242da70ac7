"""Documents and model replies are text in the browser: a corpus whose titles, authors and
abstracts carry <script>, <img onerror>, javascript: links, Markdown links and HTML entities,
and a scripted LLM whose reply carries HTML, are asked about, summarised and searched in real
headless Chromium; no handler may run, and the text must show as it was typed."""

from __future__ import annotations

import html
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openai_server import ServerThread, Step
from test_ui import ARTIFACTS, _own_app, browser  # noqa: F401  (the browser fixture)

from rag import Assistant, Settings
from rag.text.invisible import visible
from rag.ui import render

IMG = '<img src=x onerror="window.__xss=1">'
SCRIPT = "<script>window.__xss=2</script>"
LINK = "[click me](javascript:window.__xss=3)"
RECORDS = [
    {
        "title": f"Robust training of detectors {IMG}",
        "authors": [f"Eve {SCRIPT} Mallory", "Bob <b>Bold</b>"],
        "abstract": f"We study robust training of object detectors against adversarial patches {SCRIPT}. "
        f"Robust training of detectors improves patch robustness by 12% on COCO {IMG}. "
        f'Read more at {LINK} and <a href="javascript:window.__xss=4">here</a> &amp; &lt;b&gt;.',
    },
    {
        "title": "Certified defenses for detectors &amp; <u>segmenters</u>",
        "authors": ["Ann Lee"],
        "abstract": "We certify object detectors against patch attacks with interval bounds; certified detectors "
        "keep 40% accuracy under patches. ![img](javascript:window.__xss=5) **bold** `code`.",
    },
    {
        "title": "Group Normalization",
        "abstract": "Group normalization divides channels into groups and normalizes "
        "within each group, so its accuracy is stable across batch sizes.",
    },
]


@pytest.fixture(scope="module")
def hostile_home(tmp_path_factory, real_embedder):
    home = tmp_path_factory.mktemp("hostile")
    corpus = home / "hostile.jsonl"
    corpus.write_text("\n".join(json.dumps(r) for r in RECORDS) + "\n")
    assistant = Assistant(Settings(home=home, corpus=[corpus]), embedder=real_embedder)
    assistant.ingest(progress=False)
    return home


def _no_handler_ran(page):
    page.wait_for_timeout(500)  # an onerror fires as soon as the broken image is parsed
    assert page.evaluate("() => window.__xss") is None
    assert page.locator("#chat script, #summary script, #results script").count() == 0
    assert page.locator("img[src='x']").count() == 0


def _ask(page, question):
    before = page.locator("#chat .badge").count()
    page.fill("#question textarea", question)
    page.click("#ask")
    page.wait_for_function(f"() => document.querySelectorAll('#chat .badge').length > {before}", timeout=60_000)


@pytest.mark.long(15)
def test_document_markup_is_shown_as_typed_in_answers_summaries_and_search(browser, hostile_home):  # noqa: F811
    with _own_app(browser, hostile_home) as page:
        _ask(page, "robust training of detectors against adversarial patches")
        chat = page.inner_text("#chat")
        assert IMG in chat and "Robust training of detectors" in chat
        page.locator("#chat details.card summary").first.click()
        expanded = page.inner_text("#chat")
        assert SCRIPT in expanded and LINK in expanded and "&amp; &lt;b&gt;." in expanded
        assert page.locator("#chat a[href^='javascript']").count() == 0
        _ask(page, f"what about {IMG} and {SCRIPT}?")  # the question itself is text too
        _no_handler_ran(page)
        page.screenshot(path=str(ARTIFACTS / "ui-hostile-answer.png"), full_page=True)

        page.get_by_role("tab", name="Summarise a topic").click()
        page.fill("#topic textarea", "patch attacks on object detectors")
        page.click("#summarise")
        page.wait_for_function("() => /Papers/.test(document.querySelector('#summary').innerText)", timeout=60_000)
        summary = page.inner_text("#summary")
        assert "Certified defenses for detectors &amp; <u>segmenters</u>" in summary
        _no_handler_ran(page)

        page.get_by_role("tab", name="Search papers").click()
        page.fill("#query textarea", "detectors")
        page.click("#search")
        page.wait_for_selector("#results details.card", timeout=60_000)
        results = page.inner_text("#results")
        assert IMG in results and f"Eve {SCRIPT} Mallory" in results and "Bob <b>Bold</b>" in results
        assert page.locator("#results b:text('Bold')").count() == 0  # the author's <b> is text, not bold
        _no_handler_ran(page)


@pytest.mark.long(15)
def test_an_llm_reply_with_markup_is_shown_as_typed(browser, hostile_home):  # noqa: F811
    reply = f"Robust training of detectors improves patch robustness by 12% on COCO {IMG} [1]."
    with ServerThread() as server:
        server.state.default = Step(reply=reply)
        env = {"RAG_LLM__MODEL": "scripted", "OPENAI_BASE_URL": server.url, "RAG_LLM__TIMEOUT": "5"}
        with _own_app(browser, hostile_home, env) as page:
            _ask(page, "how much does robust training of detectors improve patch robustness?")
            chat = page.inner_text("#chat")
            assert "LLM" in page.locator("#chat .badge").last.inner_text(), chat
            assert IMG in chat
            _no_handler_ran(page)
            page.screenshot(path=str(ARTIFACTS / "ui-hostile-llm.png"), full_page=True)


@given(st.text(max_size=200))
def test_text_is_shown_exactly_as_typed(value):
    """One decoding of the escaped text gives back what was typed (invisible characters dropped,
    line breaks as spaces): no character is escaped twice, so an apostrophe never shows as "&#x27;"."""
    shown = render.text(value)
    assert "<" not in shown and ">" not in shown
    assert html.unescape(shown) == visible(value).replace("\n", " ").replace("\r", " ")
