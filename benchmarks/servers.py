"""A throwaway production-like site for the visitor benchmark.

:class:`BenchSite` makes, in a temporary folder, what a single-host install
has: production settings read from environment variables, an SQLite database
with the demo content, collected static files, media and private folders, and
the background tasks run by ``manage.py db_worker``. It then starts gunicorn
and nginx (with the documented ``deploy/nginx/photovoice.conf``) on free
loopback ports. Every process it starts is ended, by its own id, on exit.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
NGINX_CONF = ROOT / "deploy" / "nginx" / "photovoice.conf"

#: What the documented nginx config names, and so what the benchmark replaces
#: with its own addresses and folders (each must occur in the file).
NGINX_PLACEHOLDERS = (
    "127.0.0.1:8000",  # gunicorn
    "listen 80;",  # the public port
    "listen 127.0.0.1:8081;",  # the purge port
    "/var/cache/nginx/photovoice",  # the cache folders
    "/var/lib/photovoice/media",  # MEDIA_ROOT
    "/run/nginx-photovoice-generation.sock",  # nginx's own generation source
)

#: The shape of a settings module for one gunicorn: production settings, with
#: static files collected into the temporary folder.
SETTINGS_MODULE = '''"""Production settings for the visitor benchmark (benchmarks/servers.py)."""
from photovoice.settings.production import *  # noqa: F403

STATIC_ROOT = {static_root!r}
{extra}
'''


@dataclass(frozen=True)
class Server:
    """A server this benchmark started: where it listens, its main process."""

    port: int
    pid: int


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, what: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with status {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{what} did not open port {port} within {timeout:.0f} s")


class BenchSite:
    """The demo site in ``folder``, and the servers started for it."""

    def __init__(self, folder: Path, stack: ExitStack) -> None:
        self.folder = folder
        self.stack = stack
        self.purge_port = free_port()
        self.purge_url = f"http://127.0.0.1:{self.purge_port}/_front_cache/purge"
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("S3_", "TEST_"))},
            "PYTHONPATH": f"{folder}{os.pathsep}{ROOT}",
            "DJANGO_SETTINGS_MODULE": "bench_settings",
            "SECRET_KEY": "visitor-benchmark-" + os.urandom(16).hex(),
            "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "BASE_URL": "http://127.0.0.1",
            "DATABASE_URL": f"sqlite:///{folder / 'site.sqlite3'}",
            "EMAIL_HOST": "localhost",
            "DEFAULT_FROM_EMAIL": "bench@example.org",
            "SECURE_SSL_REDIRECT": "false",
            "MEDIA_ROOT": str(folder / "media"),
            "PRIVATE_MEDIA_ROOT": str(folder / "private"),
            "FRONT_CACHE_PURGE_URL": self.purge_url,
            "LOG_LEVEL": "WARNING",
        }
        self.write_settings("bench_settings", "")
        self.write_settings("bench_settings_uncached", "PAGE_CACHE_SECONDS = 0")

    def write_settings(self, name: str, extra: str) -> None:
        text = SETTINGS_MODULE.format(static_root=str(self.folder / "static"), extra=extra)
        (self.folder / f"{name}.py").write_text(text)

    # Setting up -----------------------------------------------------------

    def run(self, argv: list[str], what: str) -> str:
        """Run ``argv`` under the site's settings; its standard output."""
        result = subprocess.run(argv, cwd=ROOT, env=self.env, capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError(f"{what} failed:\n{result.stderr[-3000:]}")
        return result.stdout

    def manage(self, *args: str) -> str:
        return self.run([PYTHON, str(ROOT / "manage.py"), *args], f"manage.py {' '.join(args)}")

    def install(self) -> None:
        """Database, cache table, static files, demo content and its derivatives."""
        self.manage("migrate", "--noinput", "-v0")
        self.manage("createcachetable")
        self.manage("collectstatic", "--noinput", "-v0")
        self.manage("load_demo")
        self.run_tasks()

    def run_tasks(self) -> None:
        """Run the queued background tasks (derivatives, purges) to the end."""
        self.manage("db_worker", "--batch", "--no-startup-delay")

    def python(self, code: str) -> str:
        """Run ``code`` with Django set up; its standard output."""
        return self.run([PYTHON, "-c", "import django\ndjango.setup()\n" + code], "Python")

    # Servers --------------------------------------------------------------

    def start(
        self, argv: list[str], what: str, port: int, env: dict | None = None
    ) -> subprocess.Popen:
        log = (self.folder / f"{what.replace(' ', '-')}.log").open("w")
        self.stack.callback(log.close)
        process = subprocess.Popen(
            argv, cwd=ROOT, env=env or self.env, stdout=log, stderr=subprocess.STDOUT
        )
        self.stack.callback(stop, process)
        wait_for_port(port, process, what)
        return process

    def start_gunicorn(self, settings: str, workers: int) -> Server:
        port = free_port()
        gunicorn = str(Path(PYTHON).with_name("gunicorn"))
        # --preload: the application is loaded before the port opens, so the
        # first requests do not wait for each worker to import Django and Wagtail.
        argv = [gunicorn, "photovoice.wsgi", "--preload", "--workers", str(workers)]
        argv += ["--bind", f"127.0.0.1:{port}", "--log-level", "warning"]
        env = {**self.env, "DJANGO_SETTINGS_MODULE": settings}
        return Server(port, self.start(argv, f"gunicorn {settings}", port, env).pid)

    def start_nginx(
        self, app_port: int, static_page: Path, static_headers: dict
    ) -> tuple[Server, Server]:
        """nginx with the documented site config in front of ``app_port``, and
        a plain static server of ``static_page`` (the same nginx)."""
        front, static = free_port(), free_port()
        nginx = self.folder / "nginx"
        (nginx / "cache").mkdir(parents=True, exist_ok=True)
        site = NGINX_CONF.read_text()
        for placeholder in NGINX_PLACEHOLDERS:
            if placeholder not in site:
                raise RuntimeError(f"{NGINX_CONF} no longer contains {placeholder!r}")
        site = (
            site.replace("127.0.0.1:8000", f"127.0.0.1:{app_port}")
            .replace("listen 80;", f"listen 127.0.0.1:{front};")
            .replace("listen 127.0.0.1:8081;", f"listen 127.0.0.1:{self.purge_port};")
            .replace("/var/cache/nginx/photovoice", str(nginx / "cache"))
            .replace("/var/lib/photovoice/media", str(self.folder / "media"))
            .replace("/run/nginx-photovoice-generation.sock", str(nginx / "generation.sock"))
        )
        (nginx / "photovoice.conf").write_text(site)
        (nginx / "nginx.conf").write_text(
            NGINX_MAIN.format(
                user="user root;" if os.geteuid() == 0 else "",
                folder=nginx,
                static_port=static,
                static_root=static_page.parent,
                static_headers="".join(
                    f'    add_header {name} "{value}";\n' for name, value in static_headers.items()
                ),
            )
        )
        argv = [shutil.which("nginx") or "/usr/sbin/nginx", "-c", str(nginx / "nginx.conf")]
        argv += ["-p", str(nginx)]
        process = self.start(argv, "nginx", front)
        wait_for_port(static, process, "nginx (static server)")
        return Server(front, process.pid), Server(static, process.pid)


#: nginx's main configuration for the benchmark: the documented site config
#: included as an operator would (inside ``http``), plus a static server of
#: the same page for comparison, with the same compression and open-file cache.
NGINX_MAIN = """{user}
daemon off;
worker_processes auto;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 1024; }}
http {{
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  sendfile on;
  tcp_nopush on;
  access_log off;
  client_body_temp_path {folder}/body;
  proxy_temp_path {folder}/proxy;
  fastcgi_temp_path {folder}/fastcgi;
  uwsgi_temp_path {folder}/uwsgi;
  scgi_temp_path {folder}/scgi;

  include {folder}/photovoice.conf;

  server {{
    listen 127.0.0.1:{static_port};
    root {static_root};
    charset utf-8;
    open_file_cache max=1000 inactive=60s;
    open_file_cache_valid 60s;
    gzip on;
    gzip_static on;
    gzip_vary on;
{static_headers}  }}
}}
"""


def stop(process: subprocess.Popen) -> None:
    """End a server this benchmark started (and only it), politely first."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM if "nginx" not in str(process.args) else signal.SIGQUIT)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
