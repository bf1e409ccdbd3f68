"""The demo organisation (Sen Vàng Retail & Services) as pure data; no Django here.

``generate_demo`` builds it, ``to_audit_frames`` turns it into the audit's input frames, and
``kpiwell.demo.load`` (which does need Django) writes it into the database.
"""

from __future__ import annotations

from kpiwell.demo.frames import to_audit_frames
from kpiwell.demo.generate import DEFAULT_SEED, demo_password, generate_demo
from kpiwell.demo.model import (
    DemoAssignment,
    DemoCheckIn,
    DemoCycle,
    DemoKpi,
    DemoMeasurement,
    DemoObjective,
    DemoOrg,
    DemoPerson,
    DemoRecognition,
    DemoRevision,
    DemoSurveyResponse,
    DemoTeam,
    Planted,
)

__all__ = [
    "DEFAULT_SEED",
    "DemoAssignment",
    "DemoCheckIn",
    "DemoCycle",
    "DemoKpi",
    "DemoMeasurement",
    "DemoObjective",
    "DemoOrg",
    "DemoPerson",
    "DemoRecognition",
    "DemoRevision",
    "DemoSurveyResponse",
    "DemoTeam",
    "Planted",
    "demo_password",
    "generate_demo",
    "to_audit_frames",
]
