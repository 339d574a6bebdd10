"""Plain-Python checks and clean copies of participants' photos and voice recordings.

Nothing here needs Django settings: only the lazy translatable error messages
come from Django. Bad input always surfaces as a ``MediaError`` subclass.
"""
