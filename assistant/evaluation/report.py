"""Write an evaluation report as ``report.json``, ``report.md`` and a self-contained ``report.html``.

The HTML page needs nothing from the network: the per-slice chart is inline SVG and every piece
of question or document text is escaped.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

HEADLINE = ["hit@1", "hit@3", "hit@5", "recall@5", "mrr", "ndcg@10", "cited_first", "cited_any", "citation_precision",
            "citation_recall", "citation_support", "fact_recall", "list_complete", "scope_kept", "refusal_accuracy",
            "false_refusal_rate", "bare_refusal_rate", "closest_rate", "closest_right", "closest_unanswerable",
            "answered_generatively", "claims_supported_share", "alce_recall", "alce_precision", "latency_p50_ms", "latency_p95_ms"]
CHART = ["hit@1", "hit@5", "mrr", "refusal_accuracy"]


def write(report: dict, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / "report.json", folder / "report.md", folder / "report.html"]
    paths[0].write_text(json.dumps(report, indent=2, ensure_ascii=False), "utf-8")
    paths[1].write_text(markdown(report), "utf-8")
    paths[2].write_text(page(report), "utf-8")
    return paths


def _fmt(value) -> str:
    if value is None:
        return "–"
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def _failures_first(rows: list[dict]) -> list[dict]:
    return sorted(rows, key=lambda r: (r["passed"], r["id"]))


def _columns(report: dict) -> list[tuple[str, dict]]:
    """The overall table's columns: the system, its generative mode when run, the baseline."""
    columns = [("system (extractive)" if "generative" in report else "system", report["system"])]
    if "generative" in report:
        columns.append(("system (generative)", report["generative"]))
    return columns + [("baseline", report.get("baseline", {}))]


def markdown(report: dict) -> str:
    system, columns = report["system"], _columns(report)
    lines = ["# Evaluation report", "", f"{system['questions']} questions ({system['answerable']} answerable, "
             f"{system['unanswerable']} unanswerable).", "", "| metric | " + " | ".join(n for n, _ in columns) + " |",
             "|---|" + "---|" * len(columns)]
    lines += [f"| {m} | " + " | ".join(_fmt(c.get(m)) for _, c in columns) + " |"
              for m in HEADLINE if any(m in c for _, c in columns)]
    if "judge" in report:
        lines += ["", f"LLM judge (a trend, not a gate): {json.dumps(report['judge'])}"]
    lines += ["", "## By slice", "", "| slice | n | hit@1 | hit@5 | mrr | cited first | fact recall | lists complete | scope kept | "
              "refusal acc. | false refusals | baseline hit@5 |", "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for name, s in report["slices"].items():
        b = report.get("baseline_slices", {}).get(name, {})
        cells = [s.get(k) for k in ("hit@1", "hit@5", "mrr", "cited_first", "fact_recall", "list_complete", "scope_kept",
                                    "refusal_accuracy", "false_refusal_rate")] + [b.get("hit@5")]
        lines.append(f"| {name} | {s['questions']} | " + " | ".join(_fmt(c) for c in cells) + " |")
    lines += ["", "## Questions (failures first)", "", "| id | slice | ok | question | expected | got |", "|---|---|---|---|---|---|"]
    for r in _failures_first(report["rows"]):
        got = r["answer"].replace("\n", " ").replace("|", "/")[:240]
        lines.append(f"| {r['id']} | {r['slice']} | {'✓' if r['passed'] else '✗'} | {r['question']} | "
                     f"{'; '.join(r['expected'])[:120] or '(not found)'} | {got} |")
    return "\n".join(lines) + "\n"


def page(report: dict) -> str:
    e = html.escape
    system, columns = report["system"], _columns(report)
    metric_rows = "".join(f"<tr><th scope='row'>{e(m)}</th>" + "".join(f"<td>{_fmt(c.get(m))}</td>" for _, c in columns) + "</tr>"
                          for m in HEADLINE if any(m in c for _, c in columns))
    question_rows = []
    for r in _failures_first(report["rows"]):
        cited = "".join(f"<li>[{c['n']}] {e(c['section'])}: {e(c['text'][:200])}</li>" for c in r["cited"])
        question_rows.append(
            f"<tr class='{'ok' if r['passed'] else 'fail'}'><td>{e(r['id'])}</td><td>{e(r['slice'])}</td>"
            f"<td>{'pass' if r['passed'] else 'FAIL'}</td><td>{e(r['question'])}"
            f"{'<br><small>after: ' + e(' / '.join(r['history'])) + '</small>' if r['history'] else ''}</td>"
            f"<td>{e('; '.join(r['expected'])) or '(not found)'}</td><td>{e(r['answer']).replace(chr(10), '<br>')}</td>"
            f"<td><ul>{cited}</ul></td></tr>")
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Vision Assistant evaluation</title>
<style>body{{font-family:system-ui,sans-serif;margin:2rem;color:#111827}}table{{border-collapse:collapse;margin:1rem 0}}
td,th{{border:1px solid #9ca3af;padding:.3rem .5rem;vertical-align:top;text-align:left}}tr.fail td:nth-child(3){{color:#b91c1c;font-weight:700}}
small{{color:#374151}}ul{{margin:0;padding-left:1rem}}</style></head><body>
<h1>Vision Assistant evaluation</h1>
<p>{system['questions']} questions: {system['answerable']} answerable, {system['unanswerable']} unanswerable.
Baseline: LangChain tutorial pipeline (RecursiveCharacterTextSplitter 1000/200, Chroma, same model, top 5).</p>
<table><caption>Overall</caption><tr><th>metric</th>{''.join(f"<th>{e(n)}</th>" for n, _ in columns)}</tr>{metric_rows}</table>
<h2>By slice</h2>{chart(report)}
<h2>Questions, failures first</h2>
<table><tr><th>id</th><th>slice</th><th>result</th><th>question</th><th>expected</th><th>got</th><th>cited passages</th></tr>
{''.join(question_rows)}</table></body></html>"""


def chart(report: dict) -> str:
    """Grouped bars: for each slice and metric, the system (blue) beside the baseline (grey)."""
    slices = list(report["slices"])
    bar, gap, height = 10, 14, 160
    group = len(CHART) * (2 * bar + 4) + gap
    width = 60 + group * len(slices)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height + 70}" role="img" '
             f'aria-label="Metrics per slice, system versus baseline">']
    for tick in (0, 0.5, 1):
        y = 10 + height * (1 - tick)
        parts.append(f'<line x1="40" x2="{width}" y1="{y}" y2="{y}" stroke="#d1d5db"/><text x="4" y="{y + 4}" font-size="11">{tick:.1f}</text>')
    for i, name in enumerate(slices):
        x0 = 50 + i * group
        for j, metric in enumerate(CHART):
            for k, (source, colour) in enumerate([("slices", "#1d4ed8"), ("baseline_slices", "#6b7280")]):
                value = report.get(source, {}).get(name, {}).get(metric)
                if value is None:
                    continue
                x = x0 + j * (2 * bar + 4) + k * bar
                parts.append(f'<rect x="{x}" y="{10 + height * (1 - value)}" width="{bar - 1}" height="{height * value}" fill="{colour}">'
                             f'<title>{html.escape(name)} {metric} {"system" if k == 0 else "baseline"}: {value:.3f}</title></rect>')
        parts.append(f'<text x="{x0}" y="{height + 28}" font-size="12">{html.escape(name)}</text>')
    legend = " · ".join(f"{n + 1}. {m}" for n, m in enumerate(CHART))
    parts.append(f'<text x="50" y="{height + 50}" font-size="11">bars per slice, left to right: {legend}; blue system, grey baseline</text></svg>')
    return "".join(parts)
