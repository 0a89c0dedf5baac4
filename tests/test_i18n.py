"""The interface's strings: French and English hold the same keys and placeholders."""

import string

import pytest

import i18n


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_languages_have_every_key():
    fr, en = i18n.strings("fr"), i18n.strings("en")
    assert set(fr) - set(en) == set(), "keys missing in English"
    assert set(en) - set(fr) == set(), "keys missing in French"
    assert len(fr) > 50


def test_placeholders_match_between_languages():
    fr, en = i18n.strings("fr"), i18n.strings("en")
    for key in fr:
        assert placeholders(fr[key]) == placeholders(en[key]), key


def test_french_strings_use_the_typographic_apostrophe():
    for key, text in i18n.strings("fr").items():
        assert "'" not in text, key


def test_t_fills_placeholders_and_refuses_unknown_keys():
    assert i18n.t("form.progress", "fr", k=2, n=5) == "Page 2 de 5"
    assert i18n.t("form.progress", "en", k=2, n=5) == "Page 2 of 5"
    with pytest.raises(i18n.MissingString):
        i18n.t("no.such.key", "fr")


@pytest.mark.parametrize(
    ("locale", "lang"),
    [("fr-CA", "fr"), ("en-CA", "en"), ("en_US", "en"), ("de-DE", "fr"), (None, "fr"), ("", "fr")],
)
def test_browser_locale_picks_the_language(locale, lang):
    assert i18n.resolve_lang(locale) == lang


def test_numbers_follow_the_language():
    assert i18n.number(12.5, "fr", 1) == "12,5"
    assert i18n.number(12.5, "en", 1) == "12.5"
    assert i18n.number(1234, "fr") == "1\u202f234"


def test_french_spacing_keeps_colons_and_guillemets_on_their_line():
    assert i18n.french_spacing("Sources : A, « b »") == "Sources\u00a0: A, «\u00a0b\u00a0»"
    assert i18n.french_spacing("12:30 et 3:4") == "12:30 et 3:4"
    assert all(" :" not in text and "« " not in text for text in i18n.strings("fr").values())
