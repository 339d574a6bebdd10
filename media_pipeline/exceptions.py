"""Reasons an upload is refused, each with a stable code and words a participant understands.

Every error the media pipeline raises for bad input is a :class:`MediaError`.
``code`` is for programs (logs, API responses, tests); ``message`` is a lazy
translatable template shown to the participant, filled with ``params``. This
mirrors Django's ``ValidationError(message, code=..., params=...)``, so a form
can re-raise one as ``ValidationError(exc.message, code=exc.code, params=exc.params)``.
"""

from typing import Any, ClassVar

from django.core.exceptions import AppRegistryNotReady, ImproperlyConfigured
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class MediaError(Exception):
    """Base class: an uploaded file that we will not accept."""

    code: ClassVar[str] = "media_error"
    message: ClassVar[Promise | str] = _("We could not use this file.")

    def __init__(self, **params: Any) -> None:
        super().__init__(self.code)
        self.params = params

    def __str__(self) -> str:
        """The participant-facing message in the active language.

        Outside a configured Django project (scripts, tracebacks) it falls back to
        the code and params rather than failing to render.
        """
        try:
            return str(self.message) % self.params
        except (ImproperlyConfigured, AppRegistryNotReady):
            return f"{self.code} {self.params}"

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, params={self.params!r})"


class EmptyFile(MediaError):
    code = "empty_file"
    message = _("This file is empty.")


class FileTooLarge(MediaError):
    """Takes ``limit``: a human-readable size such as "50 MB"."""

    code = "file_too_large"
    message = _("This file is too large (over %(limit)s).")


class UnsupportedFormat(MediaError):
    """Not an image type we accept (GIF, TIFF, BMP, a document, ...)."""

    code = "unsupported_format"
    message = _(
        "This file is not a photo we can read. Please send a JPEG, HEIC, PNG or WebP photo."
    )


class NotAudio(MediaError):
    """Not a sound recording in a format we accept."""

    code = "not_audio"
    message = _(
        "This file is not a sound recording we can read. "
        "Please send an MP3, M4A, OGG, Opus, WAV or FLAC file."
    )


class ContentMismatch(MediaError):
    """The file name claims one kind of file (photo, sound) but the content is another."""

    code = "content_mismatch"
    message = _(
        "The name of this file does not match what is inside it. "
        "Please send the original photo or recording."
    )


class CorruptFile(MediaError):
    code = "corrupt_file"
    message = _("This file is damaged or incomplete. Please try sending it again.")


class DecompressionBomb(MediaError):
    """Takes ``limit``: the pixel limit in millions, e.g. "80"."""

    code = "too_many_pixels"
    message = _("This photo has too many pixels for us to handle (over %(limit)s million).")


class EmptyRecording(MediaError):
    code = "empty_recording"
    message = _("This recording has no sound in it (it lasts zero seconds).")
