"""Retrieval Q&A over Chinese policy documents, with cited answers.

from assistant import Assistant
qa = Assistant.load()
answer = qa.ask("花都区2020年地区生产总值是多少？")
"""

from __future__ import annotations

from assistant.assistant import Assistant
from assistant.errors import AssistantError, IndexMissingError, InvalidQuestionError, StoreUnavailableError
from assistant.settings import Settings
from assistant.types import Answer, Citation, Passage

__all__ = [
    "Answer",
    "Assistant",
    "AssistantError",
    "Citation",
    "IndexMissingError",
    "InvalidQuestionError",
    "Passage",
    "Settings",
    "StoreUnavailableError",
]
