"""Instrument texts: verbatim English with citations; Vietnamese flagged and shown with the original."""

from __future__ import annotations

import pytest

from kpiwell.engine.wellbeing.instruments import INSTRUMENTS, cbi_work
from kpiwell.engine.wellbeing.texts import (
    CBI_PERSONAL_EN,
    CBI_WORK_EN,
    ENPS_EN,
    TEXTS,
    WHO5_EN,
    texts_for,
)


def test_who5_english_is_verbatim_and_in_order() -> None:
    assert WHO5_EN.stem == (
        "Please indicate for each of the five statements which is closest to how you have been feeling "
        "over the last two weeks."
    )
    assert [item.text for item in WHO5_EN.items] == [
        "I have felt cheerful and in good spirits.",
        "I have felt calm and relaxed.",
        "I have felt active and vigorous.",
        "I woke up feeling fresh and rested.",
        "My daily life has been filled with things that interest me.",
    ]
    assert [(option.label, option.response) for option in WHO5_EN.items[0].answers] == [
        ("All of the time", 5),
        ("Most of the time", 4),
        ("More than half of the time", 3),
        ("Less than half of the time", 2),
        ("Some of the time", 1),
        ("At no time", 0),
    ]
    assert "WHO Regional Office for Europe" in WHO5_EN.citation
    assert "Topp" in WHO5_EN.citation


def test_cbi_personal_english_is_verbatim() -> None:
    assert [item.text for item in CBI_PERSONAL_EN.items] == [
        "How often do you feel tired?",
        "How often are you physically exhausted?",
        "How often are you emotionally exhausted?",
        'How often do you think: "I can\'t take it anymore"?',
        "How often do you feel worn out?",
        "How often do you feel weak and susceptible to illness?",
    ]
    assert [option.label for option in CBI_PERSONAL_EN.items[0].answers] == [
        "Always",
        "Often",
        "Sometimes",
        "Seldom",
        "Never/almost never",
    ]
    assert "Kristensen" in CBI_PERSONAL_EN.citation


def test_cbi_work_uses_frequency_then_degree_answers_and_marks_item_four_reversed() -> None:
    assert [item.text for item in CBI_WORK_EN.items] == [
        "Do you feel worn out at the end of the working day?",
        "Are you exhausted in the morning at the thought of another day at work?",
        "Do you feel that every working hour is tiring for you?",
        "Do you have enough energy for family and friends during leisure time?",
        "Is your work emotionally exhausting?",
        "Does your work frustrate you?",
        "Do you feel burnt out because of your work?",
    ]
    assert [item.reverse_scored for item in CBI_WORK_EN.items] == [
        False,
        False,
        False,
        True,
        False,
        False,
        False,
    ]
    assert CBI_WORK_EN.items[3].answers[0].label == "Always"
    assert [(option.label, option.response) for option in CBI_WORK_EN.items[4].answers] == [
        ("To a very high degree", 4),
        ("To a high degree", 3),
        ("Somewhat", 2),
        ("To a low degree", 1),
        ("To a very low degree", 0),
    ]


def test_the_reverse_flag_agrees_with_the_scoring() -> None:
    reversed_items = {item.number for item in CBI_WORK_EN.items if item.reverse_scored}
    assert reversed_items == set(INSTRUMENTS["cbi-work"].reverse_items)
    # choosing the first option everywhere: 6 items at 100 and item 4 at 0 -> 600 / 7
    first = [item.answers[0].response for item in CBI_WORK_EN.items]
    score = cbi_work(first)
    assert score is not None
    assert score.score == pytest.approx(600 / 7)


def test_enps_question_is_the_workplace_question_on_zero_to_ten() -> None:
    assert (
        ENPS_EN.items[0].text
        == "How likely is it that you would recommend this organisation as a place to work?"
    )
    assert [option.response for option in ENPS_EN.items[0].answers] == list(range(11))


@pytest.mark.parametrize("instrument", ["who5", "cbi-personal", "cbi-work", "enps"])
def test_vietnamese_is_flagged_unofficial_and_comes_with_the_english_original(instrument: str) -> None:
    shown = texts_for(instrument, "vi")
    assert [text.language for text in shown] == ["vi", "en"]
    translation, original = shown
    assert not translation.official
    assert not translation.validated
    assert translation.note is not None
    assert "unvalidated" in translation.note
    assert "chưa được thẩm định" in translation.note
    assert len(translation.items) == len(original.items) == INSTRUMENTS[instrument].items
    for translated, english in zip(translation.items, original.items, strict=True):
        assert translated.number == english.number
        assert translated.reverse_scored == english.reverse_scored
        assert [option.response for option in translated.answers] == [
            option.response for option in english.answers
        ]
        assert translated.text != english.text


def test_english_is_shown_alone_and_is_the_source_wording() -> None:
    (text,) = texts_for("who5", "en")
    assert text is WHO5_EN
    assert text.official
    assert text.note is None


def test_no_text_is_shipped_for_mini_z() -> None:
    with pytest.raises(ValueError, match="licence is unverified"):
        texts_for("mini-z", "en")
    assert {instrument for instrument, _ in TEXTS} == {"who5", "cbi-personal", "cbi-work", "enps"}


@pytest.mark.parametrize("instrument", ["mbi", "q12", "uwes", "aws"])
def test_no_text_is_shipped_for_licensed_instruments(instrument: str) -> None:
    with pytest.raises(ValueError, match="no text is shipped"):
        texts_for(instrument, "en")


def test_an_unknown_language_is_rejected() -> None:
    with pytest.raises(ValueError, match="no 'fr' text"):
        texts_for("who5", "fr")
