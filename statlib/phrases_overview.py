"""Phrases of the city overview (statlib.report.overview_sections).

Data only, merged into statlib.phrases.CATALOGUE: the GMAP topics, the overview's sections,
columns and sentences.
"""

from __future__ import annotations

# key -> {lang -> text}, as in statlib.phrases.
OVERVIEW_PHRASES: dict[str, dict[str, str]] = {
    # --- topics (statlib.metrics.TOPICS) ---------------------------------------------------
    "topic_economy": {"en": "Economy", "zh": "经济发展"},
    "topic_government_efficiency": {"en": "Government efficiency", "zh": "政府效能"},
    "topic_safety": {"en": "Safety", "zh": "公共安全"},
    "topic_health": {"en": "Health", "zh": "卫生健康"},
    "topic_transportation": {"en": "Transportation", "zh": "交通运输"},
    "topic_environment": {"en": "Environment", "zh": "生态环境"},
    "topic_none": {"en": "No topic declared", "zh": "未标注专题"},
    # --- sections --------------------------------------------------------------------------
    "section_overview_summary": {"en": "The month at a glance", "zh": "本月概览"},
    "section_topic_exceptions": {"en": "Exceptions by topic", "zh": "各专题异常事项"},
    "section_domain_links": {"en": "The reviews read", "zh": "所依据的各项评估"},
    "overview_summary": {
        "en": "{period}: {metrics} measures in {reviews_with} of {reviews} reviews show a "
        "concern (a special cause of concern, a target consistently failed, or a high or "
        "medium concern flag), and {missed} critical register measures missed their "
        "targets. By topic: {by_topic}. Each line below links to its review and, where it "
        "names a unit, to that unit's figures; each review is its latest period ending by "
        "{period_end}.",
        "zh": "{period}：{reviews} 项评估中有 {reviews_with} 项、共 {metrics} 个指标出现需关注的"
        "情况（关注类特殊原因变异、稳定不达标，或高、中等级的关注提示），登记册中有 {missed} 个关键"
        "指标未达目标。按专题：{by_topic}。下文每一行都链接到所属评估，涉及具体单位的链接到该单位的"
        "数据；每项评估取截至 {period_end} 的最新一期。",
    },  # period, metrics, reviews_with, reviews, missed, by_topic, period_end
    "overview_topic_count": {"en": "{topic} {count}", "zh": "{topic} {count} 项"},
    # count, reviews, period_end, names
    "overview_stale": {
        "en": "{count} of the {reviews} reviews have nothing in the year before "
        "{period_end} and show their latest period instead: {names}.",
        "zh": "{reviews} 项评估中有 {count} 项在 {period_end} 之前一年内没有数据，"
        "所示为其较早的最新一期：{names}。",
    },
    # period, years
    "overview_period_age": {
        "en": "{period} ({years} yr earlier)",
        "zh": "{period}（早 {years} 年）",
    },
    "overview_no_exceptions": {
        "en": "No exceptions in any review read.",
        "zh": "所依据的各项评估均无异常事项。",
    },
    "overview_quiet_topics": {
        "en": "No exceptions: {topics}.",
        "zh": "无异常事项的专题：{topics}。",
    },
    "overview_signals_caption": {
        "en": "Measures of concern",
        "zh": "需关注的指标",
    },
    "overview_missed_caption": {
        "en": "Critical measures that missed their target, the farthest off first",
        "zh": "未达目标的关键指标（偏离最大的在前）",
    },
    "overview_more_units": {"en": "{count} more", "zh": "另 {count} 个"},
    "overview_more_missed": {
        "en": "{count} more on the register's page: ",
        "zh": "另有 {count} 个见登记册页面：",
    },
    "overview_flag": {"en": "{severity} concern flag", "zh": "{severity}等级关注提示"},
    "overview_not_reviewed": {
        "en": "no period computed by {period}",
        "zh": "截至 {period} 尚无已计算的期间",
    },
    "col_review": {"en": "Review", "zh": "评估"},
    "col_where": {"en": "Where", "zh": "位置"},
    "col_topic": {"en": "Topic", "zh": "专题"},
    "col_measures_of_concern": {"en": "Measures of concern", "zh": "需关注指标"},
}
