"""Write ``kpiwell-plan-template.xlsx``: a blank KPI plan with one column per field of the plan format.

The first sheet is the plan (the only sheet ``kpiwell audit`` reads); the second explains each
column. Drop-down lists offer the allowed values, and date columns are formatted as dates, so
whoever fills it in gets the format of ``docs/formats.md`` without reading it.

Run ``python examples/audit/make_template.py`` from the repository root to regenerate.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import xlsxwriter

HERE = Path(__file__).resolve().parent

# column, required, allowed values (for a drop-down), explanation
COLUMNS: list[tuple[str, bool, tuple[str, ...], str]] = [
    ("person_id", True, (), "The person's id, the same in every file (e.g. E042)."),
    ("person_name", False, (), "Name shown in the report (leave out for anonymous audits)."),
    ("manager_id", False, (), "The person_id of their manager."),
    ("team", True, (), "The team the person belongs to (one team per person)."),
    ("parent_team", False, (), "The team above it, to roll teams up into departments."),
    ("kpi", True, (), "Short KPI name, the same in the actuals file (e.g. calls)."),
    ("kind", False, ("quantitative", "qualitative"), "quantitative (default) or qualitative, rated 1-5."),
    ("direction", False, ("higher", "lower"), "higher (default) is better, or lower is better."),
    ("unit", False, (), "What is counted (calls, hours, %)."),
    ("period", False, ("day", "week", "month", "quarter"), "What one actual value covers; week by default."),
    ("target", True, (), "Target per period, a number with a dot for decimals."),
    ("baseline", False, (), "Where the person started."),
    ("commit", False, (), "The level the person committed to."),
    ("stretch", False, (), "An ambitious level, if one was agreed."),
    ("weight", False, (), "Share of the person's KPIs, in percent (0-100)."),
    ("purpose", False, (), "Why this KPI matters, in one sentence."),
    ("set_by", False, ("manager", "employee", "co-created"), "Who set the target; empty if unknown."),
    ("revised_on", False, (), "Date of the last target revision (YYYY-MM-DD); empty if never."),
    ("cycle_start", True, (), "First day of the review cycle (YYYY-MM-DD)."),
    ("cycle_end", True, (), "Last day of the review cycle (YYYY-MM-DD)."),
]
DATE_COLUMNS = {"revised_on", "cycle_start", "cycle_end"}
ROWS = 1000


def main() -> None:
    workbook = xlsxwriter.Workbook(HERE / "kpiwell-plan-template.xlsx")
    workbook.set_properties(
        {"title": "kpiwell KPI plan", "comments": "See docs/formats.md", "created": datetime(2025, 1, 1)}
    )
    required = workbook.add_format({"bold": True, "bg_color": "#DCEBDD", "border": 1})
    optional = workbook.add_format({"bold": True, "bg_color": "#F1F1F1", "border": 1})
    dates = workbook.add_format({"num_format": "yyyy-mm-dd"})
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})

    plan = workbook.add_worksheet("plan")
    plan.freeze_panes(1, 0)
    for index, (name, is_required, choices, help_text) in enumerate(COLUMNS):
        plan.write_string(0, index, name, required if is_required else optional)
        plan.write_comment(0, index, help_text + (" Required." if is_required else " Optional."))
        plan.set_column(index, index, max(12, len(name) + 2), dates if name in DATE_COLUMNS else None)
        if choices:
            plan.data_validation(1, index, ROWS, index, {"validate": "list", "source": list(choices)})
        if name in DATE_COLUMNS:
            plan.data_validation(
                1, index, ROWS, index, {"validate": "date", "criteria": ">", "value": "1900-01-01"}
            )

    guide = workbook.add_worksheet("columns")
    guide.set_column(0, 0, 16)
    guide.set_column(1, 1, 10)
    guide.set_column(2, 2, 70, wrap)
    for row, header in enumerate(["column", "required", "meaning"]):
        guide.write_string(0, row, header, required)
    for row, (name, is_required, choices, help_text) in enumerate(COLUMNS, start=1):
        guide.write_string(row, 0, name)
        guide.write_string(row, 1, "yes" if is_required else "no")
        allowed = f" Allowed: {', '.join(choices)}." if choices else ""
        guide.write_string(row, 2, help_text + allowed)
    workbook.close()


if __name__ == "__main__":
    main()
