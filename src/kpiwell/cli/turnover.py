"""``kpiwell turnover evaluate|fit|score``: the turnover-risk model on the command line.

Runs without Django. Every error is one line on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import NoReturn, TextIO

from kpiwell.engine.turnover import (
    Evaluation,
    RiskBands,
    TurnoverConfig,
    TurnoverError,
    TurnoverModel,
    evaluate,
    evaluation_as_dict,
    fit,
    load_model,
    read_table,
    save_model,
    score,
    write_scores,
)

PROGRAM = "kpiwell turnover"
USAGE_ERROR = 2
PERCENT = 100.0


class _UsageError(Exception):
    """A mistake in the command line itself: reported in one line, exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _UsageError(message)


def run(argv: list[str]) -> int:
    parser = _parser()
    try:
        arguments = parser.parse_args(argv)
    except _UsageError as error:
        return _fail(str(error))
    except SystemExit as leaving:  # --help
        return leaving.code if isinstance(leaving.code, int) else 0
    handler: Callable[[argparse.Namespace, TextIO], int] | None = getattr(arguments, "handler", None)
    if handler is None:
        return _fail("choose a command: evaluate, fit or score (see kpiwell turnover --help)")
    try:
        return handler(arguments, sys.stdout)
    except TurnoverError as error:
        return _fail(str(error))


def _fail(message: str) -> int:
    print(f"{PROGRAM}: error: {message}", file=sys.stderr)
    return USAGE_ERROR


def _parser() -> _Parser:
    parser = _Parser(
        prog=PROGRAM,
        description=(
            "Turnover risk from HR records: validated, calibrated, explained person by person, with "
            "protected attributes and their proxies left out. The risk is for supportive "
            "conversations, never for decisions about a person."
        ),
    )
    commands = parser.add_subparsers(title="commands", parser_class=_Parser)

    evaluate_parser = commands.add_parser("evaluate", help="cross-validate the model and report its quality")
    _data_options(evaluate_parser)
    evaluate_parser.add_argument("--json", action="store_true", help="print one JSON object")
    evaluate_parser.set_defaults(handler=_evaluate)

    fit_parser = commands.add_parser("fit", help="fit the model and save it as JSON")
    _data_options(fit_parser)
    fit_parser.add_argument("--model", required=True, type=Path, help="where to write the model file (JSON)")
    fit_parser.add_argument(
        "--bands",
        type=_bands,
        default=None,
        metavar="MEDIUM,HIGH",
        help="risk band thresholds (default 0.15,0.35: low < 0.15 <= medium < 0.35 <= high)",
    )
    fit_parser.set_defaults(handler=_fit)

    score_parser = commands.add_parser("score", help="score people with a saved model")
    score_parser.add_argument("--model", required=True, type=Path, help="a model file written by 'fit'")
    score_parser.add_argument("--data", required=True, type=Path, help="HR table: CSV, XLSX or Parquet")
    score_parser.add_argument("--out", required=True, type=Path, help="where to write the scores (CSV)")
    score_parser.add_argument(
        "--id", default=None, help="id column (default: the one the model was fitted with)"
    )
    score_parser.set_defaults(handler=_score)
    return parser


def _data_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", required=True, type=Path, help="HR table: CSV, XLSX or Parquet")
    parser.add_argument("--label", required=True, help="the column saying who left")
    parser.add_argument(
        "--positive", default=None, help="the label value meaning 'left' (default: yes/true/1)"
    )
    parser.add_argument("--id", default=None, help="the column identifying people (not a feature)")
    parser.add_argument("--exclude", type=_names, default=(), metavar="COL,...", help="columns to leave out")
    parser.add_argument(
        "--allow",
        type=_names,
        default=(),
        metavar="COL,...",
        help="protected attributes or proxies to include knowingly",
    )
    parser.add_argument("--seed", type=int, default=None, help="random seed for the folds (default 42)")


def _names(text: str) -> tuple[str, ...]:
    names = tuple(name.strip() for name in text.split(",") if name.strip())
    if not names:
        raise argparse.ArgumentTypeError("give one or more column names separated by commas")
    return names


def _bands(text: str) -> RiskBands:
    parts = text.split(",")
    try:
        medium, high = (float(part) for part in parts)
    except ValueError:
        raise argparse.ArgumentTypeError("give two numbers: MEDIUM,HIGH (e.g. 0.15,0.35)") from None
    if not 0.0 < medium < high < 1.0:
        raise argparse.ArgumentTypeError("bands must satisfy 0 < MEDIUM < HIGH < 1")
    return RiskBands(medium=medium, high=high)


def _id_columns(name: str | None) -> tuple[str, ...]:
    return () if name is None else (name,)


def _evaluate(arguments: argparse.Namespace, out: TextIO) -> int:
    frame = read_table(arguments.data, text_columns=_id_columns(arguments.id))
    evaluation = evaluate(
        frame,
        label=arguments.label,
        positive=arguments.positive,
        id_column=arguments.id,
        exclude=arguments.exclude,
        allow=arguments.allow,
        seed=arguments.seed,
    )
    if arguments.json:
        out.write(json.dumps(evaluation_as_dict(evaluation), allow_nan=False) + "\n")
    else:
        out.write(evaluation_text(evaluation))
    return 0


def _fit(arguments: argparse.Namespace, out: TextIO) -> int:
    config = TurnoverConfig() if arguments.bands is None else replace(TurnoverConfig(), bands=arguments.bands)
    frame = read_table(arguments.data, text_columns=_id_columns(arguments.id))
    model = fit(
        frame,
        label=arguments.label,
        positive=arguments.positive,
        id_column=arguments.id,
        exclude=arguments.exclude,
        allow=arguments.allow,
        config=config,
        seed=arguments.seed,
    )
    save_model(model, arguments.model)
    out.write(model_text(model, arguments.model))
    return 0


def _score(arguments: argparse.Namespace, out: TextIO) -> int:
    model = load_model(arguments.model)
    frame = read_table(arguments.data, text_columns=_id_columns(arguments.id or model.id_column))
    config = TurnoverConfig()
    scores = score(model, frame, id_column=arguments.id, config=config)
    write_scores(scores, arguments.out, config)
    counts = {
        band: sum(person.band == band for person in scores.people) for band in ("high", "medium", "low")
    }
    lines = [
        f"Scored {len(scores.people):,} people: {counts['high']} high, {counts['medium']} medium, "
        f"{counts['low']} low risk -> {arguments.out}",
        *(f"  {note}" for note in scores.notes),
        config.note,
    ]
    out.write("\n".join(lines) + "\n")
    return 0


def evaluation_text(evaluation: Evaluation) -> str:
    """The plain-text report of ``kpiwell turnover evaluate``."""
    base_rate = evaluation.left / evaluation.rows
    base_brier = base_rate * (1 - base_rate)
    folds = " ".join(f"{fold.roc_auc:.3f}" for fold in evaluation.folds)
    lines = [
        f"Turnover-risk model, cross-validated on {evaluation.rows:,} people "
        f"({evaluation.left:,} left, {base_rate:.1%}); {len(evaluation.folds)} stratified folds, "
        f"seed {evaluation.seed}",
        "",
        f"ROC-AUC  {evaluation.roc_auc:.3f} ± {evaluation.roc_auc_spread:.3f}   (folds: {folds})",
        f"PR-AUC   {evaluation.pr_auc:.3f}           (guessing: {base_rate:.3f})",
        f"Brier    {evaluation.brier:.3f}           (always the base rate: {base_brier:.3f})",
        "",
        "Calibration, out of fold (deciles of predicted risk):",
        _table(
            ("predicted", "observed", "people"),
            [
                (f"{row.mean_predicted:.1%}", f"{row.observed_rate:.1%}", f"{row.count:,}")
                for row in evaluation.calibration
            ],
        ),
        "",
        f"Columns used ({len(evaluation.features)}): {', '.join(evaluation.features)}",
        "",
        "Left out:",
        _table(("column", "why"), [(item.column, item.reason) for item in evaluation.excluded]),
    ]
    if evaluation.imputed:
        lines += [
            "",
            "Missing values filled:",
            _table(
                ("column", "cells", "filled with"),
                [(item.column, f"{item.missing:,}", item.fill) for item in evaluation.imputed],
            ),
        ]
    else:
        lines += ["", "Missing values filled: none (no missing cells)"]
    lines += ["", "Fairness: mean predicted risk (out of fold) by group of each protected attribute"]
    if not evaluation.fairness:
        lines.append("  no protected attribute found in the data")
    for report in evaluation.fairness:
        status = "IN THE MODEL (--allow)" if report.in_model else "left out of the model"
        gap = (
            "largest gap: not enough people per group"
            if report.largest_gap is None or report.gap_between is None
            else f"largest gap {report.largest_gap * PERCENT:.1f} pp "
            f"({report.gap_between[0]} vs {report.gap_between[1]})"
        )
        lines += [
            "",
            f"{report.column} ({report.attribute}; {status}; {report.grouping}) - {gap}",
            _table(
                ("group", "people", "mean risk", "left"),
                [
                    (group.group, f"{group.count:,}", f"{group.mean_risk:.1%}", f"{group.observed_rate:.1%}")
                    for group in report.groups
                ],
            ),
        ]
    lines += [f"Note: {note}" for note in evaluation.notes]
    lines += ["", TurnoverConfig().note]
    return "\n".join(lines) + "\n"


def model_text(model: TurnoverModel, path: Path) -> str:
    """What ``kpiwell turnover fit`` prints."""
    used = ", ".join(f"{column.name} ({column.role})" for column in model.encoder.columns)
    filled = [column for column in model.encoder.columns if column.missing]
    lines = [
        f"Fitted on {model.training_rows:,} people ({model.training_positive_rate:.1%} with "
        f"{model.label} = {model.positive}); L2 strength C = {model.regularisation:g}; "
        f"Platt calibration a = {model.calibration.slope:.3f}, b = {model.calibration.intercept:.3f}",
        f"Columns used ({len(model.encoder.columns)}): {used}",
        "Left out:",
        _table(("column", "why"), [(item.column, item.reason) for item in model.excluded]),
        "Missing values filled: "
        + (
            ", ".join(f"{column.name} ({column.missing} cells with {column.fill})" for column in filled)
            or "none"
        ),
        f"Risk bands: low < {model.bands.medium:g} <= medium < {model.bands.high:g} <= high",
        *(f"Note: {note}" for note in model.notes),
        f"Model written to {path}",
    ]
    return "\n".join(lines) + "\n"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    if not rows:
        return "  (none)"
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=True)]
    rendered = [
        "  " + "  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in (header, *rows)
    ]
    return "\n".join(rendered)
