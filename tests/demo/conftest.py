from __future__ import annotations

from datetime import date
from functools import cache

import pytest

from kpiwell.demo import DEFAULT_SEED, generate_demo
from kpiwell.demo.model import DemoOrg

AS_OF = date(2026, 11, 27)  # a Friday: the last period is Sunday 22 November 2026

# Planted numbers must hold for any seed and reference date: a Friday in late autumn, a date whose
# current cycle contains Tết (6 February 2027), and a Sunday (the last period ends on as_of itself).
SCENARIOS = [
    pytest.param((AS_OF, DEFAULT_SEED), id="default"),
    pytest.param((AS_OF, 7), id="seed-7"),
    pytest.param((date(2027, 2, 10), DEFAULT_SEED), id="tet-in-cycle"),
    pytest.param((date(2026, 6, 14), 1), id="sunday-seed-1"),
]


@cache
def demo_for(as_of: date, seed: int) -> DemoOrg:
    return generate_demo(as_of=as_of, seed=seed)


@pytest.fixture
def demo() -> DemoOrg:
    return demo_for(AS_OF, DEFAULT_SEED)


@pytest.fixture(params=SCENARIOS)
def scenario(request: pytest.FixtureRequest) -> DemoOrg:
    as_of, seed = request.param
    return demo_for(as_of, seed)
