"""The quality harness behind ``assistant eval``, kept apart from the pipeline.

- ``harness``: gold cases, metrics, thresholds, comparison with an earlier report;
- ``baseline``: LangChain's tutorial RAG pipeline, the reference point;
- ``report``: report.json / report.md / a self-contained report.html;
- ``judge``: optional LLM-judged metrics (a trend, never a gate).
The harness imports the pipeline (``Assistant``); nothing in the pipeline imports the harness.
"""
