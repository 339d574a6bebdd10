"""Fill the portal's translations into a .po file (only empty entries, unless
--force): ``python portal/i18n/merge.py locale/ru/LC_MESSAGES/django.po ru``."""

import sys

import polib
from translations import CS_ONLY, T

COLUMN = {"cs": 0, "ru": 1, "uk": 2}


def merge(path: str, language: str, force: bool = False) -> int:
    po = polib.pofile(path)
    wanted = {key: values[COLUMN[language]] for key, values in T.items()}
    if language == "cs":
        wanted.update(CS_ONLY)
    count = 0
    for entry in po:
        if entry.msgid in wanted and (force or not entry.msgstr):
            entry.msgstr = wanted[entry.msgid]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            count += 1
    po.save(path)
    return count


if __name__ == "__main__":
    print(merge(sys.argv[1], sys.argv[2], "--force" in sys.argv))
