"""The audit trail as rows, for the ``export_audit`` command and the admin's
CSV download: one column list, so both exports carry the same fields."""

import csv
import json
from collections.abc import Iterator
from typing import TextIO

from .models import AuditEvent

#: Exported fields of :class:`AuditEvent`, in column order. The actor is the
#: label written at the time (a username or a command), never a user id.
AUDIT_COLUMNS = [
    "at",
    "actor_label",
    "action",
    "participant_code",
    "item_kind",
    "item_id",
    "scope",
    "summary",
    "reason",
]


def audit_rows(events=None) -> Iterator[dict]:
    """Each event as a dict of :data:`AUDIT_COLUMNS`, oldest first; times in ISO 8601."""
    events = AuditEvent.objects.all() if events is None else events
    for event in events.order_by("at", "pk").iterator():
        row = {column: getattr(event, column) for column in AUDIT_COLUMNS}
        row["at"] = event.at.isoformat()
        yield row


def write_audit_csv(stream: TextIO, events=None) -> int:
    """Write the trail as CSV with a header row; returns the number of events."""
    writer = csv.DictWriter(stream, fieldnames=AUDIT_COLUMNS)
    writer.writeheader()
    count = 0
    for row in audit_rows(events):
        writer.writerow(row)
        count += 1
    return count


def write_audit_json(stream: TextIO, events=None) -> int:
    """Write the trail as a JSON array of objects; returns the number of events."""
    rows = list(audit_rows(events))
    json.dump(rows, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
    return len(rows)
