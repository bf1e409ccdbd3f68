"""Every sentence the audit's findings use, in English and Vietnamese.

Keys: ``code.<code>.title`` / ``.message`` (plus variants such as ``.message.never``) / ``.remedy``;
``cause.<1-5>``, ``harm.<1-7>``, ``severity.<level>``; ``note.<name>`` (with values) and
``note.<name>.summary`` (without). Placeholders are ``{name}`` or ``{name:spec}``; besides the
standard format specs, ``num`` prints a number readably and ``date`` prints an ISO date in the
language's usual form. The subject (``team``, ``person_id``, ``kpi``) is always available.

Findings describe the design of a KPI plan, never a person's worth: messages say what the numbers
show, remedies draw on the six remedies (co-create KPIs; align targets with individual capability
and growth; combine quantitative and qualitative KPIs; weekly or bi-weekly 1:1s with emotional
support; recognition and non-monetary rewards; communicate each KPI's purpose).
"""

from __future__ import annotations

from typing import Final

CATALOGUE: Final[dict[str, dict[str, str]]] = {
    # --- severities ---------------------------------------------------------------------------
    "severity.info": {"en": "Information", "vi": "Thông tin"},
    "severity.warning": {"en": "Warning", "vi": "Cảnh báo"},
    "severity.critical": {"en": "Critical", "vi": "Nghiêm trọng"},
    # --- the five backfire causes -------------------------------------------------------------
    "cause.1": {"en": "Unrealistic targets", "vi": "Chỉ tiêu thiếu thực tế"},
    "cause.2": {"en": "No employee involvement", "vi": "Nhân viên không được tham gia đặt KPI"},
    "cause.3": {"en": "No flexibility", "vi": "Thiếu linh hoạt"},
    "cause.4": {"en": "Only quantitative KPIs", "vi": "Chỉ có KPI định lượng"},
    "cause.5": {"en": "No timely feedback or recognition", "vi": "Thiếu phản hồi và ghi nhận kịp thời"},
    # --- the seven harms ----------------------------------------------------------------------
    "harm.1": {
        "en": "Constant stress from performance pressure",
        "vi": "Căng thẳng thường trực vì áp lực thành tích",
    },
    "harm.2": {
        "en": "A sense of failure despite genuine effort",
        "vi": "Cảm giác thất bại dù đã thực sự nỗ lực",
    },
    "harm.3": {"en": "Loss of intrinsic motivation", "vi": "Mất động lực nội tại"},
    "harm.4": {"en": "Unhealthy competition", "vi": "Cạnh tranh không lành mạnh"},
    "harm.5": {"en": "Burnout", "vi": "Kiệt sức"},
    "harm.6": {"en": "Reluctance to propose ideas or innovate", "vi": "Ngại đề xuất ý tưởng và đổi mới"},
    "harm.7": {"en": "Low engagement and high turnover", "vi": "Gắn kết thấp và nghỉ việc nhiều"},
    # --- unrealistic-target -------------------------------------------------------------------
    "code.unrealistic-target.title": {"en": "Unrealistic target", "vi": "Chỉ tiêu thiếu thực tế"},
    "code.unrealistic-target.message": {
        "en": "At the current pace, {person_id} has about a {p_attain:.0%} chance of reaching the {kpi} "
        "target of {target:num} in a period of this cycle (estimated from {history_periods} periods of "
        "history). A target around {suggested_target:num} would be reached with a probability of "
        "about {suggest_probability:.0%}.",
        "vi": "Với nhịp độ hiện tại, {person_id} chỉ có khoảng {p_attain:.0%} khả năng đạt chỉ tiêu {kpi} "
        "là {target:num} trong một kỳ của chu kỳ này (ước tính từ {history_periods} kỳ dữ liệu). Một "
        "chỉ tiêu quanh mức {suggested_target:num} sẽ đạt được với xác suất khoảng "
        "{suggest_probability:.0%}.",
    },
    "code.unrealistic-target.remedy": {
        "en": "Revisit the {kpi} target together with {person_id}: align it with their demonstrated "
        "capacity and growth path (around {suggested_target:num} per period), agree on the steps to get "
        "further, and talk about the support they need in the next 1:1. The design of the target is "
        "the problem, not the person.",
        "vi": "Cùng {person_id} xem lại chỉ tiêu {kpi}: điều chỉnh cho phù hợp với năng lực đã thể hiện "
        "và lộ trình phát triển của họ (khoảng {suggested_target:num} mỗi kỳ), cùng thống nhất các bước "
        "để tiến xa hơn, và trao đổi về sự hỗ trợ họ cần trong buổi 1:1 tới. Vấn đề nằm ở cách đặt "
        "chỉ tiêu, không phải ở con người.",
    },
    # --- safe-target --------------------------------------------------------------------------
    "code.safe-target.title": {"en": "Safe target", "vi": "Chỉ tiêu an toàn"},
    "code.safe-target.message": {
        "en": "{person_id} reaches the {kpi} target of {target:num} almost every period (a "
        "{p_attain:.0%} chance), and the target is easier than their own typical result of "
        "{own_median:num}. A target with no stretch is often a sign that missing one feels costly.",
        "vi": "{person_id} gần như kỳ nào cũng đạt chỉ tiêu {kpi} là {target:num} (khả năng "
        "{p_attain:.0%}), và chỉ tiêu này còn dễ hơn mức kết quả thường thấy của chính họ "
        "({own_median:num}). Một chỉ tiêu không có tính thử thách thường cho thấy việc không đạt chỉ "
        "tiêu đang bị xem là quá đắt giá.",
    },
    "code.safe-target.remedy": {
        "en": "Talk with {person_id} about growth: co-create a stretch goal for {kpi} that fits their "
        "ambitions, and make it safe to aim higher — falling short of a stretch goal should never be "
        "punished.",
        "vi": "Trao đổi với {person_id} về định hướng phát triển: cùng xây dựng một mục tiêu thử thách "
        "cho {kpi} phù hợp với mong muốn của họ, và tạo cảm giác an toàn để đặt mục tiêu cao hơn — "
        "chưa đạt mục tiêu thử thách thì không bao giờ bị phạt.",
    },
    # --- uniform-target -----------------------------------------------------------------------
    "code.uniform-target.title": {
        "en": "One target for different capacities",
        "vi": "Một chỉ tiêu cho những năng lực khác nhau",
    },
    "code.uniform-target.message": {
        "en": "In team {team}, {shared_share:.0%} of the people with {kpi} share the same target "
        "({shared_target:num}), while their own typical results range from {capacity_min:num} to "
        "{capacity_max:num} (coefficient of variation {capacity_cv:.2f}). The same number is a stretch "
        "for some and a stroll for others.",
        "vi": "Trong nhóm {team}, {shared_share:.0%} số người có KPI {kpi} dùng chung một chỉ tiêu "
        "({shared_target:num}), trong khi kết quả thường thấy của từng người dao động từ "
        "{capacity_min:num} đến {capacity_max:num} (hệ số biến thiên {capacity_cv:.2f}). Cùng một con "
        "số là quá sức với người này nhưng lại quá dễ với người khác.",
    },
    "code.uniform-target.remedy": {
        "en": "Set each person's {kpi} target with them, from their own capacity and growth path, and "
        "let the team goal be the sum of those targets rather than one number copied to everyone.",
        "vi": "Cùng từng người đặt chỉ tiêu {kpi} riêng, dựa trên năng lực và lộ trình phát triển của "
        "chính họ; mục tiêu của nhóm là tổng các chỉ tiêu đó chứ không phải một con số sao chép cho "
        "tất cả mọi người.",
    },
    # --- low-involvement ----------------------------------------------------------------------
    "code.low-involvement.title": {
        "en": "Targets set without the people who carry them",
        "vi": "Chỉ tiêu được đặt mà không có người thực hiện tham gia",
    },
    "code.low-involvement.message": {
        "en": "In team {team}, only {involved_share:.0%} of the KPI assignments whose origin is known "
        "({involved_assignments} of {known_assignments}) were set by the employee or co-created; the "
        "others were decided by the manager alone.",
        "vi": "Trong nhóm {team}, chỉ {involved_share:.0%} số KPI đã biết nguồn gốc "
        "({involved_assignments}/{known_assignments}) do nhân viên tự đề xuất hoặc cùng xây dựng; số "
        "còn lại do quản lý tự quyết định.",
    },
    "code.low-involvement.remedy": {
        "en": "Co-create the KPIs in the next planning round: let each person in {team} propose their "
        "targets and how they are measured, then agree on them together.",
        "vi": "Cùng xây dựng KPI trong đợt lập kế hoạch tới: để mỗi người trong nhóm {team} đề xuất chỉ "
        "tiêu và cách đo lường của mình, rồi cùng nhau thống nhất.",
    },
    # --- locked-target ------------------------------------------------------------------------
    "code.locked-target.title": {
        "en": "Targets locked while conditions changed",
        "vi": "Chỉ tiêu bị khóa cứng khi điều kiện đã thay đổi",
    },
    "code.locked-target.message": {
        "en": "Team {team}'s typical {kpi} result changed by {shift:+.0%} from the period ending "
        "{shift_period_end:date} ({before_median:num} before, {after_median:num} after), and no target "
        "in the team has been revised since.",
        "vi": "Kết quả {kpi} điển hình của nhóm {team} đã thay đổi {shift:+.0%} kể từ kỳ kết thúc ngày "
        "{shift_period_end:date} (trước đó: {before_median:num}, sau đó: {after_median:num}), nhưng "
        "chưa có chỉ tiêu nào trong nhóm được điều chỉnh kể từ đó.",
    },
    "code.locked-target.remedy": {
        "en": "Review the {kpi} targets with the team now that conditions have changed, and agree on "
        "regular check-points (monthly, or whenever the market moves) at which targets are revisited, "
        "so they stay a compass rather than a verdict.",
        "vi": "Cùng cả nhóm xem lại chỉ tiêu {kpi} vì điều kiện đã thay đổi, và thống nhất các mốc rà "
        "soát định kỳ (hằng tháng, hoặc mỗi khi thị trường biến động) để chỉ tiêu luôn là chiếc la bàn "
        "định hướng chứ không phải một bản án.",
    },
    # --- quantitative-only --------------------------------------------------------------------
    "code.quantitative-only.title": {"en": "Only numbers count", "vi": "Chỉ có các con số được tính"},
    "code.quantitative-only.message": {
        "en": "Qualitative KPIs (collaboration, attitude, effort, creativity) carry {qualitative_weight:.0%} "
        "of {person_id}'s weight ({qualitative_kpis} of {kpis} KPIs); at least "
        "{min_qualitative_weight:.0%} keeps their whole contribution in view.",
        "vi": "Các KPI định tính (tinh thần hợp tác, thái độ, nỗ lực, sáng tạo) chỉ chiếm "
        "{qualitative_weight:.0%} tỷ trọng đánh giá của {person_id} ({qualitative_kpis}/{kpis} KPI); "
        "cần ít nhất {min_qualitative_weight:.0%} để thấy được toàn bộ đóng góp của họ.",
    },
    "code.quantitative-only.remedy": {
        "en": "Combine quantitative and qualitative KPIs: add one or two rated KPIs, such as "
        "collaboration or initiative, agreed with {person_id} and discussed in regular 1:1s.",
        "vi": "Kết hợp KPI định lượng và định tính: bổ sung một hoặc hai KPI chấm điểm theo thang, như "
        "tinh thần hợp tác hay sự chủ động, được thống nhất với {person_id} và trao đổi trong các buổi "
        "1:1 định kỳ.",
    },
    # --- no-purpose ---------------------------------------------------------------------------
    "code.no-purpose.title": {"en": "KPI without a stated purpose", "vi": "KPI chưa nêu rõ mục đích"},
    "code.no-purpose.message": {
        "en": "{kpi} has no stated purpose for {without_purpose} of the {assignments} people who carry "
        "it in team {team}: they are asked to move a number without knowing why it matters.",
        "vi": "KPI {kpi} chưa có mục đích được nêu rõ cho {without_purpose}/{assignments} người đang "
        "thực hiện nó trong nhóm {team}: họ được yêu cầu thay đổi một con số mà không biết vì sao nó "
        "quan trọng.",
    },
    "code.no-purpose.remedy": {
        "en": "Write down with team {team} what {kpi} is for — whom it serves and which decision it "
        "informs — and show that purpose wherever the KPI is shown.",
        "vi": "Cùng nhóm {team} viết ra mục đích của {kpi} — nó phục vụ ai và giúp đưa ra quyết định gì "
        "— và hiển thị mục đích đó ở mọi nơi KPI xuất hiện.",
    },
    # --- feedback-gap -------------------------------------------------------------------------
    "code.feedback-gap.title": {"en": "No recent check-in", "vi": "Lâu rồi chưa có buổi trao đổi"},
    "code.feedback-gap.message": {
        "en": "{person_id} has not had a check-in for {days_since_last} days (the last one was on "
        "{last_checkin:date}); feedback should come at least every {window_days} days.",
        "vi": "{person_id} đã {days_since_last} ngày chưa có buổi trao đổi nào (lần gần nhất vào ngày "
        "{last_checkin:date}); phản hồi nên đến ít nhất {window_days} ngày một lần.",
    },
    "code.feedback-gap.message.never": {
        "en": "No check-in with {person_id} has been recorded.",
        "vi": "Chưa ghi nhận buổi trao đổi nào với {person_id}.",
    },
    "code.feedback-gap.remedy": {
        "en": "Schedule a weekly or bi-weekly 1:1 with {person_id}: ask how they are doing, not only how "
        "the work is going, and offer support before discussing numbers.",
        "vi": "Lên lịch buổi 1:1 hằng tuần hoặc hai tuần một lần với {person_id}: hỏi thăm họ đang cảm "
        "thấy thế nào chứ không chỉ công việc ra sao, và đề nghị hỗ trợ trước khi bàn đến các con số.",
    },
    # --- recognition-drought ------------------------------------------------------------------
    "code.recognition-drought.title": {"en": "No recent recognition", "vi": "Lâu rồi chưa được ghi nhận"},
    "code.recognition-drought.message": {
        "en": "{person_id} has received no recognition for {days_since_last} days (the last was on "
        "{last_recognition:date}).",
        "vi": "{person_id} đã {days_since_last} ngày chưa nhận được sự ghi nhận nào (lần gần nhất vào "
        "ngày {last_recognition:date}).",
    },
    "code.recognition-drought.message.never": {
        "en": "No recognition received by {person_id} has been recorded.",
        "vi": "Chưa ghi nhận lần nào {person_id} được khen ngợi hay ghi nhận.",
    },
    "code.recognition-drought.remedy": {
        "en": "Notice what {person_id} contributes and say so: public praise for a specific piece of "
        "work, or a non-monetary reward such as a training-scholarship nomination.",
        "vi": "Hãy để ý những đóng góp của {person_id} và nói ra: khen ngợi công khai về một việc cụ "
        "thể, hoặc một phần thưởng phi tiền tệ như đề cử học bổng đào tạo.",
    },
    # --- turnover-risk ------------------------------------------------------------------------
    "code.turnover-risk.title": {"en": "Risk of leaving", "vi": "Nguy cơ nghỉ việc"},
    "code.turnover-risk.message": {
        "en": "The turnover model places {person_id} in its high-risk band ({probability:.0%}); the "
        "main driver is: {top_driver}.",
        "vi": "Mô hình dự báo nghỉ việc xếp {person_id} vào nhóm nguy cơ cao ({probability:.0%}); yếu "
        "tố chính: {top_driver}.",
    },
    "code.turnover-risk.message.no-drivers": {
        "en": "The turnover model places {person_id} in its high-risk band ({probability:.0%}).",
        "vi": "Mô hình dự báo nghỉ việc xếp {person_id} vào nhóm nguy cơ cao ({probability:.0%}).",
    },
    "code.turnover-risk.remedy": {
        "en": "Hold a 1:1 with {person_id} about growth, workload and recognition: listen first, then "
        "agree on one concrete change for each.",
        "vi": "Tổ chức một buổi 1:1 với {person_id} về cơ hội phát triển, khối lượng công việc và sự "
        "ghi nhận: lắng nghe trước, rồi cùng thống nhất một thay đổi cụ thể cho từng điều.",
    },
    # --- chronic-pressure (radar harm 1) -------------------------------------------------------
    "code.chronic-pressure.title": {"en": "Chronic pressure", "vi": "Áp lực kéo dài"},
    "code.chronic-pressure.message": {
        "en": "{person_id} has been under {under_attainment:.0%} of target in {periods_under} of the last "
        "{last_periods} periods of {kpi_list}. Falling short week after week is a constant strain, "
        "whatever the reason.",
        "vi": "{person_id} đạt dưới {under_attainment:.0%} chỉ tiêu trong {periods_under}/{last_periods} kỳ "
        "gần nhất của {kpi_list}. Hụt chỉ tiêu tuần này qua tuần khác là một áp lực thường trực, dù "
        "nguyên nhân là gì.",
    },
    "code.chronic-pressure.message.workload": {
        "en": "{person_id} reported a high workload in {high_workload_checkins} of their last "
        "{last_checkins} check-ins.",
        "vi": "{person_id} cho biết khối lượng công việc ở mức cao trong {high_workload_checkins}/"
        "{last_checkins} buổi trao đổi gần nhất.",
    },
    "code.chronic-pressure.message.both": {
        "en": "{person_id} has been under {under_attainment:.0%} of target in {periods_under} of the last "
        "{last_periods} periods of {kpi_list}, and reported a high workload in "
        "{high_workload_checkins} of their last {last_checkins} check-ins.",
        "vi": "{person_id} đạt dưới {under_attainment:.0%} chỉ tiêu trong {periods_under}/{last_periods} kỳ "
        "gần nhất của {kpi_list}, đồng thời cho biết khối lượng công việc ở mức cao trong "
        "{high_workload_checkins}/{last_checkins} buổi trao đổi gần nhất.",
    },
    "code.chronic-pressure.remedy": {
        "en": "Talk with {person_id} in a 1:1 this week about workload and support before numbers; align "
        "the targets with what they can deliver now, and agree on what can be taken off their plate.",
        "vi": "Trao đổi 1:1 với {person_id} ngay trong tuần này về khối lượng công việc và sự hỗ trợ "
        "trước khi nói đến con số; điều chỉnh chỉ tiêu cho phù hợp với khả năng hiện tại của họ, và "
        "cùng thống nhất những việc có thể san sẻ bớt.",
    },
    # --- effort-unrecognized (radar harm 2) ----------------------------------------------------
    "code.effort-unrecognized.title": {"en": "Effort not recognised", "vi": "Nỗ lực chưa được ghi nhận"},
    "code.effort-unrecognized.message": {
        "en": "{person_id} has come close — {near_miss_from:.0%} to just under 100% of target — in "
        "{near_misses} of the last {last_periods} periods of {near_miss_list}, and has received no "
        "recognition in {recognition_days} days. Effort that stops just short of a line still deserves "
        "to be seen.",
        "vi": "{person_id} đã về rất sát chỉ tiêu — từ {near_miss_from:.0%} đến gần 100% — trong "
        "{near_misses}/{last_periods} kỳ gần nhất của {near_miss_list}, nhưng {recognition_days} ngày "
        "qua chưa nhận được sự ghi nhận nào. Nỗ lực dừng lại ngay sát vạch đích vẫn xứng đáng được "
        "nhìn thấy.",
    },
    "code.effort-unrecognized.message.improvement": {
        "en": "{person_id} has improved {improved_list} by {improvement:.0%} compared with before the "
        "cycle — a sustained, credible change — and has received no recognition in {recognition_days} "
        "days.",
        "vi": "{person_id} đã cải thiện {improved_list} thêm {improvement:.0%} so với trước chu kỳ — một "
        "thay đổi bền vững và đáng tin cậy — nhưng {recognition_days} ngày qua chưa nhận được sự ghi "
        "nhận nào.",
    },
    "code.effort-unrecognized.remedy": {
        "en": "Recognise {person_id}'s effort and progress now: specific public praise, or a non-monetary "
        "reward such as a training-scholarship nomination; and check in the next 1:1 whether the target "
        "still matches their capacity and growth.",
        "vi": "Hãy ghi nhận nỗ lực và sự tiến bộ của {person_id} ngay: khen ngợi công khai về việc cụ thể, "
        "hoặc một phần thưởng phi tiền tệ như đề cử học bổng đào tạo; và trong buổi 1:1 tới, cùng xem "
        "chỉ tiêu còn phù hợp với năng lực và sự phát triển của họ hay không.",
    },
    # --- motivation-loss, person level from check-in mood (radar harm 3) ----------------------
    "code.motivation-loss.message": {
        "en": "{person_id}'s mood in check-ins has been changing by {mood_slope_per_week:+.1f} points a "
        "week over the last {checkins} check-ins (from {first_mood} to {last_mood} on a 1-5 scale).",
        "vi": "Tâm trạng của {person_id} qua các buổi trao đổi đang thay đổi {mood_slope_per_week:+.1f} "
        "điểm mỗi tuần trong {checkins} buổi gần nhất (từ {first_mood} xuống {last_mood} trên thang 1-5).",
    },
    "code.motivation-loss.remedy": {
        "en": "Make the next 1:1 with {person_id} about them, not the numbers: ask what has changed, "
        "listen, offer support, and meet weekly while things are hard.",
        "vi": "Hãy dành buổi 1:1 tới với {person_id} để nói về chính họ, không phải các con số: hỏi xem "
        "điều gì đã thay đổi, lắng nghe, đề nghị hỗ trợ, và gặp nhau hằng tuần trong giai đoạn khó khăn "
        "này.",
    },
    # --- gaming-suspected (radar harm 4) -------------------------------------------------------
    "code.gaming-suspected.title": {
        "en": "Numbers shaped by the target",
        "vi": "Con số bị chi phối bởi chỉ tiêu",
    },
    "code.gaming-suspected.message.bunching": {
        "en": "{bunched_share:.0%} of {person_id}'s {kpi} results this cycle land just over the target "
        "(100-103%), where their other results suggest about {expected_share:.0%}. Results that cluster "
        "just over a line usually mean the line itself drives behaviour — a design problem to look "
        "into, not an accusation.",
        "vi": "{bunched_share:.0%} kết quả {kpi} của {person_id} trong chu kỳ này rơi ngay trên chỉ tiêu "
        "(100-103%), trong khi các kết quả khác của họ cho thấy tỷ lệ này chỉ khoảng "
        "{expected_share:.0%}. Kết quả dồn sát ngay trên vạch thường cho thấy chính cái vạch đang chi "
        "phối hành vi — một vấn đề thiết kế cần xem xét, không phải một lời buộc tội.",
    },
    "code.gaming-suspected.message.end-of-period-spikes": {
        "en": "In {spike_months} of {complete_months} complete months, the last {kpi} period of "
        "{person_id}'s month is at least double the month's typical period: results may follow the "
        "measurement calendar rather than the work — a design problem to look into, not an accusation.",
        "vi": "Trong {spike_months}/{complete_months} tháng trọn vẹn, kỳ cuối tháng của {kpi} của "
        "{person_id} cao gấp đôi trở lên so với một kỳ thông thường trong tháng: kết quả có thể đang "
        "chạy theo lịch đo lường hơn là theo công việc — một vấn đề thiết kế cần xem xét, không phải một "
        "lời buộc tội.",
    },
    "code.gaming-suspected.message.upward-revisions": {
        "en": "{upward_revisions} of {person_id}'s {kpi} values were revised from short of the target to "
        "reaching it. Corrections happen; several that all cross the line suggest the target carries "
        "too much weight — a design problem to look into, not an accusation.",
        "vi": "{upward_revisions} giá trị {kpi} của {person_id} đã được sửa từ chưa đạt thành đạt chỉ "
        "tiêu. Việc điều chỉnh số liệu là bình thường; nhưng nhiều lần sửa đều vượt qua đúng vạch chỉ "
        "tiêu cho thấy chỉ tiêu đang bị đặt nặng quá mức — một vấn đề thiết kế cần xem xét, không phải "
        "một lời buộc tội.",
    },
    "code.gaming-suspected.message.organisation": {
        "en": "Across the organisation, {bin_count} results land within one point above 100% of target, "
        "where the neighbouring bins suggest about {expected_count:num} (z = {z:.1f}). A jump right at "
        "the target line is a sign that hitting the number has become the goal.",
        "vi": "Trên toàn tổ chức, có {bin_count} kết quả rơi trong khoảng một điểm phần trăm ngay trên "
        "100% chỉ tiêu, trong khi các khoảng lân cận cho thấy con số này chỉ vào khoảng "
        "{expected_count:num} (z = {z:.1f}). Một bước nhảy ngay tại vạch chỉ tiêu cho thấy việc chạm "
        "đúng con số đã trở thành mục tiêu.",
    },
    "code.gaming-suspected.remedy": {
        "en": "Lower the stakes of the exact line: talk openly about how the KPI is measured and recorded, "
        "combine it with qualitative KPIs, and reward progress rather than crossing a threshold.",
        "vi": "Giảm sức nặng của vạch chỉ tiêu: trao đổi cởi mở về cách KPI được đo lường và ghi nhận, kết "
        "hợp với các KPI định tính, và khen thưởng sự tiến bộ thay vì chỉ việc vượt qua một ngưỡng.",
    },
    # --- innovation-suppressed (radar harm 6) --------------------------------------------------
    "code.innovation-suppressed.title": {
        "en": "Little room to stretch or innovate",
        "vi": "Ít không gian để thử thách và đổi mới",
    },
    "code.innovation-suppressed.message": {
        "en": "In team {team}, {safe_share:.0%} of KPI assignments ({safe_assignments} of {assignments}) "
        "have safe targets that are reached almost every period: people may no longer feel safe to aim "
        "higher or try something new.",
        "vi": "Trong nhóm {team}, {safe_share:.0%} số KPI ({safe_assignments}/{assignments}) có chỉ tiêu "
        "an toàn, gần như kỳ nào cũng đạt: mọi người có thể không còn thấy an toàn để đặt mục tiêu cao "
        "hơn hay thử điều mới.",
    },
    "code.innovation-suppressed.remedy": {
        "en": "Make room for stretch in team {team}: co-create one ambitious goal per person where falling "
        "short is a lesson rather than a penalty, and recognise good attempts publicly.",
        "vi": "Tạo không gian cho thử thách trong nhóm {team}: cùng mỗi người xây dựng một mục tiêu đầy "
        "tham vọng, nơi chưa đạt được là bài học chứ không phải hình phạt, và ghi nhận công khai những "
        "nỗ lực dám thử.",
    },
    # --- summary notes ------------------------------------------------------------------------
    "note.set-by-unknown": {
        "en": "Team {team}: nobody recorded who set the KPIs (set_by), so involvement could not be assessed.",
        "vi": "Nhóm {team}: không có thông tin ai đã đặt KPI (set_by), nên chưa thể đánh giá mức độ "
        "tham gia của nhân viên.",
    },
    "note.set-by-unknown.summary": {
        "en": "Some teams did not record who set their KPIs (set_by); their involvement was not assessed.",
        "vi": "Một số nhóm không ghi lại ai đã đặt KPI (set_by); mức độ tham gia của các nhóm này chưa "
        "được đánh giá.",
    },
    "note.turnover-outside-plan": {
        "en": "{count} people in the high turnover-risk band are not in the KPI plan and were left out.",
        "vi": "{count} người thuộc nhóm nguy cơ nghỉ việc cao không có trong kế hoạch KPI nên không "
        "được đưa vào.",
    },
    "note.turnover-outside-plan.summary": {
        "en": "Some people with turnover scores are not in the KPI plan and were left out.",
        "vi": "Một số người có điểm nguy cơ nghỉ việc không có trong kế hoạch KPI nên không được đưa vào.",
    },
}
