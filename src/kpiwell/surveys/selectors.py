"""Reads of survey answers: a person sees their own answers, and nobody else's, ever.

There is deliberately no selector that returns another person's answers. Group results are
computed by the engine under its privacy rules (minimum group size, no differencing).
"""

from __future__ import annotations

from django.db.models import QuerySet

from kpiwell.org.selectors import AnyUser, person_for_user
from kpiwell.surveys.models import SurveyResponse


def survey_responses_own(*, user: AnyUser) -> QuerySet[SurveyResponse]:
    person = person_for_user(user=user)
    if person is None:
        return SurveyResponse.objects.none()
    return SurveyResponse.objects.filter(person=person)
