"""Optional LLM-judged answer metrics, in the RAGAS sense, for trends only (never a gate).

- faithfulness: the share of the answer's statements that the cited passages support;
- answer relevance: how well the answer addresses the question.
Both are asked of any OpenAI-compatible chat endpoint (a local llama.cpp server, Ollama's /v1,
vLLM ...) set by ``ASSISTANT_LLM_BASE_URL`` and ``ASSISTANT_LLM_MODEL``, through LangChain's
ChatOpenAI. An endpoint that cannot be reached is reported in one line and the metrics are left
out; the deterministic metrics never depend on it.
"""

from __future__ import annotations

import json
import re

from assistant.settings import Settings

FAITHFULNESS = (
    "You check answers against sources. Split the ANSWER into its factual statements and count how many are "
    "fully supported by the SOURCES. Reply with JSON only: {{\"supported\": <int>, \"statements\": <int>}}.\n\n"
    "SOURCES:\n{sources}\n\nANSWER:\n{answer}"
)
RELEVANCE = (
    "Rate how directly the ANSWER addresses the QUESTION, from 0 (not at all) to 1 (fully). "
    "Reply with JSON only: {{\"score\": <number>}}.\n\nQUESTION: {question}\n\nANSWER:\n{answer}"
)


class JudgeUnavailable(RuntimeError):
    """The configured LLM endpoint did not answer; the message says where and why."""


class Judge:
    def __init__(self, settings: Settings):
        from langchain_openai import ChatOpenAI

        self.url = settings.llm_base_url
        self.chat = ChatOpenAI(base_url=settings.llm_base_url, model=settings.llm_model, api_key=settings.llm_api_key or "none",
                               temperature=0, max_retries=0, timeout=settings.llm_timeout)

    def _ask(self, prompt: str) -> dict:
        try:
            reply = self.chat.invoke(prompt).content
        except Exception as e:  # httpx / openai raise many kinds; all mean "no judge"
            raise JudgeUnavailable(f"LLM endpoint {self.url} did not answer ({type(e).__name__}: {e})") from None
        found = re.search(r"\{.*\}", str(reply), re.S)
        try:
            return json.loads(found.group()) if found else {}
        except ValueError:
            return {}

    def faithfulness(self, answer: str, sources: list[str]) -> float | None:
        data = self._ask(FAITHFULNESS.format(sources="\n\n".join(sources), answer=answer))
        supported, statements = data.get("supported"), data.get("statements")
        if not isinstance(supported, (int, float)) or not isinstance(statements, (int, float)) or statements <= 0:
            return None
        return max(0.0, min(1.0, supported / statements))

    def relevance(self, question: str, answer: str) -> float | None:
        score = self._ask(RELEVANCE.format(question=question, answer=answer)).get("score")
        return max(0.0, min(1.0, float(score))) if isinstance(score, (int, float)) else None
