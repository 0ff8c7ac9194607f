"""Tally's HTTP API for Python trading bots: a sync client and an asyncio client, stdlib only.

Every answer is a frozen dataclass whose amounts, prices, volumes, percentages and ratios are
``decimal.Decimal`` and whose times are aware ``datetime`` objects; the JSON it was read from is
kept in its ``raw`` field. Errors are :class:`TallyApiError` (with the server's problem+json
members), :class:`TallyConnectionError` and :class:`TallyDecodeError`.

Example::

    from decimal import Decimal
    from tally_client import TallyClient

    client = TallyClient("http://127.0.0.1:8080")
    print(client.portfolio().equity_base)
    check = client.check_trade("XBTUSD", "buy", Decimal("0.5"), price=Decimal("60000"))
"""

from ._api import DateInput, DecimalInput, TimeInput
from .aio import AsyncEventStream, AsyncTallyClient
from .client import EventStream, TallyClient
from .errors import (
    BadRequest,
    Conflict,
    NotFound,
    ServerError,
    TallyApiError,
    TallyConnectionError,
    TallyDecodeError,
    TallyError,
    TallyTimeoutError,
)
from .models import *  # noqa: F401,F403  (the answers; models.__all__ lists them)
from .models import __all__ as _models_all

__version__ = "0.1.0"

__all__ = [
    "TallyClient",
    "AsyncTallyClient",
    "EventStream",
    "AsyncEventStream",
    "DecimalInput",
    "TimeInput",
    "DateInput",
    "TallyError",
    "TallyApiError",
    "BadRequest",
    "NotFound",
    "Conflict",
    "ServerError",
    "TallyConnectionError",
    "TallyTimeoutError",
    "TallyDecodeError",
] + list(_models_all)
