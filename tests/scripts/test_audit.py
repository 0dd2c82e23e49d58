"""The audit policy: fail only on a fixable, not-ignored vulnerability; say when nothing was audited."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("audit", ROOT / "scripts/audit.py")
audit = importlib.util.module_from_spec(spec)
spec.loader.exec_module(audit)

REPORT = {
    "dependencies": [
        {
            "name": "jinja2",
            "version": "3.1.2",
            "vulns": [{"id": "GHSA-h5c8", "aliases": ["CVE-2024-22195"], "fix_versions": ["3.1.3"]}],
        },
        {
            "name": "torch",
            "version": "2.13.0",
            "vulns": [{"id": "PYSEC-1", "aliases": [], "fix_versions": ["2.99"]}],
        },
        {"name": "foo", "version": "1.0", "vulns": [{"id": "PYSEC-2", "aliases": [], "fix_versions": []}]},
        {"name": "numpy", "version": "2.0", "vulns": []},
        {"name": "bar", "skip_reason": "Dependency not found on PyPI and could not be audited: bar (1)"},
    ]
}


def test_classify_by_policy(tmp_path: Path) -> None:
    ignore = tmp_path / "ignore.txt"
    ignore.write_text("# comment\nPYSEC-1  the fix needs a torch we cannot install\n", "utf-8")
    found = audit.classify(REPORT, audit.read_ignored(ignore))
    assert [r[0] for r in found["fail"]] == ["jinja2"]
    assert found["fail"][0][2:] == ("GHSA-h5c8, CVE-2024-22195", "3.1.3")
    assert [r[0] for r in found["ignored"]] == ["torch"]
    assert [r[0] for r in found["no_fix"]] == ["foo"]
    assert [r[0] for r in found["skipped"]] == ["bar"]
    text = audit.markdown(found, 4, "cmd", "pypi")
    assert "| must fix | jinja2 | 3.1.2 | GHSA-h5c8, CVE-2024-22195 | 3.1.3 |" in text
    assert "| no fix yet | foo | 1.0 | PYSEC-2 | — |" in text and "Not audited" in text


def test_nothing_audited_is_said_plainly() -> None:
    found = audit.classify({"dependencies": [REPORT["dependencies"][-1]]}, {})
    text = audit.markdown(found, 0, "cmd", "pypi")
    assert "Nothing could be audited" in text and "No known vulnerabilities" not in text


def test_lock_file_pins_every_package_exactly() -> None:
    lines = [x for x in (ROOT / "requirements.lock").read_text("utf-8").splitlines() if x and x[0] != "#"]
    assert len(lines) > 50 and all("==" in x and " @ " not in x for x in lines)
    names = {x.split("==")[0].lower().replace("_", "-") for x in lines}
    assert {"torch", "chromadb", "gradio", "llama-index-core", "pip-audit"} <= names
