"""The public reference: IBM HR Analytics Employee Attrition & Performance (1,470 people, 16% left).

This test fails, never skips, when the file is missing: the figures in docs/turnover.md rest on it.
The data sits in ``<repo>/../shared/datasets/`` (CI puts a copy of ``shared/`` beside its clone),
or under ``$KPIWELL_SHARED_DIR/datasets/``.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
from pathlib import Path
from typing import Any

import pytest

from kpiwell.cli.turnover import run

REPO_ROOT = Path(__file__).resolve().parents[2]
RELATIVE = Path("datasets/ibm-hr-attrition/WA_Fn-UseC_-HR-Employee-Attrition.csv")


def ibm_file() -> Path:
    shared = Path(os.environ.get("KPIWELL_SHARED_DIR", REPO_ROOT.parent / "shared"))
    return shared / RELATIVE


@pytest.fixture(scope="module")
def evaluation() -> dict[str, Any]:
    path = ibm_file()
    if not path.is_file():
        pytest.fail(
            f"the IBM attrition data is missing: {path} (set KPIWELL_SHARED_DIR to the shared folder)"
        )
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = run(["evaluate", "--data", str(path), "--label", "Attrition", "--positive", "Yes", "--json"])
    assert code == 0
    result: dict[str, Any] = json.loads(out.getvalue())
    return result


def test_the_ibm_data_file_is_where_the_suite_expects_it() -> None:
    assert ibm_file().is_file(), f"missing {ibm_file()}"


def test_cross_validated_roc_auc_is_at_least_0_82_without_protected_attributes(
    evaluation: dict[str, Any],
) -> None:
    assert evaluation["roc_auc"] >= 0.82
    assert len(evaluation["roc_auc_folds"]) == 5


def test_the_brier_score_is_below_0_10(evaluation: dict[str, Any]) -> None:
    assert evaluation["brier"] < 0.10


def test_stock_option_level_is_named_as_a_proxy_for_marital_status(evaluation: dict[str, Any]) -> None:
    excluded = {item["column"]: item for item in evaluation["excluded"]}
    assert excluded["StockOptionLevel"]["code"] == "proxy"
    assert excluded["StockOptionLevel"]["reason"].startswith("proxy for MaritalStatus (marital status)")


def test_protected_constant_and_identifier_columns_are_left_out_with_reasons(
    evaluation: dict[str, Any],
) -> None:
    codes = {item["column"]: item["code"] for item in evaluation["excluded"]}
    assert codes == {
        "Age": "protected",
        "Gender": "protected",
        "MaritalStatus": "protected",
        "EmployeeCount": "constant",
        "Over18": "constant",
        "StandardHours": "constant",
        "EmployeeNumber": "identifier",
        "StockOptionLevel": "proxy",
        "TotalWorkingYears": "proxy",
    }
    assert not any(feature.startswith(tuple(codes)) for feature in evaluation["features"])


def test_fairness_covers_every_protected_attribute_in_the_data(evaluation: dict[str, Any]) -> None:
    fairness = evaluation["fairness"]
    assert set(fairness) == {"Age", "Gender", "MaritalStatus"}
    assert [group["group"] for group in fairness["Age"]["groups"]] == [
        "under 30",
        "30-39",
        "40-49",
        "50 and over",
    ]
    assert [group["count"] for group in fairness["Gender"]["groups"]] == [588, 882]
    assert sum(group["count"] for group in fairness["MaritalStatus"]["groups"]) == 1470
    for report in fairness.values():
        means = [group["mean_risk"] for group in report["groups"]]
        assert report["largest_gap"] == pytest.approx(max(means) - min(means))
