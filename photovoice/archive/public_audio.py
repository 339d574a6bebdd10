"""Serving testimonies' public copies at ``/media/audio/<public_key>/<id>.<ext>``.

The address asks the consent gate on every request: a copy plays while the
testimony may appear in some public use, and the same address answers 410
("removed at the author's request") once consent ends. Browsers seek and
podcast apps download in parts, so HEAD and single byte ranges are honoured.
When the public storage is S3 it serves ranges itself: the view redirects to it.
"""

import hashlib

from django.http import (
    Http404,
    HttpResponse,
    HttpResponseRedirect,
    StreamingHttpResponse,
)
from django.views.decorators.http import require_safe

from .models import PUBLIC_SCOPES, AudioTestimony, may_appear_publicly
from .public import audio_content_type, refuse
from .ranges import RangeNotSatisfiable, parse_byte_range

CHUNK_SIZE = 64 * 1024
MAX_ID = 2**63 - 1


def serves_ranges_itself(storage) -> bool:
    """Whether ``storage`` is S3, whose URLs answer byte ranges directly."""
    try:
        from storages.backends.s3 import S3Storage
    except ImportError:  # django-storages without boto3
        return False
    return isinstance(storage, S3Storage)


@require_safe
def serve_public_audio(request, public_key: str, pk: int, ext: str):
    testimony = AudioTestimony.objects.filter(pk=pk).first() if pk <= MAX_ID else None
    if testimony is None or not may_appear_publicly(testimony):
        refused = [testimony] if testimony is not None else []
        return refuse(request, f"audiotestimony:{pk}", refused, PUBLIC_SCOPES)
    if testimony.public_key != public_key or not testimony.public_file:
        raise Http404
    copy = testimony.public_file
    if serves_ranges_itself(copy.storage):
        response = HttpResponseRedirect(copy.url)
        response["Cache-Control"] = "no-store"
        return response
    return file_response(request, copy.storage, copy.name)


def file_response(request, storage, name: str) -> HttpResponse:
    """The file ``name`` of ``storage``, whole or the byte range asked for."""
    try:
        size = storage.size(name)
    except OSError as e:
        raise Http404 from e
    etag = '"{}"'.format(hashlib.sha256(f"{name}:{size}".encode()).hexdigest()[:32])
    header = request.headers.get("Range")
    if_range = request.headers.get("If-Range")
    if if_range is not None and if_range.strip() != etag:
        header = None
    try:
        part = parse_byte_range(header, size)
    except RangeNotSatisfiable:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        response["Accept-Ranges"] = "bytes"
        return response
    start, length = (part.start, part.length) if part else (0, size)
    status = 206 if part else 200
    if request.method == "HEAD":
        response = HttpResponse(status=status)
    else:
        response = StreamingHttpResponse(read_bytes(storage, name, start, length), status=status)
    response["Content-Type"] = audio_content_type(name)
    response["Content-Length"] = str(length)
    response["Accept-Ranges"] = "bytes"
    response["ETag"] = etag
    # Revalidate every time: a withdrawn recording must stop playing at once.
    response["Cache-Control"] = "no-cache"
    if part:
        response["Content-Range"] = part.content_range(size)
    return response


def read_bytes(storage, name: str, start: int, length: int):
    """Yield ``length`` bytes of the file from ``start``, a chunk at a time."""
    with storage.open(name, "rb") as handle:
        handle.seek(start)
        remaining = length
        while remaining > 0:
            chunk = handle.read(min(CHUNK_SIZE, remaining))
            if not chunk:
                return
            remaining -= len(chunk)
            yield chunk
