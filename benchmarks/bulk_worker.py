"""``manage.py`` for the bulk-import benchmark's task workers.

Runs any management command (the benchmark runs ``db_worker``) after hooking
the task signals to append one JSON line per finished task to the file named
by ``BULK_TASK_LOG``: the task, its status and the CPU seconds it took in this
process and in the programs it ran (ffmpeg, ffprobe). The work itself is the
real ``db_worker``'s, unchanged.
"""

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]


def cpu_now() -> float:
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def hook_task_signals(log_path: str) -> None:
    from django_tasks_db.compat import task_finished, task_started

    log = open(log_path, "a", encoding="utf-8")  # noqa: SIM115 - open for the process's life
    started: dict[str, tuple[float, float]] = {}

    def on_started(sender, task_result, **kwargs):
        started[task_result.id] = (cpu_now(), time.monotonic())

    def on_finished(sender, task_result, **kwargs):
        cpu, wall = started.pop(task_result.id, (cpu_now(), time.monotonic()))
        record = {
            "task": task_result.task.name,
            "args": list(task_result.args),
            "status": str(task_result.status),
            "cpu": cpu_now() - cpu,
            "wall": time.monotonic() - wall,
        }
        log.write(json.dumps(record) + "\n")
        log.flush()

    task_started.connect(on_started, weak=False)
    task_finished.connect(on_finished, weak=False)


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bulk_settings")
    import django
    from django.core.management import execute_from_command_line

    django.setup()
    hook_task_signals(os.environ["BULK_TASK_LOG"])
    execute_from_command_line([sys.argv[0], *sys.argv[1:]])


if __name__ == "__main__":
    main()
