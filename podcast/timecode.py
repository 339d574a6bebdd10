"""Chapter times as curators write them ("12:30", "1:02:03") and as seconds."""

import re

TIMECODE_PATTERN = r"^\s*(?:(\d+):)?([0-5]?\d):([0-5]\d)(?:\.(\d{1,3}))?\s*$|^\s*\d+(?:\.\d+)?\s*$"
_TIMECODE = re.compile(TIMECODE_PATTERN)


def parse_timecode(text: str) -> float:
    """Seconds from "ss", "mm:ss", "h:mm:ss" (optionally with .mmm). Raises ValueError."""
    match = _TIMECODE.match(text or "")
    if match is None:
        raise ValueError(f"Not a time: {text!r}")
    hours, minutes, seconds, fraction = match.groups()
    if minutes is None:
        return float(text.strip())
    total = int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)
    return total + (int(fraction.ljust(3, "0")) / 1000 if fraction else 0.0)


def format_timecode(seconds: float) -> str:
    """ "1:02:03" or "12:30" for a number of seconds."""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
