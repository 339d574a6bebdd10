"""PhotoVoice projects and their participants."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from .choices import Credit


class Project(models.Model):
    """One PhotoVoice project (a workshop series with its participants).
    Its public face is a ``ProjectPage``; this row holds the facts."""

    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(_("slug"), unique=True, help_text=_("Used in commands and manifests."))
    description = models.TextField(_("description"), blank=True)
    organisation = models.CharField(_("organisation"), max_length=255, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    languages = models.CharField(
        _("languages"),
        max_length=100,
        blank=True,
        help_text=_("Language codes participants write in, comma separated, e.g. cs,en,ru"),
    )
    keep_stripped_masters = models.BooleanField(
        _("keep stripped masters"),
        default=False,
        help_text=_(
            "Keep, as the private master of each new photo, a copy without any metadata "
            "(location, device, time) instead of the file as handed in. Choose this when "
            "even the private file must not hold where a photo was taken; the copy is "
            "re-encoded, so it is no longer the participant's exact file."
        ),
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("organisation"),
        MultiFieldPanel([FieldPanel("start_date"), FieldPanel("end_date")], heading=_("Dates")),
        FieldPanel("languages"),
        FieldPanel("keep_stripped_masters"),
    ]

    class Meta:
        ordering = ["-start_date", "title"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self) -> str:
        return self.title


class Participant(models.Model):
    """A person who contributes to a project.

    The public only ever sees :meth:`public_credit`; legal name and contact
    details are for curators with the ``view_private_details`` permission.
    """

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="participants")
    code = models.CharField(
        _("code"),
        max_length=20,
        unique=True,
        help_text=_("Short public code used in forms, manifests and commands, e.g. P07."),
    )
    credit = models.CharField(
        _("credit"), max_length=20, choices=Credit.choices, default=Credit.ANONYMOUS
    )
    display_name = models.CharField(
        _("name shown"),
        max_length=120,
        blank=True,
        help_text=_("The real name or pseudonym the participant chose; unused when anonymous."),
    )
    legal_name = models.CharField(_("legal name (private)"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail (private)"), blank=True)
    phone = models.CharField(_("phone (private)"), max_length=50, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=10, choices=settings.LANGUAGES, default="cs"
    )
    is_minor = models.BooleanField(
        _("minor"),
        default=False,
        help_text=_("Consent then needs a guardian and the minor's assent."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        permissions = [("view_private_details", "Can see participants' legal names and contacts")]

    def __str__(self) -> str:
        return f"{self.code} ({self.public_credit()})"

    def public_credit(self, credit: str | None = None) -> str:
        """The name the public sees for this participant, under ``credit``
        (an item's own consent may choose differently from the default)."""
        credit = credit or self.credit
        if credit == Credit.ANONYMOUS or not self.display_name:
            return str(_("Anonymous author"))
        return self.display_name
