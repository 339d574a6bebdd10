"""The podcast in the Wagtail admin: a menu with download counts and the
episodes consent withholds, and a warning on the dashboard while any are."""

from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.components import Component

from . import admin_views
from .models import EpisodePage


@hooks.register("register_admin_urls")
def podcast_admin_urls():
    return [
        path("podcast/downloads/", admin_views.downloads, name="podcast_downloads"),
        path("podcast/attention/", admin_views.attention, name="podcast_attention"),
    ]


def _can_see(request) -> bool:
    return request.user.has_perm("podcast.change_episodepage")


class PodcastMenuItem(MenuItem):
    def is_shown(self, request):
        return _can_see(request)


@hooks.register("register_admin_menu_item")
def podcast_menu():
    menu = Menu(
        items=[
            PodcastMenuItem(_("Downloads"), reverse("podcast_downloads"), icon_name="doc-full"),
            PodcastMenuItem(
                _("Withheld by consent"), reverse("podcast_attention"), icon_name="warning"
            ),
        ]
    )
    return SubmenuMenuItem(_("Podcast"), menu, icon_name="media", order=300)


class WithheldEpisodesPanel(Component):
    """A dashboard warning while episodes are withheld and waiting for a curator."""

    order = 50

    def __init__(self, count: int) -> None:
        self.count = count

    def render_html(self, parent_context=None):
        return format_html(
            '<section class="help-block help-warning"><p>{} <a href="{}">{}</a></p></section>',
            _("%(count)s podcast episode(s) are withheld because a participant withdrew consent.")
            % {"count": self.count},
            reverse("podcast_attention"),
            _("Review them"),
        )


@hooks.register("construct_homepage_panels")
def warn_about_withheld_episodes(request, panels):
    if not _can_see(request):
        return
    count = EpisodePage.objects.needing_attention().count()
    if count:
        panels.insert(0, WithheldEpisodesPanel(count))
