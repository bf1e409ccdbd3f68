"""``kpiwell audit``: read a KPI plan and its actuals, find where the KPIs are set up to backfire.

Writes ``DIR/findings.json`` and ``DIR/report.html`` and prints a short summary. Runs without Django.
Every problem with the input is reported at once as ``file:row:column: message`` with exit status 2;
nothing is written then, and no traceback is ever shown for bad input.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import tempfile
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Final

import polars as pl

from kpiwell.cli._console import Progress, table
from kpiwell.engine.audit import AuditConfig, ConfigError, audit
from kpiwell.engine.audit.findings import AuditResult, FindingSet
from kpiwell.engine.audit.i18n import LANGUAGES, t
from kpiwell.engine.audit.io import AuditInputs, InputError, read_inputs
from kpiwell.engine.audit.report import ReportData, render_report, report_data
from kpiwell.engine.audit.serialize import SEVERITIES, Resolved, findings_json_chunks

if TYPE_CHECKING:  # modules that only some options need are imported where they are used
    from kpiwell.engine.audit.baseline import Baseline

EXIT_OK: Final = 0
EXIT_FAILED: Final = 1
EXIT_BAD_INPUT: Final = 2
PROGRESS_THRESHOLD_BYTES: Final = 50_000_000  # about two seconds of reading and auditing on 2 cores
KEY_ENV: Final = "KPIWELL_PSEUDONYM_KEY"
KEY_FILE: Final = Path("~/.kpiwell/pseudonym.key")


class UsageError(Exception):
    """A problem with the command's options or files, already worded for the person running it."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kpiwell audit",
        description="Find where a KPI plan is set up to backfire, with the evidence and what to do instead.",
    )
    parser.add_argument("--plan", required=True, type=Path, help="KPI plan: one row per person x KPI")
    parser.add_argument(
        "--actuals", required=True, type=Path, help="actual values per person, KPI and period"
    )
    parser.add_argument("--targets", type=Path, help="per-period targets that replace the plan's target")
    parser.add_argument("--checkins", type=Path, help="1:1 check-ins (for feedback-gap)")
    parser.add_argument("--recognition", type=Path, help="praise and nominations (for recognition-drought)")
    parser.add_argument("--surveys", type=Path, help="wellbeing survey answers (WHO-5, CBI, Mini-Z, eNPS)")
    parser.add_argument("--turnover-scores", type=Path, help="scores file of `kpiwell turnover score`")
    parser.add_argument(
        "--as-of", help="audit date, YYYY-MM-DD (default: the latest period_end in the actuals)"
    )
    parser.add_argument("--config", type=Path, help="TOML file overriding thresholds (see docs/formats.md)")
    parser.add_argument("--lang", choices=LANGUAGES, default="en", help="language of the report and messages")
    parser.add_argument("--team", help="limit the report to this team and its sub-teams")
    parser.add_argument(
        "--pseudonymize",
        action="store_true",
        help=f"replace names and ids with stable pseudonyms (key: ${KEY_ENV} or {KEY_FILE})",
    )
    parser.add_argument("--baseline", type=Path, help="an earlier findings.json to compare with")
    parser.add_argument("--out", required=True, type=Path, help="directory for findings.json and report.html")
    return parser


def run(argv: list[str]) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exit_:  # argparse has printed the usage and the problem
        return exit_.code if isinstance(exit_.code, int) else EXIT_BAD_INPUT
    lang: str = args.lang
    try:
        return _audit(args, lang)
    except InputError as error:
        for issue in error.issues:
            print(issue, file=sys.stderr)
        if error.total > len(error.issues):
            print(t("cli.more_errors", lang, count=error.total - len(error.issues)), file=sys.stderr)
        print(t("cli.nothing_written", lang), file=sys.stderr)
        return EXIT_BAD_INPUT
    except UsageError as error:
        print(f"kpiwell audit: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as error:
        print(f"kpiwell audit: {t('cli.error.write', lang, reason=error.strerror or error)}", file=sys.stderr)
        return EXIT_FAILED


def _audit(args: argparse.Namespace, lang: str) -> int:
    as_of = _as_of(args.as_of, lang)
    config = _config(args.config, lang)
    baseline = None
    if args.baseline is not None:
        from kpiwell.engine.audit.baseline import BaselineError, read_baseline

        try:
            baseline = read_baseline(args.baseline)
        except BaselineError as error:
            raise UsageError(str(error)) from error

    files = [
        args.plan,
        args.actuals,
        args.targets,
        args.checkins,
        args.recognition,
        args.surveys,
        args.turnover_scores,
    ]
    given = [path for path in files if path is not None]
    weight = sum(path.stat().st_size for path in given if path.is_file())
    progress = Progress.for_terminal(
        len(given) + 3, work_bytes=weight, threshold_bytes=PROGRESS_THRESHOLD_BYTES
    )
    try:
        inputs = read_inputs(
            plan=args.plan,
            actuals=args.actuals,
            targets=args.targets,
            checkins=args.checkins,
            recognition=args.recognition,
            surveys=args.surveys,
            turnover_scores=args.turnover_scores,
            lang=lang,
            progress=lambda kind: progress.step(t("cli.progress.reading", lang, kind=kind)),
        )
        teams = _scope(inputs.plan, args.team, lang)
        progress.step(t("cli.progress.auditing", lang))
        try:
            result = audit(
                inputs.plan,
                inputs.actuals,
                inputs.checkins if args.checkins is not None else None,
                inputs.recognition if args.recognition is not None else None,
                as_of,
                config,
                targets=inputs.targets,
                surveys=inputs.surveys if args.surveys is not None else None,
                turnover=inputs.turnover,
            )
        except ValueError as error:
            raise UsageError(t("cli.error.audit", lang, reason=error)) from error
        progress.step(t("cli.progress.report", lang))
        plan = inputs.plan if teams is None else inputs.plan.filter(pl.col("team").is_in(sorted(teams)))
        result = _limit(result, teams, plan)
        data = report_data(
            result=result, plan=plan, actuals=inputs.actuals, targets=inputs.targets, scope=args.team
        )
        if args.pseudonymize:
            data, teams = _pseudonymize(data, inputs, teams)
        data = _compare(data, baseline, teams)
        # findings.json goes to disk as it is produced, and while the report renders: its pieces
        # are made here and written by a second thread (writing tens of megabytes is kernel time).
        with _Staged(args.out) as staged:
            staged.add(
                "findings.json",
                findings_json_chunks(
                    data.result,
                    lang=lang,
                    people=data.people.height,
                    scope=data.scope,
                    status=data.status,
                    resolved=data.resolved,
                ),
            )
            page = render_report(data, lang)
            progress.step(t("cli.progress.writing", lang))
            staged.add("report.html", page)
    finally:
        progress.close()
    print(_summary(data, lang, args.out))
    return EXIT_OK


# --- options ----------------------------------------------------------------------------------


def _as_of(text: str | None, lang: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError as error:
        raise UsageError(t("cli.error.as_of", lang, value=text)) from error


def _config(path: Path | None, lang: str) -> AuditConfig | None:
    if path is None:
        return None
    import tomllib  # only with --config

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise UsageError(
            t("cli.error.config_read", lang, path=path, reason=error.strerror or error)
        ) from error
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise UsageError(t("cli.error.config_toml", lang, path=path, reason=error)) from error
    try:
        return AuditConfig.from_mapping(data)
    except ConfigError as error:
        raise UsageError(t("cli.error.config_value", lang, path=path, reason=error)) from error


def _scope(plan: pl.DataFrame, team: str | None, lang: str) -> frozenset[str] | None:
    """``team`` and every team below it (following ``parent_team``), or None for everyone."""
    if team is None:
        return None
    links = plan.select("team", "parent_team").unique()
    known = set(links["team"].to_list()) | set(links["parent_team"].drop_nulls().to_list())
    wanted = team.strip()
    if wanted not in known:
        listed = ", ".join(sorted(known)[:12]) + (", …" if len(known) > 12 else "")
        raise UsageError(t("cli.error.team", lang, team=wanted, teams=listed))
    scope = {wanted}
    while True:
        below = set(links.filter(pl.col("parent_team").is_in(sorted(scope)))["team"].to_list()) - scope
        if not below:
            return frozenset(scope)
        scope |= below


def _limit(result: AuditResult, teams: frozenset[str] | None, plan: pl.DataFrame) -> AuditResult:
    """Only the findings, scores and notes of people and teams in scope."""
    if teams is None:
        return result
    people = set(plan["person_id"].to_list())

    def inside(team: str, person: str) -> pl.Expr:
        """A team's finding is in scope when its team is; a person's when the person is."""
        return (
            pl.when(pl.col(team).is_not_null())
            .then(pl.col(team).is_in(sorted(teams)))
            .otherwise(pl.col(person).is_in(sorted(people)))
            .fill_null(False)
        )

    findings = result.finding_set
    listed = pl.DataFrame(
        {"team": [f.team for f in findings.listed], "person_id": [f.person_id for f in findings.listed]},
        schema={"team": pl.String, "person_id": pl.String},
    ).select(inside("team", "person_id"))
    return dataclasses.replace(
        result,
        findings=FindingSet(
            batches=[batch.where(inside("_team", "_person_id")) for batch in findings.batches],
            listed=[f for f, keep in zip(findings.listed, listed.to_series(), strict=True) if keep],
        ),
        scores=tuple(s for s in result.scores if s.person_id in people),
        note_details=tuple(
            n for n in result.note_details if "team" not in n.params or n.params["team"] in teams
        ),
    )


def _key() -> bytes:
    """The pseudonym key: ``$KPIWELL_PSEUDONYM_KEY``, else a random key kept in ``~/.kpiwell``."""
    from_env = os.environ.get(KEY_ENV)
    if from_env:
        return from_env.encode("utf-8")
    path = KEY_FILE.expanduser()
    if path.is_file():
        return path.read_bytes().strip()
    import secrets  # only when a key must be made

    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32).encode("ascii")
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(key)
    return key


def _pseudonymize(
    data: ReportData, inputs: AuditInputs, teams: frozenset[str] | None
) -> tuple[ReportData, frozenset[str] | None]:
    from kpiwell.engine.audit.pseudonymize import PseudonymCollisionError, Pseudonymizer

    others = [
        inputs.checkins["manager_id"],
        inputs.recognition["to_id"],
        inputs.recognition["from_id"],
        inputs.surveys["person_id"],
    ]
    if inputs.turnover is not None:
        others.append(inputs.turnover["person_id"])
    try:
        mask = Pseudonymizer.from_frames(key=_key(), plan=inputs.plan, others=others)
    except PseudonymCollisionError as error:
        raise UsageError(str(error)) from error
    masked = dataclasses.replace(
        data,
        result=mask.result(data.result),
        people=mask.frame(data.people, ["person_id", "person_name", "team", "parent_team"]),
        history=mask.frame(data.history, ["person_id"]),
        capacity=mask.frame(data.capacity, ["team", "person_id"]),
        scope=None if data.scope is None else mask.text(data.scope),
    )
    return masked, None if teams is None else frozenset(mask.text(team) for team in teams)


def _compare(data: ReportData, baseline: Baseline | None, teams: frozenset[str] | None) -> ReportData:
    if baseline is None:
        return data
    from kpiwell.engine.audit.baseline import compare

    people = set(data.people["person_id"].to_list())

    def in_scope(item: Resolved) -> bool:
        if teams is None:
            return True
        if item.team is not None:
            return item.team in teams
        return item.person_id in people

    ids = data.result.finding_set.table().get_column("id").to_list()
    comparison = compare(baseline, ids, in_scope=in_scope)
    return dataclasses.replace(
        data, status=comparison.status, resolved=comparison.resolved, baseline_as_of=comparison.baseline_as_of
    )


# --- output -----------------------------------------------------------------------------------


class _Staged:
    """Files written to temporary names in ``directory`` by a background thread, renamed into place
    together when the block ends without an error; on an error every temporary file is removed and
    what was there before is left untouched.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kpiwell-write")
        self._jobs: list[Future[None]] = []
        self._files: list[tuple[BinaryIO, Path, Path]] = []  # (open handle, temporary, final)

    def __enter__(self) -> _Staged:
        self.directory.mkdir(parents=True, exist_ok=True)
        return self

    def add(self, name: str, content: str | bytes | Iterable[bytes]) -> None:
        """Write ``content`` to a temporary file that becomes ``directory/name``: text, bytes, or
        bytes in pieces, which are taken here one by one and written meanwhile by the thread."""
        descriptor, name_on_disk = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=self.directory)
        handle = os.fdopen(descriptor, "wb")
        self._files.append((handle, Path(name_on_disk), self.directory / name))
        pieces = [content] if isinstance(content, str | bytes) else content
        for piece in pieces:
            self._jobs.append(self._writer.submit(_write_piece, handle, piece))
        self._jobs.append(self._writer.submit(handle.close))

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: object) -> None:
        self._writer.shutdown(wait=True)
        try:
            failure = next((job.exception() for job in self._jobs if job.exception() is not None), None)
            if kind is None and failure is not None:
                raise failure
            if kind is None:
                for _, temporary, final in self._files:
                    os.chmod(temporary, 0o644)  # mkstemp's private 0600 is not what an output needs
                    os.replace(temporary, final)
        finally:
            for handle, temporary, _ in self._files:
                handle.close()
                temporary.unlink(missing_ok=True)


def _write_piece(handle: BinaryIO, piece: str | bytes) -> None:
    handle.write(piece if isinstance(piece, bytes) else piece.encode("utf-8"))


def _summary(data: ReportData, lang: str, out: Path) -> str:
    result = data.result
    scope = t("report.scope.team", lang, team=data.scope) if data.scope else t("report.scope.all", lang)
    lines = [t("cli.summary.title", lang, as_of=result.as_of, people=data.people.height, scope=scope), ""]
    by_code = result.counts()
    header = [t("cli.summary.code", lang), *(t(f"severity.{s}", lang) for s in SEVERITIES)]
    rows = [[code, *(str(by_code[code][s]) for s in SEVERITIES)] for code in sorted(by_code)]
    totals = [t("cli.summary.total", lang), *(str(sum(c[s] for c in by_code.values())) for s in SEVERITIES)]
    if rows:
        lines.append(table(header, [*rows, totals]))
    else:
        lines.append(t("cli.summary.none", lang))
    if data.status is not None and data.resolved is not None:
        new = sum(1 for status in data.status.values() if status == "new")
        lines += [
            "",
            t(
                "cli.summary.baseline",
                lang,
                new=new,
                persisting=len(data.status) - new,
                resolved=len(data.resolved),
            ),
        ]
    lines += ["", t("cli.summary.written", lang, findings=out / "findings.json", report=out / "report.html")]
    return "\n".join(lines)
