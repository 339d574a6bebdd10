"""Podcast endpoints outside the language prefix: feeds and enclosures."""

urlpatterns: list = []
