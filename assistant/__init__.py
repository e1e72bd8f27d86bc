"""Vision Assistant: questions over local-government vision documents, answered with citations.

The pipeline, one module each: documents (load) -> cleaning -> chunking -> index (Chroma) and
keywords (BM25) -> retrieval -> answer -> service (the ``Assistant`` facade) -> cli / app.
"""

__all__ = ["Assistant", "Settings"]


def __getattr__(name):  # import lazily: `assistant --help` should not load torch
    if name == "Assistant":
        from assistant.service import Assistant

        return Assistant
    if name == "Settings":
        from assistant.settings import Settings

        return Settings
    raise AttributeError(name)
