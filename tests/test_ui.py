"""The web UI end to end: `python app.py` on a free loopback port over the real index, driven by
headless Chromium (Debian's, through Playwright). Screenshots go to test-artifacts/."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from conftest import ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"
pytestmark = pytest.mark.skipif(
    not os.path.exists(CHROMIUM) and not os.environ.get("CI"),
    reason="Debian's chromium is not installed (scripts/test.sh installs it)",
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(home, port: int, extra: dict | None = None) -> subprocess.Popen:
    env = dict(os.environ, RAG_HOME=str(home), RAG_UI_PORT=str(port), HF_HUB_OFFLINE="1", **(extra or {}))
    ARTIFACTS.mkdir(exist_ok=True)  # any test may be a worker's first: a fresh clone has no folder
    log = open(ARTIFACTS / f"app-{port}.log", "w")
    proc = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.time() + 120
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError((ARTIFACTS / f"app-{port}.log").read_text())
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
            return proc
        except OSError:
            time.sleep(0.5)
    proc.terminate()
    raise RuntimeError("the app did not start in 120 s")


@contextlib.contextmanager
def _own_app(browser, home, extra: dict | None = None, wait_for: str = "#question textarea"):
    """A separate app process with its own environment, and a page open on it."""
    port = _free_port()
    proc = _start(home, port, extra)
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    try:
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{port}/")
        page.wait_for_selector(wait_for, timeout=60_000)
        yield page
    finally:
        context.close()
        proc.terminate()
        proc.wait(timeout=30)


@pytest.fixture(scope="module")
def app_url(seed_assistant, seed_home):
    port = _free_port()
    proc = _start(seed_home, port)
    yield f"http://127.0.0.1:{port}/"
    proc.terminate()
    proc.wait(timeout=30)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-dev-shm-usage",
            ],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, app_url):
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.goto(app_url)
    page.wait_for_selector("#question textarea", timeout=60_000)
    yield page
    context.close()


def _ask(page, question: str):
    """Ask in the chat and wait for this answer's mode badge (every answer, refusals too, has one)."""
    before = page.locator("#chat .badge").count()
    page.fill("#question textarea", question)
    page.click("#ask")
    page.wait_for_function(f"() => document.querySelectorAll('#chat .badge').length > {before}", timeout=60_000)


def test_status_line_and_examples(page):
    status = page.inner_text("#status")
    assert "261 documents indexed" in status and "embedded Chroma" in status and "extractive" in status
    assert "What has been proposed against robust overfitting?" in page.content()


def test_chat_streams_a_cited_answer_with_source_cards(page):
    _ask(page, "How does group normalization avoid depending on the batch size?")
    chat = page.locator("#chat")
    assert "[1]" in chat.inner_text()
    cards = chat.locator("details.card")
    assert cards.count() >= 1
    first = cards.first.inner_text()
    assert "[1]" in first and "Group Normalization" in first and "000_bfc7c36303f18d37.txt" in first
    assert chat.locator("a.cite").first.get_attribute("href").startswith("#src-")
    cards.first.locator("summary").click()  # expand to the full abstract with the passage marked
    assert cards.first.locator("mark").count() >= 1
    assert "extractive" in chat.locator(".badge").first.inner_text()
    page.screenshot(path=str(ARTIFACTS / "ui-answer.png"), full_page=True)


def test_inline_math_of_the_abstracts_is_typeset(page):
    _ask(page, "What robust accuracy does adversarial training against l_inf, l_1 and l_2 attacks reach on MNIST?")
    answer = page.locator("#chat .message").last
    assert answer.locator(".katex").count() >= 2  # "$\\ell_\\infty, \\ell_1$", "$50\\%$"
    assert "$50" not in answer.inner_text() and "achieves merely" in answer.inner_text()
    answer.screenshot(path=str(ARTIFACTS / "ui-math.png"))


def test_follow_up_keeps_the_conversation(page):
    _ask(page, "What does the lecture say about FGSM?")
    _ask(page, "and what does it say about projected gradient descent?")
    second_turn = page.locator("#chat details.card[id^='src-2-']")
    assert second_turn.count() >= 1
    assert "Advanced Topics in Computer Vision" in " ".join(second_turn.all_inner_texts())


def test_errors_show_in_the_chat_and_the_app_keeps_working(page):
    page.fill("#question textarea", "   ")
    page.click("#ask")
    page.wait_for_function("() => /Please type a question/.test(document.querySelector('#chat').innerText)")
    huge = "How does group normalization compare with batch normalization? " * 320  # ~20,000 characters
    _ask(page, huge)
    assert "cut to its first" in page.inner_text("#chat")
    _ask(page, "How do I bake sourdough bread at home?")
    assert "does not cover" in page.inner_text("#chat")
    page.screenshot(path=str(ARTIFACTS / "ui-errors.png"), full_page=True)


def test_summary_view(page):
    page.get_by_role("tab", name="Summarise a topic").click()
    page.click("#summarise")
    page.wait_for_function("() => /Papers/.test(document.querySelector('#summary').innerText)", timeout=60_000)
    text = page.inner_text("#summary")
    assert "robust overfitting" in text and "Theoretical Analysis of Robust Overfitting" in text
    assert page.locator("#summary details.card").count() >= 7
    page.screenshot(path=str(ARTIFACTS / "ui-summary.png"), full_page=True)


def test_search_view_with_filter_and_ask_about_a_paper(page):
    page.get_by_role("tab", name="Search papers").click()
    page.fill("#query textarea", "fairness")
    page.click("#search")
    page.wait_for_selector("#results details.card", timeout=60_000)
    assert "Delayed Impact of Fair Machine Learning" in page.inner_text("#results")
    page.fill("#about textarea", "What happens to the groups over time?")
    page.click("#ask-paper")
    page.wait_for_function("() => /\\[1\\]/.test(document.querySelector('#paper-answer').innerText)", timeout=60_000)
    assert page.locator("#paper-answer details.card").count() == 1
    page.screenshot(path=str(ARTIFACTS / "ui-search.png"), full_page=True)


def test_concurrent_tabs_are_all_answered(browser, app_url):
    questions = [
        "What does the lecture say about FGSM?",
        "Which NeurIPS 2019 orals are in the corpus?",
        "How does group normalization avoid depending on the batch size?",
    ]
    context = browser.new_context()
    pages = [context.new_page() for _ in questions]
    for p in pages:
        p.goto(app_url)
        p.wait_for_selector("#question textarea", timeout=60_000)
    for p, q in zip(pages, questions):
        p.fill("#question textarea", q)
        p.click("#ask")
    for p in pages:
        p.wait_for_function("() => document.querySelectorAll('#chat .badge').length > 0", timeout=90_000)
        assert "[1]" in p.inner_text("#chat")
    context.close()


def test_login_is_required_when_configured(seed_assistant, seed_home, browser):
    with _own_app(browser, seed_home, {"RAG_UI_AUTH": "reader:s3cret"}, wait_for="input[type=password]") as page:
        assert page.locator("#question").count() == 0
        page.fill("input[type=text]", "reader")
        page.fill("input[type=password]", "s3cret")
        page.keyboard.press("Enter")
        page.wait_for_selector("#question textarea", timeout=60_000)


@pytest.mark.long(15)
def test_dead_llm_endpoint_shows_a_notice_not_a_traceback(seed_assistant, seed_home, browser):
    dead = _free_port()
    with _own_app(
        browser,
        seed_home,
        {
            "RAG_LLM__MODEL": "local-model",
            "OPENAI_BASE_URL": f"http://127.0.0.1:{dead}/v1",
            "RAG_LLM__TIMEOUT": "1",
            "RAG_LLM__DEADLINE": "2",
            "RAG_LLM__MAX_RETRIES": "1",
        },
    ) as page:
        assert "LLM: local-model" in page.inner_text("#status")
        _ask(page, "How does group normalization avoid depending on the batch size?")
        chat = page.inner_text("#chat")
        assert "the LLM failed (connection failed)" in chat and "Traceback" not in chat
        assert "[1]" in chat and "extractive" in page.locator("#chat .badge").first.inner_text()
        page.screenshot(path=str(ARTIFACTS / "ui-llm-down.png"), full_page=True)


@pytest.mark.long(35)
def test_first_start_indexes_the_seeds_with_visible_progress(browser, tmp_path):
    with _own_app(browser, tmp_path / "empty-home") as page:
        assert "Indexing the corpus for the first time" in page.inner_text("#status")
        page.fill("#question textarea", "What does the lecture say about FGSM?")  # mid-indexing: told to wait
        page.click("#ask")
        page.wait_for_function(
            "() => /still being indexed/.test(document.querySelector('#chat').innerText)", timeout=30_000
        )
        page.wait_for_function(
            "() => /261 documents indexed/.test(document.querySelector('#status').innerText)", timeout=180_000
        )
        page.get_by_role("tab", name="Search papers").click()
        page.click("#venue input")  # the filter choices arrived with the index
        page.get_by_role("option", name="NeurIPS", exact=True).wait_for(timeout=10_000)
        page.screenshot(path=str(ARTIFACTS / "ui-first-start.png"), full_page=True)
        # a page opened after the first start gets them too (each session keeps its own state;
        # the page itself is built with the choices the app started with: none)
        later = page.context.new_page()
        later.goto(page.url)
        later.wait_for_selector("#question textarea", timeout=60_000)
        later.get_by_role("tab", name="Search papers").click()
        later.click("#venue input")
        later.get_by_role("option", name="NeurIPS", exact=True).wait_for(timeout=10_000)


def test_the_api_refuses_calls_without_the_login(seed_assistant, seed_home):
    """RAG_UI_AUTH guards the API as well as the page: gradio_client and raw HTTP without the
    login are turned away; with it, the named endpoint answers."""
    import json
    import urllib.error

    from gradio_client import Client

    port = _free_port()
    proc = _start(seed_home, port, {"RAG_UI_AUTH": "reader:s3cret"})
    url = f"http://127.0.0.1:{port}/"
    try:
        with pytest.raises(Exception):  # noqa: B017 - the client's own error for a login it lacks
            Client(url, verbose=False).predict("What does the lecture say about FGSM?", [], api_name="/ask")
        request = urllib.request.Request(
            f"{url}gradio_api/call/ask",
            data=json.dumps({"data": ["FGSM", []]}).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=30)
        assert refused.value.code in (401, 403)
        chat, _ = Client(url, auth=("reader", "s3cret"), verbose=False).predict(
            "What does the lecture say about FGSM?", [], api_name="/ask"
        )
        assert "FGSM" in chat[-1]["content"][0]["text"]
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.mark.long(20)
def test_several_answers_are_worked_on_at_once(seed_assistant, seed_home):
    """Eight sessions ask at once while the model takes 3 s a reply: all are answered, and the
    scripted server sees several requests at the same time (RAG_UI_CONCURRENCY, default 4).
    Latency figures are the load benchmark's (bench/bench_load.py), not asserted here."""
    import threading

    from gradio_client import Client
    from openai_server import ServerThread, Step

    with ServerThread() as server:
        server.state.default = Step(reply="Group normalization divides the channels into groups [1].", delay=3.0)
        port = _free_port()
        proc = _start(
            seed_home,
            port,
            {
                "OPENAI_BASE_URL": server.url,
                "RAG_LLM__MODEL": "scripted",
                "RAG_LLM__TIMEOUT": "30",
                "RAG_LLM__DEADLINE": "60",
            },
        )
        answers: list[str] = []
        try:

            def ask() -> None:
                chat, _ = Client(f"http://127.0.0.1:{port}/", verbose=False).predict(
                    "How does group normalization avoid depending on the batch size?", [], api_name="/ask"
                )
                answers.append(chat[-1]["content"][0]["text"])

            threads = [threading.Thread(target=ask) for _ in range(8)]
            for t in threads:
                t.start()
            for t in threads:
                t.join(timeout=120)
        finally:
            proc.terminate()
            proc.wait(timeout=30)
        assert len(answers) == 8 and all("LLM" in a and "[1]" in a for a in answers)
        assert 2 <= server.state.most_in_flight <= 4


@pytest.mark.long(12)
def test_uploaded_bibtex_is_kept_indexed_and_its_bad_entries_reported(browser, seed_assistant, seed_home, tmp_path):
    """A .bib with one malformed entry, uploaded under a hostile name: the good entries are
    searchable, the bad one is listed with file and line, and the file lands inside
    RAG_HOME/uploads only. The cited papers then download as BibTeX; nothing else of RAG_HOME does."""
    home = tmp_path / "home"
    shutil.copytree(seed_home, home)
    bib = (ROOT / "tests" / "data" / "bib" / "broken.bib").read_bytes()
    with _own_app(browser, home) as page:
        page.get_by_role("tab", name="Your papers").click()
        page.locator("#upload input[type=file]").set_input_files(
            [{"name": "../../escape.bib", "mimeType": "text/x-bibtex", "buffer": bib}]
        )
        page.click("#add")
        page.wait_for_function(
            "() => /skipped/.test(document.querySelector('#upload-report').innerText)", timeout=180_000
        )
        report = page.inner_text("#upload-report")
        assert "2 added" in report and "1 entry skipped" in report
        assert "escape.bib:7: malformed BibTeX (entry 'broken_one': Unexpected block start" in report
        kept = list((home / "uploads").iterdir())
        assert [p.name for p in kept] == ["escape.bib"] and kept[0].read_bytes() == bib
        assert not (tmp_path / "escape.bib").exists() and not (home.parent.parent / "escape.bib").exists()
        page.wait_for_function(
            "() => /263 documents indexed/.test(document.querySelector('#status').innerText)", timeout=30_000
        )
        page.screenshot(path=str(ARTIFACTS / "ui-upload.png"), full_page=True)

        page.get_by_role("tab", name="Ask").click()
        _ask(page, "What does the paper 'A Good Entry After the Broken One' say?")
        link = page.locator("#chat a.bib").last
        assert link.get_attribute("download") == "references.bib"
        got = page.request.get(page.url.rstrip("/") + link.get_attribute("href"))
        assert got.ok and "A Good Entry After the Broken One" in got.text() and got.text().lstrip().startswith("@")
        secret = page.request.get(page.url.rstrip("/") + f"/gradio_api/file={home / 'papers.sqlite'}")
        assert secret.status in (403, 404)


def test_keep_upload_stays_inside_the_uploads_folder(tmp_path):
    from rag.ui.indexing import keep_upload, safe_name

    source = tmp_path / "in.bib"
    source.write_text("@misc{a, title={A}}")
    uploads = tmp_path / "home" / "uploads"
    for hostile in ["../../x.bib", "..\\..\\x.bib", "/etc/x.bib"]:  # the path is dropped, the name kept
        assert keep_upload(source, uploads, hostile) == (uploads / "x.bib").resolve()
    assert sorted(p.name for p in tmp_path.rglob("x.bib")) == ["x.bib"]  # nothing written anywhere else
    for refused in ["x.bib\x00.txt", "..bib"]:
        with pytest.raises(ValueError):
            keep_upload(source, uploads, refused)
    assert safe_name("../../refs (1).bib") == "refs_1_.bib"
    for refused in ["notes.txt", "../..", "", "evil.py"]:
        with pytest.raises(ValueError):
            safe_name(refused)
    other = tmp_path / "other.bib"
    other.write_text("@misc{b, title={B}}")
    first, second = keep_upload(source, uploads, "refs.bib"), keep_upload(other, uploads, "refs.bib")
    assert first != second and first.read_text() != second.read_text()  # a second file never overwrites
    assert keep_upload(source, uploads, "refs.bib") == first  # the same content again is the same file


def test_reference_downloads_are_kept_to_the_newest(tmp_path):
    """Each answer's .bib is written under RAG_HOME/exports: the same references are one file,
    and past `ui_exports_kept` the least recently written go first (the folder stays bounded)."""
    import os

    from rag.ui.app import keep_export

    exports = tmp_path / "exports"
    written = []
    for i in range(5):
        written.append(keep_export(exports, f"@misc{{k{i}, title={{T{i}}}}}\n", kept=3))
        os.utime(written[-1], ns=(i * 10**9, i * 10**9))  # distinct times, whatever the disk's resolution
    assert sorted(p.name for p in exports.iterdir()) == sorted(p.name for p in written[2:])
    again = keep_export(exports, "@misc{k2, title={T2}}\n", kept=3)  # shown again: touched, now the newest
    assert again == written[2] and again.read_text().startswith("@misc{k2")
    keep_export(exports, "@misc{k5, title={T5}}\n", kept=3)
    assert written[2].exists() and not written[3].exists() and written[4].exists()
