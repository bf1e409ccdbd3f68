"""The demo organisation as plain data: frozen dataclasses the web app's loader turns into rows.

Field names are the contract with ``kpiwell.demo.load`` (the Django loader); nothing here knows
about Django. Keys are stable strings (``"E001"``, ``"store-d1"``, ``"K-SALES"``) so the loader can
wire relations without database ids.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

Kind = Literal["quantitative", "qualitative"]
Direction = Literal["higher", "lower"]
SetBy = Literal["manager", "employee", "co-created"]
Status = Literal["draft", "proposed", "agreed", "revised", "closed"]
Language = Literal["en", "vi"]
RecognitionKind = Literal["praise", "nomination"]
Instrument = Literal["who5", "cbi-personal", "cbi-work", "mini-z", "enps"]


@dataclass(frozen=True, slots=True, kw_only=True)
class DemoTeam:
    key: str
    name: str
    name_vi: str
    parent_key: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class DemoPerson:
    key: str  # person id, e.g. "E001"
    username: str  # ascii, lowercase, e.g. "lan.nguyen"
    full_name: str  # Vietnamese names family name first, with diacritics
    email: str
    team_key: str
    manager_key: str | None
    job_title: str
    start_date: date
    is_hr: bool
    is_admin: bool
    language: Language


@dataclass(frozen=True, slots=True, kw_only=True)
class DemoObjective:
    key: str
    title: str
    purpose: str
    team_key: str | None  # None: organisation level
    parent_key: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class DemoKpi:
    key: str
    name: str
    kind: Kind
    unit: str
    direction: Direction
    period: Literal["week"]
    purpose: str  # "" for the planted KPI nobody explained
    objective_key: str
    owner_key: str | None
    rubric: dict[int, str]  # levels 1-5 for qualitative KPIs, empty for quantitative ones


@dataclass(frozen=True, slots=True, kw_only=True)
class DemoCycle:
    key: str
    name: str
    start: date
    end: date


@dataclass(frozen=True, slots=True, kw_only=True)
class DemoAssignment:
    person_key: str
    kpi_key: str
    cycle_key: str
    baseline: float | None
    commit: float
    target: float
    stretch: float
    weight: float  # percent; a person's weights in a cycle sum to 100
    set_by: SetBy
    status: Status


@dataclass(frozen=True, slots=True, kw_only=True)
class DemoMeasurement:
    person_key: str
    kpi_key: str
    period_end: date
    value: float
    recorded_at: datetime  # naive local time (Asia/Ho_Chi_Minh)
    recorded_by_key: str


@dataclass(frozen=True, slots=True, kw_only=True)
class DemoRevision:
    person_key: str
    kpi_key: str
    cycle_key: str
    old_commit: float
    old_target: float
    old_stretch: float
    new_commit: float
    new_target: float
    new_stretch: float
    reason: str
    revised_by_key: str
    revised_at: datetime  # naive local time (Asia/Ho_Chi_Minh)
    effective_from: date


@dataclass(frozen=True, slots=True, kw_only=True)
class DemoCheckIn:
    employee_key: str
    manager_key: str
    date: date
    mood: int  # 1-5
    workload: int  # 1-5
    notes: str


@dataclass(frozen=True, slots=True, kw_only=True)
class DemoRecognition:
    giver_key: str
    receiver_key: str
    date: date
    kind: RecognitionKind
    note: str
    kpi_key: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class DemoSurveyResponse:
    person_key: str
    instrument: Instrument
    item: int  # 1-based, in the source's order
    response: int  # who5 0-5, cbi 0-4 (4 = "Always"), mini-z 1-5, enps 0-10
    date: date


@dataclass(frozen=True, slots=True, kw_only=True)
class Planted:
    """One situation planted on purpose, with the audit finding code it should produce."""

    code: str
    team_key: str
    person_key: str | None
    kpi_key: str | None
    description: str


@dataclass(frozen=True, slots=True, kw_only=True)
class DemoOrg:
    name: str
    as_of: date
    teams: tuple[DemoTeam, ...]
    people: tuple[DemoPerson, ...]
    objectives: tuple[DemoObjective, ...]
    kpis: tuple[DemoKpi, ...]
    cycles: tuple[DemoCycle, ...]  # previous cycle first, then the current one
    assignments: tuple[DemoAssignment, ...]
    measurements: tuple[DemoMeasurement, ...]
    revisions: tuple[DemoRevision, ...]
    checkins: tuple[DemoCheckIn, ...]
    recognitions: tuple[DemoRecognition, ...]
    survey_responses: tuple[DemoSurveyResponse, ...]
    planted: tuple[Planted, ...]
    healthy_team_key: str  # the control team: no warning or critical findings, ideally no info
    small_team_key: str  # too few respondents: its survey results must be suppressed or rolled up
    current_cycle_key: str
