"""Throttle wrong admin passwords per client: a few tries a minute, then a growing wait.

>>> guard = PasswordGuard(max_failures=2, window_s=60, clock=lambda: 100.0)
>>> guard.wait_s("10.0.0.1"), guard.fail("10.0.0.1"), guard.fail("10.0.0.1")
(0.0, 0.0, 2.0)
>>> guard.wait_s("10.0.0.1"), guard.wait_s("10.0.0.2")
(2.0, 0.0)
"""

from __future__ import annotations

import logging
import threading
import time
from collections import defaultdict, deque

log = logging.getLogger(__name__)


class PasswordGuard:
    """Counts failed attempts per client over a sliding window. Past ``max_failures`` in
    ``window_s`` seconds, a client must wait 2, 4, 8 ... seconds (at most ``max_wait_s``) after its
    last failure before the password is even checked."""

    def __init__(self, max_failures: int = 5, window_s: float = 60.0, max_wait_s: float = 900.0, clock=time.monotonic):
        self.max_failures, self.window_s, self.max_wait_s, self.clock = max_failures, window_s, max_wait_s, clock
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def wait_s(self, client: str) -> float:
        """Seconds ``client`` must still wait before its next try (0 when it may try now)."""
        with self._lock:
            return self._wait(client, self.clock())

    def fail(self, client: str) -> float:
        """Record a wrong password; returns the wait it now earns."""
        with self._lock:
            now = self.clock()
            self._failures[client].append(now)
            wait = self._wait(client, now)
        log.warning("wrong admin password from %s (%d in the last %.0f s)", client, len(self._failures[client]), self.window_s)
        return wait

    def succeed(self, client: str) -> None:
        with self._lock:
            self._failures.pop(client, None)

    def _wait(self, client: str, now: float) -> float:
        failures = self._failures.get(client)
        if not failures:
            return 0.0
        while failures and now - failures[0] > max(self.window_s, self.max_wait_s):
            failures.popleft()
        recent = sum(now - t <= self.window_s for t in failures)
        if recent < self.max_failures and len(failures) < self.max_failures:
            return 0.0
        over = len(failures) - self.max_failures + 1
        return max(0.0, min(self.max_wait_s, 2.0 ** over) - (now - failures[-1]))
