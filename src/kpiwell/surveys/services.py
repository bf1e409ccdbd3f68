"""Writes of confidential survey answers.

The audit log records THAT a person answered (instrument and date), never WHAT they answered.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kpiwell.core.services import audit_log_record
from kpiwell.engine.wellbeing.instruments import INSTRUMENTS
from kpiwell.org.models import Person
from kpiwell.org.services import AnyUser
from kpiwell.surveys.models import SurveyResponse


def _check_answer(instrument: str, item: int, response: int) -> None:
    """Validate one answer against its instrument's shape, as the engine defines it (one table for
    the whole product). Messages name the item, never the answer."""
    spec = INSTRUMENTS.get(instrument)
    if spec is None:
        raise ValidationError(_("Unknown survey instrument."))
    if not 1 <= item <= spec.items:
        raise ValidationError(_("Item %(item)s does not exist in this instrument.") % {"item": item})
    if not spec.low <= response <= spec.high:
        raise ValidationError(_("The answer to item %(item)s is out of range.") % {"item": item})


@transaction.atomic
def survey_answers_record(
    *, actor: AnyUser, person: Person, instrument: str, date: dt.date, answers: dict[int, int]
) -> list[SurveyResponse]:
    """Store one person's answers to one instrument. Errors never echo the answers themselves."""
    if instrument not in INSTRUMENTS:
        raise ValidationError(_("Unknown survey instrument."))
    if not answers:
        raise ValidationError(_("No answers given."))
    for item, response in answers.items():
        _check_answer(instrument, item, response)
    rows = [
        SurveyResponse(person=person, instrument=instrument, item=item, response=response, date=date)
        for item, response in sorted(answers.items())
    ]
    SurveyResponse.objects.bulk_create(rows)
    audit_log_record(
        actor=actor,
        action="surveys.answers.recorded",
        instance=person,
        after={"instrument": instrument, "date": date.isoformat(), "items": len(rows)},
    )
    return rows


@transaction.atomic
def survey_responses_import(*, actor: AnyUser, responses: list[SurveyResponse], source: str) -> int:
    """Bring in many answers at once (e.g. from a previous survey tool). All are checked against
    their instrument before any is stored; the audit log records only the source and the count."""
    for response in responses:
        _check_answer(response.instrument, response.item, response.response)
    SurveyResponse.objects.bulk_create(responses, batch_size=2000)
    if responses:
        audit_log_record(
            actor=actor,
            action="surveys.answers.imported",
            instance=responses[0].person.organisation,
            after={"source": source, "rows": len(responses)},
        )
    return len(responses)
