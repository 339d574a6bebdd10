"""A project's public pages: what a visitor reads on the front page, a photo
page, an author page and a theme page, in their language, under the credit
each author chose."""

import re

import pytest

from photovoice.archive.derivatives import make_photo_derivatives
from photovoice.archive.models import Credit, PhotoTranslation, Scope
from photovoice.demo.translation import translate
from tests.builders import (
    give_consent,
    make_participant,
    make_photo,
    make_project_page,
    make_public_copy,
    make_testimony,
    make_theme,
    translate_project_page,
    use_local_public_storage,
)

pytestmark = pytest.mark.django_db


def html_of(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def photo_url(page, photo) -> str:
    return f"{page.url}photos/{photo.pk}/"


def author_url(page, participant) -> str:
    return f"{page.url}authors/{participant.code}/"


@pytest.fixture
def named_author(site_home):
    author = make_participant(display_name="Mira K.", credit=Credit.PSEUDONYM)
    give_consent(author, [Scope.ARCHIVE])
    return author


# Front page --------------------------------------------------------------------


def test_front_page_presents_the_project_its_themes_authors_and_latest_photos(client, named_author):
    page = make_project_page(named_author.project, intro="Jak žijeme ve městě.")
    theme = make_theme("Jazyková bariéra")
    photo = make_photo(named_author, title="Tram stop at dawn")
    photo.themes.add(theme)
    html = html_of(client, page.url)
    assert "<h1>" + page.title + "</h1>" in html
    assert "Jak žijeme ve městě." in html
    assert f'href="{photo_url(page, photo)}"' in html
    assert "Tram stop at dawn" in html
    assert f'href="{page.url}themes/{theme.slug}/">Jazyková bariéra</a>' in html
    assert f'href="{author_url(page, named_author)}">Mira K.</a>' in html
    assert f'type="application/atom+xml" href="{page.url}feed/"' in html


def test_front_page_lists_only_authors_credited_by_name(client, named_author):
    page = make_project_page(named_author.project)
    hidden = make_participant(
        project=named_author.project, display_name="Secret Name", credit=Credit.ANONYMOUS
    )
    give_consent(hidden, [Scope.ARCHIVE])
    make_photo(named_author)
    make_photo(hidden, title="Night shift")
    html = html_of(client, page.url)
    assert "Mira K." in html
    assert "Night shift" in html
    assert "Secret Name" not in html
    assert author_url(page, hidden) not in html


# Photo page -------------------------------------------------------------------


def test_photo_page_shows_the_authors_words_in_their_language_beside_the_translation(
    client, named_author
):
    page = make_project_page(named_author.project)
    english = translate_project_page(page, "en")
    photo = make_photo(
        named_author,
        title="Fronta na úřadě",
        caption="Čekala jsem tři hodiny.",
        description="Lidé čekají v chodbě",
        language="cs",
    )
    PhotoTranslation.objects.create(
        photo=photo,
        language="en",
        title="Queue at the office",
        caption="I waited three hours.",
        alt_text="People waiting in a corridor",
        translator="Volunteer translator",
    )
    make_photo_derivatives(photo)
    html = html_of(client, photo_url(english, photo))
    assert '<h1 lang="cs" dir="ltr">Fronta na úřadě</h1>' in html
    assert re.search(r'<blockquote lang="cs" dir="ltr"><p>Čekala jsem tři hodiny.</p>', html)
    translation = re.search(r'<section class="translation" lang="en">.*?</section>', html, re.S)
    assert "I waited three hours." in translation.group(0)
    assert "Translated by Volunteer translator" in translation.group(0)
    assert 'alt="People waiting in a corridor"' in html
    # The Czech page shows the author's own words and no translation.
    czech = html_of(client, photo_url(page, photo))
    assert "I waited three hours." not in czech
    assert 'alt="Lidé čekají v chodbě"' in czech


def test_photo_page_shows_responsive_picture_answers_facts_and_credit(client, named_author):
    page = make_project_page(named_author.project)
    theme = make_theme("Přátelské služby")
    translate(theme, "en", {"Přátelské služby": "Friendly services"})
    english = translate_project_page(page, "en")
    photo = make_photo(
        named_author,
        showed_see="Zastávku tramvaje.",
        showed_do="Více spojů.",
        stated_date="jaro 2024",
        stated_place="Palmovka",
    )
    photo.themes.add(theme)
    make_photo_derivatives(photo)
    html = html_of(client, photo_url(english, photo))
    assert "<picture>" in html
    assert 'type="image/avif"' in html
    assert 'type="image/webp"' in html
    assert "What do you see here?" in html
    assert re.search(r'<dd lang="cs" dir="ltr"><p>Zastávku tramvaje.</p>', html)
    assert "What can we do about it?" in html
    assert "What is really happening?" not in html
    assert "jaro 2024" in html
    assert "Palmovka" in html
    assert f'href="{english.url}themes/{theme.slug}/">Friendly services</a>' in html
    assert f'href="{author_url(english, named_author)}">Mira K.</a>' in html


def test_photo_page_shows_a_placeholder_until_its_public_copies_are_made(client, named_author):
    page = make_project_page(named_author.project)
    photo = make_photo(named_author, description="A tram stop")
    html = html_of(client, photo_url(page, photo))
    assert "<picture>" not in html
    assert 'class="photo-placeholder" role="img" aria-label="A tram stop"' in html
    make_photo_derivatives(photo)
    assert "<picture>" in html_of(client, photo_url(page, photo))


def test_photo_page_plays_the_testimony_with_its_transcript_beside_it(
    client, named_author, settings, tmp_path
):
    use_local_public_storage(settings, tmp_path)
    page = make_project_page(named_author.project)
    photo = make_photo(named_author)
    testimony = make_public_copy(
        make_testimony(named_author, title="Rozhovor", transcript="Přijela jsem v zimě.")
    )
    testimony.related_photos.add(photo)
    html = html_of(client, photo_url(page, photo))
    player = re.search(r'<article class="testimony">.*?</article>', html, re.S).group(0)
    assert '<audio controls preload="none">' in player
    assert f'src="/media/audio/{testimony.public_key}/{testimony.pk}.wav"' in player
    assert "Přijela jsem v zimě." in player


def test_pages_load_nothing_from_elsewhere_and_run_no_inline_script(
    client, named_author, settings, tmp_path
):
    # With S3 the pictures come from the organisation's own bucket, which the
    # CSP allows; here they are local so any other origin stands out.
    use_local_public_storage(settings, tmp_path)
    page = make_project_page(named_author.project)
    photo = make_photo(named_author)
    for url in (page.url, photo_url(page, photo), author_url(page, named_author)):
        html = html_of(client, url)
        assert "<script" not in html
        assert not re.search(r'(src|href|srcset)="(https?:)?//', html)


# Credit and anonymity -----------------------------------------------------------


def test_anonymous_author_has_no_page_and_their_photos_are_not_linked(client, site_home):
    author = make_participant(display_name="Real Person", credit=Credit.ANONYMOUS)
    give_consent(author, [Scope.ARCHIVE])
    page = make_project_page(author.project)
    photo = make_photo(author, title="Night shift")
    html = html_of(client, photo_url(page, photo))
    assert "Anonymní autor" in html
    assert "Real Person" not in html
    assert "/authors/" not in html
    assert client.get(author_url(page, author)).status_code == 404


def test_an_item_credited_anonymously_stays_off_its_authors_page(client, named_author):
    page = make_project_page(named_author.project)
    named = make_photo(named_author, title="Market day")
    sensitive = make_photo(named_author, title="My landlord's door")
    give_consent(named_author, [Scope.ARCHIVE], item=sensitive, credit=Credit.ANONYMOUS)
    author_page = html_of(client, author_url(page, named_author))
    assert "Market day" in author_page
    assert "My landlord&#x27;s door" not in author_page
    sensitive_page = html_of(client, photo_url(page, sensitive))
    assert "Mira K." not in sensitive_page
    assert author_url(page, named_author) not in sensitive_page
    assert "Market day" in html_of(client, photo_url(page, named))


def test_author_page_shows_their_photos_and_testimonies_under_the_chosen_name(
    client, named_author, settings, tmp_path
):
    use_local_public_storage(settings, tmp_path)
    page = make_project_page(named_author.project)
    make_photo(named_author, title="Market day")
    make_public_copy(make_testimony(named_author, title="Jak jsem přijela"))
    html = html_of(client, author_url(page, named_author))
    assert "<h1>Mira K.</h1>" in html
    assert "Market day" in html
    assert "Jak jsem přijela" in html
    assert "Legal Name" not in html


# Themes, languages, feed and sitemap ------------------------------------------------


def test_theme_page_lists_its_photos_under_the_visitors_language_name(client, named_author):
    page = make_project_page(named_author.project)
    english = translate_project_page(page, "en")
    theme = make_theme("Jazyková bariéra")
    translate(theme, "en", {"Jazyková bariéra": "Language barrier"})
    inside = make_photo(named_author, title="Forms only in Czech")
    inside.themes.add(theme)
    make_photo(named_author, title="Unrelated picture")
    html = html_of(client, f"{english.url}themes/{theme.slug}/")
    assert "Language barrier" in html
    assert "Forms only in Czech" in html
    assert "Unrelated picture" not in html


def test_feed_is_atom_with_each_public_photo_credited(client, named_author):
    page = make_project_page(named_author.project)
    photo = make_photo(named_author, title="Tram stop", caption="<b>Early</b> morning")
    response = client.get(f"{page.url}feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    xml = response.content.decode()
    assert "<title>Tram stop</title>" in xml
    assert f"http://testserver{photo_url(page, photo)}" in xml
    assert "<name>Mira K.</name>" in xml
    # The author's words are text, never markup (escaped once for HTML, once for XML).
    assert "&amp;lt;b&amp;gt;Early" in xml


def test_sitemap_lists_each_languages_project_routes(client, named_author):
    page = make_project_page(named_author.project)
    english = translate_project_page(page, "en")
    photo = make_photo(named_author)
    xml = client.get("/sitemap.xml").content.decode()
    for project_page in (page, english):
        assert f"{project_page.url}photos/{photo.pk}/</loc>" in xml
        assert f"{author_url(project_page, named_author)}</loc>" in xml


def test_search_without_words_shows_only_the_form(client, named_author):
    page = make_project_page(named_author.project)
    make_photo(named_author, title="Market day")
    html = html_of(client, f"{page.url}search/?q=")
    assert 'role="search"' in html
    assert "Market day" not in html
