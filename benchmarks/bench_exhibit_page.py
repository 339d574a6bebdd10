"""The QR landing page as a visitor's phone and as the servers see it.

Run from the repository root (``make bench`` runs it with the other benchmarks):

    .venv/bin/python benchmarks/bench_exhibit_page.py [--runs 3] [--seconds 6]

It needs Debian's ``chromium``, ``nginx`` and ``wrk`` (scripts/bench_packages.sh
installs the last two). In a temporary folder it installs the site as in
production (production settings from environment variables, SQLite, the
demo content, derivatives made by ``manage.py db_worker``), serves it with
gunicorn (2 workers) and with nginx in front using ``deploy/nginx/photovoice.conf``,
and measures a demo exhibit page with a photo and a recording:

* first load on a phone with an empty cache, on Lighthouse's "Slow 4G" with
  the CPU 4x slower (median of ``--runs``): requests, bytes on the wire
  (headers included), time to largest contentful paint, render-blocking
  scripts; what remains readable with images off; whether one tap plays the
  recording;
* requests per second (wrk) of the warm page from the application alone
  against a full Wagtail render of it (``PAGE_CACHE_SECONDS = 0``), and from nginx's
  front cache against nginx serving the same bytes as a static file; the CPU
  time and queries of one full render;
* that one PURGE to ``FRONT_CACHE_PURGE_URL`` empties the front cache, and
  that a consent withdrawal reaches the next visitor through it.

Targets (issue "QR landing page"): under 60 KB in at most 4 requests, no
blocking script, meaningful with images off, audio on one tap; warm app
>= 30x a full render; front cache >= 0.8x static. It reports, it never fails
on a figure: the exit status is 0 unless setting up fails.
"""

import argparse
import gzip
import http.client
import os
import platform
import re
import signal
import subprocess
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from load import HEADERS, Load, compare, render_cost  # noqa: E402
from phone_visit import CPU_SLOWDOWN, PHONE, Phone, median_visit  # noqa: E402
from servers import BenchSite  # noqa: E402

MAX_BYTES = 60_000
MAX_REQUESTS = 4
MIN_APP_RATIO = 30
MIN_FRONT_RATIO = 0.8
GUNICORN_WORKERS = 2
#: Connections wrk keeps open: two per sync gunicorn worker keep each busy
#: (more would only queue); nginx gets as many as a busy hallway might.
APP_CONNECTIONS = 2 * GUNICORN_WORKERS
NGINX_CONNECTIONS = 16

#: Finds the first demo exhibit (Czech) with a photo and the author's recording.
FIND_EXHIBIT = """
from exhibitions.models import ExhibitionPage
page = ExhibitionPage.objects.live().filter(locale__language_code="cs").first().specific
exhibit = page.exhibits.filter(testimony__isnull=False).order_by("sort_order").first()
print(page.exhibit_url(exhibit), exhibit.photo_id, exhibit.photo.participant.code)
"""

#: Response headers that the static copy gets from nginx itself.
OWN_HEADERS = {
    "server",
    "date",
    "connection",
    "keep-alive",
    "content-type",
    "content-length",
    "content-encoding",
    "transfer-encoding",
    "vary",
    "etag",
    "last-modified",
    "x-cache-status",
}


def say(message: str) -> None:
    print(f"... {message}", file=sys.stderr, flush=True)


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def get(port: int, path: str, method: str = "GET", headers: dict | None = None):
    """``(status, headers, body)`` of one request to 127.0.0.1:``port``."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request(method, path, headers={**HEADERS, **(headers or {})})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, body


def save_static_copy(app_port: int, path: str, folder: Path) -> tuple[Path, dict]:
    """The page as the application sends it to a browser that takes gzip,
    saved for nginx's static server (compressed too, if it came compressed),
    and the headers the static server must add to match it."""
    status, headers, body = get(app_port, path)
    if status != 200:
        raise RuntimeError(f"{path} answered {status} from the application")
    folder.mkdir()
    page = folder / "page.html"
    if headers.get("content-encoding") == "gzip":
        (folder / "page.html.gz").write_bytes(body)
        body = gzip.decompress(body)
    page.write_bytes(body)
    extra = {name: value for name, value in headers.items() if name not in OWN_HEADERS}
    return page, extra


def photograph_estimate(served: Path) -> int:
    """Bytes the served photo copy would have if it were a photograph rather
    than a demo drawing (drawings compress several times better): the bytes
    per pixel of a real photograph (scikit-image's "coffee", 600x400) in the
    same format and quality, times the served copy's pixels. An estimate, on
    the high side: larger photos take fewer bits per pixel."""
    from PIL import Image
    from skimage.data import coffee

    from media_pipeline.derivatives import WEB_DERIVATIVE_SPECS
    from media_pipeline.encode import encode

    fmt = {".avif": "avif", ".webp": "webp"}.get(served.suffix, "jpeg")
    quality = next(spec.quality for spec in WEB_DERIVATIVE_SPECS if spec.format == fmt)
    photograph = Image.fromarray(coffee())
    bytes_per_pixel = len(encode(photograph, fmt, quality=quality)) / (
        photograph.width * photograph.height
    )
    with Image.open(served) as copy:
        return round(bytes_per_pixel * copy.width * copy.height)


def machine() -> str:
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        model = found.group(1).strip() if found else ""
    nginx = subprocess.run(["nginx", "-v"], capture_output=True, text=True).stderr.strip()
    chromium = subprocess.run(["chromium", "--version"], capture_output=True, text=True).stdout
    return (
        f"machine: {os.cpu_count()} cores ({model or platform.machine()}), "
        f"Python {platform.python_version()}, {nginx.removeprefix('nginx version: ')}, "
        f"{chromium.strip()}"
    )


def ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else float("nan")


def kb(count: float) -> str:
    return f"{count / 1000:.1f} KB"


def row(label: str, value: str, target: str = "", result: str = "") -> str:
    return f"  {label:<34} {value:<32} {target:<12} {result}".rstrip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="phone visits (median reported)")
    parser.add_argument(
        "--seconds", type=float, default=6, help="seconds of wrk per server, in 3 rounds"
    )
    args = parser.parse_args()
    # Stopped from outside: still end the servers started here (the with-blocks).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    with (
        tempfile.TemporaryDirectory(prefix="visitor-bench-") as folder,
        ExitStack() as stack,
    ):
        site = BenchSite(Path(folder), stack)
        say("installing the demo site as in production (about 2 minutes)")
        site.install()
        print(measure(site, stack, args))


def measure(site: BenchSite, stack: ExitStack, args: argparse.Namespace) -> str:
    """Serve the installed ``site``, measure, and return the report."""
    from playwright.sync_api import sync_playwright

    folder = site.folder
    path, photo_id, participant = site.python(FIND_EXHIBIT).split()
    app = site.start_gunicorn("bench_settings", workers=GUNICORN_WORKERS)
    uncached = site.start_gunicorn("bench_settings_uncached", workers=GUNICORN_WORKERS)
    static_page, static_headers = save_static_copy(app.port, path, folder / "page")
    front, static = site.start_nginx(app.port, static_page, static_headers)
    page_cache = (ROOT / "photovoice" / "page_cache").exists() or (
        ROOT / "photovoice" / "page_cache.py"
    ).exists()

    say(f"{args.runs} first visits from a throttled phone")
    playwright = stack.enter_context(sync_playwright())
    phone = Phone(playwright)
    stack.callback(phone.close)
    url = f"http://127.0.0.1:{front.port}{path}"
    phone.first_load(url)  # not counted: a phone's browser is already running
    visits = [phone.first_load(url) for _ in range(args.runs)]
    images_off = phone.images_off(url)
    audio = phone.tap_play(url)
    visit = median_visit(visits)
    photo = next(r for r in visit.requests if r.kind == "Image")
    photo_file = folder / "media" / urlsplit(photo.url).path.removeprefix("/media/")
    estimate = visit.total_bytes - photo_file.stat().st_size + photograph_estimate(photo_file)

    say("the cost of one full render")
    cost = render_cost({**site.env, "DJANGO_SETTINGS_MODULE": "bench_settings_uncached"}, path)
    say("requests per second (wrk)")
    apps = compare(
        {
            "warm": (f"http://127.0.0.1:{app.port}{path}", app.pid),
            "render": (f"http://127.0.0.1:{uncached.port}{path}", uncached.pid),
        },
        args.seconds,
        APP_CONNECTIONS,
    )
    nginx = compare(
        {
            "front": (url, front.pid),
            "static": (f"http://127.0.0.1:{static.port}/page.html", static.pid),
        },
        args.seconds,
        NGINX_CONNECTIONS,
    )

    say("purging the front cache, then withdrawing consent")
    purge = check_purge(site, front.port, path)
    withdrawal = check_withdrawal(site, front.port, path, photo_id, participant)

    lines = [
        f"Visitor benchmark: exhibit page {path} (demo photo + recording)",
        machine(),
        "application page cache: "
        + ("present (photovoice/page_cache)" if page_cache else "ABSENT (not written yet)"),
        "",
        f"First load on a phone ({PHONE['viewport']['width']}x{PHONE['viewport']['height']}"
        f" @{PHONE['device_scale_factor']}x, Slow 4G, CPU x{CPU_SLOWDOWN}, empty cache),"
        f" median of {args.runs}; 1 KB = 1000 bytes on the wire, headers included",
        row("measure", "value", "target", "result"),
        row(
            "requests",
            str(len(visit.requests)),
            f"<= {MAX_REQUESTS}",
            verdict(len(visit.requests) <= MAX_REQUESTS),
        ),
        row(
            "bytes",
            kb(visit.total_bytes),
            f"< {kb(MAX_BYTES)}",
            verdict(visit.total_bytes < MAX_BYTES),
        ),
        row(
            "  the same with a photograph",
            f"~{kb(estimate)} (estimate)",
            f"< {kb(MAX_BYTES)}",
            verdict(estimate < MAX_BYTES),
        ),
        row(
            "time to largest contentful paint",
            f"{visit.lcp_ms:.0f} ms ({visit.lcp_element})",
            "(reported)",
        ),
        row(
            "render-blocking scripts",
            ", ".join(visit.blocking_scripts) or "none",
            "none",
            verdict(not visit.blocking_scripts),
        ),
        row(
            "readable with images off",
            f"{len(images_off.shown)}/{len(images_off.shown) + len(images_off.missing)}"
            f" parts, {images_off.words} words",
            "all parts",
            verdict(not images_off.missing)
            + (f" (missing: {', '.join(images_off.missing)})" if images_off.missing else ""),
        ),
        row(
            "one tap plays the recording",
            f"plays after {audio.ms_to_playing:.0f} ms, {kb(audio.bytes)}"
            if audio.plays
            else "does not play",
            "plays",
            verdict(audio.plays),
        ),
        "  requests of the median visit:",
        *(
            f"    {r.kind:<11} {r.status:>3} {kb(r.bytes):>9}  "
            f"{r.render_blocking or '-':<12} {urlsplit(r.url).path}"
            for r in visit.requests
        ),
        f"  LCP of each visit: {', '.join(f'{v.lcp_ms:.0f} ms' for v in visits)}",
        "",
        f"Throughput (wrk, {APP_CONNECTIONS} connections to gunicorn, {NGINX_CONNECTIONS} to"
        " nginx, gzip; medians of 3 alternating rounds,"
        f" {args.seconds:g} s per server; server CPU = its processes' CPU time per request)",
        *throughput(
            "app alone, page cache warm",
            apps["warm"],
            "full render",
            apps["render"],
            MIN_APP_RATIO,
        ),
        row(
            "one full render, in-process",
            f"{cost['cpu_ms']:.0f} ms CPU, {cost['queries']:.0f} queries",
            "(reported)",
            "stock Wagtail demo page: ~50 ms, ~20 queries",
        ),
        *throughput(
            "nginx front cache, warm",
            nginx["front"],
            "static file, same bytes",
            nginx["static"],
            MIN_FRONT_RATIO,
        ),
        "",
        "Front cache (deploy/nginx/photovoice.conf)",
        row("one PURGE empties it", purge[0], "MISS after", verdict(purge[1])),
        row(
            "consent withdrawn, next visitor",
            withdrawal[0],
            "410, not HIT",
            verdict(withdrawal[1]),
        ),
    ]
    return "\n".join(lines)


def throughput(name: str, load: Load, base_name: str, base: Load, target: float) -> list[str]:
    """Rows comparing ``load`` with ``base``: by requests per second (the
    issue's measure) and by server CPU per request (steadier here)."""
    by_rps, by_cpu = ratio(load.rps, base.rps), ratio(base.cpu_us, load.cpu_us)
    rows = [
        row(name, f"{load.rps:.0f} req/s, {load.cpu_us:.0f} us CPU"),
        row(base_name, f"{base.rps:.0f} req/s, {base.cpu_us:.0f} us CPU"),
        row(
            "  ratio by requests per second",
            f"{by_rps:.2f}x",
            f">= {target:g}x",
            verdict(by_rps >= target),
        ),
        row(
            "  ratio by server CPU per request",
            f"{by_cpu:.2f}x",
            f">= {target:g}x",
            verdict(by_cpu >= target),
        ),
    ]
    rows += [f"  wrk reported errors: {item.errors}" for item in (load, base) if item.errors]
    return rows


def check_purge(site: BenchSite, front: int, path: str) -> tuple[str, bool]:
    """Warm the page at the front, send the site's PURGE, look again."""
    get(front, path)
    before = get(front, path)[1].get("x-cache-status", "-")
    purge_url = urlsplit(site.purge_url)
    status = get(purge_url.port, purge_url.path, method="PURGE")[0]
    after = get(front, path)[1].get("x-cache-status", "-")
    text = f"{before} -> PURGE {status} -> {after}"
    return text, before == "HIT" and status < 300 and after in {"MISS", "EXPIRED"}


def check_withdrawal(
    site: BenchSite, front: int, path: str, photo_id: str, participant: str
) -> tuple[str, bool]:
    """Withdraw the exhibit's consent for exhibitions as a curator would, run
    the queued tasks as the worker would, and ask the front for the page."""
    get(front, path)
    before = get(front, path)[1].get("x-cache-status", "-")
    site.manage(
        "withdraw_consent", participant, "--item", f"photo:{photo_id}", "--scope", "exhibitions"
    )
    site.run_tasks()
    status, headers, _body = get(front, path)
    cache = headers.get("x-cache-status", "-")
    text = f"{before} -> withdrawn -> {status} {cache}"
    return text, status == 410 and cache != "HIT"


if __name__ == "__main__":
    main()
