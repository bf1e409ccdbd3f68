"""The ``kpiwell`` console script.

Pure-data commands (``audit``, ``turnover``) run without Django so they start fast and need no
database: each lives in its own module here with a ``run(argv: list[str]) -> int`` entry point.
Everything else (``migrate``, ``serve``, ``createadmin``, ``demo``, ``export``, ...) is a Django
management command and goes through Django's management machinery.
"""

from __future__ import annotations

import importlib
import os
import sys

PURE_COMMANDS = {
    "audit": "kpiwell.cli.audit",
    "turnover": "kpiwell.cli.turnover",
}


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in PURE_COMMANDS:
        module = importlib.import_module(PURE_COMMANDS[args[0]])
        code: int = module.run(args[1:])
        return code
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kpiwell.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["kpiwell", *args])
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
