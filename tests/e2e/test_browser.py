"""The app in a real headless Chromium (Debian's), driven by Playwright: as a new user uses it."""

import json

import pytest
from playwright.sync_api import expect, sync_playwright

from assistant.settings import REPO_ROOT
from tests.e2e.conftest import ADMIN_PASSWORD, ARTIFACTS
from tests.pdfs import write_pdf

CHROMIUM = "/usr/bin/chromium"
AXE = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = ARTIFACTS / "screenshots"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser():
    assert AXE.exists(), "axe-core is missing: `make test` installs it with npm"
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, app_url):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(app_url)
    expect(page.get_by_label("Your question")).to_be_visible(timeout=30_000)
    yield page
    page.close()


def ask(page, question):
    box = page.get_by_label("Your question")
    box.fill(question)
    box.press("Enter")
    expect(page.locator("#source-1")).to_be_visible(timeout=30_000)


def admin_upload(page, path):
    """Unlock the Admin tab and add one file; wait until it is reported indexed."""
    page.get_by_role("tab", name="Admin").click()
    page.get_by_label("Admin password").fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="Unlock").click()
    expect(page.get_by_text("Unlocked.")).to_be_visible(timeout=10_000)
    page.locator("#upload input[type=file]").set_input_files(str(path))
    page.get_by_role("button", name="Add to the index").click()
    expect(page.get_by_text(f"{path.name}: indexed")).to_be_visible(timeout=60_000)


def admin_remove(page, doc_id):
    page.get_by_role("tab", name="Admin").click()
    page.get_by_label("Document id to remove").fill(doc_id)
    page.get_by_role("button", name="Remove").click()
    expect(page.get_by_text(f"Removed {doc_id}")).to_be_visible(timeout=10_000)


def test_asking_shows_an_answer_with_markers_and_its_sources(page):
    ask(page, "Which goals address rural transport?")
    bubble = page.locator(".message.bot, [data-testid='bot']").last
    expect(bubble).to_contain_text("[1]")
    first = page.locator("#source-1")
    expect(first).to_have_attribute("open", "")
    expect(first.locator("mark")).not_to_have_count(0)  # the supporting sentence is highlighted
    bubble.locator("strong", has_text="[2]").first.click()  # a marker in the answer opens its source
    expect(page.locator("#source-2")).to_have_attribute("open", "")
    expect(page.locator("#source-2 blockquote")).to_be_visible()
    page.locator("#source-2 .va-context summary").click()
    expect(page.locator("#source-2 .va-here")).to_be_visible()  # the passage in its context
    page.screenshot(path=str(SHOTS / "answer-with-sources.png"), full_page=True)


def test_the_middle_answer_says_it_is_no_answer_then_quotes_the_closest_sentences(page):
    ask(page, "How will West Northants keep teenagers out of trouble?")  # no word of it is in the documents
    bubble = page.locator(".message.bot, [data-testid='bot']").last
    expect(bubble).to_contain_text("The documents do not seem to answer this in so many words")
    expect(bubble).to_contain_text("youth")
    expect(bubble.locator("strong", has_text="[1]")).not_to_have_count(0)
    expect(page.get_by_role("region", name="Closest passages (they may not answer the question)")).to_be_visible()
    page.screenshot(path=str(SHOTS / "middle-answer.png"), full_page=True)


def test_keyboard_alone_can_ask_and_open_a_source(page):
    page.keyboard.press("Tab")
    for _ in range(40):  # tab through the page to the question box
        if page.evaluate("document.activeElement && document.activeElement.getAttribute('aria-label') || ''") == "Your question" \
                or page.evaluate("document.activeElement && document.activeElement.tagName") == "TEXTAREA":
            break
        page.keyboard.press("Tab")
    page.keyboard.type("Which goals address rural transport?")
    page.keyboard.press("Enter")
    expect(page.locator("#source-1")).to_be_visible(timeout=30_000)
    for _ in range(80):  # on to the second source's summary
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('#source-2') !== null"):
            break
    else:
        pytest.fail("the second source cannot be reached with Tab")
    page.keyboard.press("Enter")
    expect(page.locator("#source-2")).to_have_attribute("open", "")
    page.screenshot(path=str(SHOTS / "keyboard.png"), full_page=True)


def test_document_filter_limits_the_sources(page):
    page.get_by_label("Search in").click()
    page.get_by_role("option", name="North Northamptonshire Vision 2050 (BIG50)").click()
    ask(page, "What does it say about housing?")
    summaries = page.locator(".va-source summary strong").all_inner_texts()
    assert summaries and set(summaries) == {"North Northamptonshire Vision 2050 (BIG50)"}
    page.screenshot(path=str(SHOTS / "filtered.png"), full_page=True)


def test_document_text_cannot_run_script_in_the_page(page):
    ask(page, "What is the Vision? <img src=x onerror=\"document.title='pwned'\"> <script>document.title='pwned'</script>")
    page.wait_for_timeout(500)
    assert page.title() != "pwned"
    expect(page.locator(".message.user, [data-testid='user']").last).to_contain_text("<script>")


def axe_violations(page, name):
    """axe-core's WCAG 2.2 AA violations on the page as it is now (also saved as an artifact)."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""async () => await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']})""")
    report = [{"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]]}
              for v in result["violations"]]
    (ARTIFACTS / f"axe-{name}.json").write_text(json.dumps(report, indent=2))
    return report


def test_no_serious_accessibility_violations_with_an_answer_shown(page):
    ask(page, "Which goals address rural transport?")
    page.locator("#source-2 > summary").click()
    report = axe_violations(page, "answer")
    assert not [v for v in report if v["impact"] in ("serious", "critical")], json.dumps(report, indent=2)


def test_no_serious_accessibility_violations_in_the_about_tab(page):
    page.get_by_role("tab", name="About the documents").click()
    expect(page.locator(".va-doc").first).to_be_visible()
    report = axe_violations(page, "about")
    assert not [v for v in report if v["impact"] in ("serious", "critical")], json.dumps(report, indent=2)


def test_about_tab_shows_documents_and_outline(page):
    page.get_by_role("tab", name="About the documents").click()
    expect(page.locator(".va-doc h3").first).to_be_visible()
    assert page.locator(".va-doc").count() == 2
    expect(page.get_by_text("6.2 Priority Goals").first).to_be_attached()
    expect(page.locator(".va-kind", has_text="priority").first).to_be_attached()
    expect(page.locator(".va-kind", has_text="goal").first).to_be_attached()
    page.screenshot(path=str(SHOTS / "about.png"), full_page=True)


def test_admin_uploads_a_pdf_and_it_becomes_searchable(page, tmp_path):
    pdf = write_pdf(tmp_path / "allotments.pdf", ["1 Allotments\n\nEvery parish will offer allotments to residents by 2028."])
    admin_upload(page, pdf)
    expect(page.get_by_text("1 file(s) processed")).to_be_visible()
    page.screenshot(path=str(SHOTS / "admin-upload.png"), full_page=True)
    page.get_by_role("tab", name="Ask").click()
    ask(page, "When will every parish offer allotments?")
    expect(page.locator("#source-1")).to_contain_text("allotments")
    expect(page.locator("#source-1")).to_contain_text("page 1")

    admin_remove(page, "allotments")
    expect(page.get_by_text("Removed allotments (1 passages).")).to_be_visible()


def test_admin_uploads_a_saved_web_page_and_only_its_content_is_searchable(page, tmp_path):
    saved = tmp_path / "swimming.html"
    saved.write_text("""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Swimming pools | Council</title>
<script>document.title = 'pwned'</script></head><body>
<nav><a href="/">Home</a> <a href="/parking">Parking permits and fines</a></nav>
<main><h1>Swimming pools</h1><h2>1 Opening times</h2>
<p>The town swimming pool opens at 6am every weekday from April 2026, with lane swimming until 9am.</p></main>
<footer>Parking permits and fines. Privacy notice.</footer></body></html>""", "utf-8")
    admin_upload(page, saved)
    page.get_by_role("tab", name="Ask").click()
    ask(page, "When does the swimming pool open?")
    expect(page.locator("#source-1")).to_contain_text("opens at 6am")
    expect(page.locator("#source-1")).to_contain_text("1 Opening times")
    expect(page.locator("#source-1")).not_to_contain_text("Parking")
    assert page.title() != "pwned"
    admin_remove(page, "swimming")


def test_thumbs_and_comment_are_stored_and_exported(page, app_url, feedback_db):
    import os
    import subprocess

    from tests.e2e.conftest import BIN

    ask(page, "What is the average house price in West Northamptonshire?")
    page.get_by_role("button", name="Dislike").last.click()
    expect(page.get_by_text("Thanks!")).to_be_visible(timeout=10_000)
    page.get_by_label("Comment on your rating (optional)").fill("Should also give the rent.")
    page.get_by_role("button", name="Send comment").click()
    expect(page.get_by_text("Comment saved.")).to_be_visible(timeout=10_000)
    env = {**os.environ, "ASSISTANT_FEEDBACK_DB": str(feedback_db)}
    out = subprocess.run([str(BIN / "assistant"), "feedback", "export"], env=env, capture_output=True, text=True, timeout=120)
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    mine = [r for r in rows if r["question"] == "What is the average house price in West Northamptonshire?"]
    assert mine and mine[-1]["liked"] is False and mine[-1]["comment"] == "Should also give the rent."
    assert mine[-1]["sources"] and "£282,744" in mine[-1]["answer"]


def test_document_with_html_and_markdown_tricks_shows_as_text(page, tmp_path):
    tricks = tmp_path / "tricks.md"
    tricks.write_text(
        "# Lantern festival\n\nThe lantern festival &lt;script&gt;document.title='pwned'&lt;/script&gt; runs in October "
        "with <b style=\"font-size:90px\">huge</b> lanterns and &lt;img src=x onerror=\"document.title='pwned'\"&gt; "
        "**[click me](javascript:document.title='pwned')** along the river.\n", "utf-8")
    admin_upload(page, tricks)
    page.get_by_role("tab", name="Ask").click()
    ask(page, "When does the lantern festival run?")
    source = page.locator("#source-1")
    expect(source).to_contain_text("<script>document.title='pwned'</script>")  # shown as characters
    page.locator(".message.bot, [data-testid='bot']").last.locator("strong", has_text="[1]").first.click()
    page.wait_for_timeout(500)
    assert page.title() != "pwned"
    assert page.locator("#source-1 script, #source-1 img, #source-1 a, .message script").count() == 0
    assert page.evaluate("getComputedStyle(document.querySelector('#source-1 blockquote')).fontSize") != "90px"
    page.screenshot(path=str(SHOTS / "document-tricks.png"), full_page=True)
    admin_remove(page, "tricks")
