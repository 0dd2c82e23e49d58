"""What ``llm.model_refusal = "checked"`` makes of a model run, from its per-item results.

Usage: python eval/model_refusal.py eval/reports/llm-1.5b/latest.json
Reads a run of ``assistant eval --config hybrid --config llm`` and, for every item where the model
said the passages hold no answer while the extractive answerer (the ``hybrid`` row: same passages,
same code) gave a supported answer, takes the extractive outcome, as the setting does. Prints the
answer metrics as the run measured them and with the rule. Exact for runs made before the rule
existed (``model_refusal = "trusted"``); a run made with it needs no projection.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from assistant.evaluation.metrics import ItemResult, summarise

KEYS = ("fact_accuracy", "citation_accuracy", "refusal_precision", "refusal_recall", "wrong_refusal_rate")
KEYS += ("extractive_share",)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("report", type=Path, help="latest.json of a hybrid + llm run")
    args = parser.parse_args()
    items = json.loads(args.report.read_text(encoding="utf-8"))["items"]
    extractive = {r["id"]: r for r in items["hybrid"]}
    fields = ItemResult.__dataclass_fields__
    model = [ItemResult(**{k: v for k, v in r.items() if k in fields}) for r in items["llm"]]
    checked = []
    for r in model:
        own = extractive[r.id]
        if r.backend != "extractive" and not r.found and own["found"]:
            r = ItemResult(**{k: v for k, v in own.items() if k in fields} | {"ask_ms": r.ask_ms})
        checked.append(r)
    overridden = sum(a is not b for a, b in zip(model, checked, strict=True))
    print(f"model refusals overridden by a supported extractive answer: {overridden} of {len(model)}")
    print("| llm.model_refusal | " + " | ".join(KEYS) + " |")
    print("|---" * (len(KEYS) + 1) + "|")
    for name, rows in (("trusted (as run)", model), ("checked", checked)):
        summary = summarise(rows, 10)
        print(f"| {name} | " + " | ".join(f"{summary[k]:.3f}" for k in KEYS) + " |")


if __name__ == "__main__":
    main()
