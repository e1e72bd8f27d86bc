"""Bring files into the index: incremental, idempotent, and safe with bad files.

For each path (a file, or a folder searched recursively for supported files):
- an unchanged file (same SHA-256, path and chunking settings as indexed) is skipped;
- a new or changed file is loaded, chunked and embedded, then replaces its old chunks;
- a file that cannot be read is reported (``path: reason``) and the batch goes on; the index
  keeps whatever it had for that document;
- a document indexed from inside a given folder whose file is gone is removed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from assistant.chunking import VERSION, chunk
from assistant.documents import LoadError, doc_id_for, load
from assistant.index import FORMAT, Index
from assistant.settings import Settings

log = logging.getLogger(__name__)


@dataclass
class IngestReport:
    indexed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        return (f"{len(self.indexed)} indexed, {len(self.skipped)} unchanged, "
                f"{len(self.removed)} removed, {len(self.failed)} failed")


def collect(paths: list[Path], suffixes: list[str]) -> list[Path]:
    """Files named, and supported files inside folders named (sorted, no duplicates)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in suffixes)
        else:
            files.append(path)  # a missing or unsupported file is reported by load()
    return list(dict.fromkeys(files))


def pipeline_fingerprint(settings: Settings) -> str:
    """What the chunks of a file depend on besides the file: a change re-indexes it."""
    s = settings
    return f"chunker{VERSION}-index{FORMAT}-{s.chunk_words}-{s.min_chunk_words}-{s.max_heading_words}-{'|'.join(s.banner_lines)}-{s.legacy_encoding}-{Path(s.embedding_model).name}-{s.embedding_backend}"


def ingest(paths: list[Path], index: Index, settings: Settings, progress: bool = False) -> IngestReport:
    report = IngestReport()
    indexed = {d.doc_id: d for d in index.documents()}
    files = collect(paths, settings.supported_suffixes)
    for path in tqdm(files, desc="ingest", unit="file", disable=not progress):
        try:
            _ingest_file(path, index, indexed, settings, report, progress)
        except LoadError as e:
            log.warning("%s", e)
            report.failed.append((e.path, e.reason))
    folders = [p.resolve() for p in paths if p.is_dir()]
    present = {str(f.resolve()) for f in files}
    for info in indexed.values():
        source = Path(info.source)
        if any(folder in source.parents for folder in folders) and str(source) not in present:
            index.remove(info.doc_id)
            report.removed.append(info.doc_id)
            log.info("removed %s (file gone: %s)", info.doc_id, source)
    return report


def _ingest_file(path: Path, index: Index, indexed: dict, settings: Settings, report: IngestReport, progress: bool) -> None:
    known = indexed.get(doc_id_for(path))
    if known and known.source != str(path.resolve()) and Path(known.source).exists():
        raise LoadError(path, f"another file ({known.source}) is already indexed as '{known.doc_id}'; rename one")
    doc = load(path, settings.banner_lines, settings.supported_suffixes, progress=progress,
               legacy_encoding=settings.legacy_encoding)
    pipeline = pipeline_fingerprint(settings)
    if known and (known.sha256, known.source, known.pipeline) == (doc.sha256, doc.source, pipeline):
        report.skipped.append(doc.doc_id)
        return
    chunks = chunk(doc, settings.chunk_words, settings.min_chunk_words, settings.max_heading_words)
    index.replace(doc, chunks, pipeline, progress=progress)
    report.indexed.append(doc.doc_id)
    log.info("indexed %s: %d chunks", doc.doc_id, len(chunks))
