"""How much CPU and memory making public photo copies costs, ours against the naive way.

Run from the repository root:

    python benchmarks/bench_derivatives_pure.py [--runs 3] [--avif-speed 8]

For a 24-megapixel phone JPEG and a 12-megapixel HEIC (both made here, with
noise and gradients so the encoders do real work, and with EXIF) it measures
the CPU time (``time.process_time``, all threads, median of ``--runs``) of:

* ours:  ``make_derivatives`` with the default specs (one decode, cascade of sizes);
* naive: per spec, open and fully decode the original, resize from full size,
  encode (what stock Wagtail does: one decode per rendition);
* floor: encoding the already-resized pixels only.

Targets: naive/ours >= 4 and ours/floor <= 1.3. Then, in a fresh subprocess
each, the peak resident memory (``ru_maxrss``, which sees Pillow's C buffers,
unlike tracemalloc) of ``make_derivatives`` on a 50-megapixel JPEG; target < 300 MB.
The "decode" column is the one decode ours cannot skip (a full HEVC decode for
HEIC, a 1/2-scale DCT decode for the JPEG), which the encode-only floor leaves out.
"""

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

from PIL import ExifTags, Image, ImageOps

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from media_pipeline import encode as encode_module  # noqa: E402
from media_pipeline.derivatives import DEFAULT_DERIVATIVE_SPECS, make_derivatives  # noqa: E402
from media_pipeline.encode import encode  # noqa: E402
from media_pipeline.image_open import MAX_PIXELS, decode, open_image  # noqa: E402
from media_pipeline.pixels import to_srgb  # noqa: E402


def photo(size: tuple[int, int]) -> Image.Image:
    """Gradients plus noise: compressible like a photo, but not trivially."""
    grey = Image.linear_gradient("L").resize(size)
    radial = Image.radial_gradient("L").resize(size)
    noise = Image.effect_noise(size, 24)
    return Image.merge(
        "RGB", (Image.blend(grey, noise, 0.3), Image.blend(radial, noise, 0.2), grey)
    )


def with_exif(image: Image.Image, fmt: str) -> bytes:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "BenchPhone"
    exif[ExifTags.Base.Orientation] = 1
    exif.get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitude] = (50.0, 4.0, 31.8)
    buffer = BytesIO()
    if fmt == "JPEG":
        image.save(buffer, "JPEG", quality=92, exif=exif)
    else:
        image.save(buffer, "HEIF", quality=85, exif=exif.tobytes())
    return buffer.getvalue()


def naive(data: bytes) -> None:
    for spec in DEFAULT_DERIVATIVE_SPECS:
        with Image.open(BytesIO(data)) as original:
            upright = ImageOps.exif_transpose(original.convert("RGB"))
        width = min(spec.width, upright.width)
        size = (width, round(upright.height * width / upright.width))
        resized = to_srgb(upright.resize(size, Image.Resampling.LANCZOS))
        encode(resized, spec.format, quality=spec.quality)


def decode_once(data: bytes) -> None:
    """The one decode make_derivatives cannot avoid (JPEG: scaled to the largest copy)."""
    largest = max(spec.width for spec in DEFAULT_DERIVATIVE_SPECS)
    with open_image(data, None, max_pixels=MAX_PIXELS) as image:
        decode(image, at_least=(largest, largest * image.height // image.width))


def floor_inputs(data: bytes) -> list[tuple[Image.Image, str, int]]:
    with Image.open(BytesIO(data)) as original:
        full = original.convert("RGB")
    inputs = []
    for spec in DEFAULT_DERIVATIVE_SPECS:
        width = min(spec.width, full.width)
        resized = full.resize((width, round(full.height * width / full.width)))
        resized.info = {}
        inputs.append((resized, spec.format, spec.quality))
    return inputs


def cpu_seconds(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.process_time()
        work()
        times.append(time.process_time() - started)
    return statistics.median(times)


def peak_memory_mb(path: Path, avif_speed: int) -> float:
    """Peak memory of a fresh interpreter running make_derivatives once on ``path``."""
    result = subprocess.run(
        [sys.executable, __file__, "--child", str(path), "--avif-speed", str(avif_speed)],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(result.stdout.strip())


def child(path: Path) -> None:
    make_derivatives(path.read_bytes())
    print(peak_rss_mb())


def peak_rss_mb() -> float:
    """This process's peak resident memory in MB.

    Linux's VmHWM belongs to the process image and starts afresh at exec; ru_maxrss
    would also count the benchmark parent's memory copied at fork.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--avif-speed", type=int, default=encode_module.AVIF_SPEED)
    parser.add_argument("--skip-memory", action="store_true")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    encode_module.AVIF_SPEED = args.avif_speed
    if args.child:
        child(args.child)
        return

    print(
        f"AVIF speed {args.avif_speed}, {len(DEFAULT_DERIVATIVE_SPECS)} specs,"
        f" median of {args.runs} runs"
    )
    print(
        f"{'source':<22}{'ours s':>8}{'naive s':>9}{'floor s':>9}{'decode s':>10}"
        f"{'naive/ours':>12}{'ours/floor':>12}{'ours/(decode+floor)':>21}"
    )
    for label, size, fmt in (("24 MP JPEG 6000x4000", (6000, 4000), "JPEG"),
                             ("12 MP HEIC 4032x3024", (4032, 3024), "HEIF")):  # fmt: skip
        data = with_exif(photo(size), fmt)
        ours = cpu_seconds(lambda data=data: make_derivatives(data), args.runs)
        slow = cpu_seconds(lambda data=data: naive(data), args.runs)
        inputs = floor_inputs(data)
        floor = cpu_seconds(
            lambda inputs=inputs: [encode(im, fmt, quality=q) for im, fmt, q in inputs], args.runs
        )
        decoding = cpu_seconds(lambda data=data: decode_once(data), args.runs)
        print(
            f"{label:<22}{ours:>8.2f}{slow:>9.2f}{floor:>9.2f}{decoding:>10.2f}"
            f"{slow / ours:>12.2f}{ours / floor:>12.2f}{ours / (decoding + floor):>21.2f}"
        )

    if not args.skip_memory:
        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / "50mp.jpg"
            path.write_bytes(with_exif(photo((8660, 5774)), "JPEG"))
            peak = peak_memory_mb(path, args.avif_speed)
        print(f"peak RSS, make_derivatives on a 50 MP JPEG: {peak:.0f} MB (target < 300)")


if __name__ == "__main__":
    main()
