"""Requests per second with wrk (Debian package ``wrk``), the servers' CPU
time per request, and the CPU and database cost of one uncached render.

Requests per second on a shared machine move with whatever else runs on it,
so two servers are compared in alternating rounds and by their medians; the
server's own CPU time per request (its processes' user + system time, read
from ``/proc``, over the requests wrk counted) is steadier, and is reported
beside it.
"""

import http.client
import json
import os
import re
import shutil
import statistics
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from servers import PYTHON, ROOT

#: What a phone sends that matters to the server: the encodings it takes, its language.
HEADERS = {"Accept-Encoding": "gzip, deflate, br", "Accept-Language": "cs-CZ,cs;q=0.9"}


@dataclass
class Load:
    """Medians over the rounds of one server."""

    rps: float
    cpu_us: float
    errors: str = ""


def cpu_seconds(root_pid: int) -> float:
    """User + system CPU time of ``root_pid`` and its children (workers)."""
    ticks = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(entry.name) == root_pid or int(fields[1]) == root_pid:
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def drain(url: str) -> None:
    """Wait until the server has answered what wrk left queued when it stopped
    (a sync gunicorn worker still renders requests of closed connections)."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
    connection.request("GET", parts.path, headers=HEADERS)
    connection.getresponse().read()
    connection.close()


def wrk_once(url: str, seconds: float, pid: int, connections: int) -> tuple[float, float, str]:
    """One wrk run: requests per second, server CPU microseconds per request, errors."""
    program = shutil.which("wrk")
    if program is None:
        raise RuntimeError("wrk is missing: run scripts/bench_packages.sh (Debian package wrk)")
    argv = [program, "-t", "1", "-c", str(connections), "--timeout", "10s"]
    for name, value in HEADERS.items():
        argv += ["-H", f"{name}: {value}"]
    before = cpu_seconds(pid)
    out = subprocess.run(
        [*argv, "-d", f"{seconds:g}s", url], capture_output=True, text=True, check=True
    ).stdout
    used = cpu_seconds(pid) - before
    drain(url)
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = "; ".join(
        line.strip() for line in out.splitlines() if "Non-2xx" in line or "Socket errors" in line
    )
    return rps, (used / requests * 1e6 if requests else float("nan")), errors


def compare(
    targets: dict[str, tuple[str, int]], seconds: float, connections: int, rounds: int = 3
) -> dict:
    """``{name: Load}`` for ``{name: (url, server pid)}``, measured in
    ``rounds`` alternating rounds of ``seconds / rounds`` each, after a
    one-second warm-up of each, with ``connections`` open at once."""
    for url, pid in targets.values():
        wrk_once(url, 1, pid, connections)
    runs = {name: [] for name in targets}
    for _ in range(rounds):
        for name, (url, pid) in targets.items():
            runs[name].append(wrk_once(url, seconds / rounds, pid, connections))
    return {
        name: Load(
            rps=statistics.median(run[0] for run in done),
            cpu_us=statistics.median(run[1] for run in done),
            errors="; ".join(sorted({run[2] for run in done if run[2]})),
        )
        for name, done in runs.items()
    }


#: Run under the site's uncached settings: render ``url`` with Django's test
#: client, after a warm-up, and print the median CPU time and query count.
RENDER_COST = """
import json, statistics, sys, time
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

url, renders = sys.argv[1], int(sys.argv[2])
client = Client(HTTP_ACCEPT_LANGUAGE="cs")
for _ in range(3):
    assert client.get(url).status_code == 200
cpu, queries = [], []
for _ in range(renders):
    with CaptureQueriesContext(connection) as captured:
        started = time.process_time()
        response = client.get(url)
        cpu.append((time.process_time() - started) * 1000)
    assert response.status_code == 200
    queries.append(len(captured.captured_queries))
print(json.dumps({"cpu_ms": statistics.median(cpu), "queries": statistics.median(queries)}))
"""


def render_cost(env: dict, url: str, renders: int = 30) -> dict:
    """``{"cpu_ms", "queries"}`` of one full render of ``url`` (median)."""
    program = "import django\ndjango.setup()\n" + RENDER_COST
    result = subprocess.run(
        [PYTHON, "-c", program, url, str(renders)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise RuntimeError(f"measuring a render failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])
