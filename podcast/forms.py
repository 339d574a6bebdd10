"""Admin forms of podcast pages: artwork and audio are checked on upload, with
the reason shown to the curator when a file is refused."""

from pathlib import PurePosixPath

from django import forms
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from wagtail.admin.forms import WagtailAdminPageForm

from media_pipeline.audio import probe_audio
from media_pipeline.exceptions import MediaError

from .artwork import ArtworkError, check_artwork


class PodcastPageForm(WagtailAdminPageForm):
    """Replaces a newly uploaded artwork with its checked, metadata-free copy."""

    def clean_artwork(self):
        artwork = self.cleaned_data.get("artwork")
        if not isinstance(artwork, UploadedFile):
            return artwork
        try:
            clean, extension = check_artwork(artwork.read())
        except ArtworkError as e:
            raise forms.ValidationError(e.reason, code="podcast_artwork") from e
        stem = PurePosixPath(artwork.name).stem or "artwork"
        return ContentFile(clean, name=f"{stem}.{extension}")


class EpisodePageForm(PodcastPageForm):
    """Also checks an uploaded recording is sound we can publish (by content)."""

    def clean_audio_upload(self):
        audio = self.cleaned_data.get("audio_upload")
        if not isinstance(audio, UploadedFile):
            return audio
        try:
            probe_audio(audio, audio.name)
        except MediaError as e:
            raise forms.ValidationError(e.message, code=e.code, params=e.params) from e
        finally:
            audio.seek(0)
        return audio
