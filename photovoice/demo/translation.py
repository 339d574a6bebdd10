"""Translating demo content in code, the way a translator would in the
wagtail-localize editor: extract the source's strings, supply their
translations, and publish the translated page."""

from django.db import transaction
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail_localize.models import StringTranslation, Translation, TranslationSource


@transaction.atomic
def translate(instance: TranslatableMixin, language_code: str, strings: dict[str, str]):
    """Create or update ``instance``'s translation into ``language_code``.

    ``strings`` maps each source string to its translation; strings without an
    entry keep the source text (wagtail-localize's fallback). For pages the
    parent must already be translated. Returns the translated, published object.
    """
    locale = Locale.objects.get(language_code=language_code)
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    source.update_from_db()
    translation, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
    for segment in source.stringsegment_set.select_related("string", "context"):
        text = strings.get(segment.string.data)
        if text is None:
            continue
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": text, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
        )
    is_page = isinstance(instance, Page)
    # wagtail-localize would publish a page when the transaction commits, from
    # the page object as it is now: a parent that gains children later in the
    # same transaction would be saved back with a stale child count. Save a
    # draft and publish it at once instead.
    translated, _created = source.create_or_update_translation(
        locale, publish=not is_page, fallback=True
    )
    if is_page:
        translated = translated.specific
        translated.get_latest_revision().publish()
        translated.refresh_from_db()
    return translated
