"""``fetch`` callables for :mod:`podcast.feed_checks`: in-process (Django's
test client, for this site's own feeds) or over HTTP (any feed)."""

from urllib.parse import urlsplit
from urllib.request import Request, urlopen

from .feed_checks import CHECKER_USER_AGENT


def client_fetch(client):
    """Fetch through a Django test ``client``; absolute URLs keep only their path."""

    def fetch(url: str, method: str, headers: dict):
        parts = urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        extra = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()}
        extra.setdefault("HTTP_USER_AGENT", CHECKER_USER_AGENT)
        if parts.netloc:
            extra["HTTP_HOST"] = parts.netloc
        response = client.generic(method, path, **extra)
        if getattr(response, "streaming", False):
            body = b"".join(response.streaming_content)
        else:
            body = response.content
        if method == "HEAD":
            body = b""
        return response.status_code, {k.lower(): v for k, v in response.items()}, body

    return fetch


def http_fetch(url: str, method: str, headers: dict):
    """Fetch over HTTP(S) with the standard library (redirects followed)."""
    if urlsplit(url).scheme not in ("http", "https"):
        raise ValueError(f"Not an http(s) address: {url}")
    request = Request(url, method=method, headers={"User-Agent": CHECKER_USER_AGENT, **headers})  # noqa: S310
    try:
        with urlopen(request, timeout=30) as response:  # noqa: S310 (scheme checked above)
            return (
                response.status,
                {k.lower(): v for k, v in response.headers.items()},
                response.read(),
            )
    except OSError as e:
        from urllib.error import HTTPError

        if isinstance(e, HTTPError):
            return e.code, {k.lower(): v for k, v in e.headers.items()}, e.read()
        raise
