"""The page in a real headless Chromium: ask, see the streamed cited answer, open a citation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from chromium import ARGS, CHROMIUM, ask, needs_chromium

pytestmark = [pytest.mark.slow, needs_chromium]
# Where the highlighted quote sits relative to the visible part of the document box.
MARK_IN_VIEW = """() => {
  const box = document.querySelector('#document .doc-body');
  const mark = box.querySelector('mark.hl');
  const b = box.getBoundingClientRect(), m = mark.getBoundingClientRect();
  return {scrollTop: box.scrollTop, visible: m.top >= b.top && m.bottom <= b.bottom};
}"""


@pytest.fixture
def page(web_server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
        page = context.new_page()
        page.set_default_timeout(120_000)
        page.goto(web_server.url)
        page.wait_for_selector("#question textarea")
        yield page
        browser.close()


def test_question_answer_citation_and_document_view(page, web_server, tmp_path: Path) -> None:
    assert page.title() == "政策文件问答助手"
    assert "政策文件问答助手" in page.inner_text("h1")
    assert page.locator("#doc-filter input[type=checkbox]:checked").count() == 5

    ask(page, "花都区2020年地区生产总值是多少？")
    page.wait_for_function("document.querySelector('#chat').innerText.includes('1682.15')")
    page.wait_for_selector("#citations .card.cite")
    chat = page.inner_text("#chat")
    assert "[1]" in chat
    cards = page.locator("#citations .card.cite")
    assert cards.count() >= 1
    first = cards.first
    assert "[1]" in first.inner_text() and "花都数字经济规划" in first.inner_text()
    assert "1682.15" in first.locator("mark").inner_text()

    first.click()
    page.wait_for_selector("#document mark.hl")
    assert "1682.15" in page.inner_text("#document mark.hl")
    assert "花都区人工智能与数字经济" in page.inner_text("#document .doc-title")
    page.wait_for_timeout(300)
    assert page.evaluate(MARK_IN_VIEW)["visible"]
    page.screenshot(path=str(tmp_path / "chat.png"), full_page=True)

    # 👍 with a comment lands in the feedback file
    page.fill("#comment textarea", "引用准确")
    page.locator("#chat button[aria-label='赞']").last.click()
    page.wait_for_function("document.querySelector('#feedback-status').innerText.includes('已记录')")
    lines = (web_server.feedback_dir / "feedback.jsonl").read_text("utf-8").splitlines()
    rows = [json.loads(line) for line in lines]
    assert rows[-1]["rating"] == "up" and rows[-1]["comment"] == "引用准确"
    assert rows[-1]["question"] == "花都区2020年地区生产总值是多少？" and rows[-1]["citations"]

    # a follow-up shows the standalone question it was turned into
    ask(page, "那2025年的目标呢？")
    page.wait_for_function("document.querySelector('#chat').innerText.includes('结合上文')")
    assert "花都区2025年地区生产总值的目标是多少？" in page.inner_text("#chat")
    page.click("#clear")
    page.wait_for_function("!document.querySelector('#chat').innerText.includes('1682.15')")


def test_deep_citation_scrolls_and_refusal_and_markup_stay_text(page, tmp_path: Path) -> None:
    ask(page, "深圳聚集了多少家人工智能相关企业？")
    card = page.locator("#citations .card.cite").first
    card.wait_for()
    card.click()
    page.wait_for_selector("#document mark.hl")
    page.wait_for_timeout(300)
    where = page.evaluate(MARK_IN_VIEW)
    assert where["scrollTop"] > 1000 and where["visible"]  # scrolled deep into the document
    assert "1318" in page.inner_text("#document mark.hl")

    ask(page, "花都区2035年数字经济增加值目标是多少？")
    page.wait_for_selector("#citations .card.maybe")
    assert "未找到答案" in page.inner_text("#chat")
    assert "可能相关" in page.inner_text("#citations")
    page.screenshot(path=str(tmp_path / "refusal.png"), full_page=True)

    ask(page, '<img src=x onerror="window.__xss=1"><b>花都</b>**区**2020年GDP？')
    page.wait_for_function("document.querySelector('#chat').innerText.includes('<b>花都</b>')")
    assert page.evaluate("window.__xss") is None
    assert page.locator("#chat img[src=x]").count() == 0 and page.locator("#chat b:text('花都')").count() == 0
    assert "**区**" in page.inner_text("#chat")
