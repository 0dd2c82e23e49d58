"""Load test of the running chat page through its HTTP API (the ``/ask`` endpoint), loopback only.

``python -m assistant_web.loadtest`` starts ``assistant serve`` on a free 127.0.0.1 port (or drives
``--url``), lets N simulated users (each its own Gradio session) ask M questions from the eval set
at once, and reports p50/p95 latency, throughput and errors. ``--memory N`` then asks N more
questions in rounds of the same size and samples the server's RSS (from ``/proc``) after every
round, to show whether memory keeps growing. Server and client CPU time per question are reported.
Everything is bounded: a fixed number of questions, and ``--timeout`` for the whole run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import urlopen

ERROR_MARK = "⛔"
LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")


@dataclass
class Run:
    """Latencies of one phase (seconds, successful calls only) and its failures."""

    users: int
    questions: int
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def done(self) -> int:
        return len(self.latencies) + len(self.errors)

    def percentile(self, q: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]

    def summary(self) -> dict[str, float | int]:
        return {
            "users": self.users,
            "questions": self.questions,
            "answered": len(self.latencies),
            "errors": len(self.errors),
            "p50_s": round(self.percentile(0.50), 3),
            "p95_s": round(self.percentile(0.95), 3),
            "max_s": round(max(self.latencies, default=float("nan")), 3),
            "mean_s": round(statistics.fmean(self.latencies), 3) if self.latencies else float("nan"),
            "throughput_qps": round(len(self.latencies) / self.seconds, 2) if self.seconds else 0.0,
            "wall_s": round(self.seconds, 1),
        }


def load_questions(dataset: Path) -> list[str]:
    return [json.loads(line)["question"] for line in dataset.read_text("utf-8").splitlines() if line.strip()]


def document_ids(config: dict) -> list[str]:
    """Every document id offered by the page's filter (its default: search all)."""
    for component in config.get("components", []):
        props = component.get("props", {})
        if props.get("elem_id") == "doc-filter":
            return [choice[1] if isinstance(choice, (list, tuple)) else choice for choice in props["choices"]]
    raise RuntimeError("the page has no document filter (#doc-filter)")


def answer_text(chat: Sequence[dict]) -> str:
    content = chat[-1]["content"] if chat else ""
    if isinstance(content, str):
        return content
    return "".join(part.get("text", "") for part in content if isinstance(part, dict))


class PageSession:
    """One user of the page, speaking Gradio's queue protocol the way the browser does.

    ``POST gradio_api/queue/join`` with the session's hash, then read the session's event stream
    (``GET gradio_api/queue/data``) until the answer completes; the conversation state stays on
    the server. Lighter than ``gradio_client`` (one keep-alive connection, no polling threads), so
    the load generator, which shares the server's cores, takes less of their time.
    """

    def __init__(self, url: str, config: dict, timeout: float = 120.0) -> None:
        import httpx

        self.url = url.rstrip("/") + "/"
        self.session_hash = uuid.uuid4().hex[:11]
        self.http = httpx.Client(timeout=timeout)
        self.fn_index = next(
            d.get("id", i) for i, d in enumerate(config["dependencies"]) if d.get("api_name") == "ask"
        )

    def ask(self, question: str, documents: Sequence[str]) -> list:
        joined = self.http.post(
            self.url + "gradio_api/queue/join",
            json={
                "data": [question, list(documents), None],
                "fn_index": self.fn_index,
                "session_hash": self.session_hash,
                "event_data": None,
                "trigger_id": None,
            },
        )
        joined.raise_for_status()
        event_id = joined.json()["event_id"]
        params = {"session_hash": self.session_hash}
        with self.http.stream("GET", self.url + "gradio_api/queue/data", params=params) as stream:
            stream.raise_for_status()
            for line in stream.iter_lines():
                if not line.startswith("data:"):
                    continue
                message = json.loads(line[5:])
                if message.get("event_id") != event_id or message.get("msg") != "process_completed":
                    continue
                if not message.get("success", False):
                    raise RuntimeError(f"the page failed: {str(message.get('output'))[:200]}")
                return message["output"]["data"]
        raise RuntimeError("the event stream closed before the answer completed")

    def close(self) -> None:
        self.http.close()


def page_config(url: str) -> dict:
    with urlopen(url.rstrip("/") + "/config", timeout=30) as response:
        return json.loads(response.read())


def run_users(
    url: str, questions: Sequence[str], users: int, per_user: int, deadline: float, seed: int = 0
) -> Run:
    """``users`` concurrent sessions, each asking ``per_user`` questions one after another."""
    run = Run(users, users * per_user)
    lock = threading.Lock()
    rng = random.Random(seed)
    plans = [[rng.choice(questions) for _ in range(per_user)] for _ in range(users)]
    config = page_config(url)
    docs = document_ids(config)

    def user(plan: list[str]) -> None:
        session = PageSession(url, config)
        try:
            for question in plan:
                if time.monotonic() > deadline:
                    with lock:
                        run.errors.append("timeout: run deadline passed")
                    continue
                started = time.perf_counter()
                try:
                    chat = session.ask(question, docs)[0]
                    text = answer_text(chat)
                    error = f"answer: {text[:120]}" if not text or text.startswith(ERROR_MARK) else ""
                except Exception as exc:
                    error = f"call: {exc!r}"[:300]
                elapsed = time.perf_counter() - started
                with lock:
                    (run.errors.append(error) if error else run.latencies.append(elapsed))
        finally:
            session.close()

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=users) as pool:
        futures = [pool.submit(user, plan) for plan in plans]
        wait(futures, timeout=max(1.0, deadline - time.monotonic()) + 30)
    run.seconds = time.perf_counter() - started
    missing = run.questions - run.done
    if missing > 0:
        run.errors += ["timeout: no result"] * missing
    return run


def rss_mb(pid: int) -> float:
    """Resident memory of ``pid`` in MB, from ``/proc/<pid>/status``."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for pid {pid}")


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time ``pid`` has used, from ``/proc/<pid>/stat``."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def own_cpu_seconds() -> float:
    times = os.times()
    return times.user + times.system


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int, timeout: float, log: Path) -> subprocess.Popen:
    """``assistant serve`` on 127.0.0.1:``port``, once the page answers (settings from the env)."""
    handle = log.open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "assistant.cli", "serve", "--host", "127.0.0.1", "--port", str(port)],
        stdout=handle,
        stderr=subprocess.STDOUT,
        env={**os.environ, "GRADIO_ANALYTICS_ENABLED": "False"},
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server exited ({server.returncode}); see {log}")
        try:
            with urlopen(f"http://127.0.0.1:{port}/", timeout=5):
                return server
        except OSError:
            time.sleep(1)
    server.terminate()
    raise RuntimeError(f"the server did not answer within {timeout:.0f} s; see {log}")


def memory_run(
    url: str,
    questions: Sequence[str],
    total: int,
    users: int,
    per_user: int,
    deadline: float,
    sample: Callable,
) -> tuple[Run, list[tuple[int, float]]]:
    """``total`` questions in rounds of ``users`` × ``per_user`` (fresh sessions each round),
    with the server's RSS sampled before and after every round (a curve, not two points, tells
    a cache filling up from a leak)."""
    samples = [(0, sample())]
    run = Run(users, total)
    asked, round_no = 0, 0
    while asked < total and time.monotonic() < deadline:
        round_users = max(1, min(users, (total - asked) // per_user))
        part = run_users(url, questions, round_users, per_user, deadline, seed=1000 + round_no)
        run.latencies += part.latencies
        run.errors += part.errors
        run.seconds += part.seconds
        asked += part.questions
        round_no += 1
        samples.append((asked, sample()))
    return run, samples


def markdown(load: Run, memory: tuple[Run, list[tuple[int, float]]] | None, context: dict) -> str:
    s = load.summary()
    lines = [
        "# Load test",
        "",
        f"Command: `{context['command']}`  ",
        f"When: {context['when']}; machine: {context['cpus']} CPU cores (load average before the run: "
        f"{context['loadavg']}); server: {context['server']}.",
        "",
        "| users × questions | answered | errors | p50 | p95 | max | throughput |",
        "|---|---|---|---|---|---|---|",
        f"| {s['users']} × {s['questions'] // max(1, s['users'])} | {s['answered']} | {s['errors']} | "
        f"{s['p50_s']} s | {s['p95_s']} s | {s['max_s']} s | {s['throughput_qps']} questions/s |",
    ]
    cpu = context.get("cpu")
    if cpu:
        server = "not measured (--url)" if cpu["server"] is None else f"{1000 * cpu['server']:.0f} ms"
        lines += [
            "",
            f"CPU time per question: server {server}, load-generating clients {1000 * cpu['client']:.0f} ms "
            "(both on the same cores).",
        ]
    if memory:
        run, samples = memory
        m = run.summary()
        lines += [
            "",
            f"Memory: {m['questions']} more questions in rounds of fresh sessions; "
            f"{m['answered']} answered, {m['errors']} errors, p50 {m['p50_s']} s, p95 {m['p95_s']} s.",
            "",
            "| questions since warm-up | server RSS |",
            "|---|---|",
        ]
        lines += [f"| {n} | {mb:.0f} MB |" for n, mb in samples]
    errors = load.errors + (memory[0].errors if memory else [])
    if errors:
        lines += ["", "First errors:", ""] + [f"- `{e}`" for e in errors[:10]]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m assistant_web.loadtest", description="问答页面压力测试（仅本机）"
    )
    parser.add_argument("--url", help="已在运行的页面地址（仅限本机）；不给则自动启动 assistant serve")
    parser.add_argument("--users", type=int, default=50, help="并发用户数（默认 50）")
    parser.add_argument("--questions", type=int, default=5, help="每个用户的提问数（默认 5）")
    parser.add_argument("--memory", type=int, default=0, help="再提问这么多次并记录服务端内存（如 1000）")
    parser.add_argument("--dataset", default="eval/dataset.jsonl")
    parser.add_argument("--timeout", type=float, default=900, help="整个测试的时间上限（秒）")
    parser.add_argument("--out", help="Markdown 报告路径，如 eval/reports/load.md")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出结果")
    args = parser.parse_args(argv)
    if not (1 <= args.users <= 200 and 1 <= args.questions <= 100 and 0 <= args.memory <= 10_000):
        parser.error("用户数须在 1–200、每人提问数在 1–100、--memory 在 0–10000 之间")

    deadline = time.monotonic() + args.timeout
    questions = load_questions(Path(args.dataset))
    server = None
    if args.url:
        if urlparse(args.url).hostname not in LOOPBACK:
            parser.error("只允许对本机（127.0.0.1）上的页面做压力测试")
        url = args.url
        describe = f"already running at {url}"
    else:
        port = free_port()
        log = Path(os.environ.get("TMPDIR", "/tmp")) / f"assistant-loadtest-{port}.log"
        server = start_server(port, max(1.0, deadline - time.monotonic()), log)
        url = f"http://127.0.0.1:{port}/"
        describe = f"`assistant serve` started by the load test (pid {server.pid}, log {log})"
    try:
        context = {
            "command": "python -m assistant_web.loadtest "
            + " ".join(argv if argv is not None else sys.argv[1:]),
            "when": time.strftime("%Y-%m-%d %H:%M"),
            "cpus": os.cpu_count(),
            "loadavg": " ".join(f"{x:.1f}" for x in os.getloadavg()),
            "server": describe,
        }
        warm = run_users(url, questions, 1, 1, deadline)  # the first answer loads the model lazily
        if warm.errors:
            raise RuntimeError(f"warm-up question failed: {warm.errors[0]}")
        server_cpu = cpu_seconds(server.pid) if server else float("nan")
        client_cpu = own_cpu_seconds()
        load = run_users(url, questions, args.users, args.questions, deadline)
        context["cpu"] = {
            "server": (cpu_seconds(server.pid) - server_cpu) / max(1, load.done) if server else None,
            "client": (own_cpu_seconds() - client_cpu) / max(1, load.done),
        }
        memory = None
        if args.memory:
            sample = (lambda: rss_mb(server.pid)) if server else (lambda: float("nan"))
            memory = memory_run(url, questions, args.memory, args.users, args.questions, deadline, sample)
    finally:
        if server:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
    report = markdown(load, memory, context)
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(report, encoding="utf-8")
    if args.json:
        data = {"load": load.summary(), "errors": load.errors[:10], "cpu_s_per_question": context.get("cpu")}
        if memory:
            data["memory"] = {**memory[0].summary(), "rss_mb": memory[1]}
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(report)
    failed = load.errors or (memory and memory[0].errors)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
