"""The Gradio web app: presentation only; every answer comes from ``Assistant``.

Tabs: Ask (chat with memory, document scope, sources with highlighted quotes that open in
context, starter questions, thumbs up/down with a comment), About the documents (built from the
index), Admin (upload and remove documents; only when ``admin_password`` is set). A named API
endpoint ``ask`` returns the same JSON as ``assistant ask --json``.
"""

from __future__ import annotations

import hmac
import logging
import math
import shutil
from pathlib import Path

import gradio as gr

from assistant.feedback import FeedbackStore
from assistant.guard import PasswordGuard
from assistant.answer import Answer
from assistant.render import answer_markdown, chat_markdown, outline_html, sources_html
from assistant.service import Assistant, QuestionError
from assistant.settings import Settings

log = logging.getLogger(__name__)

ALL = "all"
STARTERS = [
    "Give me an overview of the One West Northamptonshire plan.",
    "Which goals address rural transport?",
    "What are the three priorities of the North Northamptonshire Vision?",
    "What outcomes does West Northamptonshire want for housing by 2030?",
    "How do both documents approach health and wellbeing?",
]
CSS = """
.va-sources { margin-top: .5rem; }
.va-h { font-size: 1.1rem; margin: .25rem 0 .5rem; }
.va-source { border: 1px solid #8a8f98; border-radius: 8px; padding: .5rem .75rem; margin-bottom: .5rem; }
.va-source summary { cursor: pointer; }
.va-source summary:focus-visible, .va-context summary:focus-visible { outline: 3px solid #1d4ed8; outline-offset: 2px; }
.va-n { font-weight: 700; color: #1e3a8a; }
.va-where { color: #374151; }
.va-source blockquote { margin: .5rem 0; padding-left: .75rem; border-left: 4px solid #1d4ed8; color: #111827; }
.va-source mark { background: #fde68a; color: #111827; }
.va-around { color: #374151; font-size: .95em; }
.va-here { border-left: 4px solid #b45309; padding-left: .5rem; color: #111827; }
.va-meta { color: #374151; }
.va-kind { font-size: .8em; color: #1e3a8a; border: 1px solid #1e3a8a; border-radius: 4px; padding: 0 .3em; margin-left: .4em; }
button[role="tab"][aria-selected="true"], button[role="tab"].selected { color: #1e3a8a !important; }
"""


# A click on an [n] in an answer opens source n below the chat and scrolls to it.
HEAD = """<script>
document.addEventListener("click", (event) => {
  const marker = event.target.closest("strong");
  const match = marker && marker.textContent.match(/^\\[(\\d+)\\]$/);
  if (!match) return;
  const source = document.getElementById("source-" + match[1]);
  if (!source) return;
  source.open = true;
  source.scrollIntoView({behavior: "smooth", block: "center"});
  source.querySelector("summary").focus({preventScroll: true});
});
</script>"""


class App:
    """Gradio callbacks bound to one Assistant and one feedback store."""

    def __init__(self, assistant: Assistant):
        self.assistant = assistant
        self.settings = assistant.settings
        self.feedback = FeedbackStore(self.settings.feedback_url or self.settings.feedback_db)
        self.guard = PasswordGuard(self.settings.admin_max_failures, self.settings.admin_failure_window_s)

    # --- Ask -------------------------------------------------------------------------------
    def scope_choices(self) -> list[tuple[str, str]]:
        return [("All documents", ALL)] + [(d.title, d.doc_id) for d in self.assistant.documents()]

    def respond(self, message: str, chat: list, questions: list[str], scope: str):
        """One chat turn: a generated answer streams into the chat as it is written; the checked
        answer (or the extractive one) replaces it, with its sources under it."""
        chat = list(chat or [])
        chat.append({"role": "user", "content": chat_markdown(message or "")})
        answer, written = None, ""
        try:
            for item in self.assistant.ask_stream(message, questions, None if scope in (None, "", ALL) else scope):
                if isinstance(item, Answer):
                    answer = item
                    continue
                written += item
                yield chat + [{"role": "assistant", "content": chat_markdown(written) + " ▍"}], questions, None, "", gr.update()
        except QuestionError as e:
            chat.append({"role": "assistant", "content": f"⚠️ {chat_markdown(str(e))}"})
            yield chat, questions, None, "", gr.update()
            return
        except Exception:
            log.exception("answering %r failed", message)
            chat.append({"role": "assistant", "content": "⚠️ Something went wrong while answering; the error is in the server log. Please try again."})
            yield chat, questions, None, "", gr.update()
            return
        chat.append({"role": "assistant", "content": answer_markdown(answer)})
        contexts = {c.chunk_id: self.assistant.context(c.chunk_id) for c in answer.citations}
        yield chat, questions + [answer.question], answer.to_dict(), "", sources_html(answer, contexts)

    def like(self, last: dict | None, data: gr.LikeData):
        if not last:
            return None, "Ask a question first."
        row = self.feedback.add(last["question"], last["answer"], last["citations"], bool(data.liked))
        return row, "Thanks! Add a comment below if you like."

    def comment(self, row: int | None, text: str):
        if row is None:
            return "Rate an answer with 👍 or 👎 first.", text
        self.feedback.comment(row, text.strip())
        return "Comment saved. Thank you.", ""

    def api_ask(self, question: str, history: list[str] | None = None, doc_id: str | None = None) -> dict:
        """Answer a question; returns the same JSON as `assistant ask --json`."""
        try:
            return self.assistant.ask(question, list(history or []), doc_id or None).to_dict()
        except QuestionError as e:
            raise gr.Error(str(e)) from None

    # --- About -------------------------------------------------------------------------------
    def about_html(self) -> str:
        docs = self.assistant.documents()
        if not docs:
            return "<p>No documents are indexed yet. Run <code>assistant ingest</code>.</p>"
        parts = []
        for d in docs:
            meta = " · ".join(x for x in [d.publisher, d.date, d.status, f"{d.chunks} passages"] if x)
            parts.append(outline_html(d.title, meta, [(s.path, s.kind) for s in self.assistant.outline(d.doc_id)]))
        return "".join(parts)

    # --- Admin -------------------------------------------------------------------------------
    def unlock(self, password: str, request: gr.Request | None = None):
        """Check the admin password; a client that keeps failing must wait longer each time."""
        client = request.client.host if request is not None and request.client else "unknown"
        wait = self.guard.wait_s(client)
        if wait > 0:
            return False, gr.update(visible=False), f"Too many wrong passwords: try again in {math.ceil(wait)} s.", []
        ok = bool(self.settings.admin_password) and hmac.compare_digest(password or "", self.settings.admin_password or "")
        if ok:
            self.guard.succeed(client)
            log.info("admin unlocked from %s", client)
        else:
            self.guard.fail(client)
        message = "Unlocked." if ok else "Wrong password."
        return ok, gr.update(visible=ok), message, self.documents_table() if ok else []

    def documents_table(self) -> list[list]:
        return [[d.doc_id, d.title, d.status, d.chunks] for d in self.assistant.documents()]

    def upload(self, unlocked: bool, files: list | None, progress=gr.Progress()):
        if not unlocked:
            return [], "Unlock the admin tab first.", gr.update(), gr.update()
        rows = []
        limit = self.settings.max_upload_mb * 1024 * 1024
        self.settings.upload_dir.mkdir(parents=True, exist_ok=True)
        for f in progress.tqdm(files or [], desc="Indexing"):
            source = Path(f if isinstance(f, str) else f.name)
            name = Path(getattr(f, "orig_name", None) or source.name).name
            if source.suffix.lower() not in self.settings.supported_suffixes:
                rows.append([name, f"rejected: type {source.suffix or 'none'} is not one of {', '.join(self.settings.supported_suffixes)}"])
                continue
            if source.stat().st_size > limit:
                rows.append([name, f"rejected: larger than {self.settings.max_upload_mb:g} MB"])
                continue
            target = self.settings.upload_dir / name
            shutil.copyfile(source, target)
            try:
                report = self.assistant.ingest([target])
            except Exception:  # anything but a bad file (those come back in the report): keep the page alive
                log.exception("indexing %s failed", target)
                target.unlink(missing_ok=True)
                rows.append([name, "rejected: the index could not take it (see the server log)"])
                continue
            if report.failed:
                target.unlink(missing_ok=True)
                rows.append([name, f"rejected: {report.failed[0][1]}"])
            else:
                rows.append([name, "indexed" if report.indexed else "skipped: unchanged"])
        summary = "\n".join(f"- {chat_markdown(name)}: {chat_markdown(result)}" for name, result in rows)
        return rows, f"{len(rows)} file(s) processed:\n{summary}", self.documents_table(), gr.update(choices=self.scope_choices())

    def remove(self, unlocked: bool, doc_id: str):
        if not unlocked:
            return "Unlock the admin tab first.", gr.update(), gr.update()
        doc_id = (doc_id or "").strip()
        source = next((Path(d.source) for d in self.assistant.documents() if d.doc_id == doc_id), None)
        removed = self.assistant.remove(doc_id)
        if source and source.parent == self.settings.upload_dir.resolve():
            source.unlink(missing_ok=True)  # an uploaded file goes with its document
        message = f"Removed {doc_id} ({removed} passages)." if removed else f"No indexed document '{doc_id}'."
        return message, self.documents_table(), gr.update(choices=self.scope_choices(), value=ALL)


def build(assistant: Assistant | None = None) -> gr.Blocks:
    app = App(assistant or Assistant())
    settings = app.settings
    with gr.Blocks(title="Vision Assistant") as demo:
        gr.Markdown("# Vision Assistant\nAsk about the local-government vision documents. Every answer quotes its sources.")
        with gr.Tabs():
            with gr.Tab("Ask"):
                questions = gr.State([])
                last = gr.State(None)
                feedback_row = gr.State(None)
                scope = gr.Dropdown(app.scope_choices(), value=ALL, label="Search in", interactive=True)
                chat = gr.Chatbot(label="Conversation", height=520, sanitize_html=True, render_markdown=True,
                                  feedback_options=("Like", "Dislike"), buttons=["copy"])
                with gr.Row():
                    box = gr.Textbox(label="Your question", placeholder="e.g. Which goals address rural transport?", scale=5,
                                     max_length=settings.max_question_chars, submit_btn=False)
                    send = gr.Button("Ask", variant="primary", scale=1)
                gr.Examples(STARTERS, inputs=box, label="Try one of these")
                sources = gr.HTML(label="Sources")
                with gr.Row():
                    comment = gr.Textbox(label="Comment on your rating (optional)", scale=5)
                    comment_btn = gr.Button("Send comment", scale=1)
                status = gr.Markdown()
                clear = gr.Button("New conversation", variant="secondary")

                turn = dict(fn=app.respond, inputs=[box, chat, questions, scope], outputs=[chat, questions, last, box, sources])
                send.click(**turn)
                box.submit(**turn)
                chat.like(app.like, [last], [feedback_row, status])
                comment_btn.click(app.comment, [feedback_row, comment], [status, comment])
                clear.click(lambda: ([], [], None, ""), None, [chat, questions, last, sources])
            with gr.Tab("About the documents"):
                about = gr.HTML(app.about_html())
                gr.Markdown("Starter questions: " + " · ".join(STARTERS))
            with gr.Tab("Admin"):
                if not settings.admin_password:
                    gr.Markdown("The admin tab is off. Set `ASSISTANT_ADMIN_PASSWORD` to upload and remove documents here.")
                else:
                    unlocked = gr.State(False)
                    with gr.Row():
                        password = gr.Textbox(label="Admin password", type="password", scale=4)
                        unlock_btn = gr.Button("Unlock", scale=1)
                    admin_status = gr.Markdown()
                    with gr.Group(visible=False) as admin:
                        files = gr.File(label=f"Add documents ({', '.join(settings.supported_suffixes)}; up to {settings.max_upload_mb:g} MB each)",
                                        file_count="multiple", file_types=settings.supported_suffixes, elem_id="upload")
                        upload_btn = gr.Button("Add to the index", variant="primary")
                        results = gr.Dataframe(headers=["File", "Result"], label="Results", interactive=False)
                        docs = gr.Dataframe(headers=["Id", "Title", "Status", "Passages"], label="Indexed documents", interactive=False)
                        with gr.Row():
                            doc_to_remove = gr.Textbox(label="Document id to remove", scale=4)
                            remove_btn = gr.Button("Remove", variant="stop", scale=1)
                    unlock_btn.click(app.unlock, [password], [unlocked, admin, admin_status, docs])
                    upload_btn.click(app.upload, [unlocked, files], [results, admin_status, docs, scope]).then(app.about_html, None, about)
                    remove_btn.click(app.remove, [unlocked, doc_to_remove], [admin_status, docs, scope]).then(app.about_html, None, about)
        gr.api(app.api_ask, api_name="ask")
    demo.queue(default_concurrency_limit=settings.concurrency)
    return demo


def launch(host: str | None = None, port: int | None = None, assistant: Assistant | None = None) -> None:
    assistant = assistant or Assistant()
    settings = assistant.settings
    demo = build(assistant)
    demo.launch(server_name=host or settings.host, server_port=port or settings.port, theme=theme(), css=CSS, head=HEAD,
                max_file_size=f"{settings.max_upload_mb:g}mb", show_error=False)


def theme() -> gr.Theme:
    """A theme with text dark enough on its backgrounds for WCAG AA contrast."""
    return gr.themes.Default(primary_hue="blue", neutral_hue="slate").set(
        body_text_color_subdued="#374151", block_info_text_color="#374151", block_label_text_color="#1f2937",
        button_primary_background_fill="#1d4ed8", button_primary_text_color="#ffffff",
    )


if __name__ == "__main__":
    launch(Settings().host)
