"""Bulk import of a workshop's contributions from a CSV manifest.

Each row becomes one photo or recording, all or nothing: the file is
checked by ``media_pipeline``, stored privately, its consent recorded, and
(with ``approve``) accepted, in one transaction; a rejected row leaves no
row and no file behind. A file already imported for the same participant
(same bytes) is reported as such, so re-running a manifest imports nothing twice.
"""

import csv
import logging
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Locale

from media_pipeline.exceptions import MediaError
from media_pipeline.sources import AUDIO_EXTENSIONS, IMAGE_EXTENSIONS, extension

from .consent import Actor, ConsentError, record_consent, set_review
from .ingest import content_hash, delete_saved_files, ingest_photo, ingest_testimony
from .models import (
    AudioTestimony,
    ConsentMethod,
    Credit,
    ModerationStatus,
    Participant,
    PeopleDepicted,
    Photo,
    Project,
    Scope,
    Theme,
)

logger = logging.getLogger(__name__)

REQUIRED_COLUMNS = {"file", "participant", "title", "caption", "language", "scopes"}
MAX_FILE_BYTES = 500 * 1024 * 1024


class ManifestError(Exception):
    """The manifest itself cannot be read (exit status 2)."""


class RowRejected(Exception):
    """One row cannot be imported; the message says why, for the curator."""


@dataclass
class RowResult:
    row: int
    file: str
    status: str  # "imported", "already imported" or "rejected"
    item: str = ""
    reason: str = ""


def read_manifest(path: Path) -> list[dict[str, str]]:
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            columns = {name.strip() for name in reader.fieldnames or []}
            missing = REQUIRED_COLUMNS - columns
            if missing:
                raise ManifestError(f"The manifest lacks the columns: {', '.join(sorted(missing))}")
            return [
                {(k or "").strip(): (v or "").strip() for k, v in row.items()} for row in reader
            ]
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        raise ManifestError(f"The manifest cannot be read: {e}") from e


class ManifestImporter:
    def __init__(self, manifest: Path, *, project: Project, approve: bool, consent_version: str):
        self.manifest = manifest
        self.folder = manifest.resolve().parent
        self.project = project
        self.approve = approve
        self.consent_version = consent_version
        self.actor = Actor(label=f"command import_contributions {manifest.name}")

    def run(self) -> list[RowResult]:
        rows = read_manifest(self.manifest)
        return [self.import_row(number, row) for number, row in enumerate(rows, start=2)]

    def import_row(self, number: int, row: dict[str, str]) -> RowResult:
        saved_files: list = []
        try:
            with transaction.atomic():
                return self._import(number, row, saved_files)
        except (RowRejected, ConsentError) as e:
            reason = str(e)
        except MediaError as e:
            reason = str(e)
        except Exception:
            # A bug or a database failure must not stop the other rows or leave files.
            logger.exception("Unexpected failure importing row %d of %s", number, self.manifest)
            reason = _("Unexpected error while importing this row (details are in the log).")
        delete_saved_files(saved_files)
        return RowResult(number, row.get("file", ""), "rejected", reason=reason)

    def _import(self, number: int, row: dict[str, str], saved_files: list) -> RowResult:
        data, name = self._read_file(row.get("file", ""))
        participant = self._participant(row)
        scopes = self._scopes(row.get("scopes", ""))
        kind = self._kind(name)
        model = Photo if kind == "photo" else AudioTestimony
        existing = model.objects.filter(
            participant=participant, file_hash=content_hash(data)
        ).first()
        if existing is not None:
            return RowResult(number, name, "already imported", item=f"{kind} {existing.pk}")
        common = {
            "title": self._require(row, "title"),
            "language": self._language(row),
            "saved_files": saved_files,
        }
        if kind == "photo":
            item = ingest_photo(
                participant,
                data,
                name,
                caption=row.get("caption", ""),
                description=(row.get("alt_text") or row.get("title", ""))[:255],
                people_depicted=self._people_depicted(row.get("people_depicted", "")),
                **common,
            )
        else:
            item = ingest_testimony(
                participant, data, name, transcript=self._transcript(row), **common
            )
        item.themes.set(self._themes(row.get("themes", "")))
        record_consent(
            participant,
            item=item,
            scopes=scopes,
            credit=participant.credit,
            text_version=self.consent_version,
            text_language=common["language"],
            method=ConsentMethod.PAPER,
            actor=self.actor,
        )
        if self.approve:
            set_review(item, ModerationStatus.ACCEPTED, actor=self.actor)
        return RowResult(number, name, "imported", item=f"{kind} {item.pk}")

    def _read_file(self, relative: str) -> tuple[bytes, str]:
        if not relative:
            raise RowRejected(_("No file named in the row."))
        path = (self.folder / relative).resolve()
        if not path.is_relative_to(self.folder):
            raise RowRejected(_("The file must be inside the manifest's folder."))
        try:
            with path.open("rb") as handle:
                data = handle.read(MAX_FILE_BYTES + 1)
        except OSError:
            raise RowRejected(_("The file %(name)s was not found.") % {"name": relative}) from None
        return data, relative

    def _kind(self, name: str) -> str:
        ext = extension(name)
        if ext in IMAGE_EXTENSIONS:
            return "photo"
        if ext in AUDIO_EXTENSIONS:
            return "audio"
        raise RowRejected(_("This file is neither a photo nor a sound recording."))

    def _participant(self, row: dict[str, str]) -> Participant:
        code = self._require(row, "participant").upper()
        participant = Participant.objects.filter(code=code).first()
        if participant is not None:
            return participant
        credit = row.get("credit") or Credit.ANONYMOUS
        if credit not in Credit.values:
            raise RowRejected(
                _("Unknown credit %(credit)s; use name, pseudonym or anonymous.")
                % {"credit": credit}
            )
        display_name = row.get("display_name", "")
        if credit != Credit.ANONYMOUS and not display_name:
            raise RowRejected(_("A new participant credited by name needs a display_name."))
        return Participant.objects.create(
            project=self.project, code=code, credit=credit, display_name=display_name
        )

    def _scopes(self, value: str) -> list[str]:
        scopes = [part.strip().lower() for part in value.split(";") if part.strip()]
        unknown = [scope for scope in scopes if scope not in Scope.values]
        if unknown or not scopes:
            raise RowRejected(
                _("Scopes must be a semicolon list of: %(valid)s.")
                % {"valid": ", ".join(Scope.values)}
            )
        return scopes

    def _language(self, row: dict[str, str]) -> str:
        language = row.get("language", "").lower()
        if language not in dict(settings.LANGUAGES):
            raise RowRejected(_("Unknown language %(language)s.") % {"language": language})
        return language

    def _people_depicted(self, value: str) -> str:
        if not value:
            return PeopleDepicted.UNKNOWN
        if value not in PeopleDepicted.values:
            raise RowRejected(
                _("people_depicted must be none, consented or not_consented, not %(value)s.")
                % {"value": value}
            )
        return value

    def _themes(self, value: str) -> list[Theme]:
        default_locale = Locale.get_default()
        themes = []
        for name in (part.strip() for part in value.split(";") if part.strip()):
            theme, _created = Theme.objects.get_or_create(
                slug=slugify(name), locale=default_locale, defaults={"name": name}
            )
            themes.append(theme)
        return themes

    def _transcript(self, row: dict[str, str]) -> str:
        relative = row.get("transcript_file", "")
        if not relative:
            return ""
        data, _name = self._read_file(relative)
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise RowRejected(_("The transcript file is not UTF-8 text.")) from None

    @staticmethod
    def _require(row: dict[str, str], column: str) -> str:
        value = row.get(column, "")
        if not value:
            raise RowRejected(_("The column %(column)s is empty.") % {"column": column})
        return value
