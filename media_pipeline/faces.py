"""Finding and blurring faces, for public copies of photos whose curator asked for it.

A missed face is the harm here, a blurred patch of wall costs nothing, so the
detection leans towards finding too much: OpenCV's Haar cascades for frontal
faces and for profiles facing either way, with a low vote threshold. Each face
is then hidden beyond recovery at any size: the box is widened to take in hair,
ears and chin, shrunk to a few coarse blocks and smoothed over, so there is no
detail left that a later resize, sharpening or "depixelation" could bring back.

Detection cannot promise to find every face (small, turned away, partly
covered, unusual lighting); whoever publishes the result should look at it.

OpenCV is imported only when a face is looked for: it takes a while to load and
most photos never need it.
"""

import math
import threading
from functools import cache

from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageFilter

from media_pipeline.exceptions import MediaError

#: A face's place as Pillow counts it: (left, top, right, bottom), right and bottom excluded.
Box = tuple[int, int, int, int]

# The longest side the detector looks at; faces are found on a copy this size at
# most and their boxes scaled back. Faces smaller than the cascades' window
# (about 20-24 px here, so 30-40 px in a 1600 px copy) are not found.
_DETECTION_SIDE = 1024
# Each detector pass shrinks the picture by this factor; closer to 1 finds more, slower.
_SCALE_STEP = 1.1
# How many overlapping hits make a face: OpenCV's default is 3; 2 finds more
# faces (and more false ones, which only cost a blurred patch).
_MIN_NEIGHBOURS = 2
_FRONTAL = "haarcascade_frontalface_default.xml"
_PROFILE = "haarcascade_profileface.xml"  # faces looking to their left; mirrored for the right
# How far a face's box is widened on each side, as a share of its width and height:
# the cascades frame eyes to mouth; hair, ears, jaw and chin identify people too.
_MARGIN_SIDES = 0.35
_MARGIN_ABOVE = 0.5
_MARGIN_BELOW = 0.4
# A face becomes this many blocks across before smoothing: no feature survives it.
_BLOCKS_ACROSS = 5

# Whether OpenCV's cascade classifier may be used from several threads at once is
# not documented; renditions are sometimes made in threads, so detection takes turns.
_detector_lock = threading.Lock()


class FaceDetectionUnavailable(MediaError):
    """OpenCV, or its bundled face models, are missing from this installation."""

    code = "face_detection_unavailable"
    message = _(
        "Faces cannot be blurred on this server: the face detector (OpenCV with its "
        "bundled face models) is not installed. Ask the site administrator."
    )


def check_available() -> None:
    """Raise :class:`FaceDetectionUnavailable` unless faces can be found here,
    so a curator hears it when choosing to blur, not when copies fail later."""
    _detector()


def find_faces(image: Image.Image) -> list[Box]:
    """Boxes around the faces in ``image`` (frontal and profile), in its pixel coordinates.

    Leans towards too many: some boxes may hold no face. Raises
    :class:`FaceDetectionUnavailable` when OpenCV cannot be used.
    """
    import numpy as np

    cv2, classifiers = _detector()
    scale = min(1.0, _DETECTION_SIDE / max(image.size))
    small = image.convert("L")
    if scale < 1.0:
        small = small.resize(
            (max(1, round(image.width * scale)), max(1, round(image.height * scale))),
            Image.Resampling.BOX,
        )
    grey = cv2.equalizeHist(np.asarray(small))
    mirrored = cv2.flip(grey, 1)
    found: list[Box] = []
    with _detector_lock:
        for name, classifier in classifiers.items():
            views = [(grey, False)] + ([(mirrored, True)] if name == _PROFILE else [])
            for pixels, flipped in views:
                hits = classifier.detectMultiScale(
                    pixels, scaleFactor=_SCALE_STEP, minNeighbors=_MIN_NEIGHBOURS
                )
                for x, y, w, h in hits:
                    left = pixels.shape[1] - (x + w) if flipped else x
                    found.append(_scaled((int(left), int(y), int(left + w), int(y + h)), scale))
    return found


def blur_faces(image: Image.Image, boxes: list[Box] | None = None) -> Image.Image:
    """A copy of ``image`` with every face (``boxes``, found by :func:`find_faces`
    when not given) hidden under a coarse, smoothed patch. ``image`` is not changed."""
    if boxes is None:
        boxes = find_faces(image)
    blurred = image.copy()
    for box in boxes:
        area = _widened(box, image.size)
        width, height = area[2] - area[0], area[3] - area[1]
        block = max(1, max(width, height) // _BLOCKS_ACROSS)
        coarse = blurred.crop(area).resize(
            (max(1, width // block), max(1, height // block)), Image.Resampling.BOX
        )
        patch = coarse.resize((width, height), Image.Resampling.NEAREST)
        blurred.paste(patch.filter(ImageFilter.GaussianBlur(block / 2)), area[:2])
    return blurred


def _widened(box: Box, size: tuple[int, int]) -> Box:
    left, top, right, bottom = box
    width, height = right - left, bottom - top
    return (
        max(0, round(left - width * _MARGIN_SIDES)),
        max(0, round(top - height * _MARGIN_ABOVE)),
        min(size[0], round(right + width * _MARGIN_SIDES)),
        min(size[1], round(bottom + height * _MARGIN_BELOW)),
    )


def _scaled(box: Box, scale: float) -> Box:
    """``box`` found on a copy shrunk by ``scale``, in the original's pixels
    (rounded outwards: never a pixel less of the face)."""
    left, top, right, bottom = box
    return (
        math.floor(left / scale),
        math.floor(top / scale),
        math.ceil(right / scale),
        math.ceil(bottom / scale),
    )


@cache
def _detector():
    """OpenCV and its loaded cascades, once per process; or FaceDetectionUnavailable."""
    try:
        import cv2
    except ImportError as e:
        raise FaceDetectionUnavailable() from e
    folder = getattr(getattr(cv2, "data", None), "haarcascades", None)
    if folder is None or not hasattr(cv2, "CascadeClassifier"):
        # OpenCV 5 no longer ships the cascades (see the pin in pyproject.toml).
        raise FaceDetectionUnavailable()
    classifiers = {name: cv2.CascadeClassifier(folder + name) for name in (_FRONTAL, _PROFILE)}
    if any(classifier.empty() for classifier in classifiers.values()):
        raise FaceDetectionUnavailable()
    return cv2, classifiers
