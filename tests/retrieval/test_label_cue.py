from __future__ import annotations

from llama_index.core.schema import NodeWithScore, TextNode

from assistant.retrieval.label_cue import RunInLabelBoost, asked_words

INTRO = NodeWithScore(
    node=TextNode(text="（三）发展目标\n到2025年，制造业创新能力和技术水平大幅提升。"), score=1.0
)
LABELLED = NodeWithScore(
    node=TextNode(
        text="——产业结构不断优化。到2025年……\n——创新能力显著增强。到2025年，全区R&D经费占GDP比重达到2.34%。"
    ),
    score=0.85,
)


def test_asked_words_are_the_long_terms() -> None:
    assert "创新能力" in asked_words("花都在创新能力方面给2025年定了哪些量化目标？")
    assert all(len(w) >= 4 for w in asked_words("花都在创新能力方面给2025年定了哪些量化目标？"))


def test_the_paragraph_labelled_with_the_asked_word_moves_up() -> None:
    question = "花都在创新能力方面给2025年定了哪些量化目标？"
    ranked = RunInLabelBoost().postprocess_nodes([INTRO, LABELLED], query_str=question)
    assert ranked[0].node is LABELLED.node


def test_a_word_in_the_prose_only_is_no_label() -> None:
    ranked = RunInLabelBoost().postprocess_nodes(
        [INTRO, LABELLED], query_str="制造业技术水平要提升到什么程度？"
    )
    assert ranked[0] is INTRO
