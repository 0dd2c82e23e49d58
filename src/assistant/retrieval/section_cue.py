"""Prefer passages under the heading a question's wording points to.

Policy plans and their case studies repeat one skeleton: 背景 / 基础, 主要做法 / 措施, 取得成效,
存在问题, 发展目标. The parts of one case share its title, so "取得了什么成效" matches the
background part as well as the results part on every other word; the heading is what tells them
apart. A passage under the cued heading gains the bonus; one under another part of the skeleton
(its section, or a heading inside it such as 一、背景介绍 after a case's title, as the chunker
records in ``sections``) loses it, since
the case's opening passage also holds the case title's words and otherwise outranks the results.
A node postprocessor, like ``AskedQuantityBoost``; it only reorders the top ``depth``.
"""

from __future__ import annotations

import json
import re

from llama_index.core.schema import NodeWithScore
from pydantic import Field

from assistant.ingest.cleaning import SECTION_SEPARATOR
from assistant.retrieval.head_boost import HeadBoost

_TASK_TABLE = r"任务分解表|责任部门|职责分工"
_PROJECT_TABLE = r"重点项目表"
_TABLES = (_TASK_TABLE, _PROJECT_TABLE)
"""An annex table's heading, which its rows keep anywhere in their section path (序号 事项 责任部门 ›
一、总体要求), where the skeleton's parts are the path's last heading."""
_CUES: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = tuple(
    (re.compile(asked), re.compile(heading))
    for asked, heading in (
        # what was achieved (最后推动了多少家企业上云) is a result too
        (r"成效|效果|成果|成绩|效益|取得了|完成了|推动了|实现了|带动了|最后|最终", r"成效|成果|效益"),
        (r"做法|怎么做|如何做|怎么搞|举措", r"做法|举措"),
        (r"背景|起因|为什么", r"背景"),
        (r"问题|短板|不足|瓶颈|困难", r"问题|短板|不足"),
        # a plan's task table repeats its body row by row; only the table says who leads
        (r"任务(?:分解)?表|分解表|分工表|职责分工|责任分工", _TASK_TABLE),
        (r"项目表|项目清单", _PROJECT_TABLE),
    )
)


def heading_cues(question: str) -> list[re.Pattern[str]]:
    return [heading for asked, heading in _CUES if asked.search(question)]


class SectionCueBoost(HeadBoost):
    table_bonus: float = Field(default=0.4, description="the bonus when the cue is an annex table")

    @classmethod
    def class_name(cls) -> str:
        return "SectionCueBoost"

    def cue(self, question: str) -> list[re.Pattern[str]]:
        return heading_cues(question)

    def rescore(self, node: NodeWithScore, score: float, cue: list[re.Pattern[str]]) -> float:
        path = str(node.node.metadata.get("section", "")).split(SECTION_SEPARATOR)
        leaf = path[-1]
        first_line = node.node.get_content().lstrip().split("\n", 1)[0]
        for c in cue:
            table = c.pattern in _TABLES
            if any(c.search(h) for h in ((*path, first_line[:20]) if table else (leaf, first_line[:20]))):
                return score + (self.table_bonus if table else self.bonus)
        inside = json.loads(str(node.node.metadata.get("sections") or "[]"))
        headings = [leaf, *(name.split(SECTION_SEPARATOR)[-1] for _, name in inside)]
        others = [heading for _, heading in _CUES if heading not in cue and heading.pattern not in _TABLES]
        if any(other.search(h) for other in others for h in headings):
            return score - self.bonus
        return score
