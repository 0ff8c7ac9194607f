"""What the clients raise.

Every error is a :class:`TallyError`. An answer other than 2xx is a :class:`TallyApiError` (or
its subclass for the status) carrying the server's ``application/problem+json`` members; a server
that cannot be reached or does not answer in time is a :class:`TallyConnectionError`; an answer
that is not what the contract says is a :class:`TallyDecodeError`. No error ever holds the bearer
token: messages name the method and the path only.

Example::

    try:
        client.position("DOGEUSD")
    except NotFound as e:
        print(e.status, e.detail)  # 404 No position in DOGEUSD: the books have no trades in that pair
"""

from __future__ import annotations

import json
from typing import Any, Dict, Mapping, Optional

__all__ = [
    "TallyError",
    "TallyConnectionError",
    "TallyTimeoutError",
    "TallyDecodeError",
    "TallyApiError",
    "BadRequest",
    "NotFound",
    "Conflict",
    "ServerError",
]


class TallyError(Exception):
    """The base of every error the Tally clients raise.

    Example: ``except TallyError: ...`` catches all of them.
    """


class TallyConnectionError(TallyError):
    """The server could not be reached, closed the connection, or broke the HTTP protocol.

    Example: ``TallyClient("http://127.0.0.1:1").portfolio()`` raises it (connection refused).
    """


class TallyTimeoutError(TallyConnectionError):
    """The server did not answer (or the event stream stayed silent) within the timeout.

    Example: ``TallyClient(url, timeout=0.5)`` against a server that never answers raises it.
    """


class TallyDecodeError(TallyError, ValueError):
    """A 2xx answer that is not what the contract says: not JSON, or a field missing or of the
    wrong kind. The message names the field's path, e.g. ``portfolio.equity_base: missing``.

    Example: ``Portfolio.from_json({})`` raises it.
    """


class TallyApiError(TallyError):
    """A non-2xx answer, with the members of its ``application/problem+json`` body (RFC 9457).

    Attributes: ``status`` (the HTTP status), ``type``, ``title``, ``detail``, ``instance``,
    ``extra`` (any other members of the problem document), ``method`` and ``path`` of the request,
    and ``body`` (the answer's text, for a body that is not a problem document).

    Example::

        except TallyApiError as e:
            log.warning("tally said %s: %s", e.status, e.detail)
    """

    def __init__(
        self,
        status: int,
        title: str,
        detail: Optional[str] = None,
        type: str = "about:blank",
        instance: Optional[str] = None,
        extra: Optional[Mapping[str, Any]] = None,
        method: str = "",
        path: str = "",
        body: str = "",
    ) -> None:
        self.status = status
        self.title = title
        self.detail = detail
        self.type = type
        self.instance = instance
        self.extra: Dict[str, Any] = dict(extra or {})
        self.method = method
        self.path = path
        self.body = body
        where = " (%s %s)" % (method, path) if method else ""
        text = "%d %s" % (status, title)
        if detail:
            text += ": " + detail
        super().__init__(text + where)

    @property
    def problem(self) -> Dict[str, Any]:
        """The problem document: ``type``, ``title``, ``status``, ``detail``, ``instance``, extras."""
        doc: Dict[str, Any] = {
            "type": self.type,
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
        }
        if self.instance is not None:
            doc["instance"] = self.instance
        doc.update(self.extra)
        return doc


class BadRequest(TallyApiError):
    """400: a parameter or a field of the body is wrong; ``detail`` names it.

    Example: ``client.pnl(period="1y")`` raises ``BadRequest`` naming ``period``.
    """


class NotFound(TallyApiError):
    """404: an unknown pair, paper order or endpoint.

    Example: ``client.position("DOGEUSD")`` on books without that pair.
    """


class Conflict(TallyApiError):
    """409: a write the server refuses in its state (a sync without Kraken keys, margin in us_ca).

    Example: ``client.sync()`` on ``tally serve`` without ``KRAKEN_API_KEY``.
    """


class ServerError(TallyApiError):
    """5xx: the server failed; ``detail`` says how.

    Example: ``except ServerError: retry later``.
    """


_BY_STATUS = {400: BadRequest, 404: NotFound, 409: Conflict}

_KNOWN = ("type", "title", "status", "detail", "instance")


def api_error(
    status: int,
    reason: str,
    content_type: str,
    body: bytes,
    method: str,
    path: str,
) -> TallyApiError:
    """The error for a non-2xx answer: its problem document's members when it has one, else the
    status line's reason and the body's text as ``detail``."""
    text = body.decode("utf-8", errors="replace")
    doc: Any = None
    if "json" in content_type.lower() or text.lstrip().startswith("{"):
        try:
            doc = json.loads(text)
        except ValueError:
            doc = None
    cls = _BY_STATUS.get(status, ServerError if status >= 500 else TallyApiError)
    if isinstance(doc, dict):
        title = doc.get("title")
        detail = doc.get("detail")
        return cls(
            status=status,
            title=title if isinstance(title, str) else (reason or "HTTP %d" % status),
            detail=detail if isinstance(detail, str) else None,
            type=doc.get("type") if isinstance(doc.get("type"), str) else "about:blank",
            instance=doc.get("instance") if isinstance(doc.get("instance"), str) else None,
            extra={k: v for k, v in doc.items() if k not in _KNOWN},
            method=method,
            path=path,
            body=text,
        )
    detail_text = text.strip()
    return cls(
        status=status,
        title=reason or "HTTP %d" % status,
        detail=(detail_text[:500] or None),
        method=method,
        path=path,
        body=text,
    )
