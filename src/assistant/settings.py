"""All configuration in one typed object.

Read, in rising priority, from defaults, ``assistant.toml`` (in the working directory, or the file
named by ``ASSISTANT_CONFIG``) and environment variables such as ``ASSISTANT_RETRIEVAL__TOP_K=8``.
Relative paths resolve against ``home`` (default: the working directory).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

BUILTIN_E5 = "builtin:multilingual-e5-small"


class PathSettings(BaseModel):
    corpus_dir: Path = Path("corpus")
    index_dir: Path = Path("index")
    model_cache_dir: Path = Path(".cache/models")
    feedback_dir: Path = Path("feedback")
    prompts_dir: Path = Path("prompts")


class EmbeddingSettings(BaseModel):
    model: str = Field(
        default=BUILTIN_E5,
        description="builtin:multilingual-e5-small (rebuilt from PyPI packages), or a local "
        "SentenceTransformer folder / hub name such as BAAI/bge-small-zh-v1.5",
    )
    query_prefix: str = "query: "
    passage_prefix: str = "passage: "
    batch_size: int = 16
    threads: int = Field(default=0, description="torch CPU threads; 0 = all cores")
    dtype: Literal["auto", "float32", "bfloat16"] = Field(
        default="auto",
        description="auto: bfloat16 where the CPU computes it natively (AVX512-BF16/AMX), else float32",
    )


class ChunkingSettings(BaseModel):
    max_chars: int = 500
    min_chars: int = Field(default=200, description="a passage this long may end at the next heading")
    overlap_sentences: int = 1
    boundary: Literal["top", "heading"] = Field(
        default="top", description="the section level a passage never crosses: top-level, or any heading"
    )


class RetrievalSettings(BaseModel):
    mode: Literal["hybrid", "bm25", "dense"] = "hybrid"
    top_k: int = 5
    candidates: int = Field(default=30, description="depth taken from each retriever before fusion")
    fusion: Literal["relative_score", "reciprocal_rerank", "dist_based_score"] = "relative_score"
    bm25_weight: float = Field(default=2.0, description="BM25's weight against dense (1.0) in score fusion")
    quantity_boost: float = Field(
        default=0.3,
        description="bonus for passages stating the unit a how-many question asks for; 0 turns it off",
    )
    series_boost: float = Field(
        default=0.8,
        description="bonus for passages holding a chart's yearly series of what a how-much question asks, "
        "for each year it names (规上先进制造业增加值（亿元）2015年…); 0 = off",
    )
    section_cue_boost: float = Field(
        default=0.2,
        description="bonus for passages under the heading the question points to (成效, 做法, 问题); 0 = off",
    )
    table_cue_boost: float = Field(
        default=0.4,
        description="bonus for an annex table's rows when the question names it (任务分解表, 重点项目表)",
    )
    label_cue_boost: float = Field(
        default=0.2,
        description="bonus for passages whose run-in label (——创新能力显著增强。) holds a question word "
        "of four or more characters; 0 = off",
    )
    count_cue_boost: float = Field(
        default=0.2,
        description="bonus for passages announcing the count a question asks for (三个, 五大); 0 = off",
    )
    definition_boost: float = Field(
        default=0.3,
        description="bonus for passages glossing the term a definition question asks about; 0 = off",
    )
    table_factor: float = Field(
        default=0.8,
        description="score factor for passages that are flattened tables (prose first); 1.0 = off",
    )
    scope_penalty: float = Field(
        default=0.3,
        description="taken off a city or district plan's passages when the question is about the whole "
        "province (全省, 广东) and names no city, and off a district plan's when it names a city (or "
        "全市) and no district; 0 = off",
    )
    preamble_penalty: float = Field(
        default=0.2,
        description="taken off passages before a document's first heading (an issuing notice, a "
        "foreword) unless the question asks about the document itself (印发, 文号, 依据); 0 = off",
    )
    named_document_boost: float = Field(
        default=0.3,
        description="bonus for passages of the documents a question names (花都数字经济规划里…); 0 = off",
    )
    max_top_k: int = 50


class AnswerSettings(BaseModel):
    backend: Literal["extractive", "openai", "llama_cpp"] = Field(
        default="extractive",
        description="extractive: quotes, needs nothing; openai: an OpenAI-compatible chat endpoint "
        "(see [llm]); llama_cpp: a local GGUF model in-process (pip install '.[local-llm]')",
    )
    max_sentences: int = 3
    passages_considered: int = 5
    min_coverage: float = Field(
        default=0.3, description="share of the question's key terms the evidence must hold"
    )
    max_question_chars: int = 2000
    max_quote_chars: int = Field(
        default=200, description="a quoted clause runs on to its full stop up to this many characters"
    )


class StoreSettings(BaseModel):
    mode: Literal["embedded", "server"] = Field(
        default="embedded",
        description="embedded: Chroma files inside each build; server: a `chroma run` server shared by "
        "every process (BM25, passages and the manifest stay in the index directory, a shared volume)",
    )
    host: str = "127.0.0.1"
    port: int = 8000
    ssl: bool = False
    headers: dict[str, str] = Field(
        default_factory=dict, description="sent with every request, e.g. an Authorization header"
    )
    add_batch: int = Field(
        default=1000,
        ge=1,
        description="passages sent to Chroma per add call (Chroma refuses batches over ~5,000)",
    )
    collection_prefix: str = Field(
        default="passages",
        description="server collections are named <prefix>-<build>; one prefix per deployment",
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{1,40}$",
    )


class LLMSettings(BaseModel):
    """The generative backends (``answer.backend`` = openai | llama_cpp)."""

    base_url: str = Field(default="http://127.0.0.1:8080/v1", description="OpenAI-compatible endpoint")
    model: str = Field(default="local", description="model name sent to the endpoint")
    api_key_env: str = Field(
        default="ASSISTANT_LLM_API_KEY",
        description="name of the environment variable holding the API key (the key itself is never "
        "stored in settings, logs or files)",
    )
    model_path: str = Field(
        default="qwen2.5-coder-0.5b",
        description="llama_cpp: a GGUF file, or a model name fetched by `assistant model fetch` into "
        "paths.model_cache_dir",
    )
    timeout: float = Field(default=120.0, description="seconds for one whole answer before falling back")
    max_tokens: int = 256
    temperature: float = 0.0
    n_ctx: int = 4096
    threads: int = Field(default=0, description="llama_cpp CPU threads; 0 = all cores")
    passages: int = Field(default=5, description="numbered passages put in the prompt")
    passage_chars: int = Field(default=450, description="each passage is cut to this many characters")
    answer_prompt: str = Field(default="answer", description="prompts/<name>.v<N>.txt; newest N if no .vN")
    rewrite_prompt: str = "rewrite"
    rewrite_followups: bool = Field(
        default=False,
        description="rewrite follow-up questions with the model instead of the rules (rules on failure)",
    )
    unsupported: Literal["flag", "remove"] = Field(
        default="flag", description="sentences failing the figure check: shown with a warning, or removed"
    )
    model_refusal: Literal["checked", "trusted"] = Field(
        default="checked",
        description="checked: when the model says the passages hold no answer but the extractive "
        "answerer finds a supported one, show that with a notice; trusted: always refuse",
    )
    attribute_unmarked: float = Field(
        default=0.8,
        ge=0.0,
        le=1.0,
        description="a sentence the model wrote without [n] is credited to the passage it copies from when "
        "that passage holds all its figures and this share of its character pairs; 0 = off",
    )


class PageSettings(BaseModel):
    """The chat page (``assistant serve``)."""

    concurrency: int = Field(
        default=4,
        ge=1,
        description="answers computed at once (CPU-bound: more only queue in torch)",
    )
    queue_size: int = Field(
        default=64, ge=1, description="questions waiting beyond that (more get a busy message)"
    )
    session_capacity: int = Field(
        default=500,
        ge=10,
        description="browser sessions whose conversation the server keeps (least recently used dropped "
        "first); each holds its chat and citations, about 0.5 MB",
    )


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ASSISTANT_", env_nested_delimiter="__", extra="ignore")

    home: Path = Field(default_factory=Path.cwd)
    paths: PathSettings = PathSettings()
    embedding: EmbeddingSettings = EmbeddingSettings()
    chunking: ChunkingSettings = ChunkingSettings()
    retrieval: RetrievalSettings = RetrievalSettings()
    answer: AnswerSettings = AnswerSettings()
    store: StoreSettings = StoreSettings()
    llm: LLMSettings = LLMSettings()
    page: PageSettings = PageSettings()

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml_file = Path(os.environ.get("ASSISTANT_CONFIG", "assistant.toml"))
        return (init_settings, env_settings, TomlConfigSettingsSource(settings_cls, toml_file=toml_file))

    def resolve(self, path: Path) -> Path:
        return path if path.is_absolute() else self.home / path

    @property
    def corpus_dir(self) -> Path:
        return self.resolve(self.paths.corpus_dir)

    @property
    def index_dir(self) -> Path:
        return self.resolve(self.paths.index_dir)

    @property
    def model_cache_dir(self) -> Path:
        return self.resolve(self.paths.model_cache_dir)

    @property
    def feedback_dir(self) -> Path:
        return self.resolve(self.paths.feedback_dir)

    @property
    def prompts_dir(self) -> Path:
        return self.resolve(self.paths.prompts_dir)
