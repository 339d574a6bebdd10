"""The consent texts participants read in the portal, versioned, one per language.

These are deliberately not gettext strings: a consent text is a document, and
the exact words a participant agreed to must not change when translations are
updated. A change in wording is a new version (add it, point
``CURRENT_VERSION`` at it, and keep the old one so records stay readable).
The version stored with each consent record is ``portal-<version>``.
"""

from dataclasses import dataclass

CURRENT_VERSION = "2026-1"
#: Used when the participant's language has no text of its own yet.
FALLBACK_LANGUAGE = "en"

TEXTS: dict[str, dict[str, str]] = {
    "2026-1": {
        "en": (
            "You own your photos, recordings and words. You let this project show them "
            "only in the places you ticked above, under the name you chose. "
            "Before anything is shown, a curator looks at it. "
            "If there are people in a photo who can be recognised, tell us whether they agreed. "
            'You can change your mind at any time on the page "My contributions": '
            "take back one use, one item or everything. We then stop showing it at once. "
            "Printed copies already handed out cannot be collected again. "
            "We keep your original files privately and never show where or when a photo "
            "was taken unless you write it yourself."
        ),
        "cs": (
            "Vaše fotografie, nahrávky a slova patří vám. Dovolujete tomuto projektu ukazovat je "
            "jen na místech, která jste výše zaškrtli, a pod jménem, které jste zvolili. "
            "Než se cokoli ukáže, podívá se na to kurátor nebo kurátorka. "
            "Pokud jsou na fotografii poznatelní lidé, napište nám, zda souhlasili. "
            "Svůj názor můžete kdykoli změnit na stránce „Moje příspěvky“: "
            "vzít zpět jedno použití, jednu věc nebo všechno. Pak to hned přestaneme ukazovat. "
            "Tištěné materiály, které už byly rozdány, nelze vybrat zpět. "
            "Původní soubory uchováváme neveřejně a nikdy neukazujeme, kde a kdy byla "
            "fotografie pořízena, pokud to sami nenapíšete."
        ),
        "ru": (
            "Ваши фотографии, записи и слова принадлежат вам. Вы разрешаете этому проекту "
            "показывать их только там, где вы поставили отметку выше, и под тем именем, "
            "которое вы выбрали. Прежде чем что-то показать, куратор это проверяет. "
            "Если на фотографии можно узнать людей, напишите нам, согласились ли они. "
            "Вы можете в любое время передумать на странице «Мои материалы»: "
            "отозвать одно использование, один материал или всё сразу. Тогда мы сразу "
            "перестанем это показывать. Уже розданные печатные материалы забрать нельзя. "
            "Ваши исходные файлы мы храним закрыто и никогда не показываем, где и когда "
            "сделана фотография, если вы сами этого не написали."
        ),
        "uk": (
            "Ваші фотографії, записи та слова належать вам. Ви дозволяєте цьому проєкту "
            "показувати їх лише там, де ви поставили позначку вище, і під тим ім'ям, "
            "яке ви обрали. Перш ніж щось показати, куратор це переглядає. "
            "Якщо на фотографії можна впізнати людей, напишіть нам, чи вони погодилися. "
            "Ви можете будь-коли передумати на сторінці «Мої матеріали»: "
            "відкликати одне використання, один матеріал або все. Тоді ми одразу "
            "перестанемо це показувати. Уже роздані друковані матеріали забрати не можна. "
            "Ваші оригінальні файли ми зберігаємо приховано й ніколи не показуємо, де і коли "
            "зроблено фотографію, якщо ви самі цього не написали."
        ),
    },
}


@dataclass(frozen=True)
class ConsentText:
    version: str
    language: str
    text: str

    @property
    def recorded_version(self) -> str:
        """The version as stored on consent records."""
        return f"portal-{self.version}"


def consent_text(language: str, version: str = CURRENT_VERSION) -> ConsentText:
    """The text to show a participant reading ``language``: in that language
    when it exists, otherwise in English (and recorded as English)."""
    texts = TEXTS[version]
    if language not in texts:
        language = FALLBACK_LANGUAGE
    return ConsentText(version, language, texts[language])
