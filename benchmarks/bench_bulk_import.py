"""Bulk import of a workshop through the production set-up: wall time and CPU.

Run from the repository root (it starts its own PostgreSQL and S3 server with
``scripts/with_test_services.py`` unless ``TEST_DATABASE_URL`` is already set):

    .venv/bin/python benchmarks/bench_bulk_import.py [--photos 150] [--interviews 20]
        [--heic-share 0.2] [--workers 2] [--keep]

It makes a workshop in a temporary folder (``bulk_media``: 12-megapixel phone
photos with EXIF and GPS, a share of them HEIC, five-minute AAC interviews with
transcripts, a manifest for 20 participants whose scopes make every item
public), starts ``--workers`` ``manage.py db_worker`` processes on the
django-tasks-db queue as production runs them, runs
``manage.py import_contributions manifest.csv --approve`` and waits until the
queue is empty. It prints the import's own wall time and CPU, the derivative
phase (first task enqueued to last task finished), the workers' CPU (with the
programs they ran) per photo and per interview, throughput, a worker's peak
memory, and checks that the result is right: every photo has its web copies,
every interview its public copy, no task failed, no file is orphaned in public
storage, and no public copy in a sample carries the camera's metadata.

Absolute times depend on the machine and what else runs on it (the load
average is printed); nothing here fails on time. The exit status is 0 unless
the set-up fails.
"""

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"
sys.path[:0] = [str(ROOT), str(BENCH)]

from bulk_media import CAMERA_MAKE, CAMERA_MODEL, LOCATION, make_workshop  # noqa: E402

QUEUE_TIMEOUT_SECONDS = 3 * 3600
LEAKS = [CAMERA_MAKE.encode(), CAMERA_MODEL.encode(), LOCATION.encode()]


@dataclass
class ProcessUsage:
    wall: float
    cpu: float  # user + system, the process and the programs it waited for
    peak_rss_mb: float
    exit_code: int


def django_env() -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bulk_settings",
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(BENCH)]),
    }


def reap(process: subprocess.Popen, started: float) -> ProcessUsage:
    """Wait for ``process`` and read its resource usage (children included)."""
    _pid, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return ProcessUsage(
        wall=time.monotonic() - started,
        cpu=usage.ru_utime + usage.ru_stime,
        peak_rss_mb=usage.ru_maxrss / 1024,
        exit_code=process.returncode,
    )


def own_peak_rss_mb(pid: int) -> float:
    """A live process's own peak resident memory (VmHWM), children excluded."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def start_workers(count: int, folder: Path) -> list[tuple[subprocess.Popen, float]]:
    workers = []
    for n in range(1, count + 1):
        command = [
            sys.executable,
            str(BENCH / "bulk_worker.py"),
            "db_worker",
            "--no-startup-delay",
            "--no-reload",
            "--worker-id",
            f"bench-{n}",
        ]
        env = {**django_env(), "BULK_TASK_LOG": str(folder / f"tasks-{n}.jsonl")}
        log = (folder / f"worker-{n}.log").open("w")
        process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
        workers.append((process, time.monotonic()))
    return workers


def wait_for_queue(workers: list[tuple[subprocess.Popen, float]]) -> None:
    from django.db import close_old_connections
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    pending = [TaskResultStatus.READY, TaskResultStatus.RUNNING]
    deadline = time.monotonic() + QUEUE_TIMEOUT_SECONDS
    while DBTaskResult.objects.filter(status__in=pending).exists():
        if any(process.poll() is not None for process, _ in workers):
            raise SystemExit("A worker stopped before the queue was empty; see worker-*.log")
        if time.monotonic() > deadline:
            raise SystemExit(f"The queue was not empty after {QUEUE_TIMEOUT_SECONDS} s")
        time.sleep(0.2)
        close_old_connections()


def stop_workers(workers: list[tuple[subprocess.Popen, float]]) -> list[ProcessUsage]:
    usages = []
    for process, started in workers:
        own_peak = own_peak_rss_mb(process.pid)
        process.send_signal(signal.SIGTERM)
        usage = reap(process, started)
        usage.peak_rss_mb = own_peak
        usages.append(usage)
    return usages


def task_log(folder: Path) -> list[dict]:
    records = []
    for path in sorted(folder.glob("tasks-*.jsonl")):
        records += [json.loads(line) for line in path.read_text().splitlines()]
    return records


def public_files() -> set[str]:
    """Every file in public storage (photo derivatives and interviews' copies)."""
    from django.core.files.storage import default_storage

    def walk(folder: str) -> set[str]:
        folders, files = default_storage.listdir(folder)
        found = {f"{folder}/{name}" for name in files}
        for sub in folders:
            found |= walk(f"{folder}/{sub}")
        return found

    return walk("derivatives") | walk("audio-public")


def leaks_in(data: bytes) -> list[str]:
    from PIL import Image

    problems = [leak.decode() for leak in LEAKS if leak in data]
    with Image.open(BytesIO(data)) as image:
        if image.getexif():
            problems.append("EXIF")
        problems += [key for key in ("exif", "xmp") if key in image.info]
    return problems


def check_result(photos: int, interviews: int, sample: int) -> list[tuple[str, str, bool]]:
    """(what, found, right) rows about the archive after the run."""
    from django.core.files.storage import default_storage
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from photovoice.archive.models import AudioTestimony, Photo, PhotoRendition

    rows = []
    ready = Photo.objects.filter(derivatives_ready=True).count()
    rows.append(("photos with web copies ready", f"{ready} / {photos}", ready == photos))
    published = AudioTestimony.objects.exclude(public_file="").count()
    rows.append(
        ("interviews with a public copy", f"{published} / {interviews}", published == interviews)
    )
    failed = DBTaskResult.objects.filter(status=TaskResultStatus.FAILED)
    reasons = Counter(failed.values_list("exception_class_path", flat=True))
    detail = ", ".join(f"{n} {path.rsplit('.', 1)[-1]}" for path, n in reasons.items())
    rows.append(("failed tasks", f"{failed.count()} {detail}".strip(), not reasons))
    registered = set(PhotoRendition.objects.values_list("file", flat=True))
    registered |= set(AudioTestimony.objects.values_list("public_file", flat=True))
    orphans = public_files() - registered
    rows.append(("public files nothing refers to (orphans)", str(len(orphans)), not orphans))

    checked, problems = 0, Counter()
    step = max(1, photos // sample)
    for photo in Photo.objects.order_by("pk")[::step][:sample]:
        for rendition in photo.renditions.all():
            with default_storage.open(rendition.file.name) as handle:
                problems.update(leaks_in(handle.read()))
            checked += 1
    for testimony in AudioTestimony.objects.exclude(public_file="")[:sample]:
        with default_storage.open(testimony.public_file.name) as handle:
            data = handle.read()
        problems.update(leak.decode() for leak in LEAKS if leak in data)
        checked += 1
    found = ", ".join(f"{name} in {n}" for name, n in problems.items()) or "none"
    rows.append((f"metadata in {checked} sampled public files", found, not problems))
    return rows


def derivative_phase_seconds() -> float:
    from django.db.models import Max, Min
    from django_tasks_db.models import DBTaskResult

    span = DBTaskResult.objects.aggregate(first=Min("enqueued_at"), last=Max("finished_at"))
    if span["first"] is None or span["last"] is None:
        return 0.0
    return (span["last"] - span["first"]).total_seconds()


def task_summary() -> dict[str, Counter]:
    """How many tasks of each kind were enqueued per item (2 means duplicate work)."""
    from django_tasks_db.models import DBTaskResult

    per_item: dict[str, Counter] = defaultdict(Counter)
    for path, args_kwargs in DBTaskResult.objects.values_list("task_path", "args_kwargs"):
        per_item[path.rsplit(".", 1)[-1]][tuple(args_kwargs["args"])] += 1
    return per_item


def load_average() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def run(args: argparse.Namespace, folder: Path) -> None:
    total_started = time.monotonic()
    print(f"cores: {os.cpu_count()}, load average at start: {load_average()}", flush=True)
    print(f"making the workshop in {folder} ...", flush=True)
    started = time.monotonic()
    workshop = make_workshop(
        folder / "workshop",
        photos=args.photos,
        interviews=args.interviews,
        heic_share=args.heic_share,
    )
    made_in = time.monotonic() - started
    print(
        f"  {workshop.photos} photos ({workshop.heic_photos} HEIC,"
        f" {workshop.bytes_photos / max(1, workshop.photos) / 1e6:.1f} MB average),"
        f" {workshop.interviews} interviews"
        f" ({workshop.bytes_audio / max(1, workshop.interviews) / 1e6:.1f} MB average)"
        f" in {made_in:.0f} s (not measured below)",
        flush=True,
    )

    os.environ.update(django_env())
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from django.conf import settings

    from photovoice.archive.models import Project

    Project.objects.create(title="Bulk benchmark", slug="bulk-benchmark", organisation="Bench")
    database = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    storage = settings.STORAGES["default"]["BACKEND"].rsplit(".", 1)[-1]
    print(f"database: {database}; public and private storage: {storage}", flush=True)

    workers = start_workers(args.workers, folder)
    measured_from = time.monotonic()
    import_process = subprocess.Popen(
        [sys.executable, "manage.py", "import_contributions", str(workshop.manifest), "--approve"],
        cwd=ROOT,
        env=django_env(),
        stdout=(folder / "import.log").open("w"),
        stderr=subprocess.STDOUT,
    )
    imported = reap(import_process, measured_from)
    print(f"import finished in {imported.wall:.0f} s; waiting for the workers ...", flush=True)
    summary_line = (folder / "import.log").read_text().strip().splitlines()[-1:]
    if imported.exit_code != 0:
        print(f"import_contributions exited with {imported.exit_code}: {summary_line}")
    wait_for_queue(workers)
    all_done = time.monotonic() - measured_from
    worker_usage = stop_workers(workers)
    derivative_phase = derivative_phase_seconds()

    records = task_log(folder)
    cpu_by_task: dict[str, float] = defaultdict(float)
    for record in records:
        cpu_by_task[record["task"]] += record["cpu"]
    worker_cpu = sum(usage.cpu for usage in worker_usage)
    photo_cpu = cpu_by_task["generate_photo_derivatives"]
    audio_cpu = cpu_by_task["publish_testimony"]
    other_cpu = sum(cpu_by_task.values()) - photo_cpu - audio_cpu
    photo_runs = [r for r in records if r["task"] == "generate_photo_derivatives"]
    photo_failures = sum(r["status"] != "SUCCESSFUL" for r in photo_runs)
    photos, interviews = max(1, workshop.photos), max(1, workshop.interviews)
    per_item = task_summary()
    photo_tasks = per_item["generate_photo_derivatives"]
    audio_tasks = per_item["publish_testimony"]

    table = [
        ("import_contributions: wall", f"{imported.wall:.1f} s"),
        ("import_contributions: CPU", f"{imported.cpu:.1f} s"),
        (
            "  per item",
            f"{imported.cpu / (photos + workshop.interviews) * 1000:.0f} ms CPU",
        ),
        ("derivative phase: first enqueue to last task", f"{derivative_phase:.1f} s"),
        ("total wall: import start to empty queue", f"{all_done:.1f} s"),
        (f"workers ({args.workers}): CPU incl. ffmpeg", f"{worker_cpu:.1f} s"),
        ("  photo tasks", f"{photo_cpu:.1f} s"),
        ("  interview tasks", f"{audio_cpu:.1f} s"),
        ("  Wagtail index tasks", f"{other_cpu:.1f} s"),
        ("  polling and start-up", f"{worker_cpu - sum(cpu_by_task.values()):.1f} s"),
        ("per-photo CPU: all worker CPU / photos", f"{worker_cpu / photos:.2f} s"),
        ("per-photo CPU: photo tasks / photos", f"{photo_cpu / photos:.2f} s"),
        (
            "  photo task runs (failed), CPU per run",
            f"{len(photo_runs)} ({photo_failures}), {photo_cpu / max(1, len(photo_runs)):.2f} s",
        ),
        ("per interview: public-copy task CPU", f"{audio_cpu / interviews:.2f} s"),
        ("throughput (total wall)", f"{workshop.photos / all_done * 60:.1f} photos/min"),
        ("peak RSS of a worker", f"{max(u.peak_rss_mb for u in worker_usage):.0f} MB"),
        ("peak RSS of the import", f"{imported.peak_rss_mb:.0f} MB"),
        (
            "tasks per photo / per interview",
            f"{_spread(photo_tasks)} / {_spread(audio_tasks)}",
        ),
        ("load average at end", load_average()),
        ("wall incl. making the workshop", f"{time.monotonic() - total_started:.0f} s"),
    ]
    width = max(len(label) for label, _ in table) + 2
    print()
    print(f"{'measure':<{width}}value")
    for label, value in table:
        print(f"{label:<{width}}{value}")
    print()
    print(f"{'check':<{width}}{'found':<28}ok")
    for what, found, right in check_result(workshop.photos, workshop.interviews, args.sample):
        print(f"{what:<{width}}{found:<28}{'yes' if right else 'NO'}")
    if args.keep:
        print(f"\nkept {folder} (workshop/, import.log, worker-*.log, tasks-*.jsonl)")


def _spread(counts: Counter) -> str:
    """'1' when every item had one task, else 'min-max (mean)'."""
    if not counts:
        return "0"
    values = list(counts.values())
    if min(values) == max(values):
        return str(values[0])
    return f"{min(values)}-{max(values)} (mean {sum(values) / len(values):.2f})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=150)
    parser.add_argument("--interviews", type=int, default=20)
    parser.add_argument(
        "--heic-share", type=float, default=0.2, help="share of photos saved as HEIC (0.2)"
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--sample", type=int, default=10, help="photos checked for metadata")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    if not os.environ.get("TEST_DATABASE_URL"):
        services = ROOT / "scripts" / "with_test_services.py"
        command = [sys.executable, str(services), "--", sys.executable, __file__, *sys.argv[1:]]
        return subprocess.run(command, check=False).returncode
    folder = Path(tempfile.mkdtemp(prefix="photovoice-bulk."))
    try:
        run(args, folder)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
