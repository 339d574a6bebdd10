"""Text for feeds: plain text from rich text, byte limits, XML-safe strings."""

import mimetypes
import re
from html import unescape

from django.utils.html import strip_tags
from wagtail.rich_text import expand_db_html

# Characters XML 1.0 cannot carry at all, even escaped (C0 controls but tab,
# newline and return; lone surrogates; U+FFFE and U+FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_BLOCK_END = re.compile(r"</(p|li|h[1-6]|blockquote)>|<br\s*/?>", re.IGNORECASE)

AUDIO_TYPES = {
    "mp3": "audio/mpeg",
    "m4a": "audio/x-m4a",
    "mp4": "audio/mp4",
    "aac": "audio/aac",
    "ogg": "audio/ogg",
    "opus": "audio/ogg",
    "wav": "audio/wav",
    "flac": "audio/flac",
}


def xml_safe(text: str | None) -> str:
    """``text`` without the characters XML 1.0 forbids (escaping is the XML
    library's job; these cannot be escaped)."""
    return _NOT_XML.sub("", text or "")


def rich_text_html(source: str) -> str:
    """Wagtail rich text as plain HTML (internal links and embeds expanded)."""
    return expand_db_html(source or "")


def html_to_text(source: str) -> str:
    """Readable plain text from rich text: paragraphs on their own lines."""
    html = _BLOCK_END.sub(lambda m: m.group(0) + "\n", rich_text_html(source))
    text = unescape(strip_tags(html))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


def truncate_bytes(text: str, limit: int, ellipsis: str = "…") -> str:
    """``text`` cut to at most ``limit`` bytes of UTF-8, at a character
    boundary, with an ellipsis when something was cut."""
    data = text.encode("utf-8")
    if len(data) <= limit:
        return text
    room = limit - len(ellipsis.encode("utf-8"))
    return data[:room].decode("utf-8", errors="ignore").rstrip() + ellipsis


def audio_mime_type(name: str) -> str:
    """The MIME type podcast apps expect for an audio file name."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return AUDIO_TYPES.get(extension) or mimetypes.guess_type(name)[0] or "audio/mpeg"
