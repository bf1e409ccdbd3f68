"""A person's value of a column, in plain words ("works overtime", "low job satisfaction (1 of 4)").

Well-known HR columns have their own wording in ``config.phrases``; everything else is said from
the column name split into words, so any HR table gets readable drivers:

* yes/no: "works overtime" (phrase) or "<words>: yes";
* ordinal scale: "low job satisfaction (1 of 4)" (low in the lower half of the scale seen in the
  training data, high in the upper half, middle at its centre);
* number: "monthly income 2,090 (typical 4,919)" (typical: the training median);
* category: "job role: Sales Representative".
"""

from __future__ import annotations

from kpiwell.engine.turnover.columns import split_words
from kpiwell.engine.turnover.config import Phrase, TurnoverConfig
from kpiwell.engine.turnover.encoding import ColumnEncoding


def describe(encoding: ColumnEncoding, value: float | str | None, config: TurnoverConfig) -> str:
    words = split_words(encoding.name)
    name = " ".join(words) or encoding.name
    if value is None:
        return f"{name} not recorded"
    phrase = next((phrase for phrase in config.phrases if phrase.words == words), None)
    if encoding.role == "binary":
        is_yes = str(value).lower() == encoding.levels[1]
        if phrase is not None and phrase.yes is not None and phrase.no is not None:
            return phrase.yes if is_yes else phrase.no
        return f"{name}: {'yes' if is_yes else 'no'}"
    if encoding.role == "categorical":
        return f"{name}: {str(value).replace('_', ' ')}"
    number = float(value)
    if phrase is not None and phrase.template is not None:
        return _from_phrase(phrase, number, encoding)
    if encoding.role == "ordinal":
        lowest = float(encoding.levels[0])
        highest = float(encoding.levels[-1])
        centre = (lowest + highest) / 2.0
        level = "low" if number < centre else "high" if number > centre else "middle"
        return f"{level} {name} ({_number(number)} of {_number(highest)})"
    return f"{name} {_number(number)} (typical {_number(float(encoding.fill))})"


def _from_phrase(phrase: Phrase, number: float, encoding: ColumnEncoding) -> str:
    if number == 0.0 and phrase.zero is not None:
        return phrase.zero
    if number == 1.0 and phrase.one is not None:
        return phrase.one
    assert phrase.template is not None
    typical = _number(float(encoding.fill)) if encoding.role == "numeric" else ""
    return phrase.template.format(value=_number(number), typical=typical)


def _number(value: float) -> str:
    """``6`` for whole numbers, ``2,090`` with thousands separators, ``3.25`` otherwise."""
    if value == round(value):
        return f"{round(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")
