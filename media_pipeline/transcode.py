"""Re-encoding recordings that players and directories do not take as they are.

Phones and recorders hand in WAV, FLAC or Ogg; a minute of WAV is ~5 MB on a
visitor's phone plan, and Apple Podcasts lists only MP3 and M4A ("the file
extension ... determines whether or not content appears"). Such recordings get
an MP3 copy for the public; the private original is kept as uploaded.
"""

import logging
import shutil
import subprocess
import tempfile
from pathlib import Path

logger = logging.getLogger(__name__)

#: Formats every browser and podcast directory plays; anything else is encoded to MP3.
WIDELY_PLAYED_FORMATS = frozenset({"mp3", "m4a"})
#: Apple's recommendation for MP3 podcasts: 128 kbit/s at 44.1 kHz.
MP3_OPTIONS = ("-ar", "44100", "-codec:a", "libmp3lame", "-b:a", "128k")
ENCODE_TIMEOUT_SECONDS = 600


def needs_mp3_copy(audio_format: str) -> bool:
    return audio_format not in WIDELY_PLAYED_FORMATS


def encode_mp3(data: bytes, source_format: str) -> bytes | None:
    """``data`` encoded as MP3 without any tags, or None when ffmpeg is not
    installed or cannot read it (the caller then keeps the original format)."""
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        logger.warning("ffmpeg is missing: a %s recording stays %s", source_format, source_format)
        return None
    with tempfile.TemporaryDirectory() as folder:
        source, target = Path(folder) / f"in.{source_format}", Path(folder) / "out.mp3"
        source.write_bytes(data)
        command = [ffmpeg, "-v", "error", "-i", str(source), "-map_metadata", "-1", "-vn"]
        try:
            subprocess.run(  # noqa: S603 - fixed arguments, our own temporary files
                [*command, *MP3_OPTIONS, str(target)],
                check=True,
                capture_output=True,
                timeout=ENCODE_TIMEOUT_SECONDS,
            )
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as e:
            logger.warning("ffmpeg could not encode a %s recording: %s", source_format, e)
            return None
        return target.read_bytes()
