"""Dependency audit: pip-audit over requirements.lock, a Markdown report, and the CI verdict.

Policy (also in eval/README.md, "Security"):
- every finding is printed and written to eval/reports/audit.md (package, version, advisory, fix);
- CI fails on a vulnerability that has a fixed version, unless its id is listed in
  scripts/audit-ignore.txt with a reason (e.g. the fix needs a torch we cannot take);
- findings without any fix are reported but do not fail CI (there is nothing to upgrade to);
- packages the service could not look up are listed; with ``--strict`` they fail too. On this
  network pypi.org's per-version JSON API answers 404 and api.osv.dev is unreachable, so nothing
  can be looked up here and the report says so rather than claiming "no known vulnerabilities".

Run: ``.venv/bin/python scripts/audit.py [--strict] [--service pypi|osv]``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def read_ignored(path: Path) -> dict[str, str]:
    """``ID  reason`` lines (``#`` comments allowed) → {id: reason}."""
    ignored = {}
    if path.exists():
        for line in path.read_text("utf-8").splitlines():
            line = line.split("#", 1)[0].strip()
            if line:
                vuln_id, _, reason = line.partition(" ")
                ignored[vuln_id] = reason.strip()
    return ignored


def classify(report: dict, ignored: dict[str, str]) -> dict[str, list]:
    """Findings split by the policy: ``fail`` (fix available, not ignored), ``ignored``, ``no_fix``,
    and ``skipped`` packages the service could not look up."""
    out: dict[str, list] = {"fail": [], "ignored": [], "no_fix": [], "skipped": []}
    for dep in report.get("dependencies", []):
        if dep.get("skip_reason"):
            out["skipped"].append((dep["name"], dep.get("version", ""), dep["skip_reason"]))
            continue
        for vuln in dep.get("vulns", []):
            ids = [vuln["id"], *vuln.get("aliases", [])]
            row = (dep["name"], dep["version"], ", ".join(ids), ", ".join(vuln.get("fix_versions", [])))
            if any(i in ignored for i in ids):
                out["ignored"].append(row)
            elif vuln.get("fix_versions"):
                out["fail"].append(row)
            else:
                out["no_fix"].append(row)
    return out


def markdown(found: dict[str, list], audited: int, command: str, service: str) -> str:
    lines = [
        "# Dependency audit",
        "",
        f"Command: `{command}` (pip-audit, service `{service}`, over `requirements.lock`); "
        f"{time.strftime('%Y-%m-%d %H:%M')}.",
        "",
        f"Packages: {audited} looked up, {len(found['skipped'])} could not be looked up.",
    ]
    rows = [("must fix", r) for r in found["fail"]] + [("no fix yet", r) for r in found["no_fix"]]
    rows += [("ignored", r) for r in found["ignored"]]
    if rows:
        lines += ["", "| status | package | version | advisory | fixed in |", "|---|---|---|---|---|"]
        lines += [f"| {s} | {p} | {v} | {a} | {f or '—'} |" for s, (p, v, a, f) in rows]
    elif audited:
        lines += ["", "No known vulnerabilities in the packages that could be looked up."]
    if found["skipped"]:
        reasons = sorted({r.split(":")[0] for _, _, r in found["skipped"]})
        names = ", ".join(name for name, _, _ in found["skipped"])
        lines += ["", f"Not audited ({'; '.join(reasons)}): {names}"]
    if not audited:
        lines += ["", "**Nothing could be audited: the vulnerability service is not reachable from here.**"]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="pip-audit over requirements.lock")
    parser.add_argument("--lock", default=str(ROOT / "requirements.lock"))
    parser.add_argument("--out", default=str(ROOT / "eval/reports/audit.md"))
    parser.add_argument("--service", default="pypi", choices=["pypi", "osv"])
    parser.add_argument("--strict", action="store_true", help="also fail when packages could not be audited")
    args = parser.parse_args(argv)

    pip_audit = shutil.which("pip-audit", path=str(Path(sys.executable).parent)) or "pip-audit"
    cmd = [pip_audit, "-r", args.lock, "--no-deps", "--disable-pip", "-s", args.service]
    cmd += ["--progress-spinner", "off", "-f", "json", "--timeout", "30"]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError:
        print(
            f"依赖审计未能运行（pip-audit 退出码 {proc.returncode}）：{proc.stderr[-2000:]}", file=sys.stderr
        )
        return 2
    found = classify(report, read_ignored(ROOT / "scripts/audit-ignore.txt"))
    audited = len(report.get("dependencies", [])) - len(found["skipped"])
    text = markdown(found, audited, "python scripts/audit.py", args.service)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(text, encoding="utf-8")
    print(text)
    if found["fail"]:
        print(
            f"依赖审计：{len(found['fail'])} 个有修复版本的漏洞，请升级（见 {args.out}）。", file=sys.stderr
        )
        return 1
    if not audited or found["skipped"]:
        print(f"警告：{len(found['skipped'])} 个包未能审计（漏洞服务不可达或无此版本）。", file=sys.stderr)
        return 1 if args.strict else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
