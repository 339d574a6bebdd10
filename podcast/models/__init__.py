"""Podcast models, one module per concern; import them from here."""

from .downloads import DailyDownloads, ListenerWindow, RotatingSalt
from .episodes import (
    AudioSource,
    EpisodeAudio,
    EpisodePage,
    EpisodeQuerySet,
    EpisodeType,
    ProcessedAudio,
    WithheldReason,
)
from .shows import PodcastShowPage, ShowType

__all__ = [
    "AudioSource",
    "DailyDownloads",
    "EpisodeAudio",
    "EpisodePage",
    "EpisodeQuerySet",
    "EpisodeType",
    "ListenerWindow",
    "PodcastShowPage",
    "ProcessedAudio",
    "RotatingSalt",
    "ShowType",
    "WithheldReason",
]
