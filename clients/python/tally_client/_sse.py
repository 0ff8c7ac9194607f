"""Server-sent events: the bytes of ``text/event-stream`` in, whole messages out.

One decoder for both clients: they feed it the body's bytes as they arrive, in pieces of any size
(a piece may end in the middle of a line or of a UTF-8 character), and it returns each message
completed by a blank line. Lines end in ``\\n``, ``\\r\\n`` or ``\\r``; lines starting with ``:``
are comments (Tally sends ``: connected`` and ``: ping``) and are dropped; ``data`` lines are
joined with ``\\n``; a message without data is not dispatched (the HTML standard's rules).

Example::

    decoder = SseDecoder()
    decoder.feed(b": ping\\n\\nevent: sync\\ndata: {}\\n\\n")  # [SseMessage('sync', '{}', None, None)]
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from typing import List, Optional


@dataclass(frozen=True)
class SseMessage:
    """One dispatched message: its event name (``message`` when none was given) and data."""

    event: str
    data: str
    id: Optional[str]
    retry: Optional[int]


class SseDecoder:
    """Incremental ``text/event-stream`` decoder (see the module's description)."""

    def __init__(self) -> None:
        self._text = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._buffer = ""
        self._first = True
        self._pending_cr = False
        self._event = ""
        self._data: List[str] = []
        self._id: Optional[str] = None
        self._retry: Optional[int] = None

    def feed(self, chunk: bytes) -> List[SseMessage]:
        """The messages that ``chunk`` completes, in order."""
        text = self._text.decode(chunk)
        if self._first and text:
            self._first = False
            if text.startswith("\ufeff"):
                text = text[1:]
        if self._pending_cr and text.startswith("\n"):
            text = text[1:]  # the \n of a \r\n split between two pieces
        self._pending_cr = False
        self._buffer += text
        messages: List[SseMessage] = []
        while True:
            cut = _line_end(self._buffer)
            if cut < 0:
                break
            line = self._buffer[:cut]
            end = cut + 1
            if self._buffer[cut] == "\r":
                if end < len(self._buffer):
                    if self._buffer[end] == "\n":
                        end += 1
                else:
                    self._pending_cr = True
            self._buffer = self._buffer[end:]
            message = self._line(line)
            if message is not None:
                messages.append(message)
        return messages

    def _line(self, line: str) -> Optional[SseMessage]:
        if line == "":
            return self._dispatch()
        if line.startswith(":"):
            return None
        name, sep, value = line.partition(":")
        if sep and value.startswith(" "):
            value = value[1:]
        if name == "event":
            self._event = value
        elif name == "data":
            self._data.append(value)
        elif name == "id":
            if "\0" not in value:
                self._id = value
        elif name == "retry":
            if value.isdigit():
                self._retry = int(value)
        return None

    def _dispatch(self) -> Optional[SseMessage]:
        event, data = self._event or "message", self._data
        self._event, self._data = "", []
        if not data:
            return None
        return SseMessage(event=event, data="\n".join(data), id=self._id, retry=self._retry)


def _line_end(text: str) -> int:
    """The index of the first ``\\r`` or ``\\n`` in ``text``, or -1."""
    cr, lf = text.find("\r"), text.find("\n")
    if cr < 0:
        return lf
    if lf < 0:
        return cr
    return min(cr, lf)
