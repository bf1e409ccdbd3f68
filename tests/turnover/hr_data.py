"""Small seeded HR tables with a known structure, for the turnover tests."""

from __future__ import annotations

import numpy as np
import polars as pl

DEPARTMENTS = ("Sales", "Research", "Support")


def hr_table(rows: int = 300, seed: int = 7) -> pl.DataFrame:
    """An HR snapshot where leaving is driven by overtime, low job satisfaction and years without
    promotion; it also carries protected attributes, a proxy of marital status (``StockLevel``: 0 for
    every single person), an identifier, a constant and pure noise."""
    rng = np.random.default_rng(seed)
    marital = rng.choice(["Single", "Married", "Divorced"], size=rows, p=[0.35, 0.45, 0.2])
    stock = np.where(marital == "Single", 0, rng.integers(1, 4, size=rows))
    overtime = rng.random(rows) < 0.3
    satisfaction = rng.integers(1, 5, size=rows)
    promotion = rng.integers(0, 11, size=rows)
    logit = -2.6 + 2.2 * overtime + 0.7 * (2.5 - satisfaction) + 0.25 * (promotion - 5)
    left = rng.random(rows) < 1.0 / (1.0 + np.exp(-logit))
    return pl.DataFrame(
        {
            "PersonId": [f"P{index:04d}" for index in range(1, rows + 1)],
            "Gender": rng.choice(["Female", "Male"], size=rows).tolist(),
            "Age": rng.integers(20, 62, size=rows).tolist(),
            "MaritalStatus": marital.tolist(),
            "StockLevel": stock.tolist(),
            "OverTime": np.where(overtime, "Yes", "No").tolist(),
            "JobSatisfaction": satisfaction.tolist(),
            "YearsSinceLastPromotion": promotion.tolist(),
            "MonthlyIncome": np.round(rng.lognormal(8.3, 0.5, size=rows)).astype(np.int64).tolist(),
            "Department": rng.choice(DEPARTMENTS, size=rows).tolist(),
            "Office": ["HQ"] * rows,
            "Noise": rng.normal(size=rows).tolist(),
            "Left": np.where(left, "Yes", "No").tolist(),
        }
    )
