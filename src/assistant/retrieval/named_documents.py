"""Which indexed documents a question names ("花都数字经济规划里…", "试验区导则和AI三年行动计划…").

Staff scope a question to a plan by a loose name: a short form of its title ending in the
document's kind (规划, 导则, 指引, 行动计划…). A phrase names a document when most of its character
pairs occur in that document's title or short name and no other document matches as well (a 的
before the kind, as in 广东省的指引, is left out: its pairs are in no title); a bare
"规划" with two plans in the corpus names neither, and a plan the documents only cite
("…人工智能产业发展的行动计划（2020-2022年）") shares too few pairs with any title. A bare
kind word ("计划建多少公里") is as often a verb and names nothing.
``NamedDocumentBoost`` then prefers the named documents' passages, and the extractive answerer
quotes only them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from llama_index.core.schema import BaseNode, NodeWithScore
from pydantic import Field

from assistant.retrieval.head_boost import HeadBoost

_KINDS = "行动计划|实施方案|规划|导则|指引|方案|意见|条例|办法|纲要|计划|通知"
DOCUMENT_KIND = re.compile(_KINDS)
_MENTION = re.compile(rf"([^\s，。？！、；：,.?!;:“”\"《》（）()]{{0,16}}?)({_KINDS})")
_BREAK = re.compile(r"和|与|及|跟|在|里|按|据|对|从|[那这该][份个本项]?")
_ASIDE = re.compile(r"（[^）]*）|\([^)]*\)")
MIN_SHARE = 0.7
MIN_CHARS = 4


def _pairs(text: str) -> set[str]:
    flat = re.sub(r"\s", "", text)
    return {flat[i : i + 2] for i in range(len(flat) - 1)} or ({flat} if flat else set())


class DocumentNames:
    """Each document's title and short name, as character pairs."""

    def __init__(self, names: dict[str, Iterable[str]]) -> None:
        self.pairs = {
            doc_id: set().union(*(_pairs(_ASIDE.sub("", n)) for n in doc_names))
            for doc_id, doc_names in names.items()
        }

    @classmethod
    def from_nodes(cls, nodes: Iterable[BaseNode]) -> DocumentNames:
        names: dict[str, set[str]] = {}
        for node in nodes:
            meta = node.metadata
            names.setdefault(str(meta.get("doc_id", "")), set()).update(
                str(meta.get(k, "")) for k in ("title", "short_name") if meta.get(k)
            )
        return cls(names)

    def named(self, question: str) -> frozenset[str]:
        found: set[str] = set()
        for match in _MENTION.finditer(_ASIDE.sub("", question)):
            phrase = _BREAK.split(match[1])[-1].replace("的", "") + match[2]
            if len(phrase) < MIN_CHARS:  # a bare "计划" is as often the verb
                continue
            wanted = _pairs(phrase)
            shares = sorted(
                ((len(wanted & pairs) / len(wanted), doc_id) for doc_id, pairs in self.pairs.items()),
                reverse=True,
            )
            if shares and shares[0][0] >= MIN_SHARE and (len(shares) == 1 or shares[1][0] < shares[0][0]):
                found.add(shares[0][1])
        return frozenset(found)


class NamedDocumentBoost(HeadBoost):
    """Lifts the passages of the documents a question names within the top ``depth``; when it
    names several ("导则和三年行动计划分别…"), each one's best passage leads, so every named
    document reaches the answer."""

    bonus: float = Field(default=0.3, description="added to the candidate's score relative to the best")
    depth: int = 30
    names: DocumentNames | None = None

    model_config = {"arbitrary_types_allowed": True}

    @classmethod
    def class_name(cls) -> str:
        return "NamedDocumentBoost"

    def cue(self, question: str) -> frozenset[str]:
        return self.names.named(question) if self.names else frozenset()

    def rescore(self, node: NodeWithScore, score: float, cue: frozenset[str]) -> float:
        return score + (self.bonus if node.node.metadata.get("doc_id") in cue else 0.0)

    def reorder(self, head: list[NodeWithScore], cue: frozenset[str]) -> list[NodeWithScore]:
        if len(cue) < 2:
            return head
        leads = [next((n for n in head if n.node.metadata.get("doc_id") == d), None) for d in cue]
        firsts = sorted((n for n in leads if n is not None), key=lambda n: n.score or 0.0, reverse=True)
        return firsts + [n for n in head if all(n is not f for f in firsts)]
