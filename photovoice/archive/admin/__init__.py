"""The curators' side of the archive in the Wagtail admin: viewsets for
projects, participants, themes, testimonies, consent records and the audit
trail, and the review queue. Every change to consent or review status goes
through :mod:`photovoice.archive.consent`, never straight to the models.
Registered in ``photovoice/archive/wagtail_hooks.py``."""
