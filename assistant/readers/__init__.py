"""One reader per file format, each turning a file's bytes into ``Extracted`` text.

>>> sorted(READERS)
['.docx', '.htm', '.html', '.md', '.pdf', '.txt']
"""

from assistant.readers.base import Extracted, LoadError
from assistant.readers.pdf import read_pdf
from assistant.readers.text import read_text
from assistant.readers.web import read_html
from assistant.readers.word import read_docx

READERS = {".txt": read_text, ".md": read_text, ".pdf": read_pdf, ".docx": read_docx, ".html": read_html,
           ".htm": read_html}

__all__ = ["READERS", "Extracted", "LoadError"]
