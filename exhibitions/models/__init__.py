"""Exhibition models, one module per concern; import them from here."""

from .pages import Exhibit, ExhibitionIndexPage, ExhibitionPage, ExhibitionSection, Showing
from .short_codes import PrintedPiece, PrintKind, ScanCount, ShortCode

__all__ = [
    "Exhibit",
    "ExhibitionIndexPage",
    "ExhibitionPage",
    "ExhibitionSection",
    "PrintKind",
    "PrintedPiece",
    "ScanCount",
    "ShortCode",
    "Showing",
]
