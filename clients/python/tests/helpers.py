"""Helpers of the tests: free ports, and a tiny local HTTP server for the edge cases a real
Tally never produces (chunked bodies written by hand, broken answers, redirects, silence)."""

from __future__ import annotations

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Dict, List


def free_port() -> int:
    """A loopback port free now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Local:
    """A local HTTP server whose answers the test writes byte by byte: ``routes[path]`` is called
    with the handler, and every request's headers are kept in ``seen``."""

    def __init__(self) -> None:
        self.routes: Dict[str, Callable[[BaseHTTPRequestHandler], None]] = {}
        self.seen: List[Dict[str, str]] = []
        self.release = threading.Event()
        local = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _any(self) -> None:
                path = self.path.split("?", 1)[0]
                local.seen.append(
                    {"method": self.command, "path": self.path, **{k.lower(): v for k, v in self.headers.items()}}
                )
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    local.seen[-1]["body"] = self.rfile.read(length).decode()
                route = local.routes.get(path)
                if route is None:
                    self.send_error(404)
                    return
                route(self)
                self.close_connection = True

            do_GET = do_POST = _any

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = "http://127.0.0.1:%d" % self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


def raw(handler: BaseHTTPRequestHandler, data: bytes) -> None:
    """Writes ``data`` as the whole answer, status line included."""
    handler.wfile.write(data)
    handler.wfile.flush()


def chunked(*pieces: bytes) -> bytes:
    """``pieces`` as a chunked body (each a chunk, one with an extension), ended by ``0``."""
    out = b""
    for i, piece in enumerate(pieces):
        out += b"%x%s\r\n%s\r\n" % (len(piece), b";note=x" if i == 0 else b"", piece)
    return out + b"0\r\n\r\n"


def refused_url() -> str:
    """A loopback URL nothing listens on."""
    return "http://127.0.0.1:%d" % free_port()

