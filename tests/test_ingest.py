import shutil

from tests.conftest import CORPUS
from tests.pdfs import encrypt_pdf, write_garbled_pdf, write_image_only_pdf, write_pdf


def copy_corpus(tmp_path):
    folder = tmp_path / "docs"
    shutil.copytree(CORPUS, folder)
    return folder


def index_state(assistant):
    return sorted((c.id, c.text) for c in assistant.index.chunks())


def test_ingest_is_incremental_and_never_duplicates(tmp_path, make_assistant):
    folder = copy_corpus(tmp_path)
    assistant = make_assistant()
    first = assistant.ingest([folder])
    assert sorted(first.indexed) == sorted(["north-northamptonshire-vision-2050", "one-west-northamptonshire-plan-2030"])
    before = index_state(assistant)

    again = assistant.ingest([folder])
    assert again.indexed == [] and len(again.skipped) == 2
    assert index_state(assistant) == before

    extra = folder / "north-northamptonshire-vision-2050.txt"
    extra.write_text(extra.read_text("utf-8") + "\n\n9 Parks\n\nEvery village will have a community orchard by 2050.\n", "utf-8")
    changed = assistant.ingest([folder])
    assert changed.indexed == ["north-northamptonshire-vision-2050"]
    after = index_state(assistant)
    assert len(after) == len(before) + 1
    assert any("community orchard" in text for _, text in after)

    extra.unlink()
    removed = assistant.ingest([folder])
    assert removed.removed == ["north-northamptonshire-vision-2050"]
    assert {d.doc_id for d in assistant.documents()} == {"one-west-northamptonshire-plan-2030"}


def test_a_batch_with_bad_files_indexes_the_good_ones_and_keeps_the_index(tmp_path, make_assistant):
    folder = copy_corpus(tmp_path)
    assistant = make_assistant()
    assistant.ingest([folder])
    before = index_state(assistant)

    (folder / "north-northamptonshire-vision-2050.txt").write_bytes(b"\x00\x01\x02 binary now")  # an indexed file goes bad
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7 garbage")
    (folder / "empty.md").write_text("", "utf-8")
    write_garbled_pdf(folder / "garbled.pdf", "Every ward will have a park and a play area by 2030. " * 10)
    write_image_only_pdf(folder / "scan.pdf")
    encrypt_pdf(write_pdf(tmp_path / "secret.pdf", ["Secret plans."]), folder / "locked.pdf")
    (folder / "sheet.xlsx").write_bytes(b"PK\x03\x04")
    good = write_pdf(folder / "parks.pdf", ["1 Parks\n\nEvery ward has a park."])
    (folder / "old-notes.txt").write_bytes("1 Caf\u00e9s\n\nThe park caf\u00e9 sells tea for \u00a31.".encode("latin-1"))
    report = assistant.ingest([folder, tmp_path / "nowhere.txt", folder / "sheet.xlsx"])

    assert sorted(report.indexed) == ["old-notes", "parks"]
    failed = dict(report.failed)
    assert set(failed) == {str(folder / "north-northamptonshire-vision-2050.txt"), str(folder / "broken.pdf"),
                           str(folder / "empty.md"), str(tmp_path / "nowhere.txt"), str(folder / "garbled.pdf"),
                           str(folder / "scan.pdf"), str(folder / "locked.pdf"), str(folder / "sheet.xlsx")}
    assert "Unicode map" in failed[str(folder / "garbled.pdf")] and "OCR" in failed[str(folder / "scan.pdf")]
    assert "encrypted" in failed[str(folder / "locked.pdf")] and "unsupported" in failed[str(folder / "sheet.xlsx")]
    assert "£1" in " ".join(c.text for c in assistant.index.chunks() if c.doc_id == "old-notes")
    assert not report.ok
    # the document whose file went bad keeps its old chunks: nothing indexed is lost
    kept = [c for c in index_state(assistant) if c[0].startswith("north-")]
    assert kept == [c for c in before if c[0].startswith("north-")]
    assert good.exists() and "parks" in {d.doc_id for d in assistant.documents()}


def test_two_files_with_the_same_id_are_not_mixed_up(tmp_path, make_assistant):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    (a / "plan.txt").write_text("1 Roads\n\nRoads are resurfaced.", "utf-8")
    (b / "plan.md").write_text("# Schools\n\nSchools open early.", "utf-8")
    assistant = make_assistant()
    assert assistant.ingest([a]).indexed == ["plan"]
    report = assistant.ingest([b])
    assert report.indexed == [] and "already indexed as 'plan'" in report.failed[0][1]
