"""Full-text search with Pagefind, indexed while the site renders.

Pagefind shards its index, so a visitor's first query fetches about 230 KB at 10,000 profiles
where Material's lunr index of the same site is 19 MB. MkDocs renders on one core; Pagefind's
indexer is a separate process, so handing it each page as soon as it is rendered puts most of the
indexing on the second core instead of after the build.

This speaks Pagefind's `--service` protocol (base64 JSON messages, comma-terminated) directly:
the wrapper in the pagefind package polls for each answer with a 0.1 s sleep, ten pages a second.
"""

from __future__ import annotations

import base64
import json
import queue
import subprocess
import threading
from pathlib import Path

from pagefind.service import get_executable


class SearchIndexError(RuntimeError):
    pass


BODY_START = "data-pagefind-body>"
"""Templates end the start tag of the searchable element with this attribute. With its `>` it
cannot come from contributor text, where `>` is always escaped."""
BODY_END = "<!-- end of search body -->"
"""Templates put this right after the searchable element: only that part of a page is sent to the
indexer (Pagefind ignores the rest of a page once any page marks a body)."""


def searchable_part(html: str) -> str | None:
    """The page cut down to its `data-pagefind-body` element, or None if it has none.

    A rendered page is mostly theme (header, navigation, footer, icons); sending only the body
    roughly halves what is encoded and what the indexer parses, on both cores."""
    marker = html.find(BODY_START)
    if marker < 0:
        return None
    start = html.rfind("<", 0, marker)
    end = html.find(BODY_END, marker)
    if end < 0:
        return html
    return "<html><body>" + html[start:end] + "</body></html>"


class LiveIndex:
    """Accepts rendered pages one by one; `write` waits for the indexer and writes the bundle.

    `start_writing` may be called as soon as the last searchable page was added, so that the
    indexer writes its bundle while the engine renders the pages that are not indexed."""

    def __init__(self, language: str = "en") -> None:
        binary = get_executable()
        if binary is None:
            raise SearchIndexError("the Pagefind binary is missing: pip install 'pagefind[bin]'")
        self._process = subprocess.Popen([str(binary), "--service"], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self._next_id = 0
        self._answers: dict[int, dict] = {}
        self._errors: list[str] = []
        self._answered = threading.Condition()
        self._reader = threading.Thread(target=self._read, name="pagefind-reader", daemon=True)
        self._reader.start()
        # Pages are encoded and written by a thread of their own: when the indexer falls behind,
        # the pipe blocks that thread, not the renderer (up to QUEUED pages held in memory).
        self._outbox: queue.Queue = queue.Queue(maxsize=self.QUEUED)
        self._write_error: str | None = None
        self._writer = threading.Thread(target=self._write_messages, name="pagefind-writer", daemon=True)
        self._writer.start()
        self._write_id: int | None = None
        self.pages = 0
        answer = self._wait(self._send({"type": "NewIndex", "config": {"force_language": language}}))
        self._index_id = answer["index_id"]

    def add(self, url: str, html: str) -> None:
        body = searchable_part(html)
        if body is None:
            return
        if self._write_id is not None:
            raise SearchIndexError(f"{url} is searchable but was rendered after the search index was written")
        self._send({"type": "AddFile", "index_id": self._index_id, "url": url, "file_contents": body,
                    "file_path": None})
        self.pages += 1

    def start_writing(self, output: Path) -> None:
        if self._write_id is None:
            self._write_id = self._send({"type": "WriteFiles", "index_id": self._index_id,
                                         "output_path": str(output)})

    def write(self, output: Path) -> None:
        """Wait for every page to be indexed and the bundle written into `output`."""
        self.start_writing(output)
        answer = self._wait(self._write_id)
        self.close()
        if self._errors:
            raise SearchIndexError("search indexing failed: " + "; ".join(self._errors[:5]))
        if answer.get("type") == "Error":
            raise SearchIndexError(f"search indexing failed: {answer.get('message')}")

    def close(self) -> None:
        if self._writer.is_alive():
            self._outbox.put(None)
            self._writer.join(timeout=60)
        if self._process.poll() is None:
            try:
                self._process.stdin.close()
            except OSError:
                pass
            try:
                self._process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self._process.kill()

    QUEUED = 1000

    def _send(self, payload: dict) -> int:
        if self._write_error:
            raise SearchIndexError(f"the search indexer stopped: {self._write_error}")
        self._next_id += 1
        self._outbox.put({"message_id": self._next_id, "payload": payload})
        return self._next_id

    def _write_messages(self) -> None:
        stdin = self._process.stdin
        while (message := self._outbox.get()) is not None:
            if self._write_error:
                continue  # keep draining, so that a sender never blocks on a full queue
            try:
                stdin.write(base64.b64encode(json.dumps(message).encode()) + b",")
                if self._outbox.empty():
                    stdin.flush()
            except (BrokenPipeError, OSError) as exc:
                self._write_error = str(exc)
                with self._answered:
                    self._answered.notify_all()

    def _wait(self, message_id: int, timeout: float = 1800) -> dict:
        # Answers come in order, so once the last message is answered every earlier one is too.
        with self._answered:
            if not self._answered.wait_for(lambda: message_id in self._answers or not self._reader.is_alive()
                                           or self._write_error is not None, timeout=timeout):
                raise SearchIndexError("the search indexer did not answer")
            if message_id not in self._answers:
                raise SearchIndexError("the search indexer stopped unexpectedly")
            return self._answers.pop(message_id)

    def _read(self) -> None:
        buffer = b""
        stream = self._process.stdout
        while chunk := stream.read1(1 << 16):
            buffer += chunk
            *complete, buffer = buffer.split(b",")
            for raw in complete:
                answer = json.loads(base64.b64decode(raw))
                payload = answer.get("payload", {})
                if payload.get("type") == "Error":
                    self._errors.append(str(payload.get("message")))
                if payload.get("type") in ("NewIndex", "WriteFiles", "Error"):
                    with self._answered:
                        self._answers[answer.get("message_id")] = payload
                        self._answered.notify_all()
        with self._answered:
            self._answered.notify_all()
