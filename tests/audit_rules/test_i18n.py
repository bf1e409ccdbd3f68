from __future__ import annotations

import math
import re
from datetime import date, timedelta

import polars as pl
import pytest

from kpiwell.engine.audit import CODES, audit, frames
from kpiwell.engine.audit.findings import Finding, Note, Severity
from kpiwell.engine.audit.i18n import (
    CATALOGUE,
    LANGUAGES,
    placeholders,
    render_message,
    render_note,
    render_remedy,
    render_rows,
    t,
    template,
)
from kpiwell.engine.audit.i18n import findings as findings_catalogue

from .builders import actuals, assignment, plan, series

ISSUE_3_CODES = (
    "unrealistic-target",
    "safe-target",
    "uniform-target",
    "low-involvement",
    "locked-target",
    "quantitative-only",
    "no-purpose",
    "feedback-gap",
    "recognition-drought",
    "turnover-risk",
)
VIETNAMESE_LETTERS = re.compile("[ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]", re.I)


def test_every_key_has_every_language() -> None:
    for key, texts in CATALOGUE.items():
        assert set(texts) == set(LANGUAGES), key
        assert all(text.strip() for text in texts.values()), key


def test_both_languages_use_the_same_placeholders() -> None:
    for key in CATALOGUE:
        assert placeholders(key, "en") == placeholders(key, "vi"), key


def test_findings_wording_in_vietnamese_has_diacritics_and_differs_from_english() -> None:
    for key, texts in findings_catalogue.CATALOGUE.items():
        assert texts["vi"] != texts["en"], key
        assert VIETNAMESE_LETTERS.search(texts["vi"]), key


@pytest.mark.parametrize("code", CODES)
def test_every_code_has_title_message_and_remedy(code: str) -> None:
    for part in ("title", "remedy"):
        for lang in LANGUAGES:
            assert template(f"code.{code}.{part}", lang).strip()
    assert any(key.startswith(f"code.{code}.message") for key in CATALOGUE)
    assert placeholders(f"code.{code}.title", "en") == set()


def test_causes_harms_and_severities_are_named() -> None:
    for lang in LANGUAGES:
        assert [t(f"cause.{n}", lang) for n in range(1, 6)]
        assert [t(f"harm.{n}", lang) for n in range(1, 8)]
        assert [t(f"severity.{s.value}", lang) for s in Severity]


def test_missing_key_language_or_value_raises() -> None:
    with pytest.raises(KeyError):
        t("code.no-such-code.message", "en")
    with pytest.raises(KeyError):
        t("severity.info", "fr")
    with pytest.raises(KeyError):
        t("code.feedback-gap.message.never", "en")


def test_numbers_follow_the_language_convention() -> None:
    finding = Finding(
        code="unrealistic-target",
        cause=1,
        harm=None,
        severity=Severity.WARNING,
        team="T",
        person_id="p1",
        kpi="calls",
        evidence={},
        message_key="code.unrealistic-target.message",
        remedy_key="code.unrealistic-target.remedy",
        params={
            "p_attain": 0.125,
            "target": 1234.5,
            "history_periods": 20,
            "suggested_target": 97.25,
            "suggest_probability": 0.65,
        },
    )
    en = render_message(finding, "en")
    vi = render_message(finding, "vi")
    assert "1,234" in en and "97.25" in en and "12%" in en
    assert "1.234" in vi and "97,25" in vi and "p1" in vi and "calls" in vi


def test_dates_are_written_day_first_in_vietnamese() -> None:
    assert (
        t(
            "code.locked-target.message",
            "vi",
            team="T",
            kpi="k",
            shift=-0.3,
            shift_period_end="2024-05-04",
            before_median=10.0,
            after_median=7.0,
        ).count("04/05/2024")
        == 1
    )
    assert "2024-05-04" in t(
        "code.locked-target.message",
        "en",
        team="T",
        kpi="k",
        shift=-0.3,
        shift_period_end="2024-05-04",
        before_median=10.0,
        after_median=7.0,
    )


def test_every_note_has_a_summary_without_placeholders() -> None:
    notes = [
        key
        for key in findings_catalogue.CATALOGUE
        if key.startswith("note.") and not key.endswith(".summary")
    ]
    assert notes
    for key in notes:
        for lang in LANGUAGES:
            assert placeholders(f"{key}.summary", lang) == set()
    assert "T9" in render_note(Note(key="note.set-by-unknown", params={"team": "T9"}), "vi")


def test_every_placeholder_a_finding_uses_is_provided() -> None:
    """Every code and message variant, from crafted inputs, renders in both languages."""
    as_of = date(2024, 6, 29)
    rows = plan(
        assignment("a", target=100.0, set_by="manager", purpose=None),
        assignment("b", target=100.0, set_by="manager"),
        assignment("c", target=100.0, set_by="manager"),
        assignment("d", target=100.0, set_by="manager"),
        assignment("e", target=50.0, kpi="calls", team="U", set_by=None),
    )
    values = actuals(
        series("a", [60.0] * 78),
        series("b", [100.0] * 66 + [60.0] * 12),
        series("c", [160.0] * 78),
        series("d", [100.0] * 66 + [60.0] * 12),
        series("e", [100.0] * 78, kpi="calls"),
    )
    checkins = pl.DataFrame(
        [
            {
                "person_id": "a",
                "date": as_of - timedelta(days=20),
                "manager_id": None,
                "mood": None,
                "workload": None,
            }
        ],
        schema=frames.CHECKINS_SCHEMA,
        orient="row",
    )
    recognition = pl.DataFrame(
        [{"to_id": "a", "date": as_of - timedelta(days=40), "from_id": None, "kind": None, "note": None}],
        schema=frames.RECOGNITION_SCHEMA,
        orient="row",
    )
    turnover = pl.DataFrame(
        [
            {"person_id": "a", "probability": 0.8, "band": "high", "drivers": ["workload"]},
            {"person_id": "b", "probability": None, "band": "high", "drivers": None},
            {"person_id": "x", "probability": 0.9, "band": "high", "drivers": []},
        ],
        schema=frames.TURNOVER_SCORES_SCHEMA,
        orient="row",
    )
    result = audit(rows, values, checkins, recognition, as_of=as_of, turnover=turnover)
    assert set(ISSUE_3_CODES) - {f.code for f in result.findings} == set()
    message_keys = {f.message_key for f in result.findings}
    variants = {
        key
        for key in findings_catalogue.CATALOGUE
        if key.startswith(tuple(f"code.{code}.message" for code in ISSUE_3_CODES))
    }
    assert variants <= message_keys
    for finding in result.findings:
        for lang in LANGUAGES:
            for key in (finding.message_key, finding.remedy_key):
                provided = {"team", "person_id", "kpi", *finding.params}
                assert placeholders(key, lang) <= provided, (key, lang)
            assert "{" not in render_message(finding, lang) + render_remedy(finding, lang)
    for note in result.note_details:
        for lang in LANGUAGES:
            assert placeholders(note.key, lang) <= set(note.params)
            assert render_note(note, lang)
    for key in result.notes:
        for lang in LANGUAGES:
            assert t(key, lang)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_render_rows_writes_every_float_as_t_does(lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    floats = [0.5, -0.0, 0.0, math.nan, math.inf, -math.inf, 1e-7, 1234.5, 1e16, None, 2.0, -1234567.891]
    text = "{a} | {a:num} | {a:.0%} | {a:+.0%} | {a:.2f} | {a:,.1f} | {a:g}"
    monkeypatch.setitem(CATALOGUE, "test.floats", {"en": text, "vi": text})
    rows = render_rows("test.floats", lang, pl.DataFrame({"a": floats}, schema={"a": pl.Float64}))
    assert rows.to_list() == [t("test.floats", lang, a=value) for value in floats]
    no_nulls = [value for value in floats if value is not None]
    rows = render_rows("test.floats", lang, pl.DataFrame({"a": no_nulls}, schema={"a": pl.Float64}))
    assert rows.to_list() == [t("test.floats", lang, a=value) for value in no_nulls]
    assert render_rows("test.floats", lang, pl.DataFrame(schema={"a": pl.Float64})).to_list() == []
