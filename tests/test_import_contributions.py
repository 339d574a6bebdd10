"""A curator imports a workshop's files from a manifest: good files are
imported with their consent, bad ones are refused with a reason, and nothing
is left half-written."""

import contextlib
import csv
import io
from collections import Counter
from io import StringIO

import pytest
from django.core.files.storage import default_storage, storages
from django.core.management import call_command
from django.test import override_settings
from django_tasks import default_task_backend
from PIL import Image

from photovoice.archive.models import AudioTestimony, ModerationStatus, Participant, Photo, Scope
from tests.builders import make_project
from tests.media_factories import (
    LEAKS,
    cmyk_jpeg_bytes,
    decompression_bomb_bytes,
    heic_bytes,
    jpeg_bytes,
    truncated_jpeg_bytes,
    voice_memo_m4a_bytes,
)

pytestmark = pytest.mark.django_db

COLUMNS = [
    "file",
    "participant",
    "credit",
    "display_name",
    "title",
    "caption",
    "language",
    "scopes",
    "people_depicted",
    "themes",
    "transcript_file",
]


def write_manifest(folder, rows):
    with (folder / "manifest.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow({column: row.get(column, "") for column in COLUMNS})
    return folder / "manifest.csv"


def run_import(manifest, *args) -> tuple[int, str]:
    out = StringIO()
    try:
        call_command("import_contributions", str(manifest), *args, stdout=out, stderr=out)
    except SystemExit as e:
        return e.code, out.getvalue()
    return 0, out.getvalue()


def row(file, title, **fields):
    defaults = {
        "participant": "W01",
        "credit": "pseudonym",
        "display_name": "Mira",
        "caption": "Můj svět",
        "language": "cs",
        "scopes": "archive;exhibitions",
        "people_depicted": "none",
        "themes": "Domov",
    }
    return {"file": file, "title": title, **defaults, **fields}


@pytest.fixture
def workshop(tmp_path):
    """A workshop folder as curators receive it: good files and bad ones."""
    make_project(slug="workshop")
    files = {
        "gps.jpg": jpeg_bytes((320, 240), exif_gps=True),
        "iphone.heic": heic_bytes((320, 240)),
        "cmyk.jpg": cmyk_jpeg_bytes(),
        "memo.m4a": voice_memo_m4a_bytes(),
        "truncated.jpg": truncated_jpeg_bytes(),
        "bomb.png": decompression_bomb_bytes(),
        "notes.jpg": b"These are my notes, not a photo.\n" * 20,
        "broken.mp3": b"ID3\x03\x00\x00\x00\x00\x00\x0f" + b"\x00garbage" * 50,
        "empty.jpg": b"",
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "memo.txt").write_text("Přijela jsem v zimě.", encoding="utf-8")
    rows = [
        row("gps.jpg", "Street"),
        row("iphone.heic", "Kitchen"),
        row("cmyk.jpg", "Poster"),
        row("memo.m4a", "Interview", transcript_file="memo.txt", scopes="archive;podcast"),
        row("truncated.jpg", "Half"),
        row("bomb.png", "Bomb"),
        row("notes.jpg", "Notes"),
        row("broken.mp3", "Broken"),
        row("empty.jpg", "Empty"),
    ]
    return write_manifest(tmp_path, rows)


def test_good_files_are_imported_and_bad_ones_refused_with_reasons(workshop):
    status, output = run_import(workshop, "--approve")
    assert status == 1
    assert "Traceback" not in output
    lines = {
        line.split(":")[1].strip(): line for line in output.splitlines() if line.startswith("row")
    }
    for good in ("gps.jpg", "iphone.heic", "cmyk.jpg", "memo.m4a"):
        assert ": imported:" in lines[good]
    expected_reasons = {
        "truncated.jpg": "damaged or incomplete",
        "bomb.png": "too many pixels",
        "notes.jpg": "does not match what is inside",
        "broken.mp3": "",
        "empty.jpg": "empty",
    }
    for bad, reason in expected_reasons.items():
        assert ": rejected:" in lines[bad]
        assert reason in lines[bad]
    assert Photo.objects.count() == 3
    assert AudioTestimony.objects.count() == 1
    assert Participant.objects.get(code="W01").public_credit() == "Mira"
    assert set(Photo.objects.allowed_in(Scope.ARCHIVE)) == set(Photo.objects.all())
    memo = AudioTestimony.objects.get()
    assert memo.transcript == "Přijela jsem v zimě."
    assert memo.moderation_status == ModerationStatus.ACCEPTED


def private_files() -> set[str]:
    private = storages["private"]
    found = set()
    for folder in ("original_images", "audio"):
        with contextlib.suppress(FileNotFoundError):  # a local folder not made yet
            found |= {f"{folder}/{name}" for name in private.listdir(folder)[1]}
    return found


def test_rejected_rows_leave_no_files_behind(workshop):
    before = private_files()
    run_import(workshop)
    kept = {p.file.name for p in Photo.objects.all()} | {
        t.file.name for t in AudioTestimony.objects.all()
    }
    assert private_files() - before == kept


def test_running_the_same_manifest_again_imports_nothing_twice(workshop, tmp_path):
    run_import(workshop, "--approve")
    counts = (Photo.objects.count(), AudioTestimony.objects.count())
    status, output = run_import(workshop, "--approve", "--report", str(tmp_path / "report.csv"))
    assert (Photo.objects.count(), AudioTestimony.objects.count()) == counts
    assert output.count("already imported") == 4
    report = list(csv.DictReader((tmp_path / "report.csv").open(encoding="utf-8")))
    assert {r["status"] for r in report} == {"already imported", "rejected"}


def test_public_copies_of_imported_photos_carry_no_metadata(
    workshop, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run_import(workshop, "--approve")
    for photo in Photo.objects.all():
        renditions = list(photo.renditions.all())
        assert renditions, "derivatives are made after import"
        for rendition in renditions:
            with default_storage.open(rendition.file.name) as handle:
                data = handle.read()
            for leak in LEAKS:
                assert leak not in data
            image = Image.open(io.BytesIO(data))
            assert not image.getexif()
            assert "exif" not in image.info and "xmp" not in image.info


def test_public_copy_of_a_voice_memo_has_no_location(workshop, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run_import(workshop, "--approve")
    memo = AudioTestimony.objects.get()
    with default_storage.open(memo.public_file.name) as handle:
        data = handle.read()
    for leak in LEAKS:
        assert leak not in data
    assert b"Mira" in data  # the chosen credit is the artist tag


def test_unreadable_manifest_exits_with_status_two(tmp_path):
    make_project(slug="workshop")
    (tmp_path / "manifest.csv").write_bytes(b"file,title\nx.jpg,y\n")
    status, output = run_import(tmp_path / "manifest.csv")
    assert status == 2
    assert "lacks the columns" in output


@override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}})
def test_an_approved_import_queues_one_public_copy_task_per_item(
    workshop, django_capture_on_commit_callbacks
):
    """Two workers taking two tasks for one photo would make its copies twice."""
    with django_capture_on_commit_callbacks(execute=True):
        run_import(workshop, "--approve")
    public_copy_tasks = {"generate_photo_derivatives", "publish_testimony"}
    queued = Counter(
        (result.task.name, tuple(result.args))
        for result in default_task_backend.results
        if result.task.name in public_copy_tasks
    )
    items = [*Photo.objects.values_list("pk", flat=True)]
    items += AudioTestimony.objects.values_list("pk", flat=True)
    assert sorted(queued.values()) == [1] * len(items) == [1] * 4
