"""Face blurring: a curator's remedy when people in a photo did not agree to be
shown. Every public copy hides the faces beyond recovery; the original stays
untouched; turning it on or off replaces the public copies.

The photo is a real portrait: scikit-image's ``astronaut`` (NASA, public
domain), saved as a phone would, with EXIF.
"""

import io
import re
import subprocess
import sys

import pytest
from django.core.files.storage import storages
from django.urls import reverse
from PIL import Image, ImageChops, ImageFilter, ImageStat
from skimage import data as skimage_data

from media_pipeline.derivatives import PRINT_DERIVATIVE_SPECS, WEB_DERIVATIVE_SPECS
from media_pipeline.faces import blur_faces, find_faces
from media_pipeline.images import make_derivatives
from photovoice.archive.ingest import ingest_photo
from photovoice.archive.models import AuditEvent, PeopleDepicted, Photo, Scope, may_appear
from tests.builders import (
    accept,
    give_consent,
    make_curator,
    make_participant,
    make_photo,
    make_project_page,
)
from tests.media_factories import phone_exif

SIDE = 512  # the astronaut picture is 512 x 512
# Where her face is, as (left, top, right, bottom), forehead to chin.
FACE = (180, 70, 270, 160)
# Around the face: hair, helmet ring, sky. The blurred patch may reach into it.
HEAD = (110, 10, 340, 220)


@pytest.fixture(scope="module")
def portrait() -> Image.Image:
    return Image.fromarray(skimage_data.astronaut())


@pytest.fixture
def portrait_jpeg(portrait, tmp_path) -> bytes:
    path = tmp_path / "astronaut.jpg"
    portrait.save(path, "JPEG", quality=92, exif=phone_exif())
    return path.read_bytes()


def scaled(box, width: int) -> tuple[int, int, int, int]:
    return tuple(round(v * width / SIDE) for v in box)


def detail(image: Image.Image, box) -> float:
    """Fine detail in ``box``: the mean difference between the picture and a
    smoothed copy of it (eyes, mouth and skin texture make it high)."""
    grey = image.convert("L").crop(box)
    edges = ImageChops.difference(grey, grey.filter(ImageFilter.GaussianBlur(2)))
    return ImageStat.Stat(edges).mean[0]


def share_changed(before: Image.Image, after: Image.Image, outside) -> float:
    """The share of pixels outside the box ``outside`` that visibly changed."""
    diff = ImageChops.difference(before.convert("L"), after.convert("L"))
    changed = diff.point(lambda v: 255 if v > 24 else 0)
    changed.paste(0, outside)
    area = before.width * before.height - (outside[2] - outside[0]) * (outside[3] - outside[1])
    return ImageStat.Stat(changed).sum[0] / 255 / area


def overlaps(box, other) -> bool:
    return box[0] < other[2] and other[0] < box[2] and box[1] < other[3] and other[1] < box[3]


def face_is_hidden(image: Image.Image, portrait: Image.Image) -> bool:
    """Whether the face in a copy of the portrait (any size) lost nearly all its detail."""
    return detail(image, scaled(FACE, image.width)) < detail(portrait, FACE) / 5


def decoded(blob: bytes) -> Image.Image:
    with Image.open(io.BytesIO(blob)) as image:
        return image.convert("RGB")


# The media pipeline ------------------------------------------------------------


def test_the_face_in_the_portrait_is_found(portrait):
    found = find_faces(portrait)
    assert any(overlaps(box, FACE) for box in found)
    centre = (FACE[0] + FACE[2]) / 2, (FACE[1] + FACE[3]) / 2
    assert any(b[0] < centre[0] < b[2] and b[1] < centre[1] < b[3] for b in found)


def test_blurring_returns_a_new_picture_and_leaves_the_given_one_alone(portrait):
    before = portrait.tobytes()
    blurred = blur_faces(portrait)
    assert portrait.tobytes() == before
    assert blurred is not portrait
    assert detail(blurred, FACE) < detail(portrait, FACE) / 5


def test_every_public_size_and_format_hides_the_face_and_keeps_the_rest(portrait_jpeg):
    specs = WEB_DERIVATIVE_SPECS + PRINT_DERIVATIVE_SPECS
    plain = make_derivatives(portrait_jpeg, specs)
    blurred = make_derivatives(portrait_jpeg, specs, blur_faces=True)
    assert blurred.keys() == plain.keys()
    for spec, copy in blurred.items():
        before, after = decoded(plain[spec].data), decoded(copy.data)
        face = scaled(FACE, after.width)
        assert detail(after, face) < detail(before, face) / 5, spec
        assert share_changed(before, after, outside=scaled(HEAD, after.width)) < 0.03, spec
        if spec.format == "jpeg":  # once per size: the detector is slow
            assert not any(overlaps(box, face) for box in find_faces(after)), spec
        assert b"LeakyPhoneMaker" not in copy.data


def test_a_photo_without_faces_comes_out_as_it_would_unblurred():
    image = Image.linear_gradient("L").resize((400, 300)).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    spec = WEB_DERIVATIVE_SPECS[2]  # 480 px JPEG
    plain = make_derivatives(buffer.getvalue(), [spec])[spec]
    blurred = make_derivatives(buffer.getvalue(), [spec], blur_faces=True)[spec]
    assert blurred.data == plain.data


def test_without_opencv_blurring_refuses_instead_of_publishing_faces():
    script = (
        "import sys; sys.modules['cv2'] = None\n"  # as if OpenCV were not installed
        "from PIL import Image\n"
        "from media_pipeline.faces import FaceDetectionUnavailable, blur_faces\n"
        "try:\n"
        "    blur_faces(Image.new('RGB', (64, 64)))\n"
        "except FaceDetectionUnavailable as e:\n"
        "    print(e.code)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "face_detection_unavailable"


# Curators and the public site --------------------------------------------------

WEB_SPECS = {f"format-{s.format}|width-{s.width}" for s in WEB_DERIVATIVE_SPECS}


def make_portrait_photo(author, portrait_jpeg, **fields) -> Photo:
    return ingest_photo(
        author,
        portrait_jpeg,
        "astronaut.jpg",
        title="Before the flight",
        description="An astronaut in an orange suit",
        **fields,
    )


def edit_form(photo: Photo, **changes) -> dict:
    """What Wagtail's image edit form posts when the curator saves it."""
    return {
        "title": photo.title,
        "description": photo.description,
        "collection": photo.collection_id,
        "tags": "",
        "focal_point_x": "",
        "focal_point_y": "",
        "focal_point_width": "",
        "focal_point_height": "",
        **changes,
    }


def public_copies(photo: Photo) -> dict[str, bytes]:
    """The photo's public files, by storage name, as stored."""
    storage = storages["default"]
    copies = {}
    for rendition in photo.renditions.all():
        with storage.open(rendition.file.name) as handle:
            copies[rendition.file.name] = handle.read()
    return copies


def served_copies(client, photo: Photo) -> set[str]:
    """The storage names of the copies the public photo page points at."""
    page = make_project_page(photo.participant.project)
    response = client.get(f"{page.url}photos/{photo.pk}/")
    assert response.status_code == 200
    # Local files and S3 URLs alike end in the storage name.
    names = re.findall(r"(derivatives/[^\"\s?]+?\.(?:avif|webp|jpg))", response.content.decode())
    return set(names)


@pytest.mark.django_db
def test_curator_turns_on_blurring_and_the_public_sees_only_blurred_copies(
    admin_client, client, portrait, portrait_jpeg, django_capture_on_commit_callbacks, site_home
):
    author = make_participant()
    give_consent(author)
    with django_capture_on_commit_callbacks(execute=True):
        photo = make_portrait_photo(author, portrait_jpeg, people_depicted=PeopleDepicted.NONE)
        accept(photo)
    photo.refresh_from_db()
    assert photo.derivatives_ready
    unblurred = public_copies(photo)
    assert {r.filter_spec for r in photo.renditions.all()} == WEB_SPECS
    original_name = photo.file.name
    original = storages["private"].open(original_name).read()
    assert original == portrait_jpeg

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("wagtailimages:edit", args=[photo.pk]), edit_form(photo, blur_faces="on")
        )
    assert response.status_code == 302

    photo.refresh_from_db()
    assert photo.blur_faces and photo.derivatives_ready
    blurred = public_copies(photo)
    assert {r.filter_spec for r in photo.renditions.all()} == WEB_SPECS
    public = storages["default"]
    assert not any(public.exists(name) for name in unblurred)
    assert served_copies(client, photo) == set(blurred)
    for name, blob in blurred.items():
        assert face_is_hidden(decoded(blob), portrait), name
    assert photo.file.name == original_name
    assert storages["private"].open(original_name).read() == original
    event = AuditEvent.objects.get(item_kind="photo", item_id=photo.pk, summary__contains="blur")
    assert event.summary.endswith("face blurring in public copies turned on")
    assert event.actor is not None and event.participant_code == author.code


@pytest.mark.django_db
def test_curator_finds_the_choice_and_its_warning_on_the_photo_form(client):
    client.force_login(make_curator(is_superuser=True))  # the admin speaks English to them
    photo = make_photo(make_participant())
    html = client.get(reverse("wagtailimages:edit", args=[photo.pk])).content.decode()
    assert 'name="blur_faces"' in html
    assert "some can be missed" in html


@pytest.mark.django_db
def test_printed_and_admin_sizes_wagtail_makes_on_request_are_blurred_too(
    portrait, portrait_jpeg, django_capture_on_commit_callbacks
):
    author = make_participant()
    give_consent(author)
    with django_capture_on_commit_callbacks(execute=True):
        photo = make_portrait_photo(author, portrait_jpeg, blur_faces=True)
    for spec in ("max-900x900|format-jpeg|jpegquality-85", "max-165x165"):
        rendition = photo.get_rendition(spec)
        with rendition.file.open("rb") as handle:
            assert face_is_hidden(decoded(handle.read()), portrait), spec


@pytest.mark.django_db
def test_blurring_lets_a_photo_of_people_who_did_not_consent_appear(
    admin_client, portrait, portrait_jpeg, django_capture_on_commit_callbacks
):
    author = make_participant()
    give_consent(author)
    with django_capture_on_commit_callbacks(execute=True):
        photo = make_portrait_photo(author, portrait_jpeg, people_depicted="not_consented")
        accept(photo)
    photo.refresh_from_db()
    assert not may_appear(photo, Scope.ARCHIVE)
    assert not photo.renditions.exists()

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("wagtailimages:edit", args=[photo.pk]), edit_form(photo, blur_faces="on")
        )
    photo.refresh_from_db()
    assert may_appear(photo, Scope.ARCHIVE)
    assert photo.derivatives_ready
    for name, blob in public_copies(photo).items():
        assert face_is_hidden(decoded(blob), portrait), name

    # Turning it off again hides the photo and removes its public copies.
    names = set(public_copies(photo))
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("wagtailimages:edit", args=[photo.pk]), edit_form(photo))
    photo.refresh_from_db()
    assert not photo.blur_faces
    assert not may_appear(photo, Scope.ARCHIVE)
    assert not photo.renditions.exists() and not photo.derivatives_ready
    assert not any(storages["default"].exists(name) for name in names)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("depicted", "shown"),
    [
        (PeopleDepicted.NONE, True),
        (PeopleDepicted.CONSENTED, True),
        (PeopleDepicted.NOT_CONSENTED, True),
        # Nobody has said yet whether anyone is recognisable: blurring is no answer.
        (PeopleDepicted.UNKNOWN, False),
    ],
)
def test_gate_with_faces_blurred(depicted, shown):
    author = make_participant()
    give_consent(author)
    photo = make_photo(author, people_depicted=depicted, blur_faces=True)
    assert may_appear(photo, Scope.ARCHIVE) is shown
    assert (photo in Photo.objects.allowed_in(Scope.ARCHIVE)) is shown
