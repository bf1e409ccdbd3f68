"""Every sentence of the survey-based findings and the survey privacy note, in English and Vietnamese.

Keys follow the audit's catalogue (``kpiwell.engine.audit.i18n``), which merges this one:
``code.<code>.title``, ``code.<code>.message.team-<rule>`` (the first rule that fired picks the
message) and ``code.<code>.remedy.team``; ``wellbeing.*`` for the report's privacy note. The title
of ``turnover-risk`` is the audit's (the code is shared with the person-level turnover model).
Placeholders are ``{name}`` or ``{name:num}`` (a readable number in the language's convention); the
values are group results only, never one person's answer or score.

Findings are about how work and KPIs are designed, never about who answered what; remedies draw on
the six remedies: co-create KPIs; align targets with individual capability and growth; combine
quantitative and qualitative KPIs; weekly or bi-weekly 1:1s with emotional support; recognition and
non-monetary rewards; communicate each KPI's purpose.
"""

from __future__ import annotations

from typing import Final

CATALOGUE: Final[dict[str, dict[str, str]]] = {
    # --- burnout-risk (harm 5, team) ----------------------------------------------------------
    "code.burnout-risk.title": {"en": "Risk of burnout", "vi": "Nguy cơ kiệt sức"},
    "code.burnout-risk.message.team-cbi-work-mean": {
        "en": "In team {team}, the average work-related burnout score (Copenhagen Burnout Inventory) in "
        "the latest survey round is {mean:num} out of 100 across {respondents} people, at or above the "
        "burnout threshold of {cutoff:num}. This points at how the work is set up, not at any one "
        "person.",
        "vi": "Trong nhóm {team}, điểm kiệt sức liên quan đến công việc trung bình (thang đo Copenhagen "
        "Burnout Inventory) ở đợt khảo sát gần nhất là {mean:num}/100 trên {respondents} người trả lời, "
        "bằng hoặc cao hơn ngưỡng kiệt sức {cutoff:num}. Điều này phản ánh cách công việc đang được tổ "
        "chức, không phải vấn đề của riêng ai.",
    },
    "code.burnout-risk.message.team-cbi-work-share": {
        "en": "In team {team}, {share_percent}% or more of the {respondents} people who answered the "
        "latest survey round have a work-related burnout score (Copenhagen Burnout Inventory) of "
        "{cutoff:num} or more out of 100, although the team average ({mean:num}) is below that "
        "threshold.",
        "vi": "Trong nhóm {team}, từ {share_percent}% trở lên trong số {respondents} người trả lời đợt "
        "khảo sát gần nhất có điểm kiệt sức liên quan đến công việc (thang đo Copenhagen Burnout "
        "Inventory) từ {cutoff:num}/100 trở lên, dù điểm trung bình của cả nhóm ({mean:num}) vẫn thấp "
        "hơn ngưỡng này.",
    },
    "code.burnout-risk.message.team-who5-mean": {
        "en": "In team {team}, the average WHO-5 wellbeing score in the latest survey round is "
        "{mean:num} out of 100 across {respondents} people, below {cutoff:num}, the level at which the "
        "WHO-5 suggests following up on wellbeing.",
        "vi": "Trong nhóm {team}, điểm sức khỏe tinh thần WHO-5 trung bình ở đợt khảo sát gần nhất là "
        "{mean:num}/100 trên {respondents} người trả lời, thấp hơn mức {cutoff:num} — ngưỡng mà WHO-5 "
        "khuyến nghị cần quan tâm, theo dõi sức khỏe tinh thần.",
    },
    "code.burnout-risk.remedy.team": {
        "en": "Treat this as a signal about workload and KPI design in {team}, not about individuals. "
        "Review the targets against the team's real capacity and align them with each person's "
        "capability and growth; co-create the KPIs, and the plan to reduce the load, with the people "
        "who do the work; and hold weekly or bi-weekly 1:1s that leave room for how people are really "
        "doing, with emotional support. Ask the team, not any one person, what would help.",
        "vi": "Hãy xem đây là tín hiệu về khối lượng công việc và cách thiết kế KPI trong nhóm {team}, "
        "không phải về từng cá nhân. Rà soát lại các chỉ tiêu so với năng lực thực tế của nhóm và điều "
        "chỉnh cho phù hợp với năng lực, hướng phát triển của từng người; cùng những người trực tiếp "
        "làm việc xây dựng KPI và kế hoạch giảm tải; duy trì các buổi 1:1 hằng tuần hoặc hai tuần một "
        "lần, dành thời gian hỏi han và hỗ trợ về mặt cảm xúc. Hãy hỏi cả nhóm, chứ không hỏi riêng "
        "ai, điều gì sẽ giúp ích.",
    },
    # --- motivation-loss (harm 3, the team part) ----------------------------------------------
    "code.motivation-loss.title": {"en": "Loss of motivation", "vi": "Suy giảm động lực"},
    "code.motivation-loss.message.team-who5-fall": {
        "en": "In team {team}, the average WHO-5 wellbeing score fell by {fall:num} points between the "
        "last two survey rounds, from {previous_mean:num} to {mean:num} out of 100 ({respondents} "
        "people answered in the latest round). A change of {threshold:num} points or more is "
        "meaningful.",
        "vi": "Trong nhóm {team}, điểm sức khỏe tinh thần WHO-5 trung bình đã giảm {fall:num} điểm giữa "
        "hai đợt khảo sát gần nhất, từ {previous_mean:num} xuống {mean:num}/100 ({respondents} người "
        "trả lời ở đợt gần nhất). Mức thay đổi từ {threshold:num} điểm trở lên được xem là đáng kể.",
    },
    "code.motivation-loss.remedy.team": {
        "en": "Ask the team openly, without looking for culprits, what has changed since the previous "
        "round. Communicate the purpose of each KPI so the numbers connect to work that matters; "
        "combine quantitative KPIs with qualitative ones (collaboration, effort, creativity); and "
        "recognise progress with non-monetary rewards such as public praise or a training-scholarship "
        "nomination.",
        "vi": "Hãy cởi mở hỏi cả nhóm xem điều gì đã thay đổi kể từ đợt khảo sát trước, không nhằm tìm "
        "người có lỗi. Giải thích rõ mục đích của từng KPI để các con số gắn với những công việc có ý "
        "nghĩa; kết hợp KPI định lượng với KPI định tính (tinh thần hợp tác, sự nỗ lực, tính sáng "
        "tạo); và ghi nhận sự tiến bộ bằng những phần thưởng phi tài chính như lời khen trước tập thể "
        "hay đề cử học bổng đào tạo.",
    },
    # --- turnover-risk (harm 7, the team part) ------------------------------------------------
    "code.turnover-risk.message.team-enps-low": {
        "en": "In team {team}, the employee Net Promoter Score (eNPS) in the latest survey round is "
        "{enps:num} ({respondents} people answered), below {cutoff:num}: clearly more people would not "
        "recommend the organisation as a place to work than would.",
        "vi": "Trong nhóm {team}, chỉ số eNPS (mức sẵn lòng giới thiệu tổ chức như một nơi đáng làm "
        "việc) ở đợt khảo sát gần nhất là {enps:num} ({respondents} người trả lời), thấp hơn "
        "{cutoff:num}: số người không muốn giới thiệu nơi làm việc này nhiều hơn hẳn số người sẵn lòng "
        "giới thiệu.",
    },
    "code.turnover-risk.message.team-enps-fall": {
        "en": "In team {team}, the employee Net Promoter Score (eNPS) fell by {fall:num} points between "
        "the last two survey rounds, from {previous_enps:num} to {enps:num} ({respondents} people "
        "answered in the latest round).",
        "vi": "Trong nhóm {team}, chỉ số eNPS (mức sẵn lòng giới thiệu tổ chức như một nơi đáng làm "
        "việc) đã giảm {fall:num} điểm giữa hai đợt khảo sát gần nhất, từ {previous_enps:num} xuống "
        "{enps:num} ({respondents} người trả lời ở đợt gần nhất).",
    },
    "code.turnover-risk.remedy.team": {
        "en": "Listen before people leave: hold weekly or bi-weekly 1:1s with room for emotional "
        "support and for what would make the work worth staying for; co-create KPIs and targets people "
        "believe in, aligned with each person's growth; and make recognition regular, with public "
        "praise and non-monetary rewards such as training-scholarship nominations. Look at what the "
        "team's KPIs ask of people, not at who answered what.",
        "vi": "Hãy lắng nghe trước khi mọi người rời đi: duy trì các buổi 1:1 hằng tuần hoặc hai tuần "
        "một lần, dành thời gian hỗ trợ về mặt cảm xúc và tìm hiểu điều gì khiến công việc đáng để gắn "
        "bó; cùng xây dựng những KPI và chỉ tiêu mà mọi người tin tưởng, phù hợp với hướng phát triển "
        "của từng người; và ghi nhận thường xuyên bằng lời khen trước tập thể cùng những phần thưởng "
        "phi tài chính như đề cử học bổng đào tạo. Hãy nhìn vào những gì KPI của nhóm đang đòi hỏi ở "
        "mọi người, chứ không phải ai đã trả lời thế nào.",
    },
    # --- the privacy note of the report -------------------------------------------------------
    "wellbeing.privacy-note": {
        "en": "Survey results are shown only for groups of at least {min_group_size} people, and never "
        "in a way that lets one group's result be worked out by subtracting others. No one's individual "
        "answers or scores appear in this report.",
        "vi": "Kết quả khảo sát chỉ được hiển thị cho các nhóm có từ {min_group_size} người trả lời trở "
        "lên, và không bao giờ theo cách cho phép suy ra kết quả của một nhóm bằng cách lấy kết quả "
        "này trừ đi kết quả khác. Báo cáo không chứa câu trả lời hay điểm số của bất kỳ cá nhân nào.",
    },
    "wellbeing.not-enough-responses": {
        "en": "Not enough responses: fewer than {min_group_size} people answered, so the result is not "
        "shown.",
        "vi": "Chưa đủ số người trả lời: có ít hơn {min_group_size} người trả lời nên kết quả không được "
        "hiển thị.",
    },
    "wellbeing.suppressed.too-few-respondents": {
        "en": "{count} group result(s) not shown because fewer than {min_group_size} people answered; "
        "those answers still count in the group above.",
        "vi": "{count} kết quả nhóm không được hiển thị vì có ít hơn {min_group_size} người trả lời; "
        "các câu trả lời này vẫn được tính vào nhóm cấp trên.",
    },
    "wellbeing.suppressed.differencing": {
        "en": "{count} group result(s) withheld because, together with the results shown, they would "
        "reveal the answers of fewer than {min_group_size} people.",
        "vi": "{count} kết quả nhóm bị ẩn vì khi đặt cạnh các kết quả đang hiển thị, chúng có thể làm "
        "lộ câu trả lời của ít hơn {min_group_size} người.",
    },
}
