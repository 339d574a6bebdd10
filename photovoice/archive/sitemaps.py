"""The sitemap at ``/sitemap.xml``: every language's page tree.

Wagtail's own sitemap lists the descendants of the site's root page, which
is the Czech home page; the other languages' home pages are its
translations, beside it in the tree. This one lists all of them. Pages add
their own gated routes (see ``ProjectPage.get_sitemap_urls``).
"""

from functools import reduce
from operator import or_

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class ArchiveSitemap(Sitemap):
    def items(self):
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True).live()
        trees = [Page.objects.descendant_of(root, inclusive=True) for root in roots]
        return (
            reduce(or_, trees, Page.objects.none())
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .specific()
        )
