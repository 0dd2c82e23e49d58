"""Hostile input against the page: markup in questions and documents stays text, the viewer opens
catalog documents only, and logs never hold an API key or a password."""

from __future__ import annotations

import json
import logging
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from chromium import ARGS, CHROMIUM, ask, needs_chromium
from ports import free_port

from assistant_web import render

pytestmark = pytest.mark.slow

ALL = ["hd-digital-economy", "hd-manufacturing", "gd-digital-guide", "gz-pilot-zone", "gz-ai-chain"]
GDP = "花都区2020年地区生产总值是多少？"
XSS_QUESTION = "<script>alert(1)</script><img src=x onerror=alert(2)>"
SECRET = "sk-hostile-7e6d5c4b3a291807"
PASSWORD = "口令-Hostile-5f4e3d2c"
WRONG_PASSWORD = "口令-Wrong-1a2b3c4d"

# A small corpus whose one document carries markup inside the sentence that answers GDP.
EVIL_SCRIPT = "<script>window.xssDoc=1;alert(3)</script>"
EVIL_IMG = '<img src=x onerror="window.xssImg=1;alert(4)">'
EVIL_DOC = f"""花都区数字经济测试规划

一、发展基础

“十三五”以来，花都区经济保持平稳增长。2020年全区实现地区生产总值1682.15亿元{EVIL_SCRIPT}，比上年增长3.5%{EVIL_IMG}。全区常住人口约170万人，产业结构持续优化。

二、发展目标

到2025年，全区数字经济核心产业增加值达到300亿元，建成一批智能工厂和数字化车间。
"""
EVIL_TITLE = "花都区<b>测试</b>规划<img src=x onerror=alert(5)>"
EVIL_SHORT = "测试规划<script>alert(6)</script>"
CATALOG = f"""[[documents]]
id = "evil-doc"
file = "evil.txt"
title = {json.dumps(EVIL_TITLE, ensure_ascii=False)}
short_name = {json.dumps(EVIL_SHORT, ensure_ascii=False)}
"""
NO_MARKUP = (
    "() => document.querySelectorAll('img[onerror], img[src=x], #chat script, #document script').length"
)


# --- browser plumbing ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("needs Debian's chromium at /usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser) -> Iterator[Callable[[str], tuple[Any, list[str]]]]:
    """Opens the page at a URL; every JS dialog (alert/confirm/prompt) is recorded and dismissed."""
    contexts = []

    def _open(url: str) -> tuple[Any, list[str]]:
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
        contexts.append(context)
        page = context.new_page()
        dialogs: list[str] = []

        def on_dialog(dialog) -> None:
            dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.set_default_timeout(120_000)
        page.goto(url)
        page.wait_for_selector("#question textarea")
        return page, dialogs

    yield _open
    for context in contexts:
        context.close()


def assert_dialogs_are_detected(page, dialogs: list[str]) -> None:
    """The control: markup that does run here is seen, so "no dialog" above means something."""
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<img src=x onerror=\"alert(`control`)\">')")
    deadline = time.monotonic() + 10
    while "control" not in dialogs and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    assert dialogs == ["control"]


# --- a. markup in a question --------------------------------------------------------------------


@needs_chromium
def test_script_in_a_question_is_shown_as_text_and_never_runs(open_page, web_server) -> None:
    page, dialogs = open_page(web_server.url)
    ask(page, XSS_QUESTION + GDP)
    page.wait_for_function("document.querySelector('#chat').innerText.includes('1682.15')")
    page.wait_for_selector("#citations .card.cite")
    page.wait_for_timeout(1000)  # time for an injected <img onerror> to fire
    chat = page.inner_text("#chat")
    assert XSS_QUESTION + GDP in chat  # the literal markup is visible text in the user's bubble
    assert dialogs == [] and page.evaluate(NO_MARKUP) == 0
    assert_dialogs_are_detected(page, dialogs)


# --- b. markup in a document --------------------------------------------------------------------


@pytest.fixture(scope="module")
def evil_server(settings, embed_model, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The page over a one-document index whose text, title and short name hold HTML/JS."""
    from assistant import Assistant
    from assistant.index.builder import build_index
    from assistant_web.app import create_app, launch

    root = tmp_path_factory.mktemp("evil")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "evil.txt").write_text(EVIL_DOC, encoding="utf-8")
    (corpus / "catalog.toml").write_text(CATALOG, encoding="utf-8")
    paths = settings.paths.model_copy(
        update={"corpus_dir": corpus, "index_dir": root / "index", "feedback_dir": root / "feedback"}
    )
    small = settings.model_copy(update={"paths": paths})
    build_index(small, embed_model=embed_model)
    qa = Assistant.load(small, embed_model=embed_model)
    answer = qa.ask(GDP)
    assert answer.found and EVIL_SCRIPT in answer.passages[0].text  # the cited passage holds the markup
    demo = create_app(qa, small)
    port = free_port()
    launch(demo, prevent_thread_lock=True, server_name="127.0.0.1", server_port=port, quiet=True)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        demo.close()


@needs_chromium
def test_markup_in_a_cited_document_is_shown_as_text_in_card_and_viewer(open_page, evil_server) -> None:
    page, dialogs = open_page(evil_server)
    assert EVIL_SHORT in page.inner_text("#doc-filter")  # the catalog's names are text too
    ask(page, GDP)
    page.wait_for_function("document.querySelector('#chat').innerText.includes('1682.15')")
    card = page.locator("#citations .card.cite").first
    card.wait_for()
    assert EVIL_SCRIPT in card.inner_text() and "1682.15" in card.locator("mark").inner_text()

    card.click()
    page.wait_for_selector("#document mark.hl")
    page.wait_for_timeout(1000)
    shown = page.inner_text("#document .doc-body")
    assert EVIL_SCRIPT in shown and EVIL_IMG in shown  # the markup is visible, character for character
    assert EVIL_TITLE in page.inner_text("#document .doc-title")
    assert page.locator("#document img, #document script, #document b").count() == 0
    assert dialogs == [] and page.evaluate(NO_MARKUP) == 0
    assert page.evaluate("[window.xssDoc, window.xssImg]") == [None, None]
    assert_dialogs_are_detected(page, dialogs)


# --- c. the viewer opens catalog documents by id only ---------------------------------------------

BAD_IDS = [
    "no-such-doc",
    "../../etc/passwd",
    "/etc/passwd",
    "corpus/catalog.toml",
    "../../../corpus/catalog.toml",
    "hd-digital-economy/../../../../etc/passwd",
    "../texts/hd-digital-economy",
    "hd-digital-economy.txt",
    "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "",
    '<img src=x onerror="alert(7)">',
]


@pytest.fixture(scope="module")
def handlers(qa, settings) -> dict[str, Callable]:
    """The page's event handlers, by function name, for a page over the session's index."""
    from assistant_web.app import create_app

    demo = create_app(qa, settings)
    return {f.fn.__name__: f.fn for f in demo.fns.values() if f.fn is not None}


def _no_file_contents(html: str) -> None:
    assert "root:" not in html and "/bin/" not in html  # /etc/passwd
    assert "[[documents]]" not in html and "short_name" not in html  # corpus/catalog.toml
    assert "1682.15" not in html  # nor any document's text


@pytest.mark.parametrize("doc_id", BAD_IDS)
def test_viewer_refuses_ids_outside_the_catalog(handlers, doc_id: str) -> None:
    import gradio as gr

    out = handlers["open_document"](gr.EventData(None, {"doc_id": doc_id, "start": 0, "end": 50}))
    assert "未知的文档编号" in out and "可选的文档编号" in out and "hd-digital-economy" in out
    assert render.escape(doc_id) in out and "<img" not in out
    _no_file_contents(out)


def test_viewer_ignores_malformed_events_and_opens_a_catalog_document(handlers) -> None:
    import gradio as gr

    open_document = handlers["open_document"]
    for data in (None, {}, {"doc_id": "hd-digital-economy"}, {"doc_id": "hd-digital-economy", "start": "x"}):
        assert open_document(gr.EventData(None, data)) == render.EMPTY_DOCUMENT
    out = open_document(gr.EventData(None, {"doc_id": "hd-digital-economy", "start": 0, "end": 10}))
    assert "花都区人工智能与数字经济" in out and "1682.15" in out  # the control: a real id opens


@needs_chromium
def test_a_tampered_citation_card_cannot_open_a_path(open_page, web_server) -> None:
    """What the browser sends is only an id; rewriting it in the DOM gets the Chinese refusal."""
    page, _ = open_page(web_server.url)
    ask(page, GDP)
    card = page.locator("#citations .card.cite").first
    card.wait_for()
    for bad in ("../../etc/passwd", "/etc/passwd", "corpus/catalog.toml"):
        card.evaluate("(el, bad) => { el.dataset.doc = bad; }", bad)
        card.click()
        page.wait_for_function(
            "(bad) => document.querySelector('#document').innerText.includes('未知的文档编号：' + bad)",
            arg=bad,
        )
        _no_file_contents(page.inner_text("#document"))
    card.evaluate("(el) => { el.dataset.doc = 'hd-digital-economy'; }")
    card.click()
    page.wait_for_selector("#document mark.hl")
    assert "1682.15" in page.inner_text("#document mark.hl")


# --- d. logs hold no API key and no password --------------------------------------------------------


def _everything_logged(records: list[logging.LogRecord]) -> str:
    """Messages, raw arguments and formatted tracebacks of every record."""
    formatter = logging.Formatter()
    parts = []
    for r in records:
        parts += [r.getMessage(), repr(r.args), r.exc_text or ""]
        if r.exc_info:
            parts.append(formatter.formatException(r.exc_info))
    return "\n".join(parts)


@pytest.mark.parametrize("endpoint", ["closed", "echoing"])
def test_page_answer_with_failing_llm_logs_no_api_key(
    endpoint: str, qa, settings, monkeypatch: pytest.MonkeyPatch, caplog, request
) -> None:
    from assistant.answering.generative import NOTICE_UNAVAILABLE
    from assistant.evaluation.harness import with_backend
    from assistant_web.app import create_app

    monkeypatch.setenv(settings.llm.api_key_env, SECRET)
    if endpoint == "closed":
        base_url = f"http://127.0.0.1:{free_port()}/v1"  # nothing listens there
    else:
        base_url = request.getfixturevalue("echoing_endpoint")
    llm_qa = with_backend(qa, "openai", base_url=base_url, timeout=20.0)
    respond = {f.fn.__name__: f.fn for f in create_app(llm_qa, settings).fns.values() if f.fn}["respond"]
    with caplog.at_level(logging.DEBUG):
        outputs = list(respond(GDP, ALL, []))
    chat, panel, _, turns = outputs[-1]
    answer = chat[-1]["content"].replace("\\", "")
    assert NOTICE_UNAVAILABLE in answer and "1682.15" in answer and "引用（" in panel  # the fallback
    logged = _everything_logged(caplog.records)
    assert "backend unavailable" in logged  # the failure was logged ...
    assert any(
        r.levelno == logging.DEBUG and r.name.startswith(("openai", "httpx", "httpcore"))
        for r in caplog.records
    )  # ... and the client's own DEBUG records were captured too
    if endpoint == "echoing":
        assert "upstream failed" in logged and "***" in logged  # the echoed headers, key blanked
    assert SECRET not in logged and SECRET not in caplog.text
    assert SECRET not in repr(outputs)  # nor in the page, its state or what feedback would store


def test_logins_are_not_logged_with_their_password(qa, settings, caplog) -> None:
    from assistant_web.app import create_app, launch
    from assistant_web.auth import authenticator, make_line, parse_auth_lines

    demo = create_app(qa, settings)
    port = free_port()
    check = authenticator(parse_auth_lines([make_line("alice", PASSWORD)]))

    def login(password: str) -> int:
        data = urllib.parse.urlencode({"username": "alice", "password": password}).encode()
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/login", data=data, timeout=60) as r:
                return r.status
        except urllib.error.HTTPError as exc:
            return exc.code

    with caplog.at_level(logging.DEBUG):
        launch(
            demo, prevent_thread_lock=True, server_name="127.0.0.1", server_port=port, quiet=True, auth=check
        )
        try:
            statuses = [login(WRONG_PASSWORD), login(PASSWORD)]
        finally:
            demo.close()
    assert statuses == [400, 200]  # the control: both logins reached the check
    logged = _everything_logged(caplog.records) + caplog.text
    for secret in (PASSWORD, WRONG_PASSWORD, urllib.parse.quote_plus(PASSWORD)):
        assert secret not in logged
