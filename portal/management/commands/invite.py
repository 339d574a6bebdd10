"""``manage.py invite CODE [--project SLUG] [--expires-days N] [--qr FILE.svg|png]``"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from photovoice.archive.models import Participant, Project
from portal.links import invitation_link, qr_code
from portal.models import DEFAULT_EXPIRY_DAYS, Invitation


class Command(BaseCommand):
    help = (
        "Make a personal portal link for participant CODE and print it. Earlier links of "
        "the participant stop working. With --qr, also write the link as a QR code."
    )

    def add_arguments(self, parser):
        parser.add_argument("code", help="the participant's code, e.g. P07")
        parser.add_argument("--project", help="slug of the participant's project (checked)")
        parser.add_argument(
            "--expires-days",
            type=int,
            default=DEFAULT_EXPIRY_DAYS,
            help=f"days the link works (default {DEFAULT_EXPIRY_DAYS})",
        )
        parser.add_argument("--qr", type=Path, help="write a QR code to this .svg or .png file")

    def handle(self, *args, code, project, expires_days, qr, **options):
        participant = (
            Participant.objects.select_related("project").filter(code=code.upper()).first()
        )
        if participant is None:
            raise CommandError(f"There is no participant {code}.")
        if project is not None:
            chosen = Project.objects.filter(slug=project).first()
            if chosen is None:
                raise CommandError(f"There is no project {project}.")
            if participant.project_id != chosen.pk:
                raise CommandError(f"{participant.code} is not a participant of {project}.")
        if not 1 <= expires_days <= 3650:
            raise CommandError("--expires-days must be between 1 and 3650.")
        if qr is not None and qr.suffix.lower() not in {".svg", ".png"}:
            raise CommandError("--qr must name an .svg or .png file.")
        invitation, token = Invitation.reissue(participant, expires_days=expires_days)
        link = invitation_link(invitation, token)
        if qr is not None:
            try:
                qr_code(link).save(str(qr), scale=8 if qr.suffix.lower() == ".png" else 4, border=4)
            except OSError as e:
                raise CommandError(f"Cannot write {qr}: {e}") from e
        self.stdout.write(link)
        expires = timezone.localtime(invitation.expires_at).strftime("%Y-%m-%d")
        self.stderr.write(
            f"Personal link for {participant.code}, works until {expires}. "
            "Earlier links of this participant no longer work."
            + (f" QR code written to {qr}." if qr is not None else "")
        )
