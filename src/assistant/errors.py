"""Errors users see. Each carries a Chinese message and a Chinese hint saying what to do next."""

from __future__ import annotations


class AssistantError(Exception):
    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}{self.hint and ' ' + self.hint}"


class CorpusError(AssistantError):
    """The corpus or its catalog cannot be read."""


class IndexMissingError(AssistantError):
    """No usable index on disk: missing, half-written, or built by another model or corpus."""


class IndexBusyError(AssistantError):
    """Another process is building this index right now."""


class ModelError(AssistantError):
    """The embedding model cannot be found or loaded."""


class InvalidQuestionError(AssistantError):
    """The question cannot be answered as given (empty, unknown document filter, ...)."""


class StoreUnavailableError(AssistantError):
    """The Chroma server cannot be reached; answers resume once it is back, without a restart."""


class LLMUnavailableError(AssistantError):
    """The generative model cannot answer now (unreachable, timed out, failed, missing file)."""
