"""``report.html``: the audit for people who would rather look than read, in one offline file.

Everything is inline: CSS in a ``<style>`` block and charts as SVG drawn here, so the file makes no
request at all (no CDN, no web fonts, no scripts). Inline SVG keeps a 10,000-person report to a few
megabytes, where inlining a charting library would add more than that before the first chart.

Sections: an overview of the organisation's KPI health; one section per backfire cause (1-5) with
the affected people and KPIs and the remedy for each finding; other signals; the wellbeing radar
(:func:`render_wellbeing`, findings with ``harm`` set); charts of each flagged person x KPI's history
against target (the most severe :data:`MAX_HISTORY_CHARTS`) and of each team's targets against its
people's capacity (their own medians). Long tables are capped, saying how many rows were left out;
``findings.json`` always has them all.

The data for the charts is prepared by :func:`report_data` from the validated input frames, so the
command line can pseudonymise it with the findings before anything is rendered.
"""

from __future__ import annotations

import functools
import html
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Final

import polars as pl

from kpiwell.engine.audit.findings import AuditResult, Finding, FindingSet, Severity
from kpiwell.engine.audit.i18n import CATALOGUE, render_message, render_note, render_remedy, render_title, t
from kpiwell.engine.audit.serialize import CAUSES, HARMS, SEVERITIES, Resolved

MAX_HISTORY_CHARTS: Final = 200
MAX_TEAM_CHARTS: Final = 40
MAX_TABLE_ROWS: Final = 100
MAX_TEAMS_LISTED: Final = 50
MAX_RADAR_TEAMS: Final = 30
MAX_PEOPLE_PER_TEAM_CHART: Final = 40
HISTORY_PERIODS: Final = 104

COLOURS: Final = {
    "value": "#1f5f8b",
    "target": "#c0571b",
    "reached": "#2e7d4f",
    "muted": "#8a8f98",
    "grid": "#e3e6ea",
    "critical": "#b3261e",
    "warning": "#b26a00",
    "info": "#3b6ea5",
}
SEVERITY_WEIGHT: Final = {Severity.INFO: 1, Severity.WARNING: 2, Severity.CRITICAL: 3}
_WEIGHT_OF_VALUE: Final = {severity.value: weight for severity, weight in SEVERITY_WEIGHT.items()}


def _weight() -> pl.Expr:
    return pl.col("severity").replace_strict(_WEIGHT_OF_VALUE, return_dtype=pl.Int64).alias("weight")


@dataclass(frozen=True, slots=True)
class _Findings:
    """Some of the audit's findings, most severe first: their rows of ``FindingSet.table()`` with
    ``home_team`` (the finding's team, else its person's team) and ``weight`` (:func:`_weight`,
    looked up once rather than in every count). Counts come from the columns;
    :class:`Finding` objects are made only for the rows a table shows."""

    rows: pl.DataFrame
    source: FindingSet

    def __len__(self) -> int:
        return self.rows.height

    def where(self, keep: pl.Expr) -> _Findings:
        return _Findings(self.rows.filter(keep), self.source)

    def first(self, count: int) -> list[Finding]:
        return self.source.pick(self.rows.head(count))

    def distinct(self, column: str) -> int:
        return self.rows.get_column(column).drop_nulls().n_unique()

    def counts(self) -> dict[str, int]:
        """:func:`_counts` of all the rows."""
        return self.rows.select(_counts()).row(0, named=True)

    def counts_by(self, column: str) -> dict[Any, dict[str, int]]:
        """:func:`_counts` per value of ``column`` (one group-by, not a filter per value)."""
        return {
            row.pop(column): row for row in self.rows.group_by(column).agg(_counts()).iter_rows(named=True)
        }


def _counts() -> list[pl.Expr]:
    """Findings, people and teams named, findings per severity, and each harm's level (the highest
    severity weight among its findings; 0 without any) as ``harm_1`` ... ``harm_7``."""
    return [
        pl.len().alias("findings"),
        pl.col("person_id").drop_nulls().n_unique().alias("people"),
        pl.col("team").drop_nulls().n_unique().alias("teams"),
        *((pl.col("severity") == severity).sum().alias(severity) for severity in SEVERITIES),
        *(
            pl.col("weight").filter(pl.col("harm") == harm).max().fill_null(0).alias(f"harm_{harm}")
            for harm in HARMS
        ),
    ]


@dataclass(frozen=True, slots=True, kw_only=True)
class ReportData:
    """What the report shows: the (scoped, possibly pseudonymised) result and the chart series."""

    result: AuditResult
    people: pl.DataFrame  # person_id, person_name, team, parent_team: one row per person in scope
    assignments: int  # person x KPI rows of the plan in scope
    history: pl.DataFrame  # person_id, kpi, period_end, value, target, direction, cycle_start
    capacity: pl.DataFrame  # team, kpi, person_id, capacity, target, direction
    capacity_left_out: int  # team x KPI combinations not charted
    scope: str | None = None
    status: Mapping[str, str] | None = None  # finding id -> new | persisting (with a baseline)
    resolved: tuple[Resolved, ...] | None = None
    baseline_as_of: str | None = None


# --- preparing the chart data -----------------------------------------------------------------


def current_series(
    *,
    plan: pl.DataFrame,
    actuals: pl.DataFrame,
    targets: pl.DataFrame,
    pairs: pl.DataFrame,
    as_of: date,
) -> pl.DataFrame:
    """Per person x KPI in ``pairs``: each period's current value up to ``as_of`` and the target in force.

    The current value is the latest revision recorded by the end of ``as_of`` (revisions recorded
    later are ignored); the target is the per-period target where one exists, else the plan's.
    """
    cutoff = pl.lit(as_of + timedelta(days=1)).cast(pl.Datetime("us"))
    # A one-column lookup of the few charted people first: far cheaper than joining millions of rows.
    people = pairs.get_column("person_id").unique().implode()
    rows = (
        actuals.filter(pl.col("person_id").is_in(people))
        .join(pairs, on=["person_id", "kpi"], how="semi")
        .filter(
            (pl.col("period_end") <= as_of)
            & (pl.col("recorded_at").is_null() | (pl.col("recorded_at") < cutoff))
        )
        .sort("recorded_at", nulls_last=False)
        .group_by("person_id", "kpi", "period_end", maintain_order=True)
        .agg(pl.col("value").last())
    )
    in_plan = plan.select(
        "person_id", "kpi", pl.col("target").alias("plan_target"), "direction", "cycle_start", "team"
    ).unique(subset=["person_id", "kpi"], keep="first")
    return (
        rows.join(
            targets.rename({"target": "period_target"}), on=["person_id", "kpi", "period_end"], how="left"
        )
        .join(in_plan, on=["person_id", "kpi"], how="inner")
        .with_columns(pl.coalesce("period_target", "plan_target").alias("target"))
        .select("person_id", "kpi", "team", "period_end", "value", "target", "direction", "cycle_start")
        .sort("person_id", "kpi", "period_end")
    )


def report_data(
    *,
    result: AuditResult,
    plan: pl.DataFrame,
    actuals: pl.DataFrame,
    targets: pl.DataFrame,
    scope: str | None = None,
) -> ReportData:
    """Chart series for the report; ``plan`` and ``result`` already limited to the scope."""
    people = (
        plan.select("person_id", "person_name", "team", "parent_team")
        .unique(subset="person_id", keep="first")
        .sort("person_id")
    )
    findings = result.finding_set.table()
    charted = _charted_pairs(findings)
    team_kpis = _charted_team_kpis(findings, plan)
    chosen = team_kpis.head(MAX_TEAM_CHARTS)
    members = plan.join(chosen, on=["team", "kpi"], how="semi").select("person_id", "kpi")
    # One pass over the actuals for both kinds of chart.
    series = current_series(
        plan=plan,
        actuals=actuals,
        targets=targets,
        pairs=pl.concat([charted, members]).unique(),
        as_of=result.as_of,
    )
    history = (
        series.join(charted, on=["person_id", "kpi"], how="semi")
        .group_by("person_id", "kpi", maintain_order=True)
        .tail(HISTORY_PERIODS)
        .select("person_id", "kpi", "period_end", "value", "target", "direction", "cycle_start")
    )
    series = series.join(members, on=["person_id", "kpi"], how="semi")
    capacity = (
        series.group_by("team", "kpi", "person_id")
        .agg(
            pl.col("value").median().alias("capacity"),
            pl.col("target").last().alias("target"),
            pl.col("direction").first(),
        )
        .join(chosen.with_row_index("rank"), on=["team", "kpi"])
        .sort("rank", "capacity", "person_id")
        .drop("rank")
    )
    return ReportData(
        result=result,
        people=people,
        assignments=plan.height,
        history=history,
        capacity=capacity,
        capacity_left_out=max(0, team_kpis.height - chosen.height),
        scope=scope,
    )


def _charted_pairs(findings: pl.DataFrame) -> pl.DataFrame:
    """The first person x KPI pairs with a finding, most severe first (``findings``: the table)."""
    return (
        findings.filter(pl.col("person_id").is_not_null() & pl.col("kpi").is_not_null())
        .select("person_id", "kpi")
        .unique(maintain_order=True)
        .head(MAX_HISTORY_CHARTS)
    )


def _charted_team_kpis(findings: pl.DataFrame, plan: pl.DataFrame) -> pl.DataFrame:
    """Team x KPI combinations, those with target findings (cause 1) first, most findings first."""
    flagged = (
        findings.filter((pl.col("cause") == 1) & pl.col("team").is_not_null() & pl.col("kpi").is_not_null())
        .group_by("team", "kpi")
        .agg(_weight().sum())
    )
    return (
        plan.select("team", "kpi")
        .unique()
        .join(flagged, on=["team", "kpi"], how="left")
        .with_columns(pl.col("weight").fill_null(0))
        .sort(["weight", "team", "kpi"], descending=[True, False, False])
        .select("team", "kpi")
    )


# --- text helpers -----------------------------------------------------------------------------


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _num(value: float | None, lang: str) -> str:
    return t("report.number", lang, value=value)


def _pct(value: float | None, lang: str) -> str:
    return t("report.percent", lang, value=value)


def _has(key: str) -> bool:
    return key in CATALOGUE


class _Names:
    """Display names: "Name (id)" where the plan has a name, else the id."""

    def __init__(self, people: pl.DataFrame) -> None:
        named = people.filter(pl.col("person_name").is_not_null())
        self._names = dict(zip(named["person_id"].to_list(), named["person_name"].to_list(), strict=True))

    def __call__(self, person_id: str | None) -> str:
        if person_id is None:
            return ""
        name = self._names.get(person_id)
        return person_id if name is None or name == person_id else f"{name} ({person_id})"


# --- SVG charts -------------------------------------------------------------------------------


def _f(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _scale(lo: float, hi: float, out_lo: float, out_hi: float) -> Any:
    span = hi - lo or 1.0

    def scale(value: float) -> float:
        return out_lo + (value - lo) / span * (out_hi - out_lo)

    return scale


def _padded(values: Iterable[float]) -> tuple[float, float]:
    """A value range with some air around it, not dipping below zero when all values are positive."""
    items = list(values)
    lo, hi = (min(items), max(items)) if items else (0.0, 1.0)
    if lo == hi:
        lo, hi = lo - 1.0, hi + 1.0
    pad = (hi - lo) * 0.08
    low = lo - pad
    if lo >= 0 > low:
        low = 0.0
    return low, hi + pad


def nice_ticks(lo: float, hi: float, count: int = 4) -> list[float]:
    """Round tick values (multiples of 1, 2 or 5 times a power of ten) inside ``[lo, hi]``."""
    span = hi - lo
    if span <= 0:
        return [lo]
    raw = span / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    first = math.ceil(lo / step) * step
    ticks = []
    value = first
    while value <= hi + step * 1e-9:
        ticks.append(round(value, 10))
        value += step
    return ticks


def history_svg(
    *,
    periods: Sequence[date],
    values: Sequence[float],
    targets: Sequence[float],
    cycle_start: date | None,
    lang: str,
    label: str,
) -> str:
    """One person x KPI: values (line) against the target in force (dashed steps)."""
    width, height, left, right, top, bottom = 640, 170, 52, 12, 10, 26
    first, last = periods[0], periods[-1]
    x = _scale(0, max(1, (last - first).days), left, width - right)
    xs = _x_texts(tuple(periods))
    lo, hi = _padded([*values, *targets])
    y = _scale(lo, hi, height - bottom, top)
    parts = [
        f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="{_e(label)}" class="chart">',
        f"<title>{_e(label)}</title>",
    ]
    for tick in nice_ticks(lo, hi):
        ty = _f(y(tick))
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{ty}" y2="{ty}" stroke="{COLOURS["grid"]}"/>'
        )
        parts.append(
            f'<text x="{left - 4}" y="{ty}" class="tick" text-anchor="end">{_e(_num(tick, lang))}</text>'
        )
    if cycle_start is not None and first <= cycle_start <= last:
        cx = _f(x((cycle_start - first).days))
        parts.append(
            f'<line x1="{cx}" x2="{cx}" y1="{top}" y2="{height - bottom}" stroke="{COLOURS["muted"]}" '
            'stroke-dasharray="2 3"/>'
        )
        parts.append(
            f'<text x="{cx}" y="{top + 9}" class="tick" dx="3">'
            f"{_e(t('report.chart.cycle_start', lang))}</text>"
        )
    step: list[str] = []
    previous: float | None = None
    for index, (px, target) in enumerate(zip(xs, targets, strict=True)):
        if previous is None or target != previous or index == len(periods) - 1:
            if previous is not None and target != previous:
                step.append(f"{px},{_f(y(previous))}")
            step.append(f"{px},{_f(y(target))}")
            previous = target
    parts.append(
        f'<polyline points="{" ".join(step)}" fill="none" stroke="{COLOURS["target"]}" stroke-width="2" '
        'stroke-dasharray="6 4"/>'
    )
    line = " ".join(f"{px},{_f(y(value))}" for px, value in zip(xs, values, strict=True))
    parts.append(f'<polyline points="{line}" fill="none" stroke="{COLOURS["value"]}" stroke-width="1.8"/>')
    parts.append(
        f'<text x="{left}" y="{height - 8}" class="tick">{_e(t("report.date", lang, value=first))}</text>'
    )
    parts.append(
        f'<text x="{width - right}" y="{height - 8}" class="tick" text-anchor="end">'
        f"{_e(t('report.date', lang, value=last))}</text>"
    )
    parts.append("</svg>")
    return "".join(parts)


@functools.lru_cache(maxsize=64)
def _x_texts(periods: tuple[date, ...]) -> tuple[str, ...]:
    """Each period's x in :func:`history_svg`, as text: charts of one report mostly share their
    periods (every week up to the audit date), so each distinct set is laid out once."""
    width, left, right = 640, 52, 12  # history_svg's
    first, last = periods[0], periods[-1]
    x = _scale(0, max(1, (last - first).days), left, width - right)
    return tuple(_f(x((period - first).days)) for period in periods)


def capacity_svg(*, rows: Sequence[tuple[str, float, float]], lang: str, label: str) -> str:
    """One team x KPI: each person's capacity (their own median, dot) and their target (tick)."""
    row_height, left, right, top = 18, 190, 16, 8
    width = 640
    height = top + row_height * len(rows) + 24
    numbers = [number for _, capacity, target in rows for number in (capacity, target)]
    lo, hi = _padded([0.0, *numbers] if min(numbers, default=0.0) >= 0 else numbers)
    x = _scale(lo, hi, left, width - right)
    parts = [
        f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="{_e(label)}" class="chart">',
        f"<title>{_e(label)}</title>",
    ]
    for index, (name, capacity, target) in enumerate(rows):
        cy = top + row_height * index + row_height / 2
        short = name if len(name) <= 30 else name[:29] + "…"
        cx, tx = _f(x(capacity)), _f(x(target))
        parts.append(
            f'<text x="{left - 6}" y="{_f(cy + 4)}" class="tick" text-anchor="end">{_e(short)}</text>'
        )
        parts.append(
            f'<line x1="{cx}" x2="{tx}" y1="{_f(cy)}" y2="{_f(cy)}" '
            f'stroke="{COLOURS["grid"]}" stroke-width="4"/>'
        )
        parts.append(f'<circle cx="{cx}" cy="{_f(cy)}" r="5" fill="{COLOURS["value"]}"/>')
        parts.append(
            f'<line x1="{tx}" x2="{tx}" y1="{_f(cy - 7)}" y2="{_f(cy + 7)}" stroke="{COLOURS["target"]}" '
            'stroke-width="3"/>'
        )
    axis_y = top + row_height * len(rows) + 14
    for tick in nice_ticks(lo, hi):
        parts.append(
            f'<text x="{_f(x(tick))}" y="{axis_y}" class="tick" text-anchor="middle">'
            f"{_e(_num(tick, lang))}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def bars_svg(*, rows: Sequence[tuple[str, int, str]], lang: str, label: str) -> str:
    """Horizontal bars: (label, count, colour)."""
    row_height, left, right, top = 24, 260, 60, 4
    width = 640
    height = top + row_height * len(rows) + 4
    top_value = max((count for _, count, _ in rows), default=0) or 1
    x = _scale(0, top_value, 0, width - left - right)
    parts = [
        f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="{_e(label)}" class="chart">',
        f"<title>{_e(label)}</title>",
    ]
    for index, (name, count, colour) in enumerate(rows):
        ty = top + row_height * index
        bar = _f(x(count))
        parts.append(f'<text x="{left - 8}" y="{ty + 16}" class="tick" text-anchor="end">{_e(name)}</text>')
        parts.append(f'<rect x="{left}" y="{ty + 4}" width="{bar}" height="16" rx="2" fill="{colour}"/>')
        parts.append(
            f'<text x="{_f(left + x(count) + 6)}" y="{ty + 16}" class="tick">{_e(_num(count, lang))}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def histogram_svg(*, scores: Sequence[float], lang: str, label: str) -> str:
    """Cycle scores in bins of 0.1 from 0 to 1.2 (the cap)."""
    bins = [0] * 12
    for score in scores:
        bins[min(11, max(0, int(score * 10 + 1e-9)))] += 1
    width, height, left, bottom, top = 640, 150, 12, 24, 8
    top_value = max(bins) or 1
    bar_width = (width - 2 * left) / len(bins)
    parts = [
        f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="{_e(label)}" class="chart">',
        f"<title>{_e(label)}</title>",
    ]
    for index, count in enumerate(bins):
        bar_height = (height - top - bottom) * count / top_value
        bx = left + index * bar_width
        colour = COLOURS["reached"] if index >= 10 else COLOURS["value"]
        parts.append(
            f'<rect x="{_f(bx + 2)}" y="{_f(height - bottom - bar_height)}" width="{_f(bar_width - 4)}" '
            f'height="{_f(bar_height)}" fill="{colour}"><title>{_e(_num(count, lang))}</title></rect>'
        )
        parts.append(
            f'<text x="{_f(bx + bar_width / 2)}" y="{height - 8}" class="tick" text-anchor="middle">'
            f"{_e(_pct(index / 10, lang))}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def radar_svg(*, levels: Sequence[int], labels: Sequence[str], label: str) -> str:
    """Seven harms around a circle; each spoke's length is its strongest signal (0 none, 3 critical)."""

    size, centre, radius = 360, 180, 110
    count = len(levels)
    points = []
    parts = [
        f'<svg viewBox="0 0 {size} {size}" role="img" aria-label="{_e(label)}" class="radar">',
        f"<title>{_e(label)}</title>",
    ]
    for ring in (1, 2, 3):
        ring_points = []
        for index in range(count):
            angle = -math.pi / 2 + 2 * math.pi * index / count
            r = radius * ring / 3
            ring_points.append(f"{_f(centre + r * math.cos(angle))},{_f(centre + r * math.sin(angle))}")
        parts.append(f'<polygon points="{" ".join(ring_points)}" fill="none" stroke="{COLOURS["grid"]}"/>')
    for index, (level, text) in enumerate(zip(levels, labels, strict=True)):
        angle = -math.pi / 2 + 2 * math.pi * index / count
        ex, ey = centre + radius * math.cos(angle), centre + radius * math.sin(angle)
        parts.append(
            f'<line x1="{centre}" y1="{centre}" x2="{_f(ex)}" y2="{_f(ey)}" stroke="{COLOURS["grid"]}"/>'
        )
        r = radius * level / 3
        points.append(f"{_f(centre + r * math.cos(angle))},{_f(centre + r * math.sin(angle))}")
        lx, ly = centre + (radius + 26) * math.cos(angle), centre + (radius + 26) * math.sin(angle)
        anchor = "middle" if abs(math.cos(angle)) < 0.3 else ("start" if math.cos(angle) > 0 else "end")
        parts.append(
            f'<text x="{_f(lx)}" y="{_f(ly + 4)}" class="tick" text-anchor="{anchor}">{_e(text)}</text>'
        )
    parts.append(
        f'<polygon points="{" ".join(points)}" fill="{COLOURS["critical"]}" fill-opacity="0.25" '
        f'stroke="{COLOURS["critical"]}" stroke-width="2"/>'
    )
    parts.append("</svg>")
    return "".join(parts)


# --- HTML -------------------------------------------------------------------------------------

CSS: Final = """
:root{--ink:#1d232b;--soft:#5b6470;--line:#e3e6ea;--bg:#f7f8fa;--card:#fff}
*{box-sizing:border-box}
body{margin:0;color:var(--ink);background:var(--bg);
font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif}
header,main,footer{max-width:1060px;margin:0 auto;padding:0 20px}
header{padding-top:28px}
h1{font-size:26px;margin:0 0 4px}
h2{font-size:21px;margin:36px 0 8px;padding-top:8px;border-top:1px solid var(--line)}
h3{font-size:16px;margin:20px 0 6px}
.sub{color:var(--soft);margin:0}
nav{max-width:1060px;margin:12px auto 0;padding:0 20px}
nav a{display:inline-block;margin:0 14px 6px 0;color:#1f5f8b;text-decoration:none}
.lead{font-size:17px;background:var(--card);border-left:4px solid #1f5f8b;padding:12px 16px;border-radius:4px}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:14px 0}
.card{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:10px 14px;min-width:150px}
.card b{display:block;font-size:22px}
.card span{color:var(--soft);font-size:13px}
table{border-collapse:collapse;width:100%;background:var(--card);margin:8px 0;font-size:14px}
th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
th{background:#eef1f4;font-weight:600}
td.num,th.num{text-align:right;white-space:nowrap}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;color:#fff;white-space:nowrap}
.critical{background:#b3261e}.warning{background:#b26a00}.info{background:#3b6ea5}
.new{background:#6a3fa0}.persisting{background:#6b7280}
.muted{color:var(--soft)}
.more{color:var(--soft);font-style:italic}
.chart,.radar{width:100%;height:auto;background:var(--card);border:1px solid var(--line);border-radius:4px}
.chart{max-width:640px;display:block}
.radar{max-width:360px}
.tick{font-size:11px;fill:#5b6470}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(320px,1fr));gap:16px}
figure{margin:14px 0}
figcaption{color:var(--soft);font-size:13px;margin-top:4px}
.legend i{display:inline-block;width:18px;height:3px;vertical-align:middle;margin:0 4px 0 10px}
details{margin:8px 0}
summary{cursor:pointer;color:#1f5f8b}
footer{color:var(--soft);font-size:13px;margin:40px auto 30px;
border-top:1px solid var(--line);padding-top:12px}
@media print{nav{display:none}h2{break-before:page}}
"""


def _badge(severity: str, lang: str) -> str:
    return f'<span class="badge {_e(severity)}">{_e(t(f"severity.{severity}", lang))}</span>'


def _more(shown: int, total: int, lang: str) -> str:
    if total <= shown:
        return ""
    return f'<p class="more">{_e(t("report.table.left_out", lang, shown=shown, total=total))}</p>'


def _subject(finding: Finding, names: _Names, lang: str) -> str:
    parts = []
    if finding.team is not None:
        parts.append(f'<span class="muted">{_e(t("report.label.team", lang))}</span> {_e(finding.team)}')
    if finding.person_id is not None:
        parts.append(
            f'<span class="muted">{_e(t("report.label.person", lang))}</span> {_e(names(finding.person_id))}'
        )
    if finding.kpi is not None:
        parts.append(f'<span class="muted">{_e(t("report.label.kpi", lang))}</span> {_e(finding.kpi)}')
    if not parts:
        parts.append(_e(t("report.label.organisation", lang)))
    return "<br>".join(parts)


def findings_table(findings: _Findings, data: ReportData, names: _Names, lang: str) -> str:
    """The findings (most severe first, at most ``MAX_TABLE_ROWS``) with what to do about each."""
    if not len(findings):
        return ""
    shown = findings.first(MAX_TABLE_ROWS)
    with_status = data.status is not None
    head = [
        t("report.table.severity", lang),
        t("report.table.subject", lang),
        t("report.table.finding", lang),
        t("report.table.remedy", lang),
    ]
    if with_status:
        head.append(t("report.table.status", lang))
    rows = []
    for finding in shown:
        cells = [
            _badge(finding.severity.value, lang),
            _subject(finding, names, lang),
            f"<b>{_e(render_title(finding, lang))}</b><br>{_e(render_message(finding, lang))}",
            _e(render_remedy(finding, lang)),
        ]
        if data.status is not None:
            status = data.status.get(finding.id, "new")
            cells.append(f'<span class="badge {_e(status)}">{_e(t(f"report.status.{status}", lang))}</span>')
        rows.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
    header = "".join(f"<th>{_e(text)}</th>" for text in head)
    return f"<table><thead><tr>{header}</tr></thead><tbody>{''.join(rows)}</tbody></table>" + _more(
        len(shown), len(findings), lang
    )


def _count_line(counts: Mapping[str, int], lang: str) -> str:
    """The sentence for :func:`_counts`."""
    keys = ("findings", "people", "teams", *SEVERITIES)
    return t("report.section.count", lang, **{key: counts[key] for key in keys})


def _overview(data: ReportData, findings: _Findings, lang: str) -> str:
    people = data.people.height
    flagged = findings.where(pl.col("severity") != Severity.INFO.value).distinct("person_id")
    scores = [s.cycle_score for s in data.result.scores if s.cycle_score is not None]
    median = float(pl.Series(scores, dtype=pl.Float64).median()) if scores else None  # type: ignore[arg-type]
    severities = findings.counts()
    cards = [
        (_num(people, lang), t("report.card.people", lang)),
        (_num(data.assignments, lang), t("report.card.assignments", lang)),
        (_num(severities["critical"], lang), t("report.card.critical", lang)),
        (_num(severities["warning"], lang), t("report.card.warning", lang)),
        (_num(severities["info"], lang), t("report.card.info", lang)),
        (_pct(median, lang) if median is not None else "—", t("report.card.median_score", lang)),
    ]
    card_html = "".join(
        f'<div class="card"><b>{_e(value)}</b><span>{_e(text)}</span></div>' for value, text in cards
    )
    by_cause = dict(findings.rows.group_by("cause").len().iter_rows())
    with_harm = len(findings.where(pl.col("harm").is_not_null()))
    other = len(findings.where(pl.col("cause").is_null() & pl.col("harm").is_null()))
    cause_rows = [
        (f"{cause}. {t(f'cause.{cause}', lang)}", by_cause.get(cause, 0), COLOURS["warning"])
        for cause in CAUSES
    ]
    cause_rows.append((t("report.other.title", lang), other, COLOURS["info"]))
    cause_rows.append((t("report.wellbeing.title", lang), with_harm, COLOURS["critical"]))
    parts = [
        '<section id="overview">',
        f"<h2>{_e(t('report.overview.title', lang))}</h2>",
        f'<p class="lead">{_e(t("report.overview.headline", lang, flagged=flagged, people=people))}</p>',
        f"<p>{_e(t('report.overview.design_not_blame', lang))}</p>",
        f'<div class="cards">{card_html}</div>',
        f"<h3>{_e(t('report.overview.by_cause', lang))}</h3>",
        bars_svg(rows=cause_rows, lang=lang, label=t("report.overview.by_cause", lang)),
    ]
    if scores:
        parts += [
            f"<h3>{_e(t('report.overview.scores', lang))}</h3>",
            f"<p>{_e(t('report.overview.scores_explained', lang))}</p>",
            histogram_svg(scores=scores, lang=lang, label=t("report.overview.scores", lang)),
        ]
    parts.append(_teams_table(data, findings, lang))
    parts.append("</section>")
    return "".join(parts)


def _teams_table(data: ReportData, findings: _Findings, lang: str) -> str:
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {s: 0 for s in SEVERITIES})
    per_team = findings.where(pl.col("home_team").is_not_null()).rows.group_by("home_team", "severity").len()
    for team, severity, count in per_team.iter_rows():
        counts[team][severity] = count
    sizes = data.people.group_by("team").len().sort("team")
    score_by_person = {s.person_id: s.cycle_score for s in data.result.scores}
    scores = pl.DataFrame(
        {"person_id": list(score_by_person), "score": list(score_by_person.values())},
        schema={"person_id": pl.Utf8, "score": pl.Float64},
    )
    by_team = (
        data.people.select("person_id", "team")
        .join(scores, on="person_id", how="left")
        .group_by("team")
        .agg(pl.col("score").median())
    )
    medians: dict[str, float | None] = dict(
        zip(by_team["team"].to_list(), by_team["score"].to_list(), strict=True)
    )
    rows = sorted(
        zip(sizes["team"].to_list(), sizes["len"].to_list(), strict=True),
        key=lambda row: (
            -counts[row[0]]["critical"],
            -counts[row[0]]["warning"],
            -counts[row[0]]["info"],
            row[0],
        ),
    )
    shown = rows[:MAX_TEAMS_LISTED]
    head = [
        ("", t("report.table.team", lang)),
        ("num", t("report.table.people", lang)),
        ("num", t("severity.critical", lang)),
        ("num", t("severity.warning", lang)),
        ("num", t("severity.info", lang)),
        ("num", t("report.table.median_score", lang)),
    ]
    header = "".join(f'<th class="{cls}">{_e(text)}</th>' for cls, text in head)
    body = []
    for team, size in shown:
        median = medians.get(team)
        cells = [
            ("", _e(team)),
            ("num", _e(_num(size, lang))),
            *(("num", _e(_num(counts[team][s], lang))) for s in SEVERITIES),
            ("num", _e(_pct(median, lang)) if median is not None else "—"),
        ]
        body.append("<tr>" + "".join(f'<td class="{cls}">{cell}</td>' for cls, cell in cells) + "</tr>")
    return (
        f"<h3>{_e(t('report.overview.teams', lang))}</h3>"
        f"<table><thead><tr>{header}</tr></thead><tbody>{''.join(body)}</tbody></table>"
        + _more(len(shown), len(rows), lang)
    )


def _capacity_charts(data: ReportData, names: _Names, lang: str) -> str:
    if data.capacity.is_empty():
        return ""
    parts = [
        f"<h3>{_e(t('report.capacity.title', lang))}</h3>",
        f"<p>{_e(t('report.capacity.explained', lang))}</p>",
        _legend(
            [
                ("value", t("report.capacity.legend_capacity", lang)),
                ("target", t("report.capacity.legend_target", lang)),
            ]
        ),
        '<div class="grid">',
    ]
    for (team, kpi), group in data.capacity.group_by("team", "kpi", maintain_order=True):
        rows = [
            (names(person), float(capacity), float(target))
            for person, capacity, target in zip(
                group["person_id"].to_list(),
                group["capacity"].to_list(),
                group["target"].to_list(),
                strict=True,
            )
            if capacity is not None and target is not None
        ]
        if not rows:
            continue
        shown = rows[:MAX_PEOPLE_PER_TEAM_CHART]
        label = t("report.capacity.chart", lang, team=team, kpi=kpi)
        caption = t("report.capacity.caption", lang, team=team, kpi=kpi)
        if group["direction"][0] == "lower":
            caption += " " + t("report.chart.lower_is_better", lang)
        parts.append(
            f"<figure>{capacity_svg(rows=shown, lang=lang, label=label)}"
            f"<figcaption>{_e(caption)}</figcaption>"
            f"{_more(len(shown), len(rows), lang)}</figure>"
        )
    parts.append("</div>")
    if data.capacity_left_out:
        parts.append(
            f'<p class="more">{_e(t("report.capacity.left_out", lang, count=data.capacity_left_out))}</p>'
        )
    return "".join(parts)


def _legend(items: Sequence[tuple[str, str]]) -> str:
    spans = "".join(f'<i style="background:{COLOURS[colour]}"></i>{_e(text)}' for colour, text in items)
    return f'<p class="legend muted">{spans}</p>'


def _cause_section(cause: int, findings: _Findings, data: ReportData, names: _Names, lang: str) -> str:
    parts = [
        f'<section id="cause-{cause}">',
        f"<h2>{cause}. {_e(t(f'cause.{cause}', lang))}</h2>",
        f"<p>{_e(t(f'report.cause.{cause}.intro', lang))}</p>",
    ]
    if len(findings):
        parts.append(f"<p><b>{_e(_count_line(findings.counts(), lang))}</b></p>")
    else:
        parts.append(f"<p><b>{_e(t('report.section.none', lang))}</b></p>")
    if cause == 1:
        parts.append(_capacity_charts(data, names, lang))
    parts.append(findings_table(findings, data, names, lang))
    parts.append("</section>")
    return "".join(parts)


def _other_section(findings: _Findings, data: ReportData, names: _Names, lang: str) -> str:
    body = (
        f"<p><b>{_e(_count_line(findings.counts(), lang))}</b></p>"
        if len(findings)
        else f"<p>{_e(t('report.section.none', lang))}</p>"
    )
    return (
        f'<section id="other"><h2>{_e(t("report.other.title", lang))}</h2>'
        f"<p>{_e(t('report.other.intro', lang))}</p>{body}"
        f"{findings_table(findings, data, names, lang)}</section>"
    )


def _history_section(data: ReportData, findings: _Findings, names: _Names, lang: str) -> str:
    if data.history.is_empty():
        return ""
    about_pairs = findings.where(pl.col("person_id").is_not_null() & pl.col("kpi").is_not_null())
    flagged_pairs = about_pairs.rows.select("person_id", "kpi").n_unique()
    # Finding objects only for the pairs with a chart (in order of their most severe finding)
    charted_pairs = data.history.select("person_id", "kpi").unique()
    by_pair: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for finding in findings.source.pick(
        about_pairs.rows.join(charted_pairs, on=["person_id", "kpi"], how="semi", maintain_order="left")
    ):
        by_pair[(finding.person_id or "", finding.kpi or "")].append(finding)
    parts = [
        '<section id="history">',
        f"<h2>{_e(t('report.history.title', lang))}</h2>",
        f"<p>{_e(t('report.history.explained', lang))}</p>",
        _legend(
            [
                ("value", t("report.history.legend_value", lang)),
                ("target", t("report.history.legend_target", lang)),
            ]
        ),
    ]
    # Each pair's series as Python lists, from one aggregation (not a frame per pair)
    grouped = data.history.group_by("person_id", "kpi", maintain_order=True).agg(
        "period_end", "value", "target", pl.col("direction").first(), pl.col("cycle_start").first()
    )
    series = {
        (str(person), str(kpi)): rest
        for person, kpi, *rest in zip(
            *(grouped.get_column(name).to_list() for name in grouped.columns), strict=True
        )
    }
    charted = 0
    for pair, pair_findings in by_pair.items():
        found = series.get(pair)
        if found is None:
            continue
        charted += 1
        periods, raw_values, raw_targets, direction, cycle_start = found
        values = [float(v) for v in raw_values]
        targets = [float(v) for v in raw_targets]
        lower = direction == "lower"
        in_cycle = [
            (v, g)
            for p, v, g in zip(periods, values, targets, strict=True)
            if cycle_start is None or p >= cycle_start
        ]
        reached = sum(1 for v, g in in_cycle if (v <= g if lower else v >= g))
        label = t("report.history.chart", lang, person=names(pair[0]), kpi=pair[1])
        caption = [t("report.history.reached", lang, reached=reached, periods=len(in_cycle))]
        p_attain = next(
            (
                f.evidence["p_attain"]
                for f in pair_findings
                if isinstance(f.evidence.get("p_attain"), int | float)
            ),
            None,
        )
        if p_attain is not None:
            caption.insert(0, t("report.history.p_attain", lang, p=p_attain))
        if lower:
            caption.append(t("report.chart.lower_is_better", lang))
        titles = ", ".join(sorted({render_title(f, lang) for f in pair_findings}))
        parts.append(
            f'<figure><h3>{_e(names(pair[0]))} · {_e(pair[1])} <span class="muted">({_e(titles)})</span></h3>'
            + history_svg(
                periods=periods,
                values=values,
                targets=targets,
                cycle_start=cycle_start,
                lang=lang,
                label=label,
            )
            + f"<figcaption>{_e(' '.join(caption))}</figcaption></figure>"
        )
        if charted >= MAX_HISTORY_CHARTS:
            break
    parts.append(_more(charted, flagged_pairs, lang))
    parts.append("</section>")
    return "".join(parts)


def render_wellbeing(findings: _Findings, *, data: ReportData, names: _Names, lang: str) -> str:
    """The wellbeing radar: the seven harms for the organisation and each team, with evidence,
    remedies and what was withheld to protect people (counts only). ``findings`` have ``harm`` set."""
    labels = [t(f"harm.{harm}", lang) for harm in HARMS]
    parts = [
        '<section id="wellbeing">',
        f"<h2>{_e(t('report.wellbeing.title', lang))}</h2>",
        f"<p>{_e(t('report.wellbeing.intro', lang))}</p>",
    ]
    org_levels = [findings.counts()[f"harm_{harm}"] for harm in HARMS]
    parts.append('<div class="grid"><figure>')
    parts.append(radar_svg(levels=org_levels, labels=labels, label=t("report.wellbeing.org_radar", lang)))
    parts.append(f"<figcaption>{_e(t('report.wellbeing.radar_explained', lang))}</figcaption></figure>")
    head = "".join(
        f'<th class="{cls}">{_e(text)}</th>'
        for cls, text in [("", t("report.wellbeing.harm", lang))]
        + [("num", t(f"severity.{s}", lang)) for s in SEVERITIES]
    )
    body = []
    by_harm = findings.counts_by("harm")
    for harm, text in zip(HARMS, labels, strict=True):
        counts = [by_harm[harm][s] if harm in by_harm else 0 for s in SEVERITIES]
        body.append(
            f"<tr><td>{harm}. {_e(text)}</td>"
            + "".join(f'<td class="num">{_e(_num(c, lang))}</td>' for c in counts)
            + "</tr>"
        )
    parts.append(
        f"<div><table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div></div>"
    )

    ranked = (
        findings.rows.filter(pl.col("home_team").is_not_null())
        .group_by("home_team")
        .agg(pl.col("weight").sum())
        .sort(pl.col("weight"), pl.col("home_team"), descending=[True, False])
        .get_column("home_team")
        .to_list()
    )
    if ranked:
        parts.append(f'<h3>{_e(t("report.wellbeing.teams", lang))}</h3><div class="grid">')
        shown = ranked[:MAX_RADAR_TEAMS]
        by_team = findings.where(pl.col("home_team").is_in(shown)).counts_by("home_team")
        for team in shown:
            levels = [by_team[team][f"harm_{harm}"] for harm in HARMS]
            label = t("report.wellbeing.team_radar", lang, team=team)
            parts.append(
                f"<figure><h3>{_e(team)}</h3>{radar_svg(levels=levels, labels=labels, label=label)}"
                f"<figcaption>{_e(_count_line(by_team[team], lang))}</figcaption></figure>"
            )
        parts.append("</div>")
        parts.append(_more(min(len(ranked), MAX_RADAR_TEAMS), len(ranked), lang))
    parts.append(findings_table(findings, data, names, lang))
    parts.append(_privacy_note(data.result.suppressed, lang))
    parts.append("</section>")
    return "".join(parts)


def _privacy_note(suppressed: Mapping[str, int], lang: str) -> str:
    items = []
    for reason in sorted(suppressed):
        count = suppressed[reason]
        key = f"report.suppressed.{reason}"
        text = (
            t(key, lang, count=count)
            if _has(key)
            else t("report.suppressed.other", lang, reason=reason, count=count)
        )
        items.append(f"<li>{_e(text)}</li>")
    total = sum(suppressed.values())
    listing = f"<ul>{''.join(items)}</ul>" if items else ""
    return (
        f"<h3>{_e(t('report.privacy.title', lang))}</h3>"
        f"<p>{_e(t('report.privacy.note', lang, count=total))}</p>{listing}"
    )


def _baseline_section(data: ReportData, lang: str) -> str:
    if data.status is None or data.resolved is None:
        return ""
    new = sum(1 for status in data.status.values() if status == "new")
    persisting = sum(1 for status in data.status.values() if status == "persisting")
    parts = [
        '<section id="progress">',
        f"<h2>{_e(t('report.baseline.title', lang))}</h2>",
        "<p>"
        + _e(
            t(
                "report.baseline.summary",
                lang,
                new=new,
                persisting=persisting,
                resolved=len(data.resolved),
                since=data.baseline_as_of or "—",
            )
        )
        + "</p>",
    ]
    if data.resolved:
        shown = data.resolved[:MAX_TABLE_ROWS]
        head = "".join(
            f"<th>{_e(t(key, lang))}</th>"
            for key in ("report.table.severity", "report.table.code", "report.table.subject")
        )
        rows = []
        for item in shown:
            subject = " · ".join(part for part in (item.team, item.person_id, item.kpi) if part) or t(
                "report.label.organisation", lang
            )
            title_key = f"code.{item.code}.title"
            title = t(title_key, lang) if _has(title_key) else item.code
            badge = _badge(item.severity, lang) if item.severity in SEVERITIES else _e(item.severity)
            rows.append(f"<tr><td>{badge}</td><td>{_e(title)}</td><td>{_e(subject)}</td></tr>")
        parts.append(f"<h3>{_e(t('report.baseline.resolved', lang))}</h3>")
        parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")
        parts.append(_more(len(shown), len(data.resolved), lang))
    parts.append("</section>")
    return "".join(parts)


def _notes_section(data: ReportData, lang: str) -> str:
    notes = sorted({render_note(note, lang) for note in data.result.note_details})
    if not notes:
        return ""
    items = "".join(f"<li>{_e(note)}</li>" for note in notes)
    return f'<section id="notes"><h2>{_e(t("report.notes.title", lang))}</h2><ul>{items}</ul></section>'


def render_report(data: ReportData, lang: str) -> str:
    """The whole report as one self-contained HTML document."""
    names = _Names(data.people)
    source = data.result.finding_set
    home = data.people.select("person_id", pl.col("team").alias("home_team"))
    findings = _Findings(
        source.table()
        .join(home, on="person_id", how="left", maintain_order="left")
        .with_columns(pl.coalesce("team", "home_team").alias("home_team"), _weight()),
        source,
    )
    sections = [
        ("overview", t("report.overview.title", lang), _overview(data, findings, lang)),
        *(
            (
                f"cause-{cause}",
                f"{cause}. {t(f'cause.{cause}', lang)}",
                _cause_section(cause, findings.where(pl.col("cause") == cause), data, names, lang),
            )
            for cause in CAUSES
        ),
        (
            "other",
            t("report.other.title", lang),
            _other_section(
                findings.where(pl.col("cause").is_null() & pl.col("harm").is_null()), data, names, lang
            ),
        ),
        (
            "wellbeing",
            t("report.wellbeing.title", lang),
            render_wellbeing(findings.where(pl.col("harm").is_not_null()), data=data, names=names, lang=lang),
        ),
        ("history", t("report.history.title", lang), _history_section(data, findings, names, lang)),
        ("progress", t("report.baseline.title", lang), _baseline_section(data, lang)),
        ("notes", t("report.notes.title", lang), _notes_section(data, lang)),
    ]
    nav = "".join(f'<a href="#{anchor}">{_e(title)}</a>' for anchor, title, body in sections if body)
    scope = t("report.scope.team", lang, team=data.scope) if data.scope else t("report.scope.all", lang)
    subtitle = t("report.subtitle", lang, as_of=data.result.as_of, scope=scope)
    return (
        f'<!DOCTYPE html>\n<html lang="{_e(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(t('report.title', lang))}</title><style>{CSS}</style></head><body>"
        f'<header><h1>{_e(t("report.title", lang))}</h1><p class="sub">{_e(subtitle)}</p></header>'
        f"<nav>{nav}</nav><main>{''.join(body for _, _, body in sections)}</main>"
        f"<footer>{_e(t('report.footer', lang, as_of=data.result.as_of))}</footer></body></html>\n"
    )
