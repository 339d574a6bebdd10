"""Voice recordings: checked on upload, and public copies say only the title and artist we give."""

import json
import struct
import subprocess
from io import BytesIO

import pytest
from media_factories import (
    LEAKS,
    LOCATION_ISO6709,
    audio_bytes,
    image_bytes,
    pseudo_random_bytes,
    video_mp4_bytes,
    voice_memo_m4a_bytes,
    with_riff_chunk,
)
from mutagen.flac import FLAC, Picture
from mutagen.id3 import APIC, COMM, GEOB, ID3, PRIV, TXXX
from mutagen.mp3 import MP3

from media_pipeline import exceptions
from media_pipeline.audio import probe_audio, strip_audio_metadata

FORMATS = ["mp3", "m4a", "ogg", "opus", "wav", "flac"]
CODECS = {"mp3": "mp3", "m4a": "aac", "ogg": "vorbis", "opus": "opus", "wav": "pcm", "flac": "flac"}
# ffprobe reports these as tags, but they describe the container or stream, not a person.
CONTAINER_FIELDS = {"major_brand", "minor_version", "compatible_brands", "language",
                    "handler_name", "vendor_id"}  # fmt: skip


@pytest.fixture(scope="module")
def recordings() -> dict[str, bytes]:
    """Two-second tones in every accepted format, tagged with personal details."""
    return {fmt: audio_bytes(fmt) for fmt in FORMATS}


@pytest.fixture(scope="module")
def voice_memo() -> bytes:
    return voice_memo_m4a_bytes(LOCATION_ISO6709)


def ffprobe(data: bytes) -> dict:
    result = subprocess.run(
        ["ffprobe", "-v", "error", "-of", "json", "-show_format", "-show_streams", "-"],
        input=data, capture_output=True, check=True, timeout=60,
    )  # fmt: skip
    return json.loads(result.stdout)


def all_tags(data: bytes) -> dict[str, str]:
    """Every tag ffprobe sees at file and stream level, container fields left out."""
    probe = ffprobe(data)
    tags = dict(probe["format"].get("tags", {}))
    for stream in probe["streams"]:
        tags.update(stream.get("tags", {}))
    return {key.lower(): value for key, value in tags.items() if key not in CONTAINER_FIELDS}


def packet_hash(data: bytes) -> str:
    """MD5 over every audio packet, without decoding: equal means the sound is untouched."""
    result = subprocess.run(
        ["ffmpeg", "-v", "error", "-i", "-", "-map", "0:a", "-c", "copy", "-f", "hash",
         "-hash", "md5", "-"],
        input=data, capture_output=True, check=True, timeout=60,
    )  # fmt: skip
    return result.stdout.decode().strip()


def decodes_cleanly(data: bytes) -> bool:
    result = subprocess.run(
        ["ffmpeg", "-v", "error", "-i", "-", "-f", "null", "-"],
        input=data, capture_output=True, timeout=60,
    )  # fmt: skip
    return result.returncode == 0 and not result.stderr


def mp4_atom_paths(
    data: bytes, start: int = 0, end: int | None = None, prefix: str = ""
) -> list[str]:
    """Path of every atom, e.g. "moov/udta/meta/ilst/©nam", walking all known containers."""
    containers = {"moov", "trak", "mdia", "minf", "stbl", "udta", "ilst", "edts", "dinf"}
    end = len(data) if end is None else end
    paths, pos = [], start
    while pos + 8 <= end:
        size, kind = struct.unpack_from(">I4s", data, pos)
        name = kind.decode("latin-1")
        path = f"{prefix}{name}"
        paths.append(path)
        if name in containers or name.startswith("©") or name == "----":
            paths += mp4_atom_paths(data, pos + 8, pos + size, path + "/")
        elif name == "meta":  # full box: 4 bytes of version and flags before its children
            paths += mp4_atom_paths(data, pos + 12, pos + size, path + "/")
        pos += size
    return paths


def assert_says_only(data: bytes, title: str, artist: str) -> None:
    assert all_tags(data) == {"title": title, "artist": artist}
    for leak in LEAKS:
        assert leak not in data


# --- accepted recordings --------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_accepted_recording_format_is_recognised(recordings, fmt):
    info = probe_audio(BytesIO(recordings[fmt]), f"recording.{fmt}")
    assert info.format == fmt
    assert info.codec == CODECS[fmt]
    assert info.duration_seconds == pytest.approx(2, abs=0.1)
    assert info.channels in {1, 2}
    assert info.sample_rate == (48_000 if fmt == "opus" else 44_100)
    assert info.mime_type.startswith("audio/")


def test_untagged_recordings_are_still_recognised():
    for fmt in ("opus", "wav"):  # mutagen.File() guesses nothing for some of these
        assert probe_audio(audio_bytes(fmt, 1, tags={})).format == fmt


def test_recording_with_another_sound_extension_is_accepted(recordings):
    assert probe_audio(recordings["m4a"], "memo.mp3").format == "m4a"


def test_iphone_voice_memo_is_recognised(voice_memo):
    info = probe_audio(voice_memo, "New Recording 3.m4a")
    assert (info.format, info.codec, info.mime_type) == ("m4a", "aac", "audio/mp4")
    assert info.duration_seconds == pytest.approx(3, abs=0.1)
    assert info.bitrate and info.bitrate > 10_000


# --- public copies --------------------------------------------------------------------------


def test_voice_memo_location_is_removed_from_public_copy(voice_memo):
    before = mp4_atom_paths(voice_memo)
    assert {"moov/udta/©xyz", "moov/udta/meta/ilst/©xyz", "moov/udta/meta/ilst/----"} <= set(before)
    assert LOCATION_ISO6709.encode() in voice_memo

    public = strip_audio_metadata(voice_memo, title="Crossing", artist="Participant 7")

    assert LOCATION_ISO6709.encode() not in public
    assert_says_only(public, "Crossing", "Participant 7")
    tag_atoms = [path for path in mp4_atom_paths(public) if "/udta/" in path or "/meta" in path]
    items = {
        path.rsplit("/", 2)[1]
        for path in tag_atoms
        if path.count("/ilst/") and path.endswith("/data")
    }
    assert items == {"©nam", "©ART"}
    assert not [path for path in tag_atoms if "©xyz" in path or "----" in path]


def test_voice_memo_still_plays_exactly_the_same_sound(voice_memo):
    public = strip_audio_metadata(voice_memo, title="Crossing", artist="Participant 7")
    assert packet_hash(public) == packet_hash(voice_memo)
    assert decodes_cleanly(public)
    assert probe_audio(public).duration_seconds == probe_audio(voice_memo).duration_seconds


def test_web_optimised_voice_memo_still_plays_after_cleaning():
    # "faststart": moov before the sound, so every sample offset moves when tags go.
    original = voice_memo_m4a_bytes(faststart=True)
    assert original.find(b"moov") < original.find(b"mdat")
    public = strip_audio_metadata(original, title="Crossing", artist="Participant 7")
    assert_says_only(public, "Crossing", "Participant 7")
    assert packet_hash(public) == packet_hash(original)
    assert decodes_cleanly(public)


def test_recording_time_is_removed_from_voice_memo_headers():
    original = audio_bytes("m4a", 1, tags={"creation_time": "2024-05-01T10:11:12Z"})
    assert "creation_time" in ffprobe(original)["format"]["tags"]
    public = strip_audio_metadata(original, title="t", artist="a")
    assert "creation_time" not in ffprobe(public)["format"].get("tags", {})


@pytest.mark.parametrize("fmt", FORMATS)
def test_public_copy_says_only_title_and_artist(recordings, fmt):
    original = recordings[fmt]
    assert all_tags(original).get("comment")  # the factory really tagged it
    public = strip_audio_metadata(original, title="Home, ünïcode ✓", artist="Participant 7")
    assert_says_only(public, "Home, ünïcode ✓", "Participant 7")
    assert packet_hash(public) == packet_hash(original)
    assert decodes_cleanly(public)
    assert probe_audio(public, f"x.{fmt}").format == fmt


def test_hidden_mp3_frames_and_trailing_tags_are_removed(recordings):
    buffer = BytesIO(recordings["mp3"])
    mp3 = MP3(buffer)
    mp3.tags.add(PRIV(owner="com.phone.device", data=b"SERIAL-0042-PRIVATE"))
    mp3.tags.add(GEOB(encoding=3, mime="text/plain", filename="gps.txt", desc="where",
                      data=LOCATION_ISO6709.encode()))  # fmt: skip
    mp3.tags.add(COMM(encoding=3, lang="eng", desc="", text=["Jana Novakova"]))
    mp3.tags.add(TXXX(encoding=3, desc="device", text=["Jana's iPhone"]))
    mp3.tags.add(APIC(encoding=3, mime="image/png", type=3, desc="", data=image_bytes("PNG")))
    buffer.seek(0)
    mp3.save(buffer, v1=2)
    # An APEv2 tag at the end, as some Android recorders write.
    tagged = buffer.getvalue() + _ape_tag(b"Location", LOCATION_ISO6709.encode())

    public = strip_audio_metadata(tagged, title="t", artist="a")

    assert_says_only(public, "t", "a")
    assert set(ID3(BytesIO(public)).keys()) == {"TIT2", "TPE1"}
    assert b"APETAGEX" not in public and public[-128:-125] != b"TAG"
    assert packet_hash(public) == packet_hash(recordings["mp3"])


def _ape_tag(key: bytes, value: bytes) -> bytes:
    item = struct.pack("<II", len(value), 0) + key + b"\0" + value
    footer = b"APETAGEX" + struct.pack("<IIII", 2000, len(item) + 32, 1, 0) + bytes(8)
    return item + footer


def test_wav_recorder_chunks_are_removed(recordings):
    bext = b"SecretModel X".ljust(256, b"\0") + b"Jana's iPhone".ljust(32, b"\0")
    original = with_riff_chunk(recordings["wav"], b"bext", bext)
    public = strip_audio_metadata(original, title="t", artist="a")
    assert_says_only(public, "t", "a")
    chunks, pos = [], 12
    while pos < len(public):
        kind, size = struct.unpack_from("<4sI", public, pos)
        chunks.append(kind)
        pos += 8 + size + size % 2
    assert chunks == [b"fmt ", b"LIST", b"data"]


def test_flac_pictures_and_application_blocks_are_removed(recordings):
    buffer = BytesIO(recordings["flac"])
    flac = FLAC(buffer)
    cover = Picture()
    cover.data, cover.mime, cover.desc = image_bytes("PNG"), "image/png", "Jana Novakova"
    flac.add_picture(cover)
    buffer.seek(0)
    flac.save(buffer)
    public = strip_audio_metadata(buffer.getvalue(), title="t", artist="a")
    assert_says_only(public, "t", "a")
    assert not FLAC(BytesIO(public)).pictures
    assert packet_hash(public) == packet_hash(recordings["flac"])


# --- rejected uploads -----------------------------------------------------------------------


@pytest.mark.parametrize("empty", [b"", BytesIO()], ids=["bytes", "file"])
def test_empty_file_is_rejected(empty):
    with pytest.raises(exceptions.EmptyFile):
        probe_audio(empty, "memo.m4a")


def test_file_over_the_size_limit_is_rejected(recordings):
    with pytest.raises(exceptions.FileTooLarge) as caught:
        probe_audio(BytesIO(recordings["wav"]), max_bytes=10_000)
    assert caught.value.params == {"limit": "9.77 KB"}


def test_photo_renamed_to_mp3_is_rejected():
    with pytest.raises(exceptions.ContentMismatch):
        probe_audio(image_bytes("PNG"), "interview.mp3")
    with pytest.raises(exceptions.NotAudio):
        probe_audio(image_bytes("PNG"))


def test_renamed_text_file_is_rejected_as_not_a_recording():
    with pytest.raises(exceptions.ContentMismatch):
        probe_audio(b"These are my notes, not a recording.", "interview.mp3")
    with pytest.raises(exceptions.NotAudio):
        probe_audio(b"These are my notes, not a recording.", "notes.txt")


def test_random_bytes_named_mp3_are_rejected():
    with pytest.raises(exceptions.ContentMismatch):
        probe_audio(pseudo_random_bytes(20_000), "memo.mp3")


def test_mp3_frame_header_followed_by_garbage_is_rejected_as_damaged():
    with pytest.raises(exceptions.CorruptFile):
        probe_audio(b"\xff\xfb\x90\x00" + pseudo_random_bytes(20_000), "memo.mp3")


@pytest.mark.parametrize("keep", [10, 200])
def test_truncated_mp3_header_is_rejected_as_damaged(recordings, keep):
    with pytest.raises(exceptions.CorruptFile):
        probe_audio(recordings["mp3"][:keep], "memo.mp3")


def test_voice_memo_cut_off_before_its_index_is_rejected_as_damaged(voice_memo):
    with pytest.raises(exceptions.CorruptFile):
        probe_audio(voice_memo[: len(voice_memo) // 2], "memo.m4a")


@pytest.mark.parametrize("fmt", ["wav", "mp3", "m4a", "flac"])
def test_zero_length_recording_is_rejected(fmt):
    with pytest.raises(exceptions.EmptyRecording):
        probe_audio(audio_bytes(fmt, 0))
    with pytest.raises(exceptions.EmptyRecording):
        strip_audio_metadata(audio_bytes(fmt, 0), title="t", artist="a")


def test_video_is_not_accepted_as_a_voice_recording():
    with pytest.raises(exceptions.NotAudio):
        probe_audio(video_mp4_bytes(), "clip.m4a")


def test_hostile_mp4_atom_sizes_are_rejected_as_damaged():
    hostile = (
        b"\x00\x00\x00\x18ftypM4A \x00\x00\x00\x00M4A isom" + b"\xff\xff\xff\xf0moov" + bytes(64)
    )
    for check in (probe_audio, lambda data: strip_audio_metadata(data, title="t", artist="a")):
        with pytest.raises(exceptions.CorruptFile):
            check(hostile)
