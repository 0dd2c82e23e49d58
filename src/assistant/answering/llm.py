"""The generative backends as llama-index LLMs: an OpenAI-compatible endpoint, or a local GGUF model.

``openai`` uses llama-index's ``OpenAILike`` (vLLM, Ollama, llama.cpp server, DeepSeek, DashScope's
compatible mode). The API key is read from the environment variable named by ``llm.api_key_env`` at
the moment the client is made; it is never part of the settings object, logs or files.
"""

from __future__ import annotations

import inspect
import logging
import os
import threading
from collections.abc import Sequence
from typing import Any

from llama_index.core.base.llms.types import (
    ChatMessage,
    ChatResponse,
    ChatResponseGen,
    CompletionResponse,
    CompletionResponseGen,
    LLMMetadata,
    MessageRole,
)
from llama_index.core.bridge.pydantic import Field, PrivateAttr
from llama_index.core.llms import LLM
from llama_index.core.llms.callbacks import llm_chat_callback, llm_completion_callback
from llama_index.core.llms.custom import CustomLLM

from assistant.answering.gguf import check_gguf, resolve_model
from assistant.errors import LLMUnavailableError
from assistant.settings import Settings

log = logging.getLogger(__name__)
_NO_KEY = "no-key"  # local servers accept any key; the client insists on one


def api_key(settings: Settings) -> str:
    return os.environ.get(settings.llm.api_key_env, "")


def redact(text: str, settings: Settings) -> str:
    """``text`` with the API key blanked, for logs and notices (error messages may echo headers)."""
    key = api_key(settings)
    return text.replace(key, "***") if key and len(key) >= 4 else text


def create_llm(settings: Settings) -> LLM:
    """The LLM for ``answer.backend``; raises ``LLMUnavailableError`` if it cannot be made."""
    cfg = settings.llm
    if settings.answer.backend == "openai":
        from llama_index.llms.openai_like import OpenAILike

        return OpenAILike(
            model=cfg.model,
            api_base=cfg.base_url,
            api_key=api_key(settings) or _NO_KEY,
            timeout=cfg.timeout,
            max_retries=0,  # a dead endpoint must fall back now, not after minutes of retries
            max_tokens=cfg.max_tokens,
            temperature=cfg.temperature,
            is_chat_model=True,
            context_window=cfg.n_ctx,
        )
    if settings.answer.backend == "llama_cpp":
        return LlamaCppChat(
            model_path=str(resolve_model(cfg.model_path, settings.model_cache_dir)),
            n_ctx=cfg.n_ctx,
            n_threads=cfg.threads or (os.cpu_count() or 1),
            max_tokens=cfg.max_tokens,
            temperature=cfg.temperature,
        )
    raise LLMUnavailableError(f"回答方式 {settings.answer.backend} 不使用大模型。", "")


class LlamaCppChat(CustomLLM):
    """A GGUF model in-process through ``llama_cpp.Llama.create_chat_completion``.

    Not ``llama-index-llms-llama-cpp`` (0.7.0 installs with llama-index-core 0.14 and
    llama-cpp-python 0.3.36): it turns chat messages into one prompt with a fixed
    ``messages_to_prompt`` (Llama-2 style by default) instead of the chat template stored in the
    GGUF file, so each model would need its template re-typed by hand, and it downloads a model from
    a hub when no path is given. ``create_chat_completion`` applies the file's own template, which
    keeps "point ``llm.model_path`` at any GGUF" true. The model loads on first use, once; calls are
    serialised because a ``Llama`` context is not thread-safe.
    """

    model_path: str = Field(description="GGUF file")
    n_ctx: int = 4096
    n_threads: int = 2
    max_tokens: int = 256
    temperature: float = 0.0
    _model: Any = PrivateAttr(default=None)
    _lock: Any = PrivateAttr(default_factory=threading.Lock)

    @classmethod
    def class_name(cls) -> str:
        return "LlamaCppChat"

    @property
    def metadata(self) -> LLMMetadata:
        return LLMMetadata(
            context_window=self.n_ctx,
            num_output=self.max_tokens,
            is_chat_model=True,
            model_name=os.path.basename(self.model_path),
        )

    def load(self) -> Any:
        if self._model is not None:
            return self._model
        from pathlib import Path

        path = Path(self.model_path)
        if not path.is_file():
            raise LLMUnavailableError(
                f"找不到模型文件：{path}。",
                "请运行 assistant model fetch，或把 llm.model_path 指向一个 GGUF 文件。",
            )
        check_gguf(path)
        try:
            from llama_cpp import Llama
        except ImportError as exc:
            raise LLMUnavailableError(
                "未安装 llama-cpp-python。", "请运行 bash scripts/install.sh --with-llm 安装本地模型支持。"
            ) from exc
        kwargs: dict[str, Any] = {"n_ctx": self.n_ctx, "n_threads": self.n_threads, "verbose": False}
        # Extra buffer types crashed the first generation of a native build on these machines; 0.3.36
        # keeps the switch in the C params only, and its portable build (install.sh) runs without it.
        if "use_extra_bufts" in inspect.signature(Llama.__init__).parameters:
            kwargs["use_extra_bufts"] = False
        self._model = Llama(model_path=str(path), **kwargs)
        return self._model

    def _request(self, messages: Sequence[ChatMessage], stream: bool, **kwargs: Any) -> Any:
        return self.load().create_chat_completion(
            messages=[{"role": m.role.value, "content": m.content or ""} for m in messages],
            max_tokens=kwargs.get("max_tokens", self.max_tokens),
            temperature=kwargs.get("temperature", self.temperature),
            stream=stream,
        )

    @llm_chat_callback()
    def chat(self, messages: Sequence[ChatMessage], **kwargs: Any) -> ChatResponse:
        with self._lock:
            result = self._request(messages, stream=False, **kwargs)
        text = result["choices"][0]["message"].get("content") or ""
        return ChatResponse(message=ChatMessage(role=MessageRole.ASSISTANT, content=text), raw=result)

    @llm_chat_callback()
    def stream_chat(self, messages: Sequence[ChatMessage], **kwargs: Any) -> ChatResponseGen:
        def gen() -> ChatResponseGen:
            text = ""
            with self._lock:
                for chunk in self._request(messages, stream=True, **kwargs):
                    delta = chunk["choices"][0].get("delta", {}).get("content") or ""
                    if delta:
                        text += delta
                        yield ChatResponse(
                            message=ChatMessage(role=MessageRole.ASSISTANT, content=text), delta=delta
                        )

        return gen()

    @llm_completion_callback()
    def complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponse:
        response = self.chat([ChatMessage(role=MessageRole.USER, content=prompt)], **kwargs)
        return CompletionResponse(text=response.message.content or "")

    @llm_completion_callback()
    def stream_complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponseGen:
        for response in self.stream_chat([ChatMessage(role=MessageRole.USER, content=prompt)], **kwargs):
            yield CompletionResponse(text=response.message.content or "", delta=response.delta)
