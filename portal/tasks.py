"""Background work of the portal: telling curators something arrived."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override
from django_tasks import task

logger = logging.getLogger(__name__)


def recipients() -> list[str]:
    value = getattr(settings, "PORTAL_NOTIFY_EMAILS", [])
    if isinstance(value, str):
        value = value.split(",")
    return [address.strip() for address in value if address.strip()]


@task()
def notify_curators(participant_code: str, count: int) -> None:
    """E-mail ``PORTAL_NOTIFY_EMAILS`` that a participant sent ``count`` items.
    The message names the participant by code only, never by name."""
    to = recipients()
    if not to:
        return
    with override(settings.LANGUAGE_CODE):
        queue = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("review:index")
        subject = _("New contribution from %(code)s") % {"code": participant_code}
        body = _(
            "Participant %(code)s sent %(count)d new item(s) through the portal.\n\n"
            "Review them here: %(url)s"
        ) % {"code": participant_code, "count": count, "url": queue}
    send_mail(subject, body, None, to)
    logger.info("Told %d curators about %d items from %s", len(to), count, participant_code)
