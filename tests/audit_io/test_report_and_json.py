from __future__ import annotations

import json
import math
import re
from datetime import date
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kpiwell.engine.audit.baseline import NEW, PERSISTING, BaselineError, compare, read_baseline
from kpiwell.engine.audit.findings import (
    AuditResult,
    Finding,
    FindingBatch,
    FindingSet,
    Note,
    PersonScore,
    Severity,
)
from kpiwell.engine.audit.frames import ACTUALS_SCHEMA, PLAN_SCHEMA, TARGETS_SCHEMA, empty
from kpiwell.engine.audit.i18n import CATALOGUE
from kpiwell.engine.audit.pseudonymize import Pseudonymizer
from kpiwell.engine.audit.report import (
    MAX_TABLE_ROWS,
    ReportData,
    history_svg,
    nice_ticks,
    render_report,
    report_data,
)
from kpiwell.engine.audit.serialize import (
    Resolved,
    dumps,
    findings_document,
    findings_json,
    findings_json_chunks,
    plain,
)

AS_OF = date(2024, 6, 30)


def no_purpose(team: str, kpi: str = "calls", severity: Severity = Severity.INFO) -> Finding:
    return Finding(
        code="no-purpose",
        cause=None,
        harm=None,
        severity=severity,
        team=team,
        person_id=None,
        kpi=kpi,
        evidence={"without_purpose": 3, "assignments": 4},
        message_key="code.no-purpose.message",
        remedy_key="code.no-purpose.remedy",
        params={"without_purpose": 3, "assignments": 4},
    )


def feedback_gap(person: str, team: str, severity: Severity = Severity.WARNING) -> Finding:
    params = {"days_since_last": 20, "last_checkin": "2024-06-10", "window_days": 14}
    return Finding(
        code="feedback-gap",
        cause=5,
        harm=None,
        severity=severity,
        team=team,
        person_id=person,
        kpi=None,
        evidence=dict(params),
        message_key="code.feedback-gap.message",
        remedy_key="code.feedback-gap.remedy",
        params=params,
    )


def result_of(*findings: Finding, **extra: object) -> AuditResult:
    return AuditResult(
        as_of=AS_OF,
        findings=tuple(sorted(findings, key=Finding.sort_key)),
        scores=(PersonScore(person_id="E1", team="Ops", cycle_score=0.8, assignments_measured=1),),
        **extra,  # type: ignore[arg-type]
    )


def plan_frame(people: int, team: str = "Ops") -> pl.DataFrame:
    return pl.DataFrame(
        {
            "person_id": [f"E{i}" for i in range(1, people + 1)],
            "person_name": [f"Name {i}" for i in range(1, people + 1)],
            "team": team,
            "kpi": "calls",
            "kind": "quantitative",
            "direction": "higher",
            "period": "week",
            "target": 100.0,
            "cycle_start": date(2024, 1, 1),
            "cycle_end": date(2024, 12, 31),
        }
    ).pipe(
        lambda frame: frame.select(
            pl.col(c) if c in frame.columns else pl.lit(None).alias(c) for c in PLAN_SCHEMA
        )
    )


def data_for(result: AuditResult, people: int = 3, team: str = "Ops") -> ReportData:
    plan = plan_frame(people, team).cast(PLAN_SCHEMA)  # type: ignore[arg-type]
    return report_data(result=result, plan=plan, actuals=empty(ACTUALS_SCHEMA), targets=empty(TARGETS_SCHEMA))


def test_the_report_makes_no_external_request_and_escapes_names() -> None:
    result = result_of(feedback_gap("E1", "<script>alert(1)</script>"))
    data = data_for(result, team="<script>alert(1)</script>")

    page = render_report(data, "en")

    assert "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert not re.search(r"https?://|src=|<link|@import|url\(", page)


def test_long_tables_are_capped_and_say_how_many_were_left_out() -> None:
    findings = [feedback_gap(f"E{i}", "Ops") for i in range(1, 251)]
    page = render_report(data_for(result_of(*findings), people=250), "en")

    cause_5 = page[page.index('id="cause-5"') : page.index('id="other"')]
    assert cause_5.count("<tr>") == MAX_TABLE_ROWS + 1  # header row plus the capped rows
    assert "Showing 100 of 250, most serious first; findings.json lists all of them." in cause_5


def test_each_cause_has_its_section_and_an_empty_one_says_so() -> None:
    page = render_report(data_for(result_of(feedback_gap("E1", "Ops"))), "vi")

    for cause in range(1, 6):
        assert f'id="cause-{cause}"' in page
    assert page.count("Không có phát hiện nào ở mục này: rất tốt.") == 5  # causes 1-4 and other signals
    assert "Thiếu phản hồi và ghi nhận kịp thời" in page


def test_the_privacy_note_counts_what_was_withheld_without_naming_anyone() -> None:
    result = result_of(feedback_gap("E1", "Ops"), suppressed={"too-few-respondents": 3, "differencing": 1})

    page = render_report(data_for(result), "en")

    assert "4 group results were withheld for these reasons." in page
    assert "3 withheld because too few people answered." in page
    assert "1 withheld because, together with another result, they would reveal a small group." in page


def test_a_history_chart_draws_one_point_per_period_and_steps_where_the_target_changes() -> None:
    periods = [date(2024, 1, 7), date(2024, 1, 14), date(2024, 1, 21), date(2024, 1, 28)]

    svg = history_svg(
        periods=periods,
        values=[90.0, 95.0, 99.0, 104.0],
        targets=[100.0, 100.0, 80.0, 80.0],
        cycle_start=date(2024, 1, 14),
        lang="en",
        label="E1, KPI calls",
    )

    lines = re.findall(r'<polyline points="([^"]+)"', svg)
    assert len(lines) == 2
    target_points, value_points = (line.split() for line in lines)
    assert len(value_points) == 4
    assert len(target_points) == 4  # start, the step down (two points), the end
    assert "cycle start" in svg and "<title>E1, KPI calls</title>" in svg


@pytest.mark.parametrize(
    ("lo", "hi", "expected"),
    [
        (0.0, 324.0, [0.0, 100.0, 200.0, 300.0]),
        (3.92, 5.08, [4.0, 4.5, 5.0]),
        (-1.0, 1.0, [-1.0, -0.5, 0.0, 0.5, 1.0]),
    ],
)
def test_chart_ticks_are_round_numbers(lo: float, hi: float, expected: list[float]) -> None:
    assert nice_ticks(lo, hi) == expected


def test_findings_json_is_sorted_valid_and_identical_for_the_same_result() -> None:
    result = result_of(
        no_purpose("Ops"),
        feedback_gap("E2", "Ops", Severity.CRITICAL),
        feedback_gap("E1", "Ops"),
        notes=("note.set-by-unknown.summary",),
        note_details=(Note(key="note.set-by-unknown", params={"team": "Ops"}),),
    )

    text = dumps(findings_document(result, lang="en", people=2))
    document = json.loads(text)

    assert text == dumps(findings_document(result, lang="en", people=2))
    assert [(f["severity"], f["code"], f["person_id"]) for f in document["findings"]] == [
        ("critical", "feedback-gap", "E2"),
        ("warning", "feedback-gap", "E1"),
        ("info", "no-purpose", None),
    ]
    summary = document["summary"]
    assert summary["by_severity"] == {"critical": 1, "warning": 1, "info": 1}
    assert summary["by_code"]["feedback-gap"] == {"critical": 1, "warning": 1, "info": 0}
    assert summary["by_cause"] == {"1": 0, "2": 0, "3": 0, "4": 0, "5": 2}
    assert summary["scores"] == [
        {"person_id": "E1", "team": "Ops", "cycle_score": 0.8, "assignments_measured": 1}
    ]
    assert summary["notes"] == [
        {
            "key": "note.set-by-unknown",
            "message": "Team Ops: nobody recorded who set the KPIs (set_by), "
            "so involvement could not be assessed.",
        }
    ]
    assert document["findings"][0]["message"] == (
        "E2 has not had a check-in for 20 days (the last one was on 2024-06-10); "
        "feedback should come at least every 14 days."
    )
    lines = text.splitlines()
    assert sum(1 for line in lines if line.startswith('    {"id":"') and line.rstrip(",").endswith('"}')) == 3
    assert '      {"person_id":"E1","team":"Ops","cycle_score":0.8,"assignments_measured":1}' in lines


def odd_batches() -> list[FindingBatch]:
    """Column batches with the awkward values a rule can hand over: escapes, -0.0, tiny and huge
    numbers, lists, nulls, a message key per row, constants, a distinct value on every row."""
    unrealistic = pl.DataFrame(
        {
            "_team": ["Ops", "Ops", 'Q"A\\', None],
            "_person_id": ["E2", "E1", "é\n\u2028", "E9"],
            "_kpi": ["calls", "calls", "NPS", "calls"],
            "_severity": ["critical", "warning", "critical", "info"],
            "_message_key": ["code.unrealistic-target.message"] * 4,
            "_remedy_key": ["code.unrealistic-target.remedy"] * 4,
            "p_attain": [0.125, -0.0, 0.0, None],
            "target": [1234.5, 1e16, 3.0, 0.5],
            "history_periods": [10, None, 3, 0],
            "suggested_target": [1 / 3, 2.25, 1e-7, 1e6],
            "shares": [[0.5, None], [], None, [1e-7]],
        }
    )
    pressure = pl.DataFrame(
        {
            "_team": ["Ops", "Ops", "Ops"],
            "_person_id": ["E1", "E2", "E3"],
            "_kpi": [None, None, None],
            "_severity": ["critical"] * 3,
            "_message_key": [
                "code.chronic-pressure.message",
                "code.chronic-pressure.message.workload",
                "code.chronic-pressure.message.both",
            ],
            "_remedy_key": ["code.chronic-pressure.remedy"] * 3,
            "periods_under": [6, None, 7],
            "kpi_list": ["calls, NPS", None, "calls"],
            "high_workload_checkins": [None, 3, 4],
            "flagged": [True, False, None],
        },
        schema_overrides={"_kpi": pl.String},
    )
    return [
        FindingBatch(
            code="unrealistic-target",
            cause=1,
            harm=None,
            frame=unrealistic,
            evidence=("p_attain", "target", "history_periods", "suggested_target", "shares"),
            constants={"suggest_probability": 0.8},
        ),
        FindingBatch(
            code="chronic-pressure",
            cause=None,
            harm=1,
            frame=pressure,
            evidence=("periods_under", "kpi_list", "high_workload_checkins", "flagged"),
            constants={"last_periods": 8, "last_checkins": 4, "under_attainment": 0.8},
        ),
    ]


def test_the_table_ids_are_the_findings_ids() -> None:
    """FindingSet.table() hashes the subjects of a batch from its columns: the same ids as
    finding_id, for empty and non-ASCII text, nulls and a column of nulls only."""
    wording = {
        "_severity": ["info"] * 4,
        "_message_key": ["code.no-purpose.message"] * 4,
        "_remedy_key": ["code.no-purpose.remedy"] * 4,
    }
    text = pl.DataFrame(
        {
            "_team": ["", None, "Q\x1fA", "é"],
            "_person_id": ["E1", "", None, "\u2028"],
            "_kpi": ["a"] * 4,
            **wording,
        }
    )
    nulls = text.with_columns(pl.Series("_person_id", [None] * 4))
    assert nulls.schema["_person_id"] == pl.Null
    findings = FindingSet(
        batches=[
            FindingBatch(code=code, cause=None, harm=None, frame=frame, evidence=())
            for code, frame in (("no-purpose", text), ("ünïcode", nulls))
        ]
    )
    assert findings.table().get_column("id").to_list() == [finding.id for finding in findings]


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_findings_json_from_columns_is_the_document_of_the_findings(lang: str) -> None:
    odd = [
        {"b": math.nan, "a": [date(2024, 1, 2), math.inf, (1, 2)], "c": {"z": 1, "y": None}},
        {"z": 1.5, "a": -0.0, "m": [1, "x", None, True, 2.25], "n": None, "s": 'é"\\\n\u2028'},
        {1: "non-string key", "a": 10**30},
        {"tiny": 1e-7, "huge": 1e16, "third": 1 / 3, "l": [0.5, math.nan], "t": (1, 2), "n": [[1]]},
        {"tiny": 2e-7, "huge": 3e17, "third": 2 / 3, "l": [], "t": [1, 2], "n": [1]},
        {},
    ]
    listed = [
        no_purpose("Ops"),
        feedback_gap("E2", "Ops", Severity.CRITICAL),
        feedback_gap("E1", "Ops"),
        *(
            Finding(
                code="no-purpose",
                cause=None,
                harm=None,
                severity=Severity.INFO,
                team=f"Team {index}",
                person_id=None,
                kpi="calls",
                evidence=evidence,
                message_key="code.no-purpose.message",
                remedy_key="code.no-purpose.remedy",
                params={"without_purpose": 3, "assignments": 4},
            )
            for index, evidence in enumerate(odd)
        ),
    ]
    result = AuditResult(
        as_of=AS_OF,
        findings=FindingSet(batches=odd_batches(), listed=listed),
        scores=(PersonScore(person_id="E1", team="Ops", cycle_score=0.8, assignments_measured=1),),
        note_details=(Note(key="note.set-by-unknown", params={"team": "Ops"}),),
    )
    status = {listed[1].id: "persisting", result.findings[0].id: "persisting"}
    resolved = (
        Resolved(id="0" * 16, code="no-purpose", severity="info", team="Old", person_id=None, kpi="x"),
    )

    def same(**options: object) -> None:
        text = findings_json(result, lang=lang, people=2, **options).decode("utf-8")  # type: ignore[arg-type]
        objects = dumps(findings_document(result, lang=lang, people=2, **options))  # type: ignore[arg-type]
        assert json.loads(text) == json.loads(objects)
        assert len(text.splitlines()) == len(objects.splitlines())  # one finding per line in both

    same()
    same(scope="Ops", status=status, resolved=resolved)
    document = json.loads(findings_json(result, lang=lang, people=2))
    assert len(document["findings"]) == 16
    assert document["summary"]["by_code"]["unrealistic-target"] == {"critical": 2, "warning": 1, "info": 1}
    empty_result = result_of()
    assert findings_json(empty_result, lang=lang, people=0).decode("utf-8") == dumps(
        findings_document(empty_result, lang=lang, people=0)
    )


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_findings_json_chunks_join_to_the_same_bytes_at_any_chunk_size(lang: str) -> None:
    listed = [no_purpose("Ops"), feedback_gap("E2", "Ops", Severity.CRITICAL), feedback_gap("E1", "Ops")]
    result = AuditResult(
        as_of=AS_OF,
        findings=FindingSet(batches=odd_batches(), listed=listed),
        scores=(PersonScore(person_id="E1", team="Ops", cycle_score=0.8, assignments_measured=1),),
    )
    status = {listed[1].id: "persisting", result.findings[0].id: "persisting"}
    for options in ({}, {"status": status, "scope": "Ops"}):
        whole = findings_json(result, lang=lang, people=2, **options)  # type: ignore[arg-type]
        objects = dumps(findings_document(result, lang=lang, people=2, **options))  # type: ignore[arg-type]
        assert json.loads(whole) == json.loads(objects)
        for size in (1, 2, 5, 1000):
            chunks = list(
                findings_json_chunks(result, lang=lang, people=2, chunk_findings=size, **options)  # type: ignore[arg-type]
            )
            # the summary, the findings a chunk at a time (10 of them), the end
            assert len(chunks) == 2 + -(-10 // size)
            assert b"".join(chunks) == whole
    with pytest.raises(ValueError, match="chunk_findings"):
        b"".join(findings_json_chunks(result, lang=lang, people=2, chunk_findings=0))


def test_findings_json_chunks_where_the_parts_alternate() -> None:
    """Findings of a batch and listed ones of the same code, alternating in the table: runs of one
    row each, more in a chunk than findings_json takes run by run (it groups the chunk's rows by
    part instead). The same bytes at any chunk size, and the document of the findings."""
    people = [f"E{index:02d}" for index in range(40)]
    frame = pl.DataFrame(
        {
            "_team": ["Ops"] * 20,
            "_person_id": people[::2],
            "_kpi": [None] * 20,
            "_severity": ["warning"] * 20,
            "_message_key": ["code.feedback-gap.message"] * 20,
            "_remedy_key": ["code.feedback-gap.remedy"] * 20,
            "days_since_last": [20] * 20,
            "last_checkin": ["2024-06-10"] * 20,
            "window_days": [14] * 20,
        },
        schema_overrides={"_kpi": pl.String},
    )
    batch = FindingBatch(
        code="feedback-gap",
        cause=5,
        harm=None,
        frame=frame,
        evidence=("days_since_last", "last_checkin", "window_days"),
    )
    result = AuditResult(
        as_of=AS_OF,
        findings=FindingSet(batches=[batch], listed=[feedback_gap(person, "Ops") for person in people[1::2]]),
        scores=(),
    )
    assert result.finding_set.table().get_column("part").to_list() == [0, 1] * 20
    whole = findings_json(result, lang="en", people=40)
    assert whole.decode("utf-8") == dumps(findings_document(result, lang="en", people=40))
    for size in (1, 3, 17, 1000):
        assert b"".join(findings_json_chunks(result, lang="en", people=40, chunk_findings=size)) == whole


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_findings_json_batches_of_any_shape(lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Evidence named like the line's own fields, no evidence at all, a template without
    placeholders and one only the general formatter reads: the columns give the document's JSON."""
    texts = {"test.general": '{kpi!s} for {person_id!r}: "{id}"', "test.plain": 'Just "text"\\.'}
    for key, text in texts.items():
        monkeypatch.setitem(CATALOGUE, key, {"en": text, "vi": text})
    subject = {"_team": ["Ops", "Ops"], "_person_id": ["E1", 'E"2'], "_kpi": ["calls", None]}
    wording = {"_severity": ["warning", "info"], "_remedy_key": ["test.plain"] * 2}
    named = pl.DataFrame(
        {**subject, **wording, "_message_key": ["test.general"] * 2, "id": ["x", None], "status": [1, 2]}
    )
    bare = pl.DataFrame({**subject, **wording, "_message_key": ["test.plain"] * 2})
    # a subject column of nulls only (dtype Null, not String): null, as before
    odd_types = bare.with_columns(pl.Series("_kpi", [None, None]))
    result = AuditResult(
        as_of=AS_OF,
        findings=FindingSet(
            batches=[
                FindingBatch(code="no-purpose", cause=None, harm=3, frame=named, evidence=("id", "status")),
                FindingBatch(code="feedback-gap", cause=5, harm=None, frame=bare, evidence=()),
                FindingBatch(
                    code="safe-target",
                    cause=1,
                    harm=None,
                    frame=bare,
                    evidence=(),
                    constants={"k": [1, None]},
                ),
                FindingBatch(code="locked-target", cause=1, harm=None, frame=odd_types, evidence=()),
            ]
        ),
        scores=(),
    )
    status = {result.findings[0].id: "persisting"}
    for options in ({}, {"status": status}):
        text = findings_json(result, lang=lang, people=2, **options)  # type: ignore[arg-type]
        objects = dumps(findings_document(result, lang=lang, people=2, **options))  # type: ignore[arg-type]
        assert json.loads(text) == json.loads(objects)
        assert len(text.splitlines()) == len(objects.splitlines())


def test_polars_escapes_json_strings_as_python_does() -> None:
    """findings.json's lines put text columns into JSON strings unescaped where no value needs it
    and escape the template's literal text with Python's encoder, next to Polars-encoded
    evidence: both must escape the same characters the same way."""
    characters = [chr(code) for code in (*range(0x300), 0x2028, 0x2029, 0xFEFF, 0x1F600)]
    encoded = (
        pl.DataFrame({"s": characters}).select(pl.struct("s").struct.json_encode()).to_series().to_list()
    )
    python = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
    assert encoded == [python.encode({"s": character}) for character in characters]
    escaped = {c for c in characters if python.encode(c) != f'"{c}"'}
    assert escaped == {'"', "\\", *map(chr, range(0x20))}  # what serialize._NEEDS_ESCAPE matches


def test_findings_json_writes_awkward_scores_as_the_encoder_does() -> None:
    odd = [
        ('a"\\\n\u2028é', 0.1),
        ("b", None),
        ("c", math.nan),
        ("d", -0.0),
        ("e", 1e-7),
        ("f", 1e16),
        ("g", math.inf),
        ("h", 2),
        ("i", True),
    ]
    result = AuditResult(
        as_of=AS_OF,
        findings=(feedback_gap("E1", "Ops"),),
        scores=tuple(
            PersonScore(person_id=person, team="Ops", cycle_score=score, assignments_measured=index)  # type: ignore[arg-type]
            for index, (person, score) in enumerate(odd)
        ),
    )
    # only listed findings: every line comes from Python's encoder on both sides, byte for byte
    assert findings_json(result, lang="en", people=9).decode("utf-8") == dumps(
        findings_document(result, lang="en", people=9)
    )


def test_plain_makes_any_evidence_json_safe() -> None:
    assert plain({"b": math.nan, "a": [date(2024, 1, 2), math.inf, (1, 2)], "c": {"z": 1, "y": None}}) == {
        "a": ["2024-01-02", None, [1, 2]],
        "b": None,
        "c": {"y": None, "z": 1},
    }


def test_baseline_comparison_marks_new_persisting_and_resolved(tmp_path: Path) -> None:
    old = result_of(feedback_gap("E1", "Ops"), feedback_gap("E2", "Ops"), no_purpose("Sales"))
    path = tmp_path / "old.json"
    path.write_text(dumps(findings_document(old, lang="en", people=2)), encoding="utf-8")
    new = [feedback_gap("E2", "Ops"), feedback_gap("E3", "Ops")]

    comparison = compare(read_baseline(path), (f.id for f in new))
    scoped = compare(read_baseline(path), (f.id for f in new), in_scope=lambda item: item.team == "Ops")

    assert comparison.status == {new[0].id: PERSISTING, new[1].id: NEW}
    assert [(r.code, r.team, r.person_id) for r in comparison.resolved] == [
        ("feedback-gap", "Ops", "E1"),
        ("no-purpose", "Sales", None),
    ]
    assert [(r.code, r.person_id) for r in scoped.resolved] == [("feedback-gap", "E1")]
    assert comparison.baseline_as_of == "2024-06-30"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("not json", "not a findings.json file"),
        ('{"schema_version": 2}', "schema version 1"),
        ('{"schema_version": 1}', "malformed"),
    ],
)
def test_an_unusable_baseline_is_a_clear_error(tmp_path: Path, content: str, reason: str) -> None:
    path = tmp_path / "old.json"
    path.write_text(content, encoding="utf-8")

    with pytest.raises(BaselineError, match=reason):
        read_baseline(path)


def test_pseudonyms_are_keyed_stable_and_replace_whole_words_only() -> None:
    mask = Pseudonymizer(key=b"k", people=["E1", "E10"], teams=["Ops"], names={"E1": "An Tran"})
    again = Pseudonymizer(key=b"k", people=["E10", "E1"], teams=["Ops"])
    other = Pseudonymizer(key=b"other", people=["E1"], teams=["Ops"])

    assert mask.person("E1") == again.person("E1") != other.person("E1")
    assert re.fullmatch(r"P-[0-9a-f]{10}", mask.person("E1"))
    assert mask.text("An Tran") == mask.person("E1")
    assert mask.text("E1 and E10 in Ops (E1x)") == (
        f"{mask.person('E1')} and {mask.person('E10')} in {mask.team('Ops')} (E1x)"
    )
    masked = mask.finding(feedback_gap("E1", "Ops"))
    assert (masked.person_id, masked.team) == (mask.person("E1"), mask.team("Ops"))
    assert masked.id != feedback_gap("E1", "Ops").id


# Known texts that overlap, nest, span words, carry hyphens, underscores and Vietnamese letters,
# and start or end with characters that are not word characters.
_KNOWN_PEOPLE = ["E1", "E10", "E1-2", "An", "x_1"]
_KNOWN_TEAMS = ["Sales", "Hanoi Sales", "Đà Nẵng", "(HQ)", "R&D.", "Ops"]
_PIECES = [*_KNOWN_PEOPLE, *_KNOWN_TEAMS, " ", "-", "_", "(", ")", ".", ",", "x", "9", "é", "Nẵng", "/"]


def _by_regex(mask: Pseudonymizer, value: str) -> str:
    """The replacement as one regular expression of every known text states it, longest first."""
    originals = sorted((text for text in mask.mapping if text), key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(text) for text in originals) + r")(?![\w-])")
    return mask.mapping.get(value) or pattern.sub(lambda match: mask.mapping[match.group(1)], value)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=12).map("".join))
def test_whole_word_replacement_matches_the_regular_expression_it_states(value: str) -> None:
    mask = Pseudonymizer(key=b"k", people=_KNOWN_PEOPLE, teams=_KNOWN_TEAMS, names={"E10": "An Tran"})

    assert mask.text(value) == _by_regex(mask, value)


def test_whole_word_replacement_takes_the_longest_known_text_and_respects_boundaries() -> None:
    mask = Pseudonymizer(key=b"k", people=["E1"], teams=["Sales", "Hanoi Sales", "(HQ)"])
    sales, hanoi, hq = mask.team("Sales"), mask.team("Hanoi Sales"), mask.team("(HQ)")

    assert mask.text("Hanoi Sales vs Sales (HQ)") == f"{hanoi} vs {sales} {hq}"
    # "(HQ)" right after a letter does not start at a word boundary
    assert mask.text("Sales(HQ)") == f"{sales}(HQ)"
    assert (
        mask.text("E1-x, x-E1, E1_ and E1é stay; E1. goes")
        == f"E1-x, x-E1, E1_ and E1é stay; {mask.person('E1')}. goes"
    )
    assert mask.text("nothing known here") == "nothing known here"
    assert mask.text("") == ""


def test_a_masked_column_batch_is_each_of_its_findings_masked() -> None:
    frame = pl.DataFrame(
        {
            "_team": ["Ops", None, "Sales"],
            "_person_id": ["E1", "E2", None],
            "_kpi": ["calls", "E1", None],  # KPI names are not masked, even one that looks like an id
            "_severity": ["warning", "critical", "info"],
            "_message_key": ["code.no-purpose.message"] * 3,
            "_remedy_key": ["code.no-purpose.remedy"] * 3,
            "peers": [["E2", "An Tran"], [], None],
            "note": ["E1 and E10 in Ops (E1x)", None, "Sales"],
            "without_purpose": [3, None, 1],
        }
    )
    batch = FindingBatch(
        code="no-purpose",
        cause=None,
        harm=None,
        frame=frame,
        evidence=("peers", "note", "without_purpose"),
        constants={"assignments": 4, "lead": "E2"},
    )
    mask = Pseudonymizer(
        key=b"k", people=["E1", "E2", "E10"], teams=["Ops", "Sales"], names={"E1": "An Tran"}
    )

    masked = mask.batch(batch).findings()

    assert masked == [mask.finding(finding) for finding in batch.findings()]
    assert masked[0].evidence["peers"] == [mask.person("E2"), mask.person("E1")]
    assert masked[1].kpi == "E1"
    assert masked[2].evidence["lead"] == mask.person("E2")
