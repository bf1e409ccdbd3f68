"""Pure, typed analytics for kpiwell.

Nothing in this package may import Django (an import-linter contract enforces it). The web app,
the REST API and the command line all call these functions, so every rule lives here once.
"""
