"""The audit's one translatable place: ``t(key, lang, **params)`` over the merged catalogues.

``findings.py`` holds the findings' wording (codes, causes, harms, severities, notes),
``report.py`` the input errors, command line and report, and ``kpiwell.engine.wellbeing.i18n`` the
survey-based radar findings; each maps key -> {"en": ..., "vi": ...}.
A missing key, language or placeholder value raises ``KeyError``: there is no silent fallback.
Numbers are printed in the language's convention (``1,234.5`` in English, ``1.234,5`` in
Vietnamese); the extra format specs ``num`` (a readable number) and ``date`` (an ISO date in the
language's usual form) are available to every template.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from datetime import date
from typing import Any, Final

from kpiwell.engine.audit.findings import Finding, Note
from kpiwell.engine.audit.i18n import findings as _findings
from kpiwell.engine.audit.i18n import report as _report
from kpiwell.engine.wellbeing import i18n as _wellbeing

LANGUAGES: Final = ("en", "vi")
MISSING_VALUE: Final = "—"


def _merge(*catalogues: Mapping[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for catalogue in catalogues:
        for key, texts in catalogue.items():
            if key in merged:
                raise KeyError(f"message key {key!r} is defined in two catalogues")
            merged[key] = dict(texts)
    return merged


CATALOGUE: Final[dict[str, dict[str, str]]] = _merge(
    _findings.CATALOGUE, _report.CATALOGUE, _wellbeing.CATALOGUE
)


def _readable(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    magnitude = abs(value)
    if magnitude >= 1000:
        return f"{value:,.0f}"
    if magnitude >= 1:
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    text = f"{value:.3g}"
    if "e" in text:
        text = f"{value:.10f}".rstrip("0").rstrip(".")
    return text


def _swap_separators(text: str) -> str:
    return text.translate(str.maketrans(",.", ".,"))


class _Formatter(string.Formatter):
    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        if value is None:
            return MISSING_VALUE
        if format_spec == "date":
            day = value if isinstance(value, date) else date.fromisoformat(str(value))
            return day.strftime("%d/%m/%Y") if self.lang == "vi" else day.isoformat()
        is_number = isinstance(value, int | float) and not isinstance(value, bool)
        numeric = format_spec == "num" and is_number
        text = _readable(float(value)) if numeric else format(value, format_spec)
        if self.lang == "vi" and is_number:
            text = _swap_separators(text)
        return text


def template(key: str, lang: str) -> str:
    """The raw template; ``KeyError`` for an unknown key or a language the key lacks."""
    if lang not in LANGUAGES:
        raise KeyError(f"unknown language {lang!r}; expected one of {', '.join(LANGUAGES)}")
    texts = CATALOGUE[key]
    return texts[lang]


def placeholders(key: str, lang: str) -> set[str]:
    """The names a template needs."""
    return {name for _, name, _, _ in string.Formatter().parse(template(key, lang)) if name}


def t(key: str, lang: str, **params: Any) -> str:
    """The text for ``key`` in ``lang`` with ``params`` filled in."""
    return _Formatter(lang).format(template(key, lang), **params)


def _finding_params(finding: Finding) -> dict[str, Any]:
    return {"team": finding.team, "person_id": finding.person_id, "kpi": finding.kpi, **finding.params}


def render_title(finding: Finding, lang: str) -> str:
    return t(f"code.{finding.code}.title", lang)


def render_message(finding: Finding, lang: str) -> str:
    return t(finding.message_key, lang, **_finding_params(finding))


def render_remedy(finding: Finding, lang: str) -> str:
    return t(finding.remedy_key, lang, **_finding_params(finding))


def render_note(note: Note, lang: str) -> str:
    return t(note.key, lang, **note.params)


__all__ = [
    "CATALOGUE",
    "LANGUAGES",
    "placeholders",
    "render_message",
    "render_note",
    "render_remedy",
    "render_title",
    "t",
    "template",
]
