"""Compare a new audit with an earlier ``findings.json``: which findings are new, which persist,
which were resolved.

Finding ids are stable (the same code and subject give the same id in every run), so the comparison
is by id. A resolved finding is one the earlier file had and the new audit does not.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from kpiwell.engine.audit.serialize import SCHEMA_VERSION, Resolved

NEW: Final = "new"
PERSISTING: Final = "persisting"


class BaselineError(ValueError):
    """The earlier findings file cannot be used (unreadable, not JSON, another schema)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Comparison:
    status: dict[str, str]  # finding id -> "new" | "persisting"
    resolved: tuple[Resolved, ...]  # sorted like findings: by severity, code, subject
    baseline_as_of: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Baseline:
    as_of: str | None
    findings: tuple[Resolved, ...]


_RANK: Final = {"critical": 0, "warning": 1, "info": 2}


def read_baseline(path: Path) -> Baseline:
    """The findings of an earlier ``findings.json``; ``BaselineError`` with a plain reason otherwise."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise BaselineError(f"{path}: cannot read the file ({error.strerror or error})") from error
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BaselineError(f"{path}: not a findings.json file ({error})") from error
    if not isinstance(document, dict) or document.get("schema_version") != SCHEMA_VERSION:
        raise BaselineError(f"{path}: not a findings.json file of schema version {SCHEMA_VERSION}")
    raw = document.get("findings")
    if not isinstance(raw, list) or not all(_is_finding(item) for item in raw):
        raise BaselineError(f"{path}: the findings list is missing or malformed")
    as_of = document.get("as_of")
    return Baseline(
        as_of=as_of if isinstance(as_of, str) else None,
        findings=tuple(
            Resolved(
                id=item["id"],
                code=item["code"],
                severity=item["severity"],
                team=item.get("team"),
                person_id=item.get("person_id"),
                kpi=item.get("kpi"),
            )
            for item in raw
        ),
    )


def _is_finding(item: Any) -> bool:
    return (
        isinstance(item, dict)
        and all(isinstance(item.get(key), str) for key in ("id", "code", "severity"))
        and all(
            item.get(key) is None or isinstance(item.get(key), str) for key in ("team", "person_id", "kpi")
        )
    )


def compare(
    baseline: Baseline,
    current_ids: Iterable[str],
    *,
    in_scope: Callable[[Resolved], bool] | None = None,
) -> Comparison:
    """Status of each current finding, and the earlier findings no longer there.

    ``in_scope`` limits the resolved ones to the part of the organisation audited now (``--team``),
    so an earlier whole-organisation file does not make every other team look resolved.
    """
    current = list(current_ids)
    before = {finding.id for finding in baseline.findings}
    now = set(current)
    resolved = sorted(
        (
            finding
            for finding in baseline.findings
            if finding.id not in now and (in_scope is None or in_scope(finding))
        ),
        key=lambda f: (_RANK.get(f.severity, 3), f.code, f.team or "", f.person_id or "", f.kpi or "", f.id),
    )
    return Comparison(
        status={finding_id: PERSISTING if finding_id in before else NEW for finding_id in current},
        resolved=tuple(resolved),
        baseline_as_of=baseline.as_of,
    )
