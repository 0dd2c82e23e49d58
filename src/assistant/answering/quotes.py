"""Growing the chosen sentences into the quotes an answer cites, and citing them.

Plans pack parallel measures into one sentence of ``；``-clauses, announce lists with a count or a
colon, close a task with its units cell and break sentences across passages; the clause that
matched the question is often not the one holding the answer, so a quote runs on as far as the
question needs and no further (bounded by ``max_quote_chars``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from assistant.answering.candidates import Candidate
from assistant.answering.citations import compose
from assistant.answering.outline import HeadingLine, Outline
from assistant.ingest.cleaning import SECTION_SEPARATOR
from assistant.ingest.headings import numeral_value
from assistant.ingest.sentences import split_sentences
from assistant.question import Question
from assistant.retrieval.count_cue import COUNT, asked_counts
from assistant.retrieval.section_cue import heading_cues
from assistant.retrieval.series import whole_series
from assistant.types import Answer, Citation, Passage


def complete_quotes(
    q: Question, chosen: list[Candidate], pool: list[Passage], max_chars: int, outline: Outline | None
) -> list[Candidate]:
    """The chosen sentences grown into the quotes an answer cites: each runs on as far as the
    question needs (``_complete``), a who-leads question brings each task's units cell, a list
    question its run-in items and a which-area question the sentence naming the area. Passages
    the quotes run on into are appended to ``pool``, the answer's passages."""
    after = outline.after if outline is not None else None
    chosen = _complete(
        chosen,
        pool,
        max_chars,
        _explication(q),
        heading_cues(q.text),
        announced=q.wants_list or q.wants_definition or bool(asked_counts(q.text)),
        after=after,
    )
    if ASKS_WHO_LEADS.search(q.text):
        chosen = _with_units_cells(chosen, pool, after)
    if q.wants_list and not q.parts:
        chosen = _with_run_in_items(chosen, pool, outline)
    asked_kind = _ASKS_WHICH_AREA.search(q.text)
    if asked_kind:
        chosen = _with_paragraph_subject(chosen, pool, asked_kind[1])
    return _without_repeats(chosen, pool)


def _without_repeats(chosen: list[Candidate], pool: list[Passage]) -> list[Candidate]:
    """The quotes without any that another quote holds whole: a sentence grown back to its
    paragraph's start (产业数字化融合创新速度有待提高。花都区…) takes in the next chosen sentence, which
    would otherwise be quoted twice."""

    def span(c: Candidate) -> tuple[str, int, int]:
        return pool[c.passage_index].doc_id, c.start, c.end

    def holds(a: Candidate, b: Candidate) -> bool:
        (doc_a, start_a, end_a), (doc_b, start_b, end_b) = span(a), span(b)
        return doc_a == doc_b and start_a <= start_b and end_b <= end_a

    out: list[Candidate] = []
    for i, c in enumerate(chosen):
        larger = any(holds(o, c) and span(o) != span(c) for o in chosen)
        if not larger and all(span(o) != span(c) for o in chosen[:i]):
            out.append(c)
    return out


def citation_of(n: int, passage: Passage, index: int, start: int, end: int) -> Citation:
    """Citation ``n`` of ``document[start:end]``, which lies inside ``passage`` (answer passage ``index``)."""
    return Citation(
        n=n,
        doc_id=passage.doc_id,
        title=passage.title,
        section=passage.section_at(start),
        quote=passage.text[start - passage.start : end - passage.start],
        start=start,
        end=end,
        short_name=passage.short_name,
        passage_index=index,
    )


def heading_answer(question: str, headings: list[HeadingLine], passages: list[Passage]) -> Answer:
    """The sub-headings as the answer, each cited in a passage that holds it (the retrieved one
    when there is one, else the indexed passage it was found in, added to the answer's passages)."""
    passages = list(passages)
    citations = heading_citations(headings, passages)
    return Answer(
        text=compose(citations), found=True, citations=citations, passages=passages, question=question
    )


def heading_citations(headings: list[HeadingLine], passages: list[Passage], first: int = 1) -> list[Citation]:
    """Citations ``first``, ``first + 1``… of the headings; a heading no passage holds brings the
    indexed passage it was found in, appended to ``passages``."""
    citations = []
    for n, h in enumerate(headings, start=first):
        index = next(
            (
                i
                for i, p in enumerate(passages)
                if p.doc_id == h.passage.doc_id and p.start <= h.start and h.end <= p.end
            ),
            None,
        )
        if index is None:
            passages.append(h.passage)
            index = len(passages) - 1
        citations.append(citation_of(n, passages[index], index, h.start, h.end))
    return citations


_ANNOUNCING_TAIL = 8


_OPEN_END = ("；", ";", "：", ":", "，", ",")


_CLOSED_END = ("。", "！", "？", "!", "?")


_RUN_IN = re.compile(r"([^\s，。；：:、（）()“”]{2,14})[：:]")


_NUMBERED = re.compile(
    r"[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[.．、]|第.{1,3}[篇章节条]"
)


_DASH_ITEM = re.compile(r"——([^，。；：:\n]{2,20})[。：:]")
"""A dash label opening a line (——坚持融合发展。): an item of a list of principles or goals."""


_MAX_ITEMS = 12


_MAX_FOLLOWING = 3
"""How many passages after the best quote's a run-in list may run on into."""


def _with_run_in_items(
    chosen: list[Candidate], pool: list[Passage], outline: Outline | None
) -> list[Candidate]:
    """A list stated as run-in labels under a quote (``田园种植认养：…``, ``——坚持融合发展。``): each
    label (a colon label with the rest of its first clause) is added as its own quote.

    Plans write such lists as paragraphs that open with a short label, not as numbered headings,
    so the outline cannot see them and the sentence that introduces the list rarely names its
    items. Two or more labels sharing their last character, after the quote and before the next
    numbered heading, count as the list. The quotes are tried from the best down, since the best
    may be an introduction elsewhere; the list may run on into the next ``_MAX_FOLLOWING``
    passages, which are then added to ``pool`` (the answer's passages)."""
    if not chosen:
        return chosen
    for lead in sorted(chosen, key=lambda c: c.score, reverse=True):
        passage = pool[lead.passage_index]
        lines, ended = _run_in_lines(passage, lead.end)
        items = [(lead.passage_index, line) for line in lines]
        following, last = [], passage
        while outline is not None and lines and not ended and len(following) < _MAX_FOLLOWING:
            nxt = outline.after(last)
            if nxt is None:
                break
            more, ended = _run_in_lines(nxt, last.end)
            items += [(len(pool) + len(following), line) for line in more]
            following.append(nxt)
            last = nxt
        items = items[:_MAX_ITEMS]
        if len(items) >= 2 and len({label[-1] for _, (_, _, label) in items}) == 1:
            break
    else:
        return chosen
    pool.extend(following[: max(0, max(at for at, _ in items) - len(pool) + 1)])
    added = [
        Candidate(
            at, start, end, pool[at].text[start - pool[at].start : end - pool[at].start], lead.terms, 0.0
        )
        for at, (start, end, _) in items
        if not any(c.start <= start < c.end for c in chosen if pool[c.passage_index].doc_id == passage.doc_id)
    ]
    return sorted([*chosen, *added], key=lambda c: (c.passage_index, c.start))


def _run_in_lines(passage: Passage, after: int) -> tuple[list[tuple[int, int, str]], bool]:
    """The run-in labelled lines of ``passage`` that start at or after document offset ``after``, as
    (start, end of the label's first clause, label), and whether a numbered heading ended them."""
    out = []
    start = 0
    for line in passage.text.split("\n"):
        at, start = passage.start + start, start + len(line) + 1
        if at < after:
            continue
        if _NUMBERED.match(line):
            return out, True
        label = _RUN_IN.match(line)
        if label:
            clause = re.search(r"[，。；]", line[label.end() :])
            end = label.end() + (clause.start() if clause else len(line) - label.end())
            out.append((at, at + end, label[1]))
        elif dashed := _DASH_ITEM.match(line):
            out.append((at, at + dashed.end(), dashed[1]))
    return out, False


def _paragraph_end(
    c: Candidate, passage: Passage, end: int, cues: Sequence[re.Pattern[str]], limit: int
) -> int:
    """Where a quote under the heading the question asks for (三、取得成效 for "取得了什么成效")
    ends: its paragraph's end, since a case's results or measures are one paragraph of short
    sentences and the first rarely holds them all; ``end`` elsewhere or past ``limit``."""
    leaf = passage.section_at(c.start).split(SECTION_SEPARATOR)[-1]
    if not any(cue.search(leaf) for cue in cues):
        return end
    stop = passage.text.find("\n", end - passage.start)
    stop = passage.start + (len(passage.text) if stop < 0 else stop)
    return stop if end < stop and stop - c.start <= limit else end


def _explication(q: Question) -> re.Pattern[str]:
    """Openings of a sentence that spells out the one before it. "即…" always does (``形成三大产业带。
    即东部…、西部…和南部…``), and so do "做到…" and "从而…", which have no subject of their own
    (``…传感技术融合建设。做到同步规划、同步设计、同步推进``); "其中…" breaks a total into its
    items, which list, definition and how-many questions ask for; action plans close each measure
    with ``（牵头单位：…）`` and task tables each task with its units cell, which answer who leads
    it."""
    openings = ["即", "也就是", "做到", "从而"]
    if q.wants_list or q.wants_definition or q.wants_number:
        openings += ["其中", "具体包括", "分别是", "分别为"]
    if ASKS_WHO_LEADS.search(q.text):
        openings += [r"[（(]?(?:牵头|责任)单位", _UNITS_CELL.pattern]
    return re.compile("|".join(openings))


_UNITS_CELL = re.compile(r"[^。！？；\n]{2,80}(?:牵头|配合)$|[（(]\s*牵头单位[：:][^（()）]{2,160}[）)]")
"""A task's units after its text: a task table's cell (``花都海关牵头，市公安局花都分局配合``) or a
plan's closing bracket (``（牵头单位：市科技局，配合单位：…）``); it ends the task."""


_ASKS_WHICH_AREA = re.compile(r"哪(?:个|些|一个|几个)?(片区|园区|基地|板块|产业带|集聚区)")


def _with_paragraph_subject(chosen: list[Candidate], passages: list[Passage], kind: str) -> list[Candidate]:
    """For "which area" questions (哪个片区), the first sentence of a quote's paragraph when it names
    an area of the asked kind and no quote does: plans name the area once ("广州国际金融城片区积极
    打造…。") and list what it does in the sentences after, which are the ones that match."""
    named = re.compile(rf"[\u4e00-\u9fff]{{2}}(?<![各每该本此其一二三四五六七八九十几]){kind}")
    if any(named.search(c.text) for c in chosen):  # 各片区, 三片区 name none
        return chosen
    out = list(chosen)
    for c in chosen:
        passage = passages[c.passage_index]
        offset = c.start - passage.start
        paragraph = passage.text.rfind("\n", 0, offset) + 1
        first = passage.text.find("。", paragraph, offset)
        if first < 0 or not named.search(passage.text[paragraph:first]):
            continue
        start, end = passage.start + paragraph, passage.start + first + 1
        subject = passage.text[paragraph : first + 1]
        out.append(Candidate(c.passage_index, start, end, subject, c.terms, c.score))
        break
    return sorted(out, key=lambda c: (c.passage_index, c.start))


ASKS_WHO_LEADS = re.compile(r"牵头|负责|哪个部门|哪些部门|哪个单位|责任单位|配合")


_RESTATES = re.compile("即|也就是")


def _complete(
    chosen: list[Candidate],
    passages: list[Passage],
    max_chars: int,
    explication: re.Pattern[str] = _RESTATES,
    cues: Sequence[re.Pattern[str]] = (),
    announced: bool = False,
    after: Callable[[Passage], Passage | None] | None = None,
) -> list[Candidate]:
    """Extend each chosen clause to the end of its sentence, over a next sentence that spells it
    out (``explication``) or, when ``announced`` (the question asks for items), names the items
    the sentence only counts (``_counts_unnamed``), and under a heading the question asks for
    (``cues``) to the end of its paragraph (bounded by twice ``max_chars``).

    Plans pack parallel measures into one sentence of ``；``-clauses and introduce lists with
    ``：``, a heading line or a sentence of their own; the clause that matched the question is
    often not the one that holds the asked item, so the quote runs on (bounded by ``max_chars``).
    A quote still open where its passage ends moves to the indexed passage that continues it
    (``after``; appended to ``passages``) when that one holds the quote's start, since passages
    are cut by length, not by sentence. Overlapping quotes merge.
    """
    out: list[Candidate] = []
    for c in chosen:
        passage = passages[c.passage_index]
        end, still_open = _run_on(c, passage, c.end, max_chars, explication, announced)
        following = after(passage) if still_open and after is not None else None
        if following is not None and _continued(passage, following, c.start, end):
            passages.append(following)
            c = replace(c, passage_index=len(passages) - 1)
            passage = following
            end, _ = _run_on(c, passage, end, max_chars, explication, announced)
        text = passage.text
        if cues:
            end = _paragraph_end(c, passage, end, cues, 2 * max_chars)
        start = c.start
        for o in out:
            if passages[o.passage_index].doc_id == passage.doc_id and o.start <= start < o.end:
                start = o.end  # quoted already, from the passage before this one
        if start >= end:
            continue
        if out and out[-1].passage_index == c.passage_index and start <= out[-1].end:
            last = out[-1]
            end = max(end, last.end)
            merged = text[last.start - passage.start : end - passage.start]
            out[-1] = Candidate(c.passage_index, last.start, end, merged, last.terms | c.terms, last.score)
            continue
        quote = text[start - passage.start : end - passage.start]
        out.append(Candidate(c.passage_index, start, end, quote, c.terms, c.score))
    return out


def _run_on(
    c: Candidate,
    passage: Passage,
    end: int,
    max_chars: int,
    explication: re.Pattern[str],
    announced: bool,
) -> tuple[int, bool]:
    """Where the quote ``c`` (ending at ``end`` so far) stops inside ``passage``, and whether it
    was still open when the passage ended."""
    text = passage.text
    quoted = text[c.start - passage.start : end - passage.start]
    if whole_series(quoted):  # one chart's data ends where its values do
        return end, False
    pending = _items_announced(quoted) if announced else 0
    bound = 2 * max_chars if pending else max_chars
    open_end = _open_ended(quoted) or (announced and _counts_unnamed(quoted))
    for span in split_sentences(text, end - passage.start):
        sentence = text[span.start : span.end]
        if not (open_end or pending) and not explication.match(sentence.lstrip()):
            return end, False
        if passage.start + span.end - c.start > bound:
            return end, False
        end = passage.start + span.end
        pending = max(pending - 1, 0)
        open_end = _open_ended(sentence) or (announced and _counts_unnamed(sentence))
    return end, open_end or pending > 0


def _with_units_cells(
    chosen: list[Candidate],
    passages: list[Passage],
    after: Callable[[Passage], Passage | None] | None = None,
) -> list[Candidate]:
    """Each quoted task with the units cell that closes its row: in a task table the row's text
    runs over several sentences, and who leads it is said only at the end (``…在区内落地。`` /
    ``区卫生健康局牵头，…配合``), sometimes in the passage that continues this one: a retrieved
    one, else the indexed passage that follows (``after``; appended to ``passages``)."""
    out = list(chosen)
    for c in chosen:
        if _UNITS_CELL.fullmatch(c.text.strip()):
            continue
        cell = _closing_cell(c.passage_index, c.end, passages, after) or _table_copy_cell(c, passages)
        if cell is not None and not any(
            o.passage_index == cell.passage_index and o.start <= cell.start < o.end for o in out
        ):
            out.append(replace(cell, terms=c.terms))
    return sorted(out, key=lambda c: (c.passage_index, c.start))


def _table_copy_cell(c: Candidate, passages: list[Passage]) -> Candidate | None:
    """The units cell closing another passage's copy of the quote's last sentence: a plan's task
    table repeats its body's text row by row, and the body copy (which ranks first and is the one
    quoted, the table's being a duplicate) says nothing of who leads."""
    doc_id = passages[c.passage_index].doc_id
    tail = split_sentences(c.text)[-1]
    last = c.text[tail.start : tail.end].strip()
    if len(last) < 10:
        return None
    for index, passage in enumerate(passages):
        at = passage.text.find(last)
        if index != c.passage_index and passage.doc_id == doc_id and at >= 0:
            cell = _closing_cell(index, passage.start + at + len(last), passages)
            if cell is not None:
                return cell
    return None


def _closing_cell(
    index: int,
    offset: int,
    passages: list[Passage],
    after: Callable[[Passage], Passage | None] | None = None,
) -> Candidate | None:
    """The first units cell after ``offset`` in passage ``index`` or, when that passage ends first,
    in the passage of the same document that continues it: a given one, else ``after``'s (once)."""
    passage = passages[index]
    for span in split_sentences(passage.text, offset - passage.start):
        sentence = passage.text[span.start : span.end]
        if _UNITS_CELL.fullmatch(sentence.strip()):
            start = passage.start + span.start
            return Candidate(index, start, passage.start + span.end, sentence, frozenset(), 0.0)
    following = next(
        (
            i
            for i, p in enumerate(passages)
            if p.doc_id == passage.doc_id and p.start <= passage.end < p.end and i != index
        ),
        None,
    )
    if following is not None:
        return _closing_cell(following, passage.end, passages)
    indexed = after(passage) if after is not None else None
    if indexed is None or not indexed.start <= passage.end < indexed.end:
        return None
    passages.append(indexed)
    cell = _closing_cell(len(passages) - 1, passage.end, passages)
    if cell is None:
        passages.pop()
    return cell


def _continued(passage: Passage, following: Passage, start: int, end: int) -> bool:
    """Whether ``following`` holds the quote ``start``–``end`` that ``passage`` cut: the quote's
    start, and the rest of its line or of its clause (a caption line ending the passage is whole)."""
    if not following.start <= start < following.end or end < passage.end:
        return False
    rest = following.text[end - following.start :]
    quoted = passage.text[start - passage.start : end - passage.start].rstrip()
    return bool(rest) and (not rest[0].isspace() or quoted.endswith(_OPEN_END))


def _counts_unnamed(sentence: str) -> bool:
    """Whether a sentence counts items it does not name (``工业互联网标识应用目前围绕三个层级发展，
    解决工业企业的痛点。``): plans name them in the next sentence, which shares no word with the
    question, so a question asking for the items would otherwise get only the count."""
    return bool(asked_counts(sentence)) and "、" not in sentence


def _items_announced(sentence: str) -> int:
    """How many items a sentence announces by a count that closes it (实施数字农业“三个创建”。):
    plans often give each item its own sentence after it, so a quote of the count runs on over
    that many. A count inside the sentence (以“四个出新出彩”引领…) is not such an announcement."""
    flat = sentence.strip()
    if not _counts_unnamed(flat):
        return 0
    closing = [m for m in COUNT.finditer(flat) if len(flat) - m.start() <= _ANNOUNCING_TAIL]
    return numeral_value(closing[-1][1]) if closing else 0


def _open_ended(text: str) -> bool:
    """Whether a quote ending here leaves its sentence unfinished: a clause (``，``) or no closing
    mark, unless it is a task table's units cell, which closes its row without one."""
    flat = text.strip()
    if _UNITS_CELL.fullmatch(flat):
        return False
    return flat.endswith(_OPEN_END) or not flat.endswith(_CLOSED_END)
