"""Public copies of a photo through the site: our pipeline against stock Wagtail.

Run from the repository root (``make bench`` runs it with the other benchmarks):

    .venv/bin/python benchmarks/bench_derivatives.py [--runs 3]

For a 24-megapixel JPEG and a 12-megapixel HEIC (made here, with EXIF), in a
throwaway database and media folder, it measures the CPU time (all threads,
median of ``--runs``) of making the site's whole web derivative set (every
width and format the pages' ``{% picture %}`` tags use):

* ours:   ``make_photo_derivatives`` (one decode, draft-mode JPEG scaling,
  sizes cascaded, registered as Wagtail renditions);
* wagtail: stock ``Photo.get_renditions()`` with the same filter specs and the
  same encoder qualities, which decodes the original once per rendition;
* floor:  encoding the already-resized pixels only;
* decode: the one decode ours cannot skip (a full HEVC decode for HEIC, a
  1/2-scale DCT decode for the 24 MP JPEG), so ``ours/(decode+floor)`` shows
  what is left above the unavoidable: resizing, storage and database.

Targets (issue "Media pipeline"): wagtail/ours >= 4 and ours/floor <= 1.3.
Ratios, not absolute times, are what hold on a shared, noisy machine.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def setup_django(folder: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "photovoice.settings.test"
    os.environ["TEST_SQLITE_PATH"] = str(folder / "bench.sqlite3")
    os.environ["TEST_MEDIA_DIR"] = str(folder / "media")
    for name in ("S3_PUBLIC_BUCKET", "TEST_DATABASE_URL"):
        os.environ.pop(name, None)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def cpu_seconds(work, runs: int, before=None) -> float:
    times = []
    for _ in range(runs):
        if before is not None:
            before()
        started = time.process_time()
        work()
        times.append(time.process_time() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        setup_django(Path(folder))
        from bench_derivatives_pure import decode_once, photo, with_exif
        from django.conf import settings
        from PIL import Image

        from media_pipeline.encode import encode
        from media_pipeline.images import WEB_DERIVATIVE_SPECS
        from photovoice.archive.derivatives import filter_spec, make_photo_derivatives
        from photovoice.archive.ingest import ingest_photo

        quality = {spec.format: spec.quality for spec in WEB_DERIVATIVE_SPECS}
        settings.WAGTAILIMAGES_AVIF_QUALITY = quality["avif"]
        settings.WAGTAILIMAGES_WEBP_QUALITY = quality["webp"]
        settings.WAGTAILIMAGES_JPEG_QUALITY = quality["jpeg"]
        specs = [filter_spec(spec) for spec in WEB_DERIVATIVE_SPECS]

        print(
            f"{'source':<12} {'ours s':>7} {'wagtail s':>9} {'floor s':>8} {'decode s':>8} "
            f"{'wagtail/ours':>12} {'ours/floor':>10} {'ours/(decode+floor)':>19}"
        )
        for label, size, fmt in (
            ("24 MP JPEG", (6000, 4000), "JPEG"),
            ("12 MP HEIC", (4032, 3024), "HEIF"),
        ):
            data = with_exif(photo(size), fmt)
            item = ingest_photo(
                None, data, f"bench.{'jpg' if fmt == 'JPEG' else 'heic'}", title=label
            )

            def clear(item=item):
                for rendition in item.renditions.all():
                    rendition.file.delete(save=False)
                item.renditions.all().delete()
                item.refresh_from_db()

            ours = cpu_seconds(lambda item=item: make_photo_derivatives(item), args.runs, clear)
            wagtail = cpu_seconds(lambda item=item: item.get_renditions(*specs), args.runs, clear)
            with Image.open(BytesIO(data)) as original:
                full = original.convert("RGB")
            resized = []
            for spec in WEB_DERIVATIVE_SPECS:
                pixels = full.resize((spec.width, round(full.height * spec.width / full.width)))
                pixels.info = {}
                resized.append((pixels, spec.format, spec.quality))
            floor = cpu_seconds(
                lambda resized=resized: [encode(p, f, quality=q) for p, f, q in resized], args.runs
            )
            decoding = cpu_seconds(lambda data=data: decode_once(data), args.runs)
            print(
                f"{label:<12} {ours:7.2f} {wagtail:9.2f} {floor:8.2f} {decoding:8.2f} "
                f"{wagtail / ours:12.1f} {ours / floor:10.2f} {ours / (decoding + floor):19.2f}"
            )
        print("targets: wagtail/ours >= 4, ours/floor <= 1.3")


if __name__ == "__main__":
    main()
