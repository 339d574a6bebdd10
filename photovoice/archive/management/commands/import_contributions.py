"""``manage.py import_contributions MANIFEST.csv [--approve] [--report FILE]``

Imports a workshop's photos and recordings from a UTF-8 CSV manifest (see
``photovoice.archive.importing`` for the columns). Prints one line per row;
exit status 0 when every row was imported (or had been already), 1 when some
were rejected, 2 when the manifest cannot be read.
"""

import csv
import sys
from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import translation

from photovoice.archive.importing import ManifestError, ManifestImporter, RowResult
from photovoice.archive.models import Project


class Command(BaseCommand):
    help = "Import photos and recordings listed in a CSV manifest."

    def add_arguments(self, parser):
        parser.add_argument("manifest", type=Path)
        parser.add_argument("--approve", action="store_true", help="Accept the imported items.")
        parser.add_argument("--report", type=Path, help="Also write the per-row report as CSV.")
        parser.add_argument(
            "--project", help="Slug of the project new participants join (default: the only one)."
        )
        parser.add_argument(
            "--consent-version",
            default="paper form",
            help="Version of the consent text participants signed (recorded with each item).",
        )
        parser.add_argument("--language", default="en", help="Language of the report's reasons.")

    def handle(self, *args, manifest: Path, **options):
        translation.activate(options["language"])
        project = self.project(options["project"])
        importer = ManifestImporter(
            manifest,
            project=project,
            approve=options["approve"],
            consent_version=options["consent_version"],
        )
        try:
            results = importer.run()
        except ManifestError as e:
            self.stderr.write(str(e))
            sys.exit(2)
        for result in results:
            detail = result.item if result.status != "rejected" else result.reason
            self.stdout.write(f"row {result.row}: {result.file}: {result.status}: {detail}")
        if options["report"]:
            self.write_report(options["report"], results)
        rejected = sum(result.status == "rejected" for result in results)
        self.stdout.write(
            f"{len(results) - rejected} imported or already there, {rejected} rejected"
        )
        if rejected:
            sys.exit(1)

    def project(self, slug: str | None) -> Project:
        projects = Project.objects.filter(slug=slug) if slug else Project.objects.all()
        if projects.count() != 1:
            self.stderr.write(
                "Name the project with --project SLUG (one of: "
                + ", ".join(Project.objects.values_list("slug", flat=True))
                + ")."
            )
            sys.exit(2)
        return projects.get()

    @staticmethod
    def write_report(path: Path, results: list[RowResult]) -> None:
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["row", "file", "status", "item", "reason"])
            for r in results:
                writer.writerow([r.row, r.file, r.status, r.item, r.reason])
