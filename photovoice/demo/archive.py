"""A demo PhotoVoice project: participants with different credit choices,
photos across three themes, interviews, and a few items the consent gate
deliberately keeps out of public view (so curators can see it working)."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils import timezone
from wagtail.models import Locale, Site

from photovoice.archive.consent import Actor, record_consent
from photovoice.archive.ingest import ingest_photo, ingest_testimony
from photovoice.archive.models import (
    AudioTestimony,
    ConsentGiver,
    ConsentMethod,
    ConsentRecord,
    Credit,
    ModerationStatus,
    Participant,
    PeopleDepicted,
    Photo,
    PhotoTranslation,
    Project,
    ProjectPage,
    Scope,
    Theme,
)

from .media import demo_photo_jpeg, demo_recording_wav
from .site import ensure_locales
from .translation import translate

ACTOR = Actor(label="load_demo")
WEB = [Scope.ARCHIVE, Scope.EXHIBITIONS, Scope.PRINT, Scope.PODCAST]

THEMES = [
    (
        "jazykova-bariera",
        "Jazyková bariéra",
        "Language barrier",
        "Kdy slova chybí a kdy se najdou.",
        "When words are missing, and when they are found.",
    ),
    (
        "pratelske-sluzby",
        "Přátelské služby",
        "Friendly services",
        "Úřady, lékaři a sousedé, kteří pomohli.",
        "Offices, doctors and neighbours who helped.",
    ),
    ("domov", "Domov", "Home", "Místa, kde se cítíme doma.", "Places where we feel at home."),
]


@dataclass
class DemoParticipant:
    code: str
    credit: str
    display_name: str
    language: str
    photos: list[tuple[str, str, str]]  # (title, caption, theme slug)
    is_minor: bool = False
    scopes: list[str] = field(default_factory=lambda: list(WEB))
    expired: bool = False


PARTICIPANTS = [
    DemoParticipant(
        "P01",
        Credit.PSEUDONYM,
        "Olga K.",
        "ru",
        [
            (
                "Первое письмо",
                "Письмо из управления. Я читала его со словарём три часа.",
                "jazykova-bariera",
            ),
            ("Окно на кухне", "Здесь я пью чай и учу чешские слова.", "domov"),
            ("Библиотека", "Бесплатные курсы чешского языка по вторникам.", "pratelske-sluzby"),
            ("Трамвай 22", "Каждое утро одна и та же дорога, и уже не страшно.", "domov"),
        ],
    ),
    DemoParticipant(
        "P02",
        Credit.NAME,
        "Tomás Rivera",
        "en",
        [
            ("The form", "Seven pages, and the only word I knew was 'podpis'.", "jazykova-bariera"),
            (
                "Our workshop",
                "We fix bicycles. Customers teach me Czech, I teach them Spanish.",
                "domov",
            ),
            (
                "Doctor's waiting room",
                "The nurse drew me a picture when we had no common words.",
                "pratelske-sluzby",
            ),
            (
                "Saturday market",
                "Selling empanadas. The first time someone ordered in Spanish, I cried.",
                "domov",
            ),
        ],
    ),
    DemoParticipant(
        "P03",
        Credit.ANONYMOUS,
        "",
        "cs",
        [
            (
                "Fronta",
                "Ve čtyři ráno před cizineckou policií. Fotil jsem, abych nezapomněl.",
                "jazykova-bariera",
            ),
            ("Razítko", "Razítko, na které jsme čekali rok.", "pratelske-sluzby"),
            ("Podzim v parku", "Park, kde jsem poprvé necítil, že jsem cizí.", "domov"),
            ("Nápis", "Nápis, kterému jsem rozuměl celý.", "jazykova-bariera"),
        ],
    ),
    DemoParticipant(
        "P04",
        Credit.NAME,
        "Nguyễn Thị Lan",
        "vi",
        [
            ("Cửa hàng của mẹ", "Cửa hàng nhỏ của mẹ tôi, mở cửa từ sáu giờ sáng.", "domov"),
            ("Lớp học tiếng Séc", "Cô giáo kiên nhẫn nhất mà tôi từng gặp.", "pratelske-sluzby"),
            ("Phở ngày chủ nhật", "Cả nhà ăn phở cùng hàng xóm người Séc.", "domov"),
            ("Hóa đơn", "Hóa đơn điện đầu tiên, tôi không hiểu một chữ nào.", "jazykova-bariera"),
        ],
    ),
    DemoParticipant(
        "P05",
        Credit.PSEUDONYM,
        "Dima",
        "uk",
        [
            ("Моя школа", "Тут у мене з'явився перший друг.", "pratelske-sluzby"),
            ("Футбол", "На полі всі розмовляють однією мовою.", "domov"),
        ],
        is_minor=True,
    ),
    DemoParticipant(
        "P06",
        Credit.NAME,
        "Yael Cohen",
        "en",
        [
            (
                "Neighbours",
                "The neighbour who brought soup when we were all ill.",
                "pratelske-sluzby",
            ),
            (
                "Two alphabets",
                "My daughter's homework: Czech on the left, Hebrew doodles on the right.",
                "jazykova-bariera",
            ),
            ("Balcony", "Our balcony garden, tomatoes from seeds we brought.", "domov"),
        ],
    ),
    DemoParticipant(
        "P07",
        Credit.NAME,
        "Petra Nováková",
        "cs",
        [
            ("Kancelář", "Naše poradna, kde se potkávají lidé z dvaceti zemí.", "pratelske-sluzby"),
            (
                "Tlumočení",
                "Tlumočník po telefonu: nejdůležitější pracovník dne.",
                "jazykova-bariera",
            ),
            ("Kávovar", "U kávovaru se řeší víc než na poradách.", "domov"),
        ],
        expired=True,
    ),
]

TESTIMONIES = [
    (
        "P01",
        "Olga: o jazyce a odvaze",
        "ru",
        0,
        "Когда я приехала, я не понимала ни слова. Сегодня я сама помогаю другим заполнять формы.",
    ),
    (
        "P02",
        "Tomás: a bicycle workshop",
        "en",
        1,
        "I opened the workshop with a friend. "
        "The hardest part was not the work, it was the paperwork.",
    ),
    (
        "P04",
        "Lan: obchod od šesti ráno",
        "vi",
        0,
        "Mẹ tôi mở cửa hàng từ năm 1998. Tôi lớn lên ở đây, giữa hai ngôn ngữ.",
    ),
    (
        "P06",
        "Yael: sousedé",
        "en",
        0,
        "We arrived in winter. "
        "Our neighbours did not speak English, but they understood everything.",
    ),
]

# Photos the gate keeps out of some or all public places, by (code, title).
NOT_FOR_PRINT = ("P02", "Saturday market")
DEPICTED_WITHOUT_CONSENT = ("P06", "Neighbours")

TRANSLATIONS = {
    ("P01", "Первое письмо"): {
        "cs": ("První dopis", "Dopis z úřadu. Četla jsem ho se slovníkem tři hodiny."),
        "en": (
            "The first letter",
            "A letter from the office. I read it with a dictionary for three hours.",
        ),
    },
    ("P02", "The form"): {
        "cs": ("Formulář", "Sedm stran a jediné slovo, které jsem znal, bylo 'podpis'.")
    },
    ("P04", "Cửa hàng của mẹ"): {
        "cs": ("Maminčin obchod", "Malý obchod mé maminky, otevřený od šesti ráno."),
        "en": ("Mum's shop", "My mother's little shop, open from six in the morning."),
    },
}


def ensure_project() -> Project:
    project, _created = Project.objects.get_or_create(
        slug="integrace-ocima",
        defaults={
            "title": "Integrace očima lidí, kteří ji žijí",
            "description": (
                "Dvacet lidí, kteří ve městě žijí, fotografovalo, jak prožívají integraci: "
                "jazykovou bariéru, přátelské služby i místa, kde se cítí doma."
            ),
            "organisation": "Integrační centrum",
            "start_date": date(2025, 3, 1),
            "end_date": date(2025, 6, 30),
            "languages": "cs,en,ru,uk,vi",
        },
    )
    return project


def ensure_themes() -> dict[str, Theme]:
    ensure_locales()
    czech = Locale.objects.get(language_code="cs")
    themes = {}
    for slug, name_cs, name_en, text_cs, text_en in THEMES:
        theme = Theme.objects.filter(slug=slug, locale=czech).first()
        if theme is None:
            theme = Theme.objects.create(slug=slug, name=name_cs, description=text_cs, locale=czech)
        translate(theme, "en", {name_cs: name_en, text_cs: text_en})
        themes[slug] = theme
    return themes


def ensure_participant(
    project: Project, spec: DemoParticipant, themes: dict[str, Theme]
) -> Participant:
    participant, created = Participant.objects.get_or_create(
        code=spec.code,
        defaults={
            "project": project,
            "credit": spec.credit,
            "display_name": spec.display_name,
            "legal_name": spec.display_name or "(anonymous in public)",
            "preferred_language": spec.language,
            "is_minor": spec.is_minor,
        },
    )
    for index, (title, caption, theme_slug) in enumerate(spec.photos):
        photo = Photo.objects.filter(participant=participant, title=title).first()
        if photo is not None:
            continue
        depicted = PeopleDepicted.NONE
        if (spec.code, title) == DEPICTED_WITHOUT_CONSENT:
            depicted = PeopleDepicted.NOT_CONSENTED
        seed = int(spec.code[1:]) * 10 + index
        photo = ingest_photo(
            participant,
            demo_photo_jpeg(seed),
            f"{spec.code.lower()}-{index + 1}.jpg",
            title=title,
            caption=caption,
            description=caption[:250],
            language=spec.language,
            people_depicted=depicted,
            stated_date="2025",
            moderation_status=ModerationStatus.ACCEPTED,
        )
        photo.themes.add(themes[theme_slug])
        for language, (t_title, t_caption) in TRANSLATIONS.get((spec.code, title), {}).items():
            PhotoTranslation.objects.create(
                photo=photo,
                language=language,
                title=t_title,
                caption=t_caption,
                alt_text=t_caption[:250],
                translator="PhotoVoice volunteers",
            )
    if not ConsentRecord.objects.filter(participant=participant).exists():
        give_demo_consent(participant, spec)
    return participant


def give_demo_consent(participant: Participant, spec: DemoParticipant) -> None:
    given_at = timezone.now() - timedelta(days=200)
    common = {
        "text_version": "2025-03",
        "text_language": "cs",
        "method": ConsentMethod.PAPER,
        "actor": ACTOR,
        "given_at": given_at,
    }
    if spec.is_minor:
        common.update(
            given_by=ConsentGiver.GUARDIAN, guardian_name="Guardian of P05", minor_assent=True
        )
    if spec.expired:
        common["expires_at"] = timezone.now() - timedelta(days=30)
    record_consent(participant, scopes=spec.scopes, **common)
    if spec.code == NOT_FOR_PRINT[0]:
        photo = participant.photos.get(title=NOT_FOR_PRINT[1])
        record_consent(participant, item=photo, scopes=[Scope.ARCHIVE, Scope.EXHIBITIONS], **common)


def ensure_testimonies(participants: dict[str, Participant]) -> None:
    for code, title, language, photo_index, transcript in TESTIMONIES:
        participant = participants[code]
        if AudioTestimony.objects.filter(participant=participant, title=title).exists():
            continue
        testimony = ingest_testimony(
            participant,
            demo_recording_wav(int(code[1:])),
            f"{code.lower()}-interview.wav",
            title=title,
            language=language,
            transcript=transcript,
            moderation_status=ModerationStatus.ACCEPTED,
        )
        photo = participant.photos.order_by("pk")[photo_index]
        testimony.related_photos.add(photo)


PROJECT_PAGE_CS = {
    "title": "Integrace očima lidí, kteří ji žijí",
    "intro": (
        "Fotografie a slova účastníků projektu PhotoVoice. Každá položka je zde "
        "se souhlasem autora a pod jménem, které si sám zvolil."
    ),
}
PROJECT_PAGE_EN = {
    PROJECT_PAGE_CS["title"]: "Integration seen by the people who live it",
    PROJECT_PAGE_CS["intro"]: (
        "Photos and words of the PhotoVoice project's participants. Every item is here "
        "with its author's consent and under the name they chose."
    ),
}


def ensure_project_page(project: Project) -> ProjectPage:
    """The project's public page under the Czech home page, and its English translation."""
    home = Site.objects.get(is_default_site=True).root_page
    page = ProjectPage.objects.child_of(home).filter(project=project).first()
    if page is None:
        page = home.add_child(
            instance=ProjectPage(project=project, slug=project.slug, **PROJECT_PAGE_CS)
        )
        page.save_revision().publish()
    translate(page, "en", PROJECT_PAGE_EN)
    return page


def ensure_demo_archive() -> Project:
    project = ensure_project()
    themes = ensure_themes()
    participants = {spec.code: ensure_participant(project, spec, themes) for spec in PARTICIPANTS}
    ensure_testimonies(participants)
    ensure_project_page(project)
    return project
