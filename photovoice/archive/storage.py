"""Where archive files live.

Originals and consent documents go to the ``private`` storage, which has no
public URL; derivatives go to the ``default`` storage, which may be public.
"""

from django.core.files.storage import FileSystemStorage, Storage, storages


class PrivateFileSystemStorage(FileSystemStorage):
    """Local private files: kept outside ``MEDIA_ROOT`` and without any URL.

    Django's ``FileSystemStorage`` falls back to ``MEDIA_URL`` when it has no
    ``base_url``; this one refuses, so no template or API can ever link to an
    original by accident. Curators read originals through a permission-checked view.
    """

    def url(self, name: str | None) -> str:
        raise ValueError("Private files have no public URL.")


def private_storage() -> Storage:
    """The storage for originals and consent documents (a callable, so migrations stay stable)."""
    return storages["private"]
