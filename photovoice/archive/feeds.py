"""The Atom feed of a project's newest public photos (``<project page>/feed/``)."""

from django.contrib.syndication.views import Feed
from django.template.defaultfilters import linebreaks_filter
from django.utils.feedgenerator import Atom1Feed

#: How many photos the feed carries.
FEED_LENGTH = 20


class ProjectPhotoFeed(Feed):
    """Newest photos that pass the consent gate for the online archive, each
    credited as its author chose. Built per request by the page's ``feed``
    route: ``ProjectPhotoFeed()(request, page=page)``."""

    feed_type = Atom1Feed

    def get_object(self, request, page):
        self.request = request
        self.archive = page.public_archive(request)
        return page

    def title(self, page):
        return page.title

    def link(self, page):
        return page.get_url(self.request)

    def subtitle(self, page):
        return page.intro or page.project.description

    def items(self, page):
        return self.archive.cards(self.archive.photos()[:FEED_LENGTH])

    def item_title(self, card):
        return card.photo.title

    def item_description(self, card):
        # Atom carries this as HTML: the author's words are escaped, then paragraphed.
        return linebreaks_filter(card.photo.caption, autoescape=True)

    def item_link(self, card):
        return card.url

    def item_author_name(self, card):
        return card.credit.name

    def item_author_link(self, card):
        return self.request.build_absolute_uri(card.credit.url) if card.credit.url else None

    def item_pubdate(self, card):
        return card.photo.created_at
