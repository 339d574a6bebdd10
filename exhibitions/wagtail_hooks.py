"""Admin for exhibitions: short codes with their scan counts, and printing."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .admin_views import print_exhibition
from .models import ExhibitionPage, ScanCount, ShortCode


class ShortCodeViewSet(SnippetViewSet):
    model = ShortCode
    icon = "link"
    menu_label = _("Short codes")
    list_display = [
        "code",
        "exhibition",
        "language",
        "venue",
        "piece",
        Column("total_scans", label=_("scans")),
    ]
    list_filter = ["language", "venue"]
    search_fields = ["code"]
    inspect_view_enabled = True

    def get_queryset(self, request):
        return ShortCode.objects.with_scans().select_related("exhibition", "piece")


class ScanCountViewSet(SnippetViewSet):
    model = ScanCount
    icon = "list-ul"
    menu_label = _("Scans per day")
    list_display = ["day", "code", "language", "venue", "count"]
    list_filter = ["day", "language", "venue"]


class ExhibitionCodesGroup(SnippetViewSetGroup):
    items = (ShortCodeViewSet, ScanCountViewSet)
    menu_icon = "link"
    menu_label = _("QR codes")
    menu_name = "qr-codes"


register_snippet(ExhibitionCodesGroup)


@hooks.register("register_admin_urls")
def register_print_url():
    return [
        path(
            "exhibitions/<int:page_id>/print/",
            print_exhibition,
            name="exhibitions_print",
        )
    ]


class PrintMenuItem(PageMenuItem):
    label = _("Print zine or labels")
    icon_name = "doc-full"
    priority = 80

    @property
    def url(self):
        return reverse("exhibitions_print", args=[self.page.pk])

    def is_shown(self, user):
        return self.page.permissions_for_user(user).can_edit()


@hooks.register("register_page_header_buttons")
def print_button(page, user, view_name=None, next_url=None):
    if issubclass(page.specific_class or type(page), ExhibitionPage):
        yield PrintMenuItem(page=page)
