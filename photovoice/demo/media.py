"""Demo media made on the spot: photos drawn with Pillow and recordings
synthesised as tones, so a new install needs no download and no extra tool."""

import io
import math
import random
import struct
import wave

from PIL import Image, ImageDraw

PALETTES = [
    [(32, 64, 96), (230, 180, 80), (250, 240, 220)],
    [(120, 40, 50), (240, 150, 90), (250, 230, 200)],
    [(30, 90, 60), (200, 220, 120), (240, 250, 230)],
    [(70, 50, 110), (160, 140, 220), (235, 230, 250)],
]


def demo_photo_jpeg(seed: int, size: tuple[int, int] = (1600, 1067)) -> bytes:
    """A landscape-like drawing: sky gradient, hills, a sun and windows."""
    rng = random.Random(seed)  # noqa: S311 - decoration, not security
    dark, bright, light = PALETTES[seed % len(PALETTES)]
    width, height = size
    image = Image.new("RGB", size, light)
    draw = ImageDraw.Draw(image)
    for y in range(height // 2):
        t = y / (height / 2)
        colour = tuple(int(light[i] * (1 - t) + bright[i] * t) for i in range(3))
        draw.line([(0, y), (width, y)], fill=colour)
    sun_x, sun_r = rng.randint(width // 5, 4 * width // 5), rng.randint(60, 140)
    draw.ellipse((sun_x - sun_r, 120, sun_x + sun_r, 120 + 2 * sun_r), fill=bright)
    for layer in range(3):
        base = height // 2 + layer * height // 8
        points = [(0, height)]
        for x in range(0, width + 80, 80):
            points.append(
                (x, base + int(40 * math.sin(x / 170 + seed + layer)) + rng.randint(-15, 15))
            )
        points.append((width, height))
        shade = tuple(max(0, c - 25 * layer) for c in dark)
        draw.polygon(points, fill=shade)
    for _ in range(rng.randint(4, 9)):
        x, y = rng.randint(0, width - 120), rng.randint(height // 2, height - 160)
        draw.rectangle((x, y, x + 90, y + 130), fill=light, outline=dark, width=6)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def demo_recording_wav(seed: int, seconds: float = 20.0, rate: int = 16000) -> bytes:
    """A calm melody of soft tones standing in for a recorded interview."""
    rng = random.Random(seed)  # noqa: S311 - decoration, not security
    notes = [220.0, 246.9, 261.6, 293.7, 329.6, 392.0]
    frames = bytearray()
    note_length = int(rate * 0.5)
    for _ in range(int(seconds * 2)):
        frequency = rng.choice(notes)
        for i in range(note_length):
            envelope = math.sin(math.pi * i / note_length)
            value = int(6000 * envelope * math.sin(2 * math.pi * frequency * i / rate))
            frames += struct.pack("<h", value)
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(bytes(frames))
    return buffer.getvalue()
