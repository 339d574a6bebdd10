"""Short, permanent codes behind the QR codes, the printed pieces that carry
them, and anonymous scan counts.

A code points at an exhibition (the source-language page, whose id survives
moves and renames) and, for an exhibit, at the exhibit's ``translation_key``
(shared by all its translations). So a code printed years ago still finds
the exhibit in whichever language a visitor's phone prefers.
"""

import secrets

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

#: Letters and digits nobody confuses when typing a code: no 0/O, 1/I/l.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 5


def new_code() -> str:
    while True:
        code = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
        if not ShortCode.objects.filter(code=code).exists():
            return code


def normalise_code(typed: str) -> str | None:
    """The code as stored, from what a visitor typed (any case), or None when
    it cannot be a code."""
    code = typed.strip().upper()
    if not code or len(code) > 16 or any(char not in ALPHABET for char in code):
        return None
    return code


def source_exhibition(page):
    """The exhibition in the default language (else ``page`` itself): what
    codes and printed pieces point at, whichever translation was printed."""
    default = page.get_translations(inclusive=True).filter(
        locale__language_code=settings.LANGUAGE_CODE
    )
    return default.specific().first() or page


class PrintKind(models.TextChoices):
    ZINE = "zine", _("zine (A5 booklet)")
    LABELS = "labels", _("wall labels")


class PrintedPiece(models.Model):
    """One kind of printed matter for an exhibition, in one language, and
    optionally for one venue. Printing it again reuses its codes."""

    exhibition = models.ForeignKey(
        "exhibitions.ExhibitionPage",
        on_delete=models.PROTECT,
        related_name="printed_pieces",
        verbose_name=_("exhibition"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=PrintKind.choices)
    language = models.CharField(_("printed language"), max_length=10, choices=settings.LANGUAGES)
    showing = models.ForeignKey(
        "exhibitions.Showing",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("venue"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_printed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("printed piece")
        verbose_name_plural = _("printed pieces")

    def __str__(self) -> str:
        venue = f", {self.showing}" if self.showing_id else ""
        return f"{self.get_kind_display()}: {self.exhibition} ({self.language}{venue})"


class ShortCodeQuerySet(models.QuerySet):
    def with_scans(self):
        return self.annotate(total_scans=Sum("scan_counts__count", default=0))


class ShortCode(models.Model):
    """A permanent short address ``/q/<code>``, printed as a QR code."""

    code = models.CharField(_("code"), max_length=16, unique=True, default=new_code, editable=False)
    exhibition = models.ForeignKey(
        "exhibitions.ExhibitionPage",
        on_delete=models.SET_NULL,
        null=True,
        related_name="short_codes",
        verbose_name=_("exhibition"),
    )
    exhibit_key = models.UUIDField(
        _("exhibit"),
        null=True,
        blank=True,
        help_text=_("The exhibit's translation key; empty for the exhibition itself."),
    )
    language = models.CharField(_("printed language"), max_length=10, choices=settings.LANGUAGES)
    piece = models.ForeignKey(
        PrintedPiece,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="short_codes",
        verbose_name=_("printed on"),
    )
    venue = models.CharField(
        _("venue"), max_length=255, blank=True, help_text=_("Set when printed for one venue.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ShortCodeQuerySet.as_manager()

    class Meta:
        verbose_name = _("short code")
        verbose_name_plural = _("short codes")
        ordering = ["-created_at", "code"]

    def __str__(self) -> str:
        return self.code

    @property
    def path(self) -> str:
        return f"/q/{self.code}"

    @classmethod
    def for_target(cls, exhibition, exhibit=None, *, language: str, piece=None) -> "ShortCode":
        """The code for an exhibition (its source page) or one of its
        exhibits, printed in ``language`` on ``piece``; made once, then reused."""
        source = source_exhibition(exhibition)
        code, _created = cls.objects.get_or_create(
            exhibition_id=source.pk,
            exhibit_key=exhibit.translation_key if exhibit is not None else None,
            language=language,
            piece=piece,
            defaults={"venue": piece.showing.venue if piece and piece.showing_id else ""},
        )
        return code


class ScanCount(models.Model):
    """How many times a code was opened on one day, by language and venue.
    Nothing about the visitor is kept: no address, no cookie, no device."""

    code = models.ForeignKey(ShortCode, on_delete=models.CASCADE, related_name="scan_counts")
    day = models.DateField(_("day"))
    language = models.CharField(_("language shown"), max_length=10)
    venue = models.CharField(_("venue"), max_length=255, blank=True)
    count = models.PositiveIntegerField(_("scans"), default=0)

    class Meta:
        verbose_name = _("scan count")
        verbose_name_plural = _("scan counts")
        ordering = ["-day", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "day", "language", "venue"], name="one_count_per_code_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.day} {self.language}: {self.count}"

    @classmethod
    def record(cls, code: ShortCode, language: str) -> None:
        """Add one scan of ``code`` today, shown in ``language``."""
        key = {
            "code": code,
            "day": timezone.localdate(),
            "language": language,
            "venue": code.venue,
        }
        if cls.objects.filter(**key).update(count=F("count") + 1):
            return
        try:
            with transaction.atomic():
                cls.objects.create(**key, count=1)
        except IntegrityError:  # another scan created the row first
            cls.objects.filter(**key).update(count=F("count") + 1)
