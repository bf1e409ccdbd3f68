"""kpiwell: a KPI and people-performance platform where a KPI is a compass, not a whip."""

__version__ = "0.1.0"
