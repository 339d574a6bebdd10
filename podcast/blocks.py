"""StreamField blocks of episode pages: chapters and the people heard."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .timecode import TIMECODE_PATTERN


class ChapterLocationBlock(blocks.StructBlock):
    """Where a chapter takes place (Podcasting 2.0 chapters ``location``)."""

    name = blocks.CharBlock(label=_("place name"), required=False, max_length=128)
    geo = blocks.RegexBlock(
        label=_("coordinates"),
        regex=r"^geo:-?\d{1,2}(\.\d+)?,-?\d{1,3}(\.\d+)?$",
        required=False,
        help_text=_("A geo URI, e.g. geo:50.0875,14.4213"),
        error_messages={"invalid": _("Write coordinates as geo:latitude,longitude")},
    )

    class Meta:
        icon = "site"
        label = _("location")


class ChapterBlock(blocks.StructBlock):
    """One chapter: a start time and a title; image, link and place are optional.

    The start time is a :class:`~wagtail.blocks.RegexBlock`, not a CharBlock,
    so translators are not asked to translate "12:30".
    """

    start = blocks.RegexBlock(
        label=_("starts at"),
        regex=TIMECODE_PATTERN,
        help_text=_("Minutes and seconds (12:30) or hours too (1:02:03)."),
        error_messages={"invalid": _("Write the time as 12:30 or 1:02:03")},
    )
    title = blocks.CharBlock(label=_("title"), max_length=200)
    url = blocks.URLBlock(label=_("link"), required=False)
    image_url = blocks.URLBlock(
        label=_("image address"),
        required=False,
        help_text=_("A square JPEG or PNG shown while the chapter plays."),
    )
    location = ChapterLocationBlock(required=False)

    class Meta:
        icon = "time"
        label = _("chapter")
        template = "components/podcast_chapter.html"
        preview_value = {"start": "0:00", "title": "Introduction"}
        description = _("A chapter mark: where a new part of the episode begins.")


class PersonRole:
    HOST = "host"
    GUEST = "guest"
    NARRATOR = "narrator"
    CHOICES = [(HOST, _("host")), (GUEST, _("guest")), (NARRATOR, _("narrator"))]


class PersonBlock(blocks.StructBlock):
    """A person heard in the episode (Podcasting 2.0 ``podcast:person``).

    For participants heard through a reused testimony, do not type their name
    here: the feed adds them under the credit they chose."""

    name = blocks.CharBlock(label=_("name"), max_length=128)
    role = blocks.ChoiceBlock(label=_("role"), choices=PersonRole.CHOICES, default="host")
    href = blocks.URLBlock(label=_("web page"), required=False)
    img = blocks.URLBlock(label=_("photo address"), required=False)

    class Meta:
        icon = "user"
        label = _("person")
        preview_value = {"name": "Jana Nováková", "role": "host"}
        description = _("Someone heard in the episode, with their role.")
