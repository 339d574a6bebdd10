"""One visitor's phone opening a page: Chromium (Debian's, through Playwright)
as a phone on a slow mobile network, with an empty cache.

The network and CPU are throttled through the Chrome DevTools Protocol with
Lighthouse's "Slow 4G" mobile profile (150 ms RTT, 1.6 Mbps down, 750 kbps
up, CPU 4x slower) in the values Lighthouse itself gives DevTools throttling,
which applies latency per request rather than per round trip: 562.5 ms
request latency (150 ms x 3.75), 1474.56 kbps down and 675 kbps up (x 0.9).
"""

import math
from contextlib import suppress
from dataclasses import dataclass, field

from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

SLOW_4G = {
    "offline": False,
    "latency": 150 * 3.75,
    "downloadThroughput": 1.6 * 1024 * 1024 * 0.9 / 8,
    "uploadThroughput": 750 * 1024 * 0.9 / 8,
}
CPU_SLOWDOWN = 4
#: Chromium's ``renderBlockingBehavior`` values for a request that holds up the first paint.
RENDER_BLOCKING = {"Blocking", "InBodyParserBlocking"}
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 3,
    "is_mobile": True,
    "has_touch": True,
    "locale": "cs-CZ",
    "user_agent": (
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36"
    ),
}

#: What an exhibit page must still show with images off: name -> CSS selector.
READABLE_PARTS = {
    "title": "main h1",
    "photo's alt text": "main img[alt]:not([alt=''])",
    "caption": ".words-original blockquote",
    "transcript": ".transcript",
    "player": "audio",
}

#: Collects the largest-contentful-paint candidates from the first paint on.
LCP_OBSERVER = """
window.__lcp = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    window.__lcp.push({time: entry.startTime, size: entry.size,
      element: entry.element ? entry.element.tagName.toLowerCase() +
        (entry.element.className ? '.' + entry.element.className : '') : (entry.url || '?')});
  }
}).observe({type: 'largest-contentful-paint', buffered: true});
"""


@dataclass
class Request:
    url: str
    kind: str
    status: int = 0
    bytes: int = 0
    render_blocking: str = ""


@dataclass
class Visit:
    requests: list[Request] = field(default_factory=list)
    lcp_ms: float = 0.0
    lcp_element: str = ""
    blocking_scripts: list[str] = field(default_factory=list)

    @property
    def total_bytes(self) -> int:
        return sum(request.bytes for request in self.requests)


@dataclass
class AudioTap:
    plays: bool
    ms_to_playing: float
    bytes: int


@dataclass
class ImagesOff:
    """What a visitor with images off (or not yet loaded) can read."""

    shown: list[str]
    missing: list[str]
    words: int


def median_visit(visits: list[Visit]) -> Visit:
    """The visit with the median time to LCP (its bytes and requests with it);
    visits that saw no LCP come last."""
    ordered = sorted(visits, key=lambda visit: (math.isnan(visit.lcp_ms), visit.lcp_ms))
    return ordered[len(ordered) // 2]


class Phone:
    """Chromium, launched once; each visit gets a new, empty browser context."""

    def __init__(self, playwright) -> None:
        self.browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

    def close(self) -> None:
        self.browser.close()

    def throttled_page(self):
        context = self.browser.new_context(**PHONE)
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        cdp.send("Network.emulateNetworkConditions", SLOW_4G)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        return context, page, cdp

    def first_load(self, url: str) -> Visit:
        """Open ``url`` as a first-time visitor: every request, its bytes on
        the wire (headers included), time to LCP and render-blocking scripts."""
        context, page, cdp = self.throttled_page()
        requests: dict[str, Request] = {}

        def sent(event):
            request = event["request"]
            if request["url"].startswith("data:"):
                return
            requests[event["requestId"]] = Request(
                url=request["url"],
                kind=event.get("type", ""),
                render_blocking=event.get("renderBlockingBehavior", ""),
            )

        def received(event):
            if event["requestId"] in requests:
                requests[event["requestId"]].status = event["response"]["status"]

        def finished(event):
            if event["requestId"] in requests:
                requests[event["requestId"]].bytes = int(event["encodedDataLength"])

        cdp.on("Network.requestWillBeSent", sent)
        cdp.on("Network.responseReceived", received)
        cdp.on("Network.loadingFinished", finished)
        page.add_init_script(LCP_OBSERVER)
        page.goto(url, wait_until="load")
        page.wait_for_load_state("networkidle")
        with suppress(PlaywrightTimeout):  # then reported as no LCP (nan)
            page.wait_for_function("() => window.__lcp.length > 0", timeout=10000)
        candidates = page.evaluate("() => window.__lcp")
        scripts = page.evaluate(
            """() => [...document.querySelectorAll('script')]
                 .filter(s => !s.async && !s.defer && s.type !== 'module')
                 .map(s => s.src || 'inline script')"""
        )
        context.close()
        last = candidates[-1] if candidates else {"time": float("nan"), "element": "none"}
        blocking = [
            r.url
            for r in requests.values()
            if r.kind == "Script" and r.render_blocking in RENDER_BLOCKING
        ]
        blocking += [s for s in scripts if s not in blocking]
        return Visit(
            requests=list(requests.values()),
            lcp_ms=last["time"],
            lcp_element=last["element"],
            blocking_scripts=blocking,
        )

    def tap_play(self, url: str) -> AudioTap:
        """Open ``url``, then tap once on the audio player's play button, on
        the same slow network: does it play, how long until it does, and how
        many bytes the recording cost until then."""
        context, page, cdp = self.throttled_page()
        audio_bytes = 0

        def finished_or_progress(event):
            nonlocal audio_bytes
            audio_bytes += int(event.get("encodedDataLength", 0))

        page.goto(url, wait_until="load")
        page.wait_for_load_state("networkidle")
        cdp.on("Network.dataReceived", finished_or_progress)
        audio = page.locator("audio")
        audio.scroll_into_view_if_needed()
        box = audio.bounding_box()
        page.evaluate(
            """() => { const a = document.querySelector('audio');
                 a.addEventListener('playing', () => { window.__playing = performance.now() },
                                    {once: true}); }"""
        )
        tapped = page.evaluate("() => performance.now()")
        page.touchscreen.tap(box["x"] + 20, box["y"] + box["height"] / 2)
        try:
            page.wait_for_function("() => window.__playing !== undefined", timeout=20000)
            playing = page.evaluate("() => window.__playing")
            result = AudioTap(plays=True, ms_to_playing=playing - tapped, bytes=audio_bytes)
        except PlaywrightTimeout:
            result = AudioTap(plays=False, ms_to_playing=float("nan"), bytes=audio_bytes)
        context.close()
        return result

    def images_off(self, url: str) -> ImagesOff:
        """Open ``url`` with every image refused: what can still be read."""
        context = self.browser.new_context(**PHONE)
        context.route(
            "**/*",
            lambda route: (
                route.abort() if route.request.resource_type == "image" else route.continue_()
            ),
        )
        page = context.new_page()
        page.goto(url, wait_until="load")
        visible = page.evaluate(
            """(parts) => {
              const shown = (e) =>
                !!e && e.checkVisibility() && e.getBoundingClientRect().height > 0;
              const words = document.body.innerText.split(/\\s+/).filter(Boolean).length;
              const found = Object.entries(parts).map(([name, css]) =>
                [name, shown(document.querySelector(css))]);
              return {words, found};
            }""",
            READABLE_PARTS,
        )
        context.close()
        return ImagesOff(
            shown=[name for name, ok in visible["found"] if ok],
            missing=[name for name, ok in visible["found"] if not ok],
            words=visible["words"],
        )
