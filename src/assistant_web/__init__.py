"""The staff chat page: a Gradio shell over ``assistant.Assistant`` (kept out of the core package)."""

from __future__ import annotations
