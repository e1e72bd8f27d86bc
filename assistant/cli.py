"""The ``assistant`` command: ingest, docs, outline, remove, ask, serve, eval.

Every command has ``--help``. ``ask --json`` and ``ask --jsonl`` print the same JSON objects
as the Python API's ``Answer.to_dict()`` and the app's ``ask`` endpoint.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Optional

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__.split("\n")[0])


def _assistant(**overrides):
    from assistant.service import Assistant
    from assistant.settings import Settings

    return Assistant(Settings(**overrides))


@app.callback()
def _main(verbose: bool = typer.Option(False, "--verbose", "-v", help="Log progress details.")):
    """Vision Assistant: ask questions about the vision documents, get answers with quoted sources.

    Settings come from ASSISTANT_* environment variables (see `assistant settings`)."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


@app.command()
def ingest(paths: Optional[list[Path]] = typer.Argument(None, help="Files or folders (default: the corpus folder).")):
    """Index documents (.txt .md .pdf .docx); skip unchanged files; exit 1 if any file failed.

    New and changed files are indexed, unchanged ones skipped, and documents whose file is gone
    from a folder given here are removed."""
    assistant = _assistant()
    report = assistant.ingest(paths or None, progress=True)
    for doc_id in report.indexed:
        typer.echo(f"indexed    {doc_id}")
    for doc_id in report.skipped:
        typer.echo(f"unchanged  {doc_id}")
    for doc_id in report.removed:
        typer.echo(f"removed    {doc_id}")
    for path, reason in report.failed:
        typer.echo(f"FAILED     {path}: {reason}", err=True)
    typer.echo(report.summary())
    raise typer.Exit(0 if report.ok else 1)


@app.command()
def docs(as_json: bool = typer.Option(False, "--json", help="Print JSON.")):
    """List the indexed documents."""
    from dataclasses import asdict

    documents = _assistant().documents()
    if as_json:
        typer.echo(json.dumps([asdict(d) for d in documents], indent=2))
        return
    if not documents:
        typer.echo("The index is empty: run `assistant ingest`.")
    for d in documents:
        typer.echo(f"{d.doc_id}\n  {d.title} | {d.publisher} | {d.date} | {d.status} | {d.chunks} passages\n  {d.source}")


@app.command()
def outline(doc_id: str = typer.Argument(..., help="Document id, as `assistant docs` shows it.")):
    """Show a document's sections as a tree, each with its kind (priority, goal, outcome ...)."""
    from assistant.outline import as_text

    sections = _assistant().outline(doc_id) or _no_such_document(doc_id)
    typer.echo(as_text(sections))


@app.command()
def remove(doc_id: str = typer.Argument(..., help="Document id, as `assistant docs` shows it.")):
    """Remove a document from the index."""
    removed = _assistant().remove(doc_id) or _no_such_document(doc_id)
    typer.echo(f"removed {doc_id} ({removed} passages)")


def _no_such_document(doc_id: str):
    typer.echo(f"No indexed document '{doc_id}'.", err=True)
    raise typer.Exit(1)


@app.command()
def ask(
    question: Optional[str] = typer.Argument(None, help="The question."),
    as_json: bool = typer.Option(False, "--json", help="Print the answer as JSON."),
    doc: Optional[str] = typer.Option(None, "--doc", help="Search only this document id."),
    k: Optional[int] = typer.Option(None, "-k", help="Passages to retrieve (default: settings.top_k)."),
    history: Optional[list[str]] = typer.Option(None, "--history", help="An earlier question (repeatable, oldest first)."),
    jsonl: Optional[str] = typer.Option(None, "--jsonl", help='File of {"question", "history"} lines ("-" for stdin); prints one JSON answer per line.'),
):
    """Answer a question from the documents, citing the passages used."""
    from assistant.service import QuestionError

    assistant = _assistant()
    if jsonl:
        stream = sys.stdin if jsonl == "-" else open(jsonl, encoding="utf-8")
        failed = False
        for line_no, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                answer = assistant.ask(item["question"], item.get("history") or [], item.get("doc") or doc, k)
                typer.echo(json.dumps(answer.to_dict(), ensure_ascii=False))
            except (ValueError, KeyError, TypeError) as e:
                failed = True
                typer.echo(json.dumps({"line": line_no, "error": _reason(e)}), err=False)
        raise typer.Exit(1 if failed else 0)
    if question is None:
        typer.echo("Give a question, or --jsonl FILE.", err=True)
        raise typer.Exit(2)
    try:
        answer = assistant.ask(question, history or [], doc, k)
    except QuestionError as e:
        typer.echo(str(e), err=True)
        raise typer.Exit(2) from None
    if as_json:
        typer.echo(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
        return
    typer.echo(answer.answer + "\n")
    for claim in answer.claims:
        if not claim["supported"] and answer.mode == "generative":
            typer.echo(f"Not found in the sources, left out: {claim['text']}")
    if answer.notice:
        typer.echo(f"Note: {answer.notice}")
    typer.echo(f"[{answer.mode} answer]\n")
    if answer.citations:  # a catalogue answer quotes no passage
        typer.echo(f"{answer.sources_label}:")
    for c in answer.citations:
        page = f", p. {c.page}" if c.page else ""
        typer.echo(f"[{c.n}] {c.title} — {c.section or 'opening page'}{page}")
        typer.echo("    " + c.text.replace("\n", "\n    "))


@app.command()
def serve(
    host: Optional[str] = typer.Option(None, help="Address to bind (default: settings.host, 127.0.0.1)."),
    port: Optional[int] = typer.Option(None, help="Port (default: settings.port, 7860)."),
):
    """Start the web chat (logs each question at INFO)."""
    from assistant.app import launch

    logging.getLogger("assistant").setLevel(logging.INFO)
    launch(host, port)


@app.command(name="eval")
def evaluate(
    questions: Path = typer.Option(None, "--questions", help="A JSONL gold set (default: evals/questions.jsonl)."),
    out: Path = typer.Option(Path("reports"), "--out", help="Folder for report.json, report.md, report.html."),
    compare_to: Optional[Path] = typer.Option(None, "--compare", help="An earlier report.json: print the deltas."),
    thresholds: Optional[Path] = typer.Option(None, "--thresholds", help="TOML of metric bounds (default: evals/thresholds.toml)."),
    baseline: bool = typer.Option(True, "--baseline/--no-baseline", help="Also score LangChain's tutorial pipeline."),
    mode: Optional[str] = typer.Option(None, "--mode", help="generative: also score answers written by the language model "
                                       "(ASSISTANT_LLM_BASE_URL), beside the extractive ones. Default: settings.answer_mode."),
):
    """Measure answer quality on a gold set; exit 1 when a metric breaks its threshold (extractive answers)."""
    import tomllib

    from assistant.evaluation import harness as evaluation
    from assistant.evaluation import report

    from assistant.service import Assistant
    from assistant.settings import Settings

    settings = Settings()
    mode = mode or settings.answer_mode
    if mode not in ("extractive", "generative"):
        typer.echo(f"--mode must be extractive or generative, not {mode!r}.", err=True)
        raise typer.Exit(2)
    if mode == "generative" and not settings.llm_base_url:
        typer.echo("--mode generative needs a language model: set ASSISTANT_LLM_BASE_URL.", err=True)
        raise typer.Exit(2)
    assistant = Assistant(settings.model_copy(update={"answer_mode": "extractive"}))  # the thresholds gate the extractive answers
    if not assistant.documents():
        typer.echo("The index is empty: run `assistant ingest` first.", err=True)
        raise typer.Exit(2)
    result = evaluation.run(assistant, evaluation.load_cases(questions or evaluation.QUESTIONS), baseline=baseline,
                            generative=mode == "generative")
    for path in report.write(result, out):
        typer.echo(f"wrote {path}")
    typer.echo(report.markdown(result).split("\n## By slice")[0])  # the overall table, and the judge's line if any
    if compare_to:
        typer.echo("\n".join(["Change against " + str(compare_to)] + evaluation.compare(result, json.loads(compare_to.read_text("utf-8")))))
    bounds = tomllib.loads((thresholds or evaluation.THRESHOLDS).read_text("utf-8"))
    failures = evaluation.check_thresholds(result["system"], bounds)
    for failure in failures:
        typer.echo(f"THRESHOLD {failure}", err=True)
    raise typer.Exit(1 if failures else 0)


@app.command()
def settings():
    """Print the settings in effect (defaults overridden by ASSISTANT_* variables)."""
    from assistant.settings import Settings

    for name, value in Settings().model_dump().items():
        typer.echo(f"ASSISTANT_{name.upper()}={value}")


feedback_app = typer.Typer(no_args_is_help=True, help="Thumbs up/down that app users gave answers.")
app.add_typer(feedback_app, name="feedback")


@feedback_app.command("export")
def feedback_export(out: str = typer.Option("-", "--out", help='JSONL file to write ("-": standard output).')):
    """Write every rating (question, answer, sources, liked, comment, time) as JSON lines."""
    from assistant.feedback import FeedbackStore
    from assistant.settings import Settings

    settings = Settings()
    store = FeedbackStore(settings.feedback_url or settings.feedback_db)
    if out == "-":
        count = store.export_jsonl(sys.stdout)
    else:
        with open(out, "w", encoding="utf-8") as f:
            count = store.export_jsonl(f)
    typer.echo(f"{count} rating(s) exported", err=True)


def _reason(error: Exception) -> str:
    if isinstance(error, KeyError):
        return f"missing field {error}"
    return str(error)


def main():
    app()
