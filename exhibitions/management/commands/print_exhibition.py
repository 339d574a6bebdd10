"""``manage.py print_exhibition SLUG --language cs --kind zine|labels --output FILE.pdf``"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from exhibitions.models import PrintKind
from exhibitions.printing import PrintError, exhibition_in, printable_cards, render_pdf


class Command(BaseCommand):
    help = (
        "Print an exhibition's zine (A5 booklet) or wall labels (A4 sheets) as PDF, with a "
        "QR code and short address per exhibit. Only items whose authors allow print appear."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The exhibition page's slug.")
        parser.add_argument("--language", required=True, help="Language to print, e.g. cs.")
        parser.add_argument("--kind", required=True, choices=[k.value for k in PrintKind])
        parser.add_argument("--output", required=True, help="Where to write the PDF.")
        parser.add_argument(
            "--venue", help="Print for one showing (its venue name), so scans count per venue."
        )

    def handle(self, *args, slug, language, kind, output, venue=None, **options):
        try:
            page = exhibition_in(slug, language)
            showing = None
            if venue:
                showing = page.showings.filter(venue=venue).first()
                if showing is None:
                    names = ", ".join(page.showings.values_list("venue", flat=True))
                    raise PrintError(f"No showing at {venue!r}; the exhibition's venues: {names}.")
            count = len(printable_cards(page))
            pdf = render_pdf(page, kind, showing)
        except PrintError as e:
            raise CommandError(str(e)) from e
        Path(output).write_bytes(pdf)
        self.stdout.write(f"Wrote {output}: {kind}, {count} exhibits, in {language}.")
