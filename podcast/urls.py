"""Podcast endpoints outside the language prefix: feeds and enclosures.

* ``/podcast/<feed_slug>/<lang>/feed.xml``: one show's feed in one language;
* ``/podcast/e/<guid>/audio.<ext>``: an episode's audio (counted, ranges);
* ``/podcast/e/<guid>/transcript.vtt`` and ``/podcast/e/<guid>/chapters.json``.

``guid`` is the episode's permanent item guid, so these never move.
"""

from django.urls import path

from . import views

urlpatterns = [
    path("podcast/<slug:feed_slug>/<str:lang>/feed.xml", views.feed, name="podcast_feed"),
    path("podcast/e/<uuid:guid>/audio.<slug:ext>", views.enclosure, name="podcast_enclosure"),
    path("podcast/e/<uuid:guid>/transcript.vtt", views.transcript, name="podcast_transcript"),
    path("podcast/e/<uuid:guid>/chapters.json", views.chapters, name="podcast_chapters"),
]
