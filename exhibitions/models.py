"""Exhibition pages arrive with the exhibitions issue; the app is installed now
so its migrations start from the same base as the rest of the site."""
