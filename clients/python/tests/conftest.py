"""Fixtures: real Tally servers started from the built jar, and a tiny local HTTP server for the
edge cases a real Tally never produces (chunked bodies, broken answers, redirects).

The jar is ``$TALLY_JAR``, else ``cli/target/tally.jar`` of the repository; nothing is built here
(build it with ``./tally --help`` or Maven). Two servers, each started once per session, on free
loopback ports, in pytest's temporary directory, and stopped at the end:

* ``books``: ``tally import`` of a literal three-row ledger (a 1000 USD deposit and a buy of
  0.01 XBT at 50000 with a 1 USD fee) with two prices (XBT 50000, then 60000), then ``tally serve``
  on that store without Kraken keys. Every figure is known exactly (equity 1099.00000000), and a
  sync is refused (409).
* ``live``: ``tally demo``: the Kraken simulator in the same process, synced every 5 s through
  the real client, with margin positions and a moving market, so the event stream has events.
  (``tally serve`` against ``tally sim`` would also do, but the stand-alone simulator enforces
  Kraken's call-rate limit: a sync takes about 40 s, too slow for a test run.)
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import Callable, Dict, Iterator

import pytest

from helpers import Local, free_port
from tally_client import TallyClient

REPO = Path(__file__).resolve().parents[3]
JAR = Path(os.environ.get("TALLY_JAR") or REPO / "cli" / "target" / "tally.jar")
START_SECONDS = float(os.environ.get("TALLY_START_SECONDS", "240"))

LEDGERS = """\
"txid","refid","time","type","subtype","aclass","asset","amount","fee","balance"
"L1","D1","2024-01-01 10:00:00","deposit","","currency","ZUSD",1000.0000,0.0000,1000.0000
"L2","T1","2024-01-02 10:00:00","trade","","currency","ZUSD",-500.0000,1.0000,499.0000
"L3","T1","2024-01-02 10:00:00","trade","","currency","XXBT",0.0100000000,0.0000000000,0.0100000000
"""
TRADES = """\
"txid","ordertxid","pair","time","type","ordertype","price","cost","fee","vol","margin","misc","ledgers"
"T1","O1","XXBTZUSD","2024-01-02 10:00:00","buy","limit",50000.0,500.0,1.0,0.01,0.0,"","L2,L3"
"""
PRICES = """\
time,asset,price
2024-01-02T10:00:00Z,XBT,50000
2024-01-03T00:00:00Z,XBT,60000
"""


def _java() -> str:
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").exists():
        return str(Path(home) / "bin" / "java")
    java = shutil.which("java")
    if java is None:
        raise RuntimeError("no java on PATH (nor in JAVA_HOME): the integration tests run the jar")
    return java


def _jar() -> Path:
    if not JAR.is_file():
        raise RuntimeError(
            "no Tally jar at %s: build it (./tally --help, or ./mvnw -o package -pl cli -am "
            "-Dtally.launch -Dmaven.test.skip=true) or set TALLY_JAR" % JAR
        )
    return JAR


def _environment() -> Dict[str, str]:
    env = dict(os.environ)
    for name in ("KRAKEN_API_KEY", "KRAKEN_API_SECRET", "TALLY_DB_USER", "TALLY_DB_PASSWORD"):
        env.pop(name, None)
    return env


def run_tally(workdir: Path, *args: str) -> None:
    """Runs one tally command to its end in ``workdir``; raises with its output if it fails."""
    result = subprocess.run(
        [_java(), "-jar", str(_jar()), *args],
        cwd=str(workdir),
        env=_environment(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        timeout=START_SECONDS,
    )
    if result.returncode != 0:
        raise RuntimeError(
            "tally %s failed (%d):\n%s"
            % (" ".join(args), result.returncode, result.stdout.decode(errors="replace"))
        )


class TallyProcess:
    """A ``tally`` command serving on a port, its output in files of ``workdir``."""

    def __init__(self, name: str, workdir: Path, port: int, *args: str) -> None:
        self.name = name
        self.url = "http://127.0.0.1:%d" % port
        self.out = workdir / (name + ".out")
        self.err = workdir / (name + ".err")
        with open(self.out, "wb") as out, open(self.err, "wb") as err:
            self.process = subprocess.Popen(
                [_java(), "-jar", str(_jar()), *args],
                cwd=str(workdir),
                env=_environment(),
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=err,
            )

    def output(self) -> str:
        text = ""
        for path in (self.out, self.err):
            if path.exists():
                text += path.read_text(errors="replace")[-4000:]
        return text

    def wait_until_ready(self, ready: Callable[[], bool]) -> None:
        """Polls ``/health`` until it answers 200 and ``ready()`` holds, or fails with the log."""
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            code = self.process.poll()
            if code is not None:
                raise RuntimeError("tally %s exited (%d) before serving:\n%s" % (self.name, code, self.output()))
            try:
                with urllib.request.urlopen(self.url + "/health", timeout=2) as response:
                    if response.status == 200 and ready():
                        return
            except OSError:
                pass
            time.sleep(0.25)
        self.stop()
        raise RuntimeError("tally %s did not serve within %s s:\n%s" % (self.name, START_SECONDS, self.output()))

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()  # the JVM's shutdown hooks close the store (and the demo's files)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


@pytest.fixture(scope="session")
def books_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``tally serve`` on an imported store whose every figure is known (see the module's text)."""
    workdir = tmp_path_factory.mktemp("books")
    (workdir / "ledgers.csv").write_text(LEDGERS)
    (workdir / "trades.csv").write_text(TRADES)
    (workdir / "prices.csv").write_text(PRICES)
    run_tally(
        workdir, "import", "--db", "books.db", "--prices", "prices.csv", "--base", "USD",
        "ledgers.csv", "trades.csv",
    )
    port = free_port()
    server = TallyProcess("serve", workdir, port, "serve", "--db", "books.db", "--port", str(port))
    try:
        server.wait_until_ready(lambda: True)
        yield server.url
    finally:
        server.stop()


@pytest.fixture(scope="session")
def live_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``tally demo``: a simulated Kraken account synced every 5 s (see the module's text)."""
    workdir = tmp_path_factory.mktemp("live")
    port = free_port()
    server = TallyProcess(
        "demo", workdir, port, "demo", "--port", str(port), "--days", "30", "--seed", "42"
    )
    try:
        # The demo serves before its first sync ends; "Synced ..." is printed once it has.
        server.wait_until_ready(lambda: "Synced " in server.out.read_text(errors="replace"))
        yield server.url
    finally:
        server.stop()


@pytest.fixture(scope="session")
def books(books_url: str) -> TallyClient:
    return TallyClient(books_url, timeout=30)


@pytest.fixture(scope="session")
def live(live_url: str) -> TallyClient:
    return TallyClient(live_url, timeout=30)


@pytest.fixture
def local() -> Iterator[Local]:
    """A tiny local HTTP server whose answers a test writes byte by byte (see helpers.Local)."""
    server = Local()
    try:
        yield server
    finally:
        server.close()
