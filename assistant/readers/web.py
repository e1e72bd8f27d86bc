"""Saved web pages (.html, .htm): the main content only, with its headings, lists and tables.

trafilatura finds the main content (navigation, cookie banners, footers and side panels
go) and writes it as Markdown; its pipe tables become tab-separated rows here. On a short page
trafilatura falls back to keeping everything, menus included, so the page is first narrowed
to its ``<main>`` (or ``<article>``, or ``role="main"``) and stripped of navigation, headers,
footers, asides, forms and scripts, which no saved council page needs. A single
top-level heading that opens the page is the page's title (it wins over ``<title>``, which
usually carries the site's name too), not a section.
"""

from __future__ import annotations

import re
from pathlib import Path

from assistant.readers.base import Extracted, LoadError, iso_date

BOILERPLATE = ("//nav | //aside | //form | //script | //style | //noscript | //*[@role='navigation']"
               " | //header[not(ancestor::main or ancestor::article)] | //footer[not(ancestor::main or ancestor::article)]")
MAIN = "//main | //*[@role='main'] | //article"
_PIPE_ROW = re.compile(r"^\|(.*)\|\s*$")
_RULE_ROW = re.compile(r"^\|[\s:|-]+\|\s*$")


def read_html(path: Path, data: bytes, **_) -> Extracted:
    import trafilatura

    markdown = trafilatura.extract(_main_content(data), output_format="markdown", include_tables=True, include_formatting=True,
                                   include_links=False, include_images=False, include_comments=False,
                                   favor_recall=True)
    if not markdown:
        raise LoadError(path, "no main text found in the web page")
    meta = trafilatura.extract_metadata(data)
    heading, text = _split_title(_tables_to_rows(markdown))
    properties = {"title": heading or ((meta.title or "") if meta else ""),
                  "author": (meta.author or "") if meta else "", "date": iso_date(meta.date) if meta else ""}
    return Extracted(text, properties)


def _main_content(data: bytes) -> bytes:
    """The page's main element without boilerplate, as HTML (the whole page if it has none)."""
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.document_fromstring(data)
    except (lxml.etree.ParserError, ValueError):
        return data
    for element in root.xpath(BOILERPLATE):
        if element.getparent() is not None:
            element.drop_tree()
    main = root.xpath(MAIN)
    body = lxml.html.tostring(main[0]) if main else lxml.html.tostring(root)
    return b"<html><body>" + body + b"</body></html>" if main else body


def _tables_to_rows(markdown: str) -> str:
    """``| a | b |`` rows become ``a<TAB>b``; the ``|---|`` rule goes.

    >>> _tables_to_rows("| Age | Here |\\n|---|---|\\n| 0-15 | 10.9% |")
    'Age\\tHere\\n0-15\\t10.9%'
    """
    lines = []
    for line in markdown.split("\n"):
        if _RULE_ROW.match(line):
            continue
        row = _PIPE_ROW.match(line)
        lines.append("\t".join(c.strip() or "–" for c in row.group(1).split("|")) if row else line)
    return "\n".join(lines)


def _split_title(markdown: str) -> tuple[str, str]:
    """The page's only ``#`` heading, when it comes first, is its title, not a section.

    >>> _split_title("# Plan\\n\\n## 1 Parks\\n\\nText")
    ('Plan', '## 1 Parks\\n\\nText')
    """
    tops = re.findall(r"^# .+$", markdown, flags=re.M)
    first_heading = re.search(r"^#+ .+$", markdown, flags=re.M)
    if len(tops) == 1 and first_heading and first_heading.group() == tops[0]:
        return tops[0][2:].strip(), markdown.replace(tops[0], "", 1).strip()
    return "", markdown
