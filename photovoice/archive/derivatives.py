"""Public copies of photos, made by ``media_pipeline`` and registered as
Wagtail renditions.

The pipeline decodes each original once and makes every size and format the
site uses; each result is saved as a ``PhotoRendition`` under the same filter
spec Wagtail's ``{% picture %}`` tag asks for, so templates, rendition URLs and
Wagtail's own caching work unchanged and never fall back to Wagtail's slower
one-decode-per-size path for these sizes.
"""

import secrets

from django.core.files.base import ContentFile
from django.db import transaction
from wagtail.images.models import Filter

from media_pipeline.images import (
    WEB_DERIVATIVE_SPECS,
    DerivativeSpec,
    make_derivatives,
)

from .models import Photo, PhotoRendition
from .models.items import new_public_key


def filter_spec(spec: DerivativeSpec) -> str:
    """The Wagtail filter spec for a pipeline spec, as ``{% picture photo
    format-{avif,webp,jpeg} width-{480,960,1600} %}`` (templates/components/
    picture.html) expands it."""
    return f"format-{spec.format}|width-{spec.width}"


def make_photo_derivatives(photo: Photo, specs=WEB_DERIVATIVE_SPECS) -> int:
    """Make and register the public copies in ``specs`` (default: the web set;
    ``PRINT_DERIVATIVE_SPECS`` when printing), with faces blurred when the
    curator asked for it; returns how many renditions were created (existing
    ones are kept: :func:`discard_photo_derivatives` first when they no longer fit)."""
    existing = set(photo.renditions.values_list("filter_spec", flat=True))
    specs = [spec for spec in specs if filter_spec(spec) not in existing]
    if not specs:
        return 0
    with photo.open_file() as original:
        data = original.read()
    derivatives = make_derivatives(data, specs, blur_faces=photo.blur_faces)
    # A token per run keeps two runs' files apart even on storages that
    # overwrite a name (S3), so the files of a run that loses are its own.
    run = secrets.token_hex(4)
    renditions = []
    try:
        for spec, derivative in derivatives.items():
            spec_string = filter_spec(spec)
            rendition = PhotoRendition(
                image=photo,
                filter_spec=spec_string,
                focal_point_key=Filter(spec=spec_string).get_cache_key(photo),
            )
            extension = "jpg" if spec.format == "jpeg" else spec.format
            name = f"{photo.pk}.{spec_string.replace('|', '.')}.{run}.{extension}"
            rendition.file.save(name, ContentFile(derivative.data), save=False)
            # Saving the file resets the dimension fields; we know them already.
            rendition.width, rendition.height = derivative.width, derivative.height
            renditions.append(rendition)
        return _register(photo, renditions, existing)
    except BaseException:
        _delete_files(renditions)
        raise


def _register(photo: Photo, renditions: list[PhotoRendition], existing: set[str]) -> int:
    """Save ``renditions`` if they still fit the photo; otherwise delete their
    files. Returns how many were saved."""
    with transaction.atomic():
        unchanged = (
            Photo.objects.select_for_update()
            .filter(pk=photo.pk, public_key=photo.public_key, blur_faces=photo.blur_faces)
            .exists()
        )
        # Another run may have registered some of the same sizes meanwhile.
        taken = set(photo.renditions.values_list("filter_spec", flat=True))
        fresh = [rendition for rendition in renditions if rendition.filter_spec not in taken]
        if not unchanged or not fresh:
            # Withdrawn, or the curator changed the blurring, while these were
            # made: they no longer fit (the change asked for a new set if the
            # photo may still appear). Or they were made twice.
            _delete_files(renditions)
            return 0
        _delete_files([rendition for rendition in renditions if rendition not in fresh])
        for rendition in fresh:
            rendition.save()
        web_ready = {filter_spec(spec) for spec in WEB_DERIVATIVE_SPECS} <= taken | {
            rendition.filter_spec for rendition in fresh
        }
        if web_ready:
            Photo.objects.filter(pk=photo.pk).update(derivatives_ready=True)
    return len(fresh)


def _delete_files(renditions: list[PhotoRendition]) -> None:
    for rendition in renditions:
        rendition.file.delete(save=False)


def discard_photo_derivatives(photo: Photo) -> None:
    """Forget a photo's public copies: its renditions go (Wagtail deletes their
    files after commit), the public shows the "being prepared" placeholder
    until a new set is made, and the public folder is renamed so cached or
    leaked links to the old copies die with them."""
    photo.renditions.all().delete()
    photo.derivatives_ready = False
    photo.public_key = new_public_key()
    photo.save(update_fields=["derivatives_ready", "public_key"])
