"""Every sentence of the audit's input errors, command line and HTML report, in English and Vietnamese.

Keys are namespaced: ``input.*`` for validation errors, ``cli.*`` for the command line, ``report.*``
for the HTML report. Placeholders are ``{name}`` and are filled by ``t(key, lang, **params)`` (or,
for input errors built column by column, by ``kpiwell.engine.audit.io``).
"""

from __future__ import annotations

from typing import Final

CATALOGUE: Final[dict[str, dict[str, str]]] = {
    # --- input errors -------------------------------------------------------------------------
    "input.missing_column": {
        "en": "required column is missing",
        "vi": "thiếu cột bắt buộc",
    },
    "input.duplicate_column": {
        "en": "the column appears more than once (column names ignore upper and lower case)",
        "vi": "cột này xuất hiện nhiều lần (tên cột không phân biệt chữ hoa, chữ thường)",
    },
    "input.required": {
        "en": "a value is required",
        "vi": "cần có giá trị",
    },
    "input.not_number": {
        "en": '"{value}" is not a number (use a dot for decimals)',
        "vi": '"{value}" không phải là số (dùng dấu chấm cho phần thập phân)',
    },
    "input.not_number_hidden": {
        "en": "the value is not a number",
        "vi": "giá trị không phải là số",
    },
    "input.not_whole": {
        "en": '"{value}" is not a whole number',
        "vi": '"{value}" không phải là số nguyên',
    },
    "input.not_whole_hidden": {
        "en": "the value is not a whole number",
        "vi": "giá trị không phải là số nguyên",
    },
    "input.not_date": {
        "en": '"{value}" is not a date (use YYYY-MM-DD)',
        "vi": '"{value}" không phải là ngày (dùng dạng YYYY-MM-DD)',
    },
    "input.not_datetime": {
        "en": '"{value}" is not a date and time (use YYYY-MM-DDTHH:MM:SS)',
        "vi": '"{value}" không phải là ngày giờ (dùng dạng YYYY-MM-DDTHH:MM:SS)',
    },
    "input.bad_choice": {
        "en": '"{value}" is not one of: {choices}',
        "vi": '"{value}" không thuộc các giá trị: {choices}',
    },
    "input.out_of_range": {
        "en": "{value} is outside the allowed range {low} to {high}",
        "vi": "{value} nằm ngoài khoảng cho phép từ {low} đến {high}",
    },
    "input.out_of_range_hidden": {
        "en": "the value is outside the allowed range {low} to {high}",
        "vi": "giá trị nằm ngoài khoảng cho phép từ {low} đến {high}",
    },
    "input.end_before_start": {
        "en": "cycle_end {end} is before cycle_start {start}",
        "vi": "cycle_end {end} trước cycle_start {start}",
    },
    "input.duplicate_plan": {
        "en": "person {person} already has KPI {kpi} on row {first}",
        "vi": "người {person} đã có KPI {kpi} ở dòng {first}",
    },
    "input.team_conflict": {
        "en": "person {person} is in team {other} on row {first}; a person belongs to one team",
        "vi": "người {person} thuộc nhóm {other} ở dòng {first}; mỗi người chỉ thuộc một nhóm",
    },
    "input.parent_conflict": {
        "en": "team {team} has parent_team {other} on row {first}; a team has one parent team",
        "vi": "nhóm {team} có parent_team {other} ở dòng {first}; mỗi nhóm chỉ có một nhóm cha",
    },
    "input.unknown_person": {
        "en": "person {person} is not in the plan",
        "vi": "người {person} không có trong kế hoạch",
    },
    "input.unknown_assignment": {
        "en": "person {person} has no KPI {kpi} in the plan",
        "vi": "người {person} không có KPI {kpi} trong kế hoạch",
    },
    "input.duplicate_revision": {
        "en": "same person, KPI and period_end as row {first} without a different recorded_at",
        "vi": "trùng người, KPI và period_end với dòng {first} mà không có recorded_at khác nhau",
    },
    "input.duplicate_target": {
        "en": "person {person} already has a target for KPI {kpi} and period {period} on row {first}",
        "vi": "người {person} đã có chỉ tiêu cho KPI {kpi} và kỳ {period} ở dòng {first}",
    },
    "input.qualitative_range": {
        "en": "KPI {kpi} is qualitative (rated 1 to 5), so {value} is out of range",
        "vi": "KPI {kpi} là định tính (chấm từ 1 đến 5), nên {value} nằm ngoài khoảng",
    },
    "input.survey_item": {
        "en": "item {item} does not exist in {instrument}, which has {count} items",
        "vi": "câu {item} không có trong {instrument}, bộ này có {count} câu",
    },
    "input.survey_response": {
        "en": "the response is outside the range of {instrument} ({low} to {high})",
        "vi": "câu trả lời nằm ngoài thang đo của {instrument} ({low} đến {high})",
    },
    "input.unsupported_type": {
        "en": 'unsupported file type "{ext}": use .csv, .xlsx or .parquet',
        "vi": 'không hỗ trợ loại tệp "{ext}": hãy dùng .csv, .xlsx hoặc .parquet',
    },
    "input.unreadable": {
        "en": "cannot read the file: {reason}",
        "vi": "không đọc được tệp: {reason}",
    },
    "input.not_found": {
        "en": "the file does not exist",
        "vi": "tệp không tồn tại",
    },
    "input.not_utf8": {
        "en": 'the file is not UTF-8 text: save it as "CSV UTF-8"',
        "vi": 'tệp không phải văn bản UTF-8: hãy lưu dưới dạng "CSV UTF-8"',
    },
    "input.empty": {
        "en": "the file is empty",
        "vi": "tệp trống",
    },
    "input.unsupported_column": {
        "en": "this column holds {dtype} values, which cannot be read as text",
        "vi": "cột này chứa giá trị kiểu {dtype}, không đọc được dưới dạng văn bản",
    },
}
