"""The attainment model's NumPy paths agree with its Polars paths to the last bit, or decline."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import polars as pl
import pytest

from kpiwell.engine.audit import attainment
from kpiwell.engine.audit.attainment import (
    _cycle_arrays,
    _cycle_query,
    _grouped_fits,
    _window_fits,
    fit_attainment,
)
from kpiwell.engine.audit.config import AttainmentConfig, AuditConfig
from kpiwell.engine.audit.prepare import Prepared, prepare

from .builders import actuals, assignment, plan, weeks

AS_OF = date(2024, 6, 29)


def _prepared(values: dict[tuple[str, str], list[float]], *, period: str = "week") -> Prepared:
    """A plan row and a weekly series per (person, KPI), shuffled by KPI so runs are not in aid order."""
    rows = [assignment(person, kpi=kpi, period=period) for person, kpi in sorted(values)]
    series = [
        {"person_id": person, "kpi": kpi, "period_end": day, "value": value, "recorded_at": None}
        for (person, kpi), numbers in sorted(values.items(), key=lambda item: item[0][::-1])
        for day, value in zip(
            weeks(len(numbers), AS_OF - timedelta(days=7 * (len(numbers) - 1))), numbers, strict=True
        )
    ]
    return prepare(
        plan=plan(*rows),
        actuals=actuals(series),
        targets=None,
        checkins=None,
        recognition=None,
        turnover=None,
        surveys=None,
        as_of=AS_OF,
        config=AuditConfig(),
    )


def _organisation(seed: int, *, equal: bool) -> dict[tuple[str, str], list[float]]:
    rng = np.random.default_rng(seed)
    out = {}
    for person in range(40):
        for kpi in ("calls", "deals", "nps"):
            count = 60 if equal else int(rng.integers(1, 60))
            scale = 10.0 ** int(rng.integers(-3, 6))
            trend = rng.normal(0, 0.02) * scale
            numbers = scale + trend * np.arange(count) + rng.normal(0, 0.1 * scale, count)
            if rng.random() < 0.2:  # ties: a step series of few distinct values
                numbers = np.round(numbers / scale, 0) * scale + 0.0  # + 0.0: no -0.0
            out[(f"E{person:03d}", kpi)] = numbers.tolist()
    return out


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("equal", [True, False], ids=["equal-lengths", "mixed-lengths"])
@pytest.mark.parametrize("period", ["week", "month"])
def test_window_fits_are_the_grouped_fits_bit_for_bit(seed: int, equal: bool, period: str) -> None:
    prepared = _prepared(_organisation(seed, equal=equal), period=period)
    cfg = prepared.config.attainment

    fast = _window_fits(prepared, cfg)

    assert fast is not None
    expected = _grouped_fits(prepared, cfg)
    assert fast.schema == expected.schema
    for name in expected.columns:  # bit for bit, nulls where nulls
        left, right = fast.get_column(name), expected.get_column(name)
        assert left.is_null().to_list() == right.is_null().to_list(), name
        assert left.drop_nulls().to_physical().to_numpy().tobytes() == (
            right.drop_nulls().to_physical().to_numpy().tobytes()
        ), name


@pytest.mark.parametrize("odd", [float("nan"), float("inf"), -0.0])
def test_window_fits_decline_values_polars_orders_its_own_way(odd: float) -> None:
    values = _organisation(0, equal=True)
    values[("E001", "calls")][-3] = odd
    prepared = _prepared(values)

    assert _window_fits(prepared, prepared.config.attainment) is None
    # and the model still comes out, from the group-bys
    assert fit_attainment(prepared).height == 120


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("period", ["week", "month"])
def test_cycle_arrays_are_the_cycle_query_bit_for_bit_or_decline(
    seed: int, period: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    prepared = _prepared(_organisation(seed, equal=False), period=period)
    cfg = prepared.config.attainment
    # the per-aid parameters fit_attainment hands to the cycle rows
    handed: list[pl.DataFrame] = []
    original = attainment._cycle_rows

    def keep(prepared: Prepared, model: pl.DataFrame, cfg: AttainmentConfig) -> object:
        handed.append(model)
        return original(prepared, model, cfg)

    monkeypatch.setattr(attainment, "_cycle_rows", keep)
    fit_attainment(prepared)
    model = handed[0]

    fast = _cycle_arrays(prepared, model, cfg)
    query = _cycle_query(prepared, model, cfg)

    assert prepared.cycle_future.get_column("future_periods").min() > 0  # there are rows to project
    if period == "week":  # whole-week periods: both ways of dividing agree, so the arrays are used
        assert fast is not None
    if fast is None:
        return
    mult = query.get_column("mult").to_numpy()
    assert fast.aid.to_numpy().tobytes() == query.get_column("aid").to_numpy().tobytes()
    for name in ("weighted_mu", "margin", "spread"):
        assert getattr(fast, name).tobytes() == query.get_column(name).to_numpy().tobytes(), name
    assert fast.weighted.tolist() == np.flatnonzero(mult != 1.0).tolist()
    assert fast.weights.tolist() == mult[mult != 1.0].tolist()
