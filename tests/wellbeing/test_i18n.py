"""The wording catalogue: both languages for every key, the same placeholders, no clash with the audit."""

from __future__ import annotations

import string
from typing import Any

import pytest

from kpiwell.engine.audit.i18n import findings as audit_findings
from kpiwell.engine.audit.i18n import report as audit_report
from kpiwell.engine.wellbeing.config import WellbeingConfig
from kpiwell.engine.wellbeing.i18n import CATALOGUE
from kpiwell.engine.wellbeing.radar import RULES, survey_findings
from tests.wellbeing.builders import AS_OF, ROUND_1, ROUND_2, Org

VIETNAMESE_LETTERS = set("ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")


def _names(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


class _Render(string.Formatter):
    def format_field(self, value: Any, format_spec: str) -> str:
        return str(value) if format_spec == "num" else format(value, format_spec)


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_key_has_english_and_vietnamese_with_the_same_placeholders(key: str) -> None:
    texts = CATALOGUE[key]
    assert set(texts) == {"en", "vi"}
    assert texts["en"].strip()
    assert VIETNAMESE_LETTERS & set(texts["vi"].lower()), "Vietnamese needs its diacritics"
    assert _names(texts["en"]) == _names(texts["vi"])


def test_no_key_clashes_with_the_audit_catalogues() -> None:
    assert not set(CATALOGUE) & set(audit_findings.CATALOGUE)
    assert not set(CATALOGUE) & set(audit_report.CATALOGUE)


def test_every_message_variant_and_remedy_exists() -> None:
    for code, rules in RULES.items():
        for rule in rules:
            assert f"code.{code}.message.team-{rule}" in CATALOGUE
        assert f"code.{code}.remedy.team" in CATALOGUE


def test_the_params_of_real_findings_fill_their_templates_in_both_languages() -> None:
    # A: WHO-5 falls 80 -> 40 (motivation-loss, burnout-risk by WHO-5); B: CBI share only;
    # C: CBI mean; D: eNPS falls +40 -> -20 (both turnover rules)
    org = Org()
    a, b, c, d = (org.team(name, 6) for name in "ABCD")
    org.who5(a, ROUND_1, [80] * 6)
    org.who5(a, ROUND_2, [40] * 6)
    org.cbi_work(b, ROUND_2, [3, 3, 1, 1, 1, 1])
    org.cbi_work(c, ROUND_2, [3] * 6)
    org.enps(d, ROUND_1, [9, 9, 9, 9, 7, 3])
    org.enps(d, ROUND_2, [9, 7, 3, 3, 3, 8])
    outcome = survey_findings(
        surveys=org.surveys(), people=org.people_frame(), config=WellbeingConfig(), as_of=AS_OF
    )
    keys = {finding.message_key for finding in outcome.findings}
    assert keys == {
        "code.burnout-risk.message.team-who5-mean",
        "code.burnout-risk.message.team-cbi-work-share",
        "code.burnout-risk.message.team-cbi-work-mean",
        "code.motivation-loss.message.team-who5-fall",
        "code.turnover-risk.message.team-enps-low",
    }
    for finding in outcome.findings:
        assert finding.team is not None
        for lang in ("en", "vi"):
            message = _Render().format(CATALOGUE[finding.message_key][lang], **finding.params)
            remedy = _Render().format(CATALOGUE[finding.remedy_key][lang], **finding.params)
            assert finding.team in message
            assert "{" not in message
            assert "{" not in remedy
