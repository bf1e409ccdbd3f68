"""Every entry point of the engine imports on its own, in a fresh interpreter, whatever comes first.

The web survey page imports the instruments first, the audit the findings first, the CLI its own
module first: an import cycle that only bites in one order must fail here, not in production.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

ENTRY_POINTS = [
    "kpiwell.engine.wellbeing",
    "kpiwell.engine.wellbeing.instruments",
    "kpiwell.engine.wellbeing.radar",
    "kpiwell.engine.audit",
    "kpiwell.engine.audit.findings",
    "kpiwell.engine.audit.io",
    "kpiwell.engine.audit.report",
    "kpiwell.engine.turnover",
    "kpiwell.cli.audit",
    "kpiwell.cli.turnover",
]


@pytest.mark.parametrize("module", ENTRY_POINTS)
def test_the_module_imports_first_in_a_fresh_interpreter(module: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", f"import {module}"], capture_output=True, text=True, check=False
    )

    assert result.returncode == 0, result.stderr
