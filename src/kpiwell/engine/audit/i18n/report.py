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
    "input.too_large": {
        "en": '"{value}" is too large for this column',
        "vi": '"{value}" quá lớn đối với cột này',
    },
    "input.too_large_hidden": {
        "en": "the value is too large for this column",
        "vi": "giá trị quá lớn đối với cột này",
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
    # --- command line -------------------------------------------------------------------------
    "cli.more_errors": {
        "en": "... and {count:num} more problems (fix these first, then run again)",
        "vi": "... và {count:num} lỗi khác (hãy sửa các lỗi trên rồi chạy lại)",
    },
    "cli.nothing_written": {
        "en": "Nothing was written: the input has problems.",
        "vi": "Chưa ghi tệp nào: dữ liệu đầu vào có lỗi.",
    },
    "cli.error.as_of": {
        "en": '--as-of "{value}" is not a date (use YYYY-MM-DD)',
        "vi": '--as-of "{value}" không phải là ngày (dùng dạng YYYY-MM-DD)',
    },
    "cli.error.config_read": {
        "en": "cannot read the config file {path}: {reason}",
        "vi": "không đọc được tệp cấu hình {path}: {reason}",
    },
    "cli.error.config_toml": {
        "en": "the config file {path} is not valid TOML: {reason}",
        "vi": "tệp cấu hình {path} không đúng định dạng TOML: {reason}",
    },
    "cli.error.config_value": {
        "en": "the config file {path} has a wrong setting: {reason}",
        "vi": "tệp cấu hình {path} có thiết lập sai: {reason}",
    },
    "cli.error.team": {
        "en": 'there is no team "{team}" in the plan (teams: {teams})',
        "vi": 'không có nhóm "{team}" trong kế hoạch (các nhóm: {teams})',
    },
    "cli.error.audit": {
        "en": "the audit could not use the input: {reason}",
        "vi": "không thể đánh giá với dữ liệu này: {reason}",
    },
    "cli.error.write": {
        "en": "cannot write the output: {reason}",
        "vi": "không ghi được kết quả: {reason}",
    },
    "cli.progress.reading": {"en": "reading {kind}", "vi": "đang đọc {kind}"},
    "cli.progress.auditing": {"en": "auditing", "vi": "đang đánh giá"},
    "cli.progress.report": {"en": "preparing the report", "vi": "đang chuẩn bị báo cáo"},
    "cli.progress.writing": {"en": "writing", "vi": "đang ghi tệp"},
    "cli.summary.title": {
        "en": "KPI audit as of {as_of:date}: {people:num} people, {scope}",
        "vi": "Đánh giá KPI tính đến {as_of:date}: {people:num} người, {scope}",
    },
    "cli.summary.code": {"en": "finding", "vi": "phát hiện"},
    "cli.summary.total": {"en": "total", "vi": "tổng"},
    "cli.summary.none": {
        "en": "No findings: nothing in this plan looks set up to backfire.",
        "vi": "Không có phát hiện nào: kế hoạch này không có dấu hiệu gây tác dụng ngược.",
    },
    "cli.summary.baseline": {
        "en": "Compared with the baseline: {new:num} new, {persisting:num} persisting, {resolved:num} "
        "resolved.",
        "vi": "So với lần trước: {new:num} mới, {persisting:num} vẫn còn, {resolved:num} đã được giải quyết.",
    },
    "cli.summary.written": {
        "en": "Wrote {findings} and {report}",
        "vi": "Đã ghi {findings} và {report}",
    },
    # --- report: frame ------------------------------------------------------------------------
    "report.number": {"en": "{value:num}", "vi": "{value:num}"},
    "report.percent": {"en": "{value:.0%}", "vi": "{value:.0%}"},
    "report.date": {"en": "{value:date}", "vi": "{value:date}"},
    "report.title": {"en": "KPI health audit", "vi": "Đánh giá sức khỏe KPI"},
    "report.subtitle": {
        "en": "Data as of {as_of:date} · {scope}",
        "vi": "Dữ liệu tính đến {as_of:date} · {scope}",
    },
    "report.scope.all": {"en": "whole organisation", "vi": "toàn tổ chức"},
    "report.scope.team": {
        "en": "team {team} and its sub-teams",
        "vi": "nhóm {team} và các nhóm trực thuộc",
    },
    "report.footer": {
        "en": "Made by kpiwell from data as of {as_of:date}. A KPI is a compass, not a whip: these findings "
        "describe how KPIs are designed, never how good a person is. Every number behind them is in "
        "findings.json.",
        "vi": "Được tạo bởi kpiwell từ dữ liệu tính đến {as_of:date}. KPI là la bàn, không phải roi vọt: các "
        "phát hiện này mô tả cách KPI được thiết kế, không bao giờ đánh giá giá trị của một con người. Mọi "
        "con số phía sau đều có trong findings.json.",
    },
    "report.label.team": {"en": "Team", "vi": "Nhóm"},
    "report.label.person": {"en": "Person", "vi": "Người"},
    "report.label.kpi": {"en": "KPI", "vi": "KPI"},
    "report.label.organisation": {"en": "Whole organisation", "vi": "Toàn tổ chức"},
    # --- report: overview ---------------------------------------------------------------------
    "report.overview.title": {"en": "Overview", "vi": "Tổng quan"},
    "report.overview.headline": {
        "en": "{flagged:num} of {people:num} people have at least one KPI that is set up in a way likely to "
        "backfire.",
        "vi": "{flagged:num} trên {people:num} người có ít nhất một KPI được thiết kế theo cách dễ gây tác "
        "dụng ngược.",
    },
    "report.overview.design_not_blame": {
        "en": "Each finding is about the design of a KPI (its target, who set it, how it is followed "
        "up), not "
        "about the person who carries it. Each comes with the numbers behind it and a suggestion for what "
        "to change.",
        "vi": "Mỗi phát hiện nói về cách thiết kế KPI (chỉ tiêu, ai đặt ra, cách theo dõi), không nói về "
        "người thực hiện KPI đó. Mỗi phát hiện đi kèm các con số làm căn cứ và gợi ý nên thay đổi điều gì.",
    },
    "report.overview.by_cause": {"en": "Findings by cause", "vi": "Phát hiện theo nguyên nhân"},
    "report.overview.scores": {"en": "How far people get toward their targets", "vi": "Mức độ đạt chỉ tiêu"},
    "report.overview.scores_explained": {
        "en": "Each bar counts the people whose KPIs, weighted, reached that share of their targets in this "
        "cycle (100% means on target; anything above 120% counts as 120%, so nobody is pushed to overdo "
        "it).",
        "vi": "Mỗi cột đếm số người mà các KPI của họ (theo trọng số) đạt được tỷ lệ chỉ tiêu đó trong chu "
        "kỳ này (100% là đạt chỉ tiêu; trên 120% chỉ tính là 120%, để không ai bị thúc ép làm quá sức).",
    },
    "report.overview.teams": {"en": "Teams", "vi": "Các nhóm"},
    "report.card.people": {"en": "people", "vi": "người"},
    "report.card.assignments": {"en": "KPIs assigned", "vi": "KPI được giao"},
    "report.card.critical": {"en": "critical findings", "vi": "phát hiện nghiêm trọng"},
    "report.card.warning": {"en": "warnings", "vi": "cảnh báo"},
    "report.card.info": {"en": "for information", "vi": "thông tin thêm"},
    "report.card.median_score": {"en": "typical attainment", "vi": "mức đạt chỉ tiêu điển hình"},
    # --- report: tables -----------------------------------------------------------------------
    "report.table.severity": {"en": "How serious", "vi": "Mức độ"},
    "report.table.subject": {"en": "Who / what", "vi": "Ai / KPI nào"},
    "report.table.finding": {"en": "What we see", "vi": "Điều chúng tôi thấy"},
    "report.table.remedy": {"en": "What to do", "vi": "Nên làm gì"},
    "report.table.status": {"en": "Since last time", "vi": "So với lần trước"},
    "report.table.code": {"en": "Finding", "vi": "Phát hiện"},
    "report.table.team": {"en": "Team", "vi": "Nhóm"},
    "report.table.people": {"en": "People", "vi": "Số người"},
    "report.table.median_score": {"en": "Typical attainment", "vi": "Mức đạt điển hình"},
    "report.table.left_out": {
        "en": "Showing {shown:num} of {total:num}, most serious first; findings.json lists all of them.",
        "vi": "Đang hiển thị {shown:num} trên {total:num}, nghiêm trọng nhất trước; findings.json có đầy đủ.",
    },
    "report.status.new": {"en": "new", "vi": "mới"},
    "report.status.persisting": {"en": "still there", "vi": "vẫn còn"},
    "report.section.count": {
        "en": "{findings:num} findings ({critical:num} critical, {warning:num} warnings, {info:num} for "
        "information), concerning {people:num} people and {teams:num} teams.",
        "vi": "{findings:num} phát hiện ({critical:num} nghiêm trọng, {warning:num} cảnh báo, {info:num} "
        "thông tin), liên quan đến {people:num} người và {teams:num} nhóm.",
    },
    "report.section.none": {
        "en": "Nothing found here: well done.",
        "vi": "Không có phát hiện nào ở mục này: rất tốt.",
    },
    # --- report: the five causes --------------------------------------------------------------
    "report.cause.1.intro": {
        "en": "A target far beyond what someone can deliver does not make them deliver more: it makes them "
        "give up, cut corners or burn out. Here we compare each target with what the person has actually "
        "been achieving, and with their colleagues.",
        "vi": "Một chỉ tiêu vượt xa khả năng không khiến người ta làm được nhiều hơn: nó khiến họ bỏ cuộc, "
        "làm tắt hoặc kiệt sức. Ở đây chúng tôi so sánh mỗi chỉ tiêu với kết quả thực tế người đó đã đạt "
        "được và với đồng nghiệp.",
    },
    "report.cause.2.intro": {
        "en": "People commit to targets they helped to shape. Targets handed down without a conversation are "
        "felt as control rather than direction.",
        "vi": "Người ta cam kết với những chỉ tiêu mà họ đã góp phần xây dựng. Chỉ tiêu áp đặt từ trên xuống "
        "mà không trao đổi sẽ bị cảm nhận là sự kiểm soát hơn là định hướng.",
    },
    "report.cause.3.intro": {
        "en": "When conditions change (a market shifts, a team loses people) and the targets stay "
        "locked, the "
        "KPI stops measuring effort and starts measuring luck.",
        "vi": "Khi hoàn cảnh thay đổi (thị trường biến động, nhóm thiếu người) mà chỉ tiêu vẫn giữ "
        "nguyên, KPI "
        "không còn đo nỗ lực mà chỉ còn đo sự may rủi.",
    },
    "report.cause.4.intro": {
        "en": "What is not measured gets dropped. With numbers only, collaboration, attitude, effort and "
        "creativity become invisible, and people learn to neglect them.",
        "vi": "Điều gì không được đo sẽ bị bỏ qua. Khi chỉ có con số, sự hợp tác, thái độ, nỗ lực và "
        "sáng tạo "
        "trở nên vô hình, và mọi người dần xem nhẹ chúng.",
    },
    "report.cause.5.intro": {
        "en": "A KPI without regular conversations and recognition becomes a verdict at the end of the year "
        "instead of a compass along the way.",
        "vi": "Một KPI không có trao đổi thường xuyên và sự ghi nhận sẽ trở thành lời phán xét cuối năm thay "
        "vì chiếc la bàn dẫn đường.",
    },
    "report.other.title": {"en": "Other signals", "vi": "Các tín hiệu khác"},
    "report.other.intro": {
        "en": "Signals that are not one of the five causes but are worth a look: targets that may be "
        "too safe "
        "to be a stretch, and KPIs whose purpose was never written down.",
        "vi": "Những tín hiệu không thuộc năm nguyên nhân nhưng đáng xem xét: chỉ tiêu có thể quá an "
        "toàn nên "
        "không tạo động lực phấn đấu, và KPI chưa từng được ghi rõ mục đích.",
    },
    # --- report: charts -----------------------------------------------------------------------
    "report.chart.cycle_start": {"en": "cycle start", "vi": "đầu chu kỳ"},
    "report.chart.lower_is_better": {"en": "(Lower is better.)", "vi": "(Càng thấp càng tốt.)"},
    "report.capacity.title": {
        "en": "Targets against capacity, team by team",
        "vi": "Chỉ tiêu so với năng lực, theo từng nhóm",
    },
    "report.capacity.explained": {
        "en": "For each person: the dot is what they typically deliver per period (the middle of their own "
        "results), the orange mark is their target. A long grey bar means a target far from what the person "
        "has shown they can do.",
        "vi": "Với mỗi người: chấm tròn là mức họ thường đạt mỗi kỳ (mức giữa trong các kết quả của "
        "chính họ), "
        "vạch cam là chỉ tiêu của họ. Thanh xám dài nghĩa là chỉ tiêu cách xa mức người đó đã thể hiện.",
    },
    "report.capacity.legend_capacity": {
        "en": "typical result (median)",
        "vi": "kết quả điển hình (trung vị)",
    },
    "report.capacity.legend_target": {"en": "target", "vi": "chỉ tiêu"},
    "report.capacity.chart": {
        "en": "Team {team}, KPI {kpi}: each person's typical result and target",
        "vi": "Nhóm {team}, KPI {kpi}: kết quả điển hình và chỉ tiêu của từng người",
    },
    "report.capacity.caption": {"en": "Team {team} · {kpi}", "vi": "Nhóm {team} · {kpi}"},
    "report.capacity.left_out": {
        "en": "{count:num} more team and KPI combinations are not charted.",
        "vi": "Còn {count:num} cặp nhóm và KPI khác không được vẽ biểu đồ.",
    },
    "report.history.title": {"en": "Results against target", "vi": "Kết quả so với chỉ tiêu"},
    "report.history.explained": {
        "en": "For each flagged person and KPI (the most serious first): their results period by period "
        "against the target in force, and how likely they are to reach it.",
        "vi": "Với mỗi người và KPI có phát hiện (nghiêm trọng nhất trước): kết quả từng kỳ so với chỉ tiêu "
        "đang áp dụng, và khả năng họ đạt được chỉ tiêu.",
    },
    "report.history.legend_value": {"en": "result", "vi": "kết quả"},
    "report.history.legend_target": {"en": "target", "vi": "chỉ tiêu"},
    "report.history.chart": {
        "en": "{person}, KPI {kpi}: results against target",
        "vi": "{person}, KPI {kpi}: kết quả so với chỉ tiêu",
    },
    "report.history.p_attain": {
        "en": "Chance of reaching the target in a period: about {p:.0%}.",
        "vi": "Khả năng đạt chỉ tiêu trong một kỳ: khoảng {p:.0%}.",
    },
    "report.history.reached": {
        "en": "Target reached in {reached:num} of {periods:num} periods this cycle.",
        "vi": "Đạt chỉ tiêu {reached:num} trên {periods:num} kỳ trong chu kỳ này.",
    },
    # --- report: wellbeing radar --------------------------------------------------------------
    "report.wellbeing.title": {"en": "Wellbeing radar", "vi": "Radar sức khỏe tinh thần"},
    "report.wellbeing.intro": {
        "en": "Badly used KPIs hurt people in seven ways. The radar shows, for each of them, the strongest "
        "signal found: the further out, the more urgent. Survey results are only ever shown for groups, "
        "never for one person.",
        "vi": "KPI dùng sai cách gây tổn hại cho con người theo bảy cách. Radar cho thấy tín hiệu mạnh nhất "
        "tìm được ở mỗi cách: càng ra xa tâm càng cấp bách. Kết quả khảo sát chỉ được hiển thị theo nhóm, "
        "không bao giờ cho từng cá nhân.",
    },
    "report.wellbeing.org_radar": {
        "en": "The seven harms across the organisation",
        "vi": "Bảy tổn hại trên toàn tổ chức",
    },
    "report.wellbeing.team_radar": {
        "en": "The seven harms in team {team}",
        "vi": "Bảy tổn hại trong nhóm {team}",
    },
    "report.wellbeing.radar_explained": {
        "en": "Centre: no signal. Rings, from the inside out: for information, warning, critical.",
        "vi": "Tâm: không có tín hiệu. Các vòng từ trong ra ngoài: thông tin, cảnh báo, nghiêm trọng.",
    },
    "report.wellbeing.harm": {"en": "Harm", "vi": "Tổn hại"},
    "report.wellbeing.teams": {"en": "Team by team", "vi": "Theo từng nhóm"},
    "report.privacy.title": {"en": "How people's privacy is protected", "vi": "Cách bảo vệ quyền riêng tư"},
    "report.privacy.note": {
        "en": "Survey answers are confidential. A group's result is shown only when enough different people "
        "answered, and never when it could be subtracted from another result to reveal a smaller group. "
        "{count:num} group results were withheld for these reasons.",
        "vi": "Câu trả lời khảo sát được bảo mật. Kết quả của một nhóm chỉ được hiển thị khi có đủ số người "
        "khác nhau trả lời, và không bao giờ hiển thị nếu có thể trừ đi từ một kết quả khác để suy ra một "
        "nhóm nhỏ hơn. {count:num} kết quả nhóm đã được ẩn vì các lý do này.",
    },
    "report.suppressed.too-few-respondents": {
        "en": "{count:num} withheld because too few people answered.",
        "vi": "{count:num} kết quả bị ẩn vì quá ít người trả lời.",
    },
    "report.suppressed.differencing": {
        "en": "{count:num} withheld because, together with another result, they would reveal a small group.",
        "vi": "{count:num} kết quả bị ẩn vì khi kết hợp với kết quả khác có thể làm lộ một nhóm nhỏ.",
    },
    "report.suppressed.other": {
        "en": "{count:num} withheld ({reason}).",
        "vi": "{count:num} kết quả bị ẩn ({reason}).",
    },
    # --- report: progress and notes -----------------------------------------------------------
    "report.baseline.title": {"en": "Progress since last time", "vi": "Tiến triển so với lần trước"},
    "report.baseline.summary": {
        "en": "Compared with the audit of {since}: {new:num} new findings, {persisting:num} still there, "
        "{resolved:num} resolved.",
        "vi": "So với lần đánh giá ngày {since}: {new:num} phát hiện mới, {persisting:num} vẫn còn, "
        "{resolved:num} đã được giải quyết.",
    },
    "report.baseline.resolved": {"en": "Resolved since then", "vi": "Đã được giải quyết từ lần trước"},
    "report.notes.title": {"en": "Notes", "vi": "Ghi chú"},
}
