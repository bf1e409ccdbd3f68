"""The audit's one translatable place: ``t(key, lang, **params)`` over the merged catalogues.

``findings.py`` holds the findings' wording (codes, causes, harms, severities, notes),
``report.py`` the input errors, command line and report, and ``kpiwell.engine.wellbeing.i18n`` the
survey-based radar findings; each maps key -> {"en": ..., "vi": ...}.
A missing key, language or placeholder value raises ``KeyError``: there is no silent fallback.
Numbers are printed in the language's convention (``1,234.5`` in English, ``1.234,5`` in
Vietnamese); the extra format specs ``num`` (a readable number) and ``date`` (an ISO date in the
language's usual form) are available to every template.

:func:`render_rows` fills one template for every row of a frame at once (tens of thousands of
findings): each placeholder's distinct values are formatted by the same code as :func:`t`, and
Polars puts the pieces together.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from datetime import date
from typing import Any, Final

import numpy as np
import polars as pl

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


_SWAP_SEPARATORS: Final = str.maketrans(",.", ".,")


def _swap_separators(text: str) -> str:
    return text.translate(_SWAP_SEPARATORS)


def _format_field(value: Any, format_spec: str, lang: str) -> str:
    """One placeholder's text: ``num`` and ``date`` specs, numbers in the language's convention."""
    if value is None:
        return MISSING_VALUE
    if format_spec == "date":
        day = value if isinstance(value, date) else date.fromisoformat(str(value))
        return day.strftime("%d/%m/%Y") if lang == "vi" else day.isoformat()
    is_number = isinstance(value, (int, float)) and not isinstance(value, bool)
    numeric = format_spec == "num" and is_number
    text = _readable(float(value)) if numeric else format(value, format_spec)
    if lang == "vi" and is_number:
        text = _swap_separators(text)
    return text


class _Formatter(string.Formatter):
    """The general path, for templates the compiled path does not cover (see ``_compiled``)."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        return _format_field(value, format_spec, self.lang)


def template(key: str, lang: str) -> str:
    """The raw template; ``KeyError`` for an unknown key or a language the key lacks."""
    if lang not in LANGUAGES:
        raise KeyError(f"unknown language {lang!r}; expected one of {', '.join(LANGUAGES)}")
    texts = CATALOGUE[key]
    return texts[lang]


def placeholders(key: str, lang: str) -> set[str]:
    """The names a template needs."""
    return {name for _, name, _, _ in string.Formatter().parse(template(key, lang)) if name}


# Each template parsed once (keyed by its text, so an edited catalogue entry is parsed anew):
# (literal text, field name or None, format spec) per part, or None when a field needs the general
# ``string.Formatter`` path (attribute or index access, a conversion such as ``!r``, nested fields
# in the spec, positional fields).
_Parsed = tuple[tuple[str, str | None, str], ...] | None
_PARSED: dict[str, _Parsed] = {}


def _parse(text: str) -> _Parsed:
    parts: list[tuple[str, str | None, str]] = []
    for literal, name, spec, conversion in string.Formatter().parse(text):
        if name is None:
            parts.append((literal, None, ""))
        elif conversion or not name.isidentifier() or "{" in (spec or ""):
            return None
        else:
            parts.append((literal, name, spec or ""))
    return tuple(parts)


def _parsed(text: str) -> _Parsed:
    try:
        return _PARSED[text]
    except KeyError:
        parsed = _PARSED[text] = _parse(text)
        return parsed


def t(key: str, lang: str, **params: Any) -> str:
    """The text for ``key`` in ``lang`` with ``params`` filled in."""
    text = template(key, lang)
    parsed = _parsed(text)
    if parsed is None:
        return _Formatter(lang).format(text, **params)
    out: list[str] = []
    for literal, name, spec in parsed:
        out.append(literal)
        if name is not None:
            value = params[name]
            out.append(value if spec == "" and type(value) is str else _format_field(value, spec, lang))
    return "".join(out)


def _formatted(values: pl.Series, spec: str, lang: str) -> pl.Series:
    """Each value as ``t`` writes it for a ``{name:spec}`` placeholder, formatting distinct values once."""
    if values.dtype == pl.String and spec == "":
        return values.fill_null(MISSING_VALUE)
    if values.dtype.is_float() and spec != "date":
        # Polars counts -0.0 and 0.0 as one value, but they are written differently ("-0%"), so
        # floats are told apart by their bits; np.unique also gives each row's distinct value, so
        # the texts are gathered rather than looked up. _format_field's own steps for a float run
        # without its dispatch per value (most distinct values are floats: thousands of p_attain
        # and suggested targets).
        bits = values.fill_null(0.0).to_numpy().view(np.uint64)
        distinct_bits, inverse = np.unique(bits, return_inverse=True)
        floats = distinct_bits.view(np.float64).tolist()
        texts = (
            [_readable(value) for value in floats]
            if spec == "num"
            else [format(value, spec) for value in floats]
        )
        if lang == "vi":
            texts = [text.translate(_SWAP_SEPARATORS) for text in texts]
        written = pl.Series(texts, dtype=pl.String).gather(inverse)
        if not values.null_count():
            return written
    else:
        if values.dtype.is_float():  # a date spec on floats: the general path
            keys = pl.Series(values.fill_null(0.0).to_numpy().view(np.uint64))
            distinct = keys.unique()
            originals = distinct.to_numpy().view(np.float64).tolist()
        elif values.dtype.is_numeric() or values.dtype in (pl.String, pl.Boolean):
            keys = values
            distinct = values.drop_nulls().unique()
            originals = distinct.to_list()
        else:  # lists and other nested values, which have no distinct-value shortcut
            return pl.Series(
                [_format_field(value, spec, lang) for value in values.to_list()], dtype=pl.String
            )
        texts = [_format_field(value, spec, lang) for value in originals]
        written = keys.replace_strict(distinct, texts, return_dtype=pl.String)
    return pl.select(pl.when(values.is_null()).then(pl.lit(MISSING_VALUE)).otherwise(written)).to_series()


def render_rows(
    key: str, lang: str, params: pl.DataFrame, formatted: dict[tuple[str, str], pl.Series] | None = None
) -> pl.Series:
    """``t(key, lang, **row)`` for every row of ``params`` (a column per placeholder; others ignored).

    ``formatted`` keeps each (column, format spec)'s texts for further templates over the same
    ``params`` (a message and its remedy often show the same number), as :func:`render_expr`."""
    parsed = _parsed(template(key, lang))
    if parsed is None:  # a template only the general formatter reads: row by row
        return pl.Series([t(key, lang, **row) for row in params.iter_rows(named=True)], dtype=pl.String)
    if all(name is None for _, name, _ in parsed):
        return pl.repeat("".join(literal for literal, _, _ in parsed), params.height, eager=True)
    fields: dict[tuple[str, str], pl.Series] = {} if formatted is None else formatted
    expression = render_expr(key, lang, params, fields)
    assert expression is not None  # the template parsed above
    return pl.DataFrame(list(fields.values())).select(expression).to_series()


def render_expr(
    key: str, lang: str, params: pl.DataFrame, formatted: dict[tuple[str, str], pl.Series]
) -> pl.Expr | None:
    """The expression of ``t(key, lang, **row)`` over a frame of ``formatted``'s columns (each
    placeholder's texts for every row of ``params``, formatted by the same code as :func:`t`,
    distinct values once), adding the columns it needs to ``formatted`` (keyed by column and format
    spec, named ``_f0``, ``_f1`` ... in the order they are added). None for a template only the
    general formatter reads (:func:`render_rows` renders it row by row)."""
    pieces = render_pieces(key, lang, params, formatted)
    if pieces is None:
        return None
    if len(pieces) == 1 and isinstance(pieces[0], str):  # no placeholder: the same text on every row
        return pl.lit(pieces[0], dtype=pl.String)
    return pl.concat_str([pl.lit(piece) if isinstance(piece, str) else piece for piece in pieces])


def render_pieces(
    key: str, lang: str, params: pl.DataFrame, formatted: dict[tuple[str, str], pl.Series]
) -> list[str | pl.Expr] | None:
    """:func:`render_expr`'s text as its pieces in order: the template's literal texts (``str``, none
    empty; all of them joined into one when there is no placeholder) and a column of ``formatted``
    per placeholder, for a caller that puts them into a longer text (a line of ``findings.json``)."""
    parsed = _parsed(template(key, lang))
    if parsed is None:
        return None
    if all(name is None for _, name, _ in parsed):
        return ["".join(literal for literal, _, _ in parsed)]
    pieces: list[str | pl.Expr] = []
    for literal, name, spec in parsed:
        if literal:
            pieces.append(literal)
        if name is not None:
            texts = formatted.get((name, spec))
            if texts is None:
                texts = _formatted(params.get_column(name), spec, lang).alias(f"_f{len(formatted)}")
                formatted[(name, spec)] = texts
            pieces.append(pl.col(texts.name))
    return pieces


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
    "render_expr",
    "render_message",
    "render_note",
    "render_pieces",
    "render_remedy",
    "render_rows",
    "render_title",
    "t",
    "template",
]
