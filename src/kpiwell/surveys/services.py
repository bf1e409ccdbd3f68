"""Writes of confidential survey answers.

The audit log records THAT a person answered (instrument and date), never WHAT they answered.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kpiwell.core.services import audit_log_record
from kpiwell.org.models import Person
from kpiwell.org.services import AnyUser
from kpiwell.surveys.models import SurveyResponse

# Items and answer ranges per instrument, from the sources in ../shared/instruments.md:
# WHO-5 (WHO 1998): 5 items 0-5; CBI (Kristensen et al. 2005): personal 6 and work 7 items, 0-4 here;
# Mini-Z single burnout item: 1-5; eNPS: one question 0-10.
INSTRUMENT_SHAPE: dict[str, tuple[int, int, int]] = {
    SurveyResponse.Instrument.WHO5: (5, 0, 5),
    SurveyResponse.Instrument.CBI_PERSONAL: (6, 0, 4),
    SurveyResponse.Instrument.CBI_WORK: (7, 0, 4),
    SurveyResponse.Instrument.MINI_Z: (1, 1, 5),
    SurveyResponse.Instrument.ENPS: (1, 0, 10),
}


@transaction.atomic
def survey_answers_record(
    *, actor: AnyUser, person: Person, instrument: str, date: dt.date, answers: dict[int, int]
) -> list[SurveyResponse]:
    """Store one person's answers to one instrument. Errors never echo the answers themselves."""
    if instrument not in INSTRUMENT_SHAPE:
        raise ValidationError(_("Unknown survey instrument."))
    items, low, high = INSTRUMENT_SHAPE[instrument]
    if not answers:
        raise ValidationError(_("No answers given."))
    for item, response in answers.items():
        if not 1 <= item <= items:
            raise ValidationError(_("Item %(item)s does not exist in this instrument.") % {"item": item})
        if not low <= response <= high:
            raise ValidationError(_("The answer to item %(item)s is out of range.") % {"item": item})
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
        if response.instrument not in INSTRUMENT_SHAPE:
            raise ValidationError(_("Unknown survey instrument."))
        items, low, high = INSTRUMENT_SHAPE[response.instrument]
        if not 1 <= response.item <= items:
            raise ValidationError(
                _("Item %(item)s does not exist in this instrument.") % {"item": response.item}
            )
        if not low <= response.response <= high:
            raise ValidationError(_("The answer to item %(item)s is out of range.") % {"item": response.item})
    SurveyResponse.objects.bulk_create(responses, batch_size=2000)
    if responses:
        audit_log_record(
            actor=actor,
            action="surveys.answers.imported",
            instance=responses[0].person.organisation,
            after={"source": source, "rows": len(responses)},
        )
    return len(responses)
