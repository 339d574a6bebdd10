"""WebVTT transcripts: a small parser that checks what we publish and gives
the page its cues (start, end, speaker, text)."""

import re
from dataclasses import dataclass
from html import unescape

from django.utils.translation import gettext as _

_TIMESTAMP = r"(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})"
_TIMING = re.compile(rf"^{_TIMESTAMP}[ \t]+-->[ \t]+{_TIMESTAMP}(?:[ \t]+.*)?$")
_VOICE = re.compile(r"<v(?:\.[^\s>]+)*[ \t]+([^>]+)>")
_TAG = re.compile(r"</?[^>]+>")


class TranscriptError(ValueError):
    """A transcript that is not valid WebVTT (the message says where)."""


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    speaker: str
    text: str

    @property
    def start_text(self) -> str:
        from .timecode import format_timecode

        return format_timecode(self.start)


def _seconds(hours, minutes, seconds, millis) -> float:
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + int(millis) / 1000


def parse_webvtt(text: str) -> list[Cue]:
    """Cues of a WebVTT file, checked: the signature, every timing line,
    start before end, and starts in order. Raises :class:`TranscriptError`."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    lines = text.split("\n")
    if not lines or not (lines[0] == "WEBVTT" or lines[0].startswith(("WEBVTT ", "WEBVTT\t"))):
        raise TranscriptError(_("A WebVTT transcript must start with the line WEBVTT."))
    blocks = re.split(r"\n[ \t]*\n", "\n".join(lines[1:]).strip("\n"))
    cues: list[Cue] = []
    previous_start = 0.0
    for block in blocks:
        block_lines = [line for line in block.split("\n") if line.strip() != ""]
        if not block_lines:
            continue
        if block_lines[0].startswith(("NOTE", "STYLE", "REGION")):
            continue
        timing_index = 0 if "-->" in block_lines[0] else 1
        if timing_index >= len(block_lines) or "-->" not in block_lines[timing_index]:
            raise TranscriptError(
                _("This part has no timing line (00:00.000 --> 00:05.000): %(text)s")
                % {"text": block_lines[0][:60]}
            )
        match = _TIMING.match(block_lines[timing_index].strip())
        if match is None:
            raise TranscriptError(
                _("This timing line is not valid WebVTT: %(line)s")
                % {"line": block_lines[timing_index][:60]}
            )
        groups = match.groups()
        start, end = _seconds(*groups[:4]), _seconds(*groups[4:])
        if end <= start:
            raise TranscriptError(
                _("A cue ends before it starts: %(line)s") % {"line": block_lines[timing_index]}
            )
        if start < previous_start:
            raise TranscriptError(
                _("Cues must be in time order: %(line)s") % {"line": block_lines[timing_index]}
            )
        previous_start = start
        payload = "\n".join(block_lines[timing_index + 1 :])
        voice = _VOICE.search(payload)
        speaker = voice.group(1).strip() if voice else ""
        cue_text = unescape(" ".join(_TAG.sub("", payload).split()))
        cues.append(Cue(start, end, speaker, cue_text))
    return cues


def transcript_cues(text: str) -> list[Cue]:
    """Cues for display; an invalid or empty transcript shows none."""
    if not (text or "").strip():
        return []
    try:
        return parse_webvtt(text)
    except TranscriptError:
        return []


def _timestamp(seconds: float) -> str:
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def build_webvtt(lines: list[tuple[float, float, str, str]]) -> str:
    """A WebVTT file from (start, end, speaker, text): used by the demo and tests."""

    def escape(value: str) -> str:
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    out = ["WEBVTT", ""]
    for start, end, speaker, text in lines:
        speaker, text = escape(speaker), escape(text)
        out.append(f"{_timestamp(start)} --> {_timestamp(end)}")
        out.append(f"<v {speaker}>{text}" if speaker else text)
        out.append("")
    return "\n".join(out)
