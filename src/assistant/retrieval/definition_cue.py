"""Prefer the passage that defines the term a definition question asks about.

"什么是人工智能", "指引里云计算是怎么定义的": the Guangdong guide's glossary glosses such terms
(``1.人工智能：是研究…``), and plans define their slogans in place (``“四免”：…``, ``…是指…``). A
term used on every page (人工智能) ranks hundreds of passages above its one gloss on every other
word, often outside the fused candidates. A node postprocessor, like ``CountCueBoost``; the
extractive answerer quotes the gloss too (``answering/extractive.py``, ``_defining``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from llama_index.core.schema import BaseNode, NodeWithScore, QueryBundle
from pydantic import Field, PrivateAttr

from assistant.retrieval.head_boost import HeadBoost

_ASKED_WHAT = re.compile(
    r"([^，。；？?！!、\s]{2,30}?)”?\s*(?:是什么|是个什么|是啥|什么意思|指什么|指的是什么|是指什么"
    r"|的定义|的含义|的概念|的内涵|的解释|是怎么定义|是如何定义|怎么定义|如何定义|是怎样定义|怎么解释"
    r"|怎么界定|如何界定|的界定)"
)
_WHAT_IS = re.compile(r"什么是(?:所谓的?)?“?([^，。；？?！!、\s”]{2,30})")
_BEFORE_TERM = re.compile(r".*[的里对给“]")


def asked_terms(question: str) -> list[str]:
    """The term a definition question asks to define: what stands right before 是什么 / 的定义
    (after the last 的, 里, 对: "指引里人工智能是怎么定义的" asks for 人工智能, "给自己定的总目标是什么"
    for 总目标), right after 什么是, or what it quotes ("怎么给“数字经济”下定义")."""
    match = _WHAT_IS.search(question) or _ASKED_WHAT.search(question)
    term = _BEFORE_TERM.sub("", match[1]).strip("“”") if match else ""
    quoted = QUOTED.findall(question) if _DEFINES.search(question) else []
    return list(dict.fromkeys(t for t in (term, *quoted) if len(t) >= 2))


QUOTED = re.compile(r"“([^”]{1,12})”")
"""A short term a question puts in quotation marks, as plans do for their slogans and counts."""
_DEFINES = re.compile(r"定义|界定|含义|概念|内涵|意思|解释|是什么|指什么")


_COLON_GLOSS = re.compile(
    r"(?:^|\n)\s*(?:\d{1,2}\s*[.．、]\s*)?“?([^\s：:，。；、“”（）()][^：:，。；“”（）()\n]{0,19}?)”?"
    r"\s*(?:[（(][^）)\n]{1,30}[）)])?\s*[：:]"
)
_MEANS_GLOSS = re.compile(r"([^\n。；，：:“”《》]{2,20})”?，?(?:是指|指的是)")


_MIN_TAIL = 4
"""A colon gloss of a qualified name (标识解析二级节点：) glosses its tails of four characters or more
(二级节点), the name an asker shortens it to; shorter tails (节点) name something more general."""


@lru_cache(maxsize=4096)
def glossed_terms(text: str) -> frozenset[str]:
    """The terms ``text`` glosses, normalised (``_key``): a line opening with a term and a colon
    (``8.边缘计算：``, ``2.“四免”：``, ``10.窄带物联网（NB-IoT）：``) with its longer tails, and every
    tail of what stands before 是指 / 指的是 (``…倡议》数字经济是指`` glosses 数字经济)."""
    terms: set[str] = set()
    for m in _COLON_GLOSS.finditer(text):
        term = _key(m[1])
        terms.update(term[i:] for i in range(max(1, len(term) - _MIN_TAIL + 1)))
    for m in _MEANS_GLOSS.finditer(text):
        span = _key(m[1])
        terms.update(span[i:] for i in range(len(span) - 1))
    return frozenset(terms)


def defines(text: str, terms: list[str]) -> bool:
    glossed = glossed_terms(text)
    return any(_key(t) in glossed for t in terms)


def _key(term: str) -> str:
    return term.replace(" ", "").strip("“”").lower()


class DefinitionBoost(HeadBoost):
    """Lifts the passages glossing the asked term from at least the score of the ``entry``-th
    candidate, fetching them from the indexed passages (``nodes``) of the candidates' documents
    when fusion missed them: a glossary entry shares one word with the question, so neither BM25
    nor the vectors rank it among the hundreds of passages that use the term. The glosses are
    found once, when the boost is made (a scan of every passage per question took 0.23 s at 50×
    the corpus)."""

    bonus: float = Field(default=0.3, description="added to the candidate's score relative to the best")
    depth: int = 30
    entry: int = 5
    nodes: list[BaseNode] = Field(default_factory=list)
    _glossary: dict[str, list[BaseNode]] = PrivateAttr(default_factory=dict)

    def model_post_init(self, context: object) -> None:
        for node in self.nodes:
            for term in glossed_terms(node.get_content()):
                self._glossary.setdefault(term, []).append(node)

    @classmethod
    def class_name(cls) -> str:
        return "DefinitionBoost"

    def cue(self, question: str) -> list[str]:
        return asked_terms(question)

    def rescore(self, node: NodeWithScore, score: float, cue: list[str]) -> float:
        return score + (self.bonus if defines(node.node.get_content(), cue) else 0.0)

    def _postprocess_nodes(
        self, nodes: list[NodeWithScore], query_bundle: QueryBundle | None = None
    ) -> list[NodeWithScore]:
        terms = self.cue(query_bundle.query_str) if query_bundle else []
        if terms and nodes:
            present = {n.node.node_id for n in nodes}
            allowed = {n.node.metadata.get("doc_id") for n in nodes}  # a document filter holds
            entry = nodes[min(self.entry, len(nodes)) - 1].score
            found = {n.node_id: n for t in terms for n in self._glossary.get(_key(t), [])}
            missing = [
                NodeWithScore(node=n, score=entry)
                for n in found.values()
                if n.node_id not in present and n.metadata.get("doc_id") in allowed
            ]
            raised = [
                NodeWithScore(node=n.node, score=max(n.score or 0.0, entry or 0.0))
                if defines(n.node.get_content(), terms)
                else n
                for n in nodes
            ]
            nodes = [*missing, *raised]
        return super()._postprocess_nodes(nodes, query_bundle)
