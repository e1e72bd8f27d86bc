"""Answers, sources and outlines as safe Markdown/HTML for the web app.

Document text is data: every piece of it is escaped before it reaches the page, so a document
containing ``<script>``, HTML or Markdown tricks shows as the characters it holds and cannot run
or restyle anything. Only the markup written here is live.

>>> chat_markdown("Buses run <b>hourly</b> *now*. [1]")
'Buses run &lt;b&gt;hourly&lt;/b&gt; \\\\*now\\\\*. **[1]**'
"""

from __future__ import annotations

import html
import re

from assistant.answer import Answer, Citation
from assistant.chunking import SEPARATOR

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")
_MARKER = re.compile(r"\\\[(\d+)\\\]")


def chat_markdown(answer_text: str) -> str:
    """The answer for the chat bubble: escaped, with [n] markers in bold, one item per line."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(answer_text, quote=False))
    escaped = escaped.replace("\\.", ".")  # a full stop is never Markdown on its own
    escaped = re.sub(r"^(\d+)\.", r"\1\\.", escaped, flags=re.M)  # ... except "1." starting a line
    return _MARKER.sub(r"**[\1]**", escaped)


def answer_markdown(answer: Answer) -> str:
    """The chat bubble for a finished answer: in generative mode each claim, the unsupported ones
    struck through and marked; then a small label saying which mode answered, and any notice.

    >>> a = Answer("q", "Buses run [1]", True, mode="generative", claims=[
    ...     {"text": "Buses run.", "citations": [1], "supported": True},
    ...     {"text": "Trams run.", "citations": [], "supported": False}])
    >>> print(answer_markdown(a))
    Buses run. **[1]** ~~Trams run.~~ *(not found in the sources)*
    <BLANKLINE>
    _Written by your language model; every sentence checked against its source._
    """
    if answer.mode == "generative":
        parts = [chat_markdown(f"{c['text']} " + "".join(f"[{n}]" for n in c["citations"])).strip()
                 + (" *(source found by the checker)*" if c.get("attributed") else "") if c["supported"]
                 else f"~~{chat_markdown(c['text'])}~~ *(not found in the sources)*" for c in answer.claims]
        body, label = " ".join(parts), "Written by your language model; every sentence checked against its source."
    else:
        body, label = chat_markdown(answer.answer), "Quoted from the documents."
    notice = f" {chat_markdown(answer.notice)}" if answer.notice else ""
    return f"{body}\n\n_{label}{notice}_" if answer.mode == "generative" or answer.notice else body


def sources_html(answer: Answer, contexts: dict[str, tuple[str, str, str]] | None = None) -> str:
    """Each citation as an expandable card: where it is, the quoted passage with the supporting
    sentence highlighted, and the passage in context."""
    if not answer.citations:
        return ""
    heading = answer.sources_label
    cards = [_card(c, (contexts or {}).get(c.chunk_id)) for c in answer.citations]
    return f'<section class="va-sources" aria-label="{heading}"><h2 class="va-h">{heading}</h2>{"".join(cards)}</section>'


def _card(c: Citation, context: tuple[str, str, str] | None) -> str:
    where = html.escape(c.section.replace(SEPARATOR, " › ") or "Opening page")
    page = f" · page {c.page}" if c.page else ""
    body = f"<blockquote>{_highlight(c.text, c.quote)}</blockquote>"
    if context and (context[0] or context[2]):
        before, passage, after = (html.escape(t).replace("\n", "<br>") for t in context)
        body += (
            '<details class="va-context"><summary>Read in context</summary>'
            f'<p class="va-around">{before}</p><p class="va-here">{passage}</p><p class="va-around">{after}</p></details>'
        )
    return (
        f'<details class="va-source" id="source-{c.n}"{" open" if c.n == 1 else ""}>'
        f'<summary><span class="va-n">[{c.n}]</span> <strong>{html.escape(c.title)}</strong>'
        f'<span class="va-where"> — {where}{page}</span></summary>{body}</details>'
    )


def _highlight(text: str, quote: str) -> str:
    """The passage, escaped, with each sentence of ``quote`` found in it marked."""
    spans = []
    for sentence in filter(None, (quote or "").split("\n")):
        at = text.find(sentence)
        if at >= 0:
            spans.append((at, at + len(sentence)))
    out, last = [], 0
    for start, end in sorted(spans):
        if start < last:
            continue
        out += [html.escape(text[last:start]), f"<mark>{html.escape(text[start:end])}</mark>"]
        last = end
    out.append(html.escape(text[last:]))
    return "".join(out).replace("\n", "<br>")


def outline_html(title: str, meta: str, sections: list[tuple[str, str]]) -> str:
    """A document's sections (path, kind) as a nested, expandable outline, each with its kind."""
    tree: dict = {}
    kinds: dict[str, str] = {}
    for path, kind in sections:
        node = tree
        for part in path.split(SEPARATOR):
            node = node.setdefault(part, {})
        kinds[path] = kind
    return (f'<article class="va-doc"><h3>{html.escape(title)}</h3><p class="va-meta">{html.escape(meta)}</p>'
            f"{_tree(tree, kinds, '')}</article>")


def _tree(node: dict, kinds: dict[str, str], prefix: str) -> str:
    items = []
    for name, children in node.items():
        path = f"{prefix}{SEPARATOR}{name}" if prefix else name
        kind = kinds.get(path, "other")
        badge = f' <span class="va-kind">{html.escape(kind.replace("_", " "))}</span>' if kind != "other" else ""
        label = html.escape(name) + badge
        items.append(f"<li><details><summary>{label}</summary>{_tree(children, kinds, path)}</details></li>" if children else f"<li>{label}</li>")
    return f"<ul>{''.join(items)}</ul>" if items else ""
