"""``manage.py export_audit [--format csv|json] [--output FILE]``

Exports the whole audit trail, oldest first, to standard output or a file.
"""

import io
from pathlib import Path

from django.core.management.base import BaseCommand, no_translations

from ...audit_export import write_audit_csv, write_audit_json

WRITERS = {"csv": write_audit_csv, "json": write_audit_json}


class Command(BaseCommand):
    help = "Export the audit trail (every consent change and review decision) as CSV or JSON."

    def add_arguments(self, parser):
        parser.add_argument(
            "--format", dest="export_format", choices=sorted(WRITERS), default="csv"
        )
        parser.add_argument("--output", type=Path, help="write to this file instead of stdout")

    @no_translations
    def handle(self, *args, export_format, output, **options):
        write = WRITERS[export_format]
        if output is None:
            buffer = io.StringIO(newline="")
            write(buffer)
            self.stdout.write(buffer.getvalue(), ending="")
            return
        with output.open("w", encoding="utf-8", newline="") as stream:
            count = write(stream)
        self.stderr.write(f"Wrote {count} audit events to {output}.")
