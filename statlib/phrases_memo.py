"""The words of the briefing and follow-up memos (statlib.report.memo), in en and zh.

Data only, merged into statlib.phrases.CATALOGUE.
"""

from __future__ import annotations

MEMO_PHRASES: dict[str, dict[str, str]] = {
    # domain, period
    "memo_title": {"en": "Briefing: {domain}, {period}", "zh": "会前简报：{domain}，{period}"},
    # load, loaded, prepared
    "memo_subtitle": {
        "en": "For the review meeting. Data as of load {load}, {loaded}; prepared {prepared}.",
        "zh": "供例会使用。数据截至第{load}次载入（{loaded}）；编写于{prepared}。",
    },
    "memo_units": {"en": "Units to discuss", "zh": "需讨论的单位"},
    "memo_no_units": {
        "en": "No unit has a medium or high concern this period.",
        "zh": "本期没有中度或高度关注的单位。",
    },
    # unit, severity
    "memo_unit_heading": {"en": "{unit}: {severity} concern", "zh": "{unit}：{severity}关注"},
    "memo_facts": {"en": "Facts", "zh": "事实"},
    "memo_questions": {"en": "Questions to ask", "zh": "建议提问"},
    # metric, words
    "memo_fact_flag": {"en": "{metric}: {words}.", "zh": "{metric}：{words}。"},
    # metric, window, current, prior, change, z
    "memo_fact_change": {
        "en": "{metric}, {window}: {current} against {prior} ({change}, z {z}).",
        "zh": "{metric}，{window}：{current}，对比{prior}（{change}，z值{z}）。",
    },
    # id, agreed, owner, action, due
    "memo_fact_action": {
        "en": "Action {id} agreed in {agreed} ({owner}): {action}; due {due}.",
        "zh": "{agreed}商定的措施{id}（{owner}）：{action}；期限{due}。",
    },
    "memo_overdue": {"en": "Overdue", "zh": "已逾期"},
    # metric
    "memo_ask_change": {
        "en": "{metric}: what changed, and what is planned?",
        "zh": "{metric}：发生了什么变化？有何应对计划？",
    },
    "memo_ask_owner": {
        "en": "{metric}: no action is agreed. Who owns it, and what will be done?",
        "zh": "{metric}：尚无商定措施。由谁负责？将采取什么措施？",
    },
    # id, due
    "memo_ask_overdue": {
        "en": "Action {id} was due in {due}: why is it late, and when will it be done?",
        "zh": "措施{id}应于{due}完成：为何逾期？何时完成？",
    },
    "memo_actions_due": {"en": "Actions due", "zh": "到期措施"},
    "memo_more": {  # n, file
        "en": "{n} more in {file}, beside this memo.",
        "zh": "另有 {n} 项，见本备忘录旁的 {file}。",
    },
    "memo_no_actions_due": {
        "en": "No open action is due by this period.",
        "zh": "本期没有到期的未完成措施。",
    },
    # unit
    "memo_action_unit": {"en": "{unit}", "zh": "{unit}"},
    "memo_data_problems": {
        "en": "Data problems to resolve before the meeting",
        "zh": "会前需解决的数据问题",
    },
    "memo_no_data_problems": {
        "en": "The data checks found nothing to resolve.",
        "zh": "数据检查未发现需解决的问题。",
    },
    # rule, rows, action, detail
    "memo_data_problem": {
        "en": "{rule} ({rows} rows, {action}): {detail}",
        "zh": "{rule}（{rows}行，{action}）：{detail}",
    },
    # file, count, problems (the first few, each naming its place and rule)
    "memo_refused_submission": {
        "en": "{file} was refused, nothing of it loaded ({count} problem(s)); the department "
        "must send a corrected file: {problems}",
        "zh": "{file} 未通过校验，未载入任何数据（共 {count} 个问题），"
        "须由填报部门更正后重报：{problems}",
    },
    # n
    "memo_refused_more": {"en": " (and {n} more)", "zh": "（另有 {n} 个）"},
    # count
    "memo_more_notes": {
        "en": " (and {count} more notes of this check)",
        "zh": "（另有{count}条同类说明）",
    },
    # --- the follow-up memo, after the meeting (statlib actions) -------------------------
    # domain, period
    "followup_memo_title": {
        "en": "Follow-up: {domain}, review of {period}",
        "zh": "会后跟进：{domain}，{period}例会",
    },
    "followup_memo_agreed": {"en": "Agreed at this review", "zh": "本次例会商定"},
    "followup_memo_closed": {"en": "Closed at this review", "zh": "本次例会关闭"},
    # period
    "followup_memo_due_next": {
        "en": "To report on at the next review ({period})",
        "zh": "下次例会（{period}）需汇报",
    },
    "followup_memo_none": {"en": "None.", "zh": "无。"},
    "followup_memo_more": {  # n, file
        "en": "{n} more in the action register, {file}.",
        "zh": "另有 {n} 项，见措施登记表 {file}。",
    },
}
