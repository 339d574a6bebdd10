"""Curators' podcast views in the Wagtail admin: episodes that need attention
because of consent, and download counts per episode and app."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import DailyDownloads, EpisodePage


def _require_editor(request) -> None:
    if not request.user.has_perm("podcast.change_episodepage"):
        raise PermissionDenied


def attention(request):
    """Live episodes withheld because the testimony they reuse lost its
    podcast consent (or was erased): unpublish them or replace the audio."""
    _require_editor(request)
    episodes = EpisodePage.objects.needing_attention().select_related("testimony", "locale")
    rows = [(episode, episode.withheld_reason()) for episode in episodes]
    return render(
        request,
        "podcast/admin/attention.html",
        {"rows": rows, "page_title": _("Podcast episodes withheld by consent")},
    )


def downloads(request):
    """Downloads per episode: last 7 and 30 days, all time, and by app."""
    _require_editor(request)
    today = timezone.localdate()
    counts = DailyDownloads.objects.values("episode")
    totals = {row["episode"]: row["n"] for row in counts.annotate(n=Sum("count"))}
    week = {
        row["episode"]: row["n"]
        for row in counts.filter(day__gt=today - timedelta(days=7)).annotate(n=Sum("count"))
    }
    month = {
        row["episode"]: row["n"]
        for row in counts.filter(day__gt=today - timedelta(days=30)).annotate(n=Sum("count"))
    }
    apps: dict[int, list[tuple[str, int]]] = {}
    for row in DailyDownloads.objects.values("episode", "app").annotate(n=Sum("count")):
        apps.setdefault(row["episode"], []).append((row["app"], row["n"]))
    episodes = EpisodePage.objects.all().select_related("locale").order_by("-pub_date")
    rows = [
        {
            "episode": episode,
            "week": week.get(episode.pk, 0),
            "month": month.get(episode.pk, 0),
            "total": totals.get(episode.pk, 0),
            "apps": sorted(apps.get(episode.pk, []), key=lambda a: -a[1]),
        }
        for episode in episodes
    ]
    return render(
        request,
        "podcast/admin/downloads.html",
        {"rows": rows, "page_title": _("Podcast downloads")},
    )
