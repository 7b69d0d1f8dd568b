"""The interface ships in English, Russian and Uzbek: every string translated."""

import subprocess
from pathlib import Path

from django.utils import translation

import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale"
LANGUAGES = ["ru", "uz"]


def catalogue(language, domain="django"):
    return LOCALE / language / "LC_MESSAGES" / f"{domain}.po"


def entries(path):
    """The untranslated and the fuzzy entries, as gettext's own msgattrib lists them."""
    untranslated = subprocess.run(  # noqa: S603
        ["msgattrib", "--untranslated", "--no-wrap", str(path)],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    fuzzy = subprocess.run(  # noqa: S603
        ["msgattrib", "--only-fuzzy", "--no-wrap", str(path)],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return untranslated, fuzzy


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_interface_string_is_translated(language):
    untranslated, fuzzy = entries(catalogue(language))
    missing = [
        line
        for line in untranslated.splitlines()
        if line.startswith("msgid ") and line != 'msgid ""'
    ]
    unsure = [
        line for line in fuzzy.splitlines() if line.startswith("msgid ") and line != 'msgid ""'
    ]
    assert missing == [], f"untranslated in {language}: {missing[:10]}"
    assert unsure == [], f"fuzzy in {language}: {unsure[:10]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogues_keep_every_placeholder(language):
    result = subprocess.run(  # noqa: S603
        ["msgfmt", "--check", "-o", "/dev/null", str(catalogue(language))],  # noqa: S607
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("language", "english"),
    [("ru", "My learning"), ("uz", "My learning"), ("ru", "Log in"), ("uz", "Courses")],
)
def test_the_interface_speaks_the_language(language, english):
    with translation.override(language):
        translated = translation.gettext(english)
    assert translated and translated != english
