"""Phrases of registers of performance measures (statlib.report.register_sections).

Data only, merged into statlib.phrases.CATALOGUE: the register pages' sections, columns and
sentences, their sources' credits and their data-quality rules.
"""

from __future__ import annotations

# key -> {lang -> text}, as in statlib.phrases.
REGISTER_PHRASES: dict[str, dict[str, str]] = {
    # --- sections -------------------------------------------------------------------------
    "section_agency_scorecard": {"en": "Agency scorecard", "zh": "各机构计分卡"},
    "section_missed_critical": {"en": "Critical measures that missed their target",
                                "zh": "未达目标的关键指标"},
    "section_worsening_trends": {"en": "Worsening trends", "zh": "持续变差的指标"},
    "register_worsening_intro": {
        "en": "Measures worse than the year before, {years} or more years running, the "
        "longest runs first.",
        "zh": "连续 {years} 年或以上比上一年变差的指标，按连续年数由长到短排列。",
    },  # years
    # period, met, judged, share, missed, critical, worsening, years, measures, unjudged
    "register_summary": {
        "en": "{period}: {measures} measures reported. {met} of the {judged} judged against a "
        "target met it ({share}); {missed} {critical} missed theirs; {worsening} measures "
        "have worsened {years} years running. {unjudged} measures have no target or no "
        "desired direction and are not judged.",
        "zh": "{period}：共报告 {measures} 项指标。在有目标可评判的 {judged} 项中，{met} 项达标"
        "（{share}）；{missed} 项{critical}未达目标；{worsening} 项指标连续 {years} 年变差。"
        "另有 {unjudged} 项指标无目标或无期望方向，未作评判。",
    },
    "register_method": {
        "en": "A measure meets its target when its value is at least the target (desired "
        "outcome: increase) or at most it (decrease). Worsening: each of the last {years} "
        "year-on-year changes moved against the desired outcome. Critical: {critical}. "
        "Agencies are listed from the lowest share on target.",
        "zh": "指标期望上升时实际值不低于目标即为达标，期望下降时不高于目标即为达标。"
        "变差：最近 {years} 次同比变化均与期望方向相反。关键指标：{critical}。"
        "各机构按达标比例由低到高排列。",
    },  # years, critical
    "register_all_agencies": {"en": "All agencies", "zh": "全部机构"},
    "register_none_missed": {"en": "No critical measure missed its target in {period}.",
                             "zh": "{period} 没有关键指标未达目标。"},  # period
    "register_none_worsening": {"en": "No measure worsened {years} years running.",
                                "zh": "没有指标连续 {years} 年变差。"},  # years
    "register_count_more": {"en": "… and {count} more, not listed here.",
                            "zh": "……另有 {count} 项，此处未列出。"},  # count
    # --- columns --------------------------------------------------------------------------
    "col_agency": {"en": "Agency", "zh": "机构"},
    "col_measure": {"en": "Measure", "zh": "指标"},
    "col_measures": {"en": "Measures", "zh": "指标数"},
    "col_with_target": {"en": "Judged against a target", "zh": "有目标可评判"},
    "col_on_target": {"en": "On target", "zh": "达标"},
    "col_share_on_target": {"en": "Share on target", "zh": "达标比例"},
    "col_critical_missed": {"en": "Critical missed", "zh": "关键指标未达标"},
    "col_worsening": {"en": "Worsening {years} yrs", "zh": "连续{years}年变差"},  # years
    "col_actual": {"en": "Actual", "zh": "实际值"},
    "col_register_target": {"en": "Target", "zh": "目标"},
    "col_prior_year": {"en": "Year before", "zh": "上一年"},
    "col_years_worse": {"en": "Years worse", "zh": "变差年数"},
    "col_desired": {"en": "Desired", "zh": "期望方向"},
    "desired_increase": {"en": "higher", "zh": "越高越好"},
    "desired_decrease": {"en": "lower", "zh": "越低越好"},
    # --- sources and their data-quality rules -------------------------------------------
    "source_baltimore_measures": {
        "en": "City of Baltimore performance measures, FY2026 and FY2027 budget books "
        "(City of Baltimore, MIT licence)",
        "zh": "巴尔的摩市绩效指标，2026 与 2027 财年预算书（巴尔的摩市政府，MIT 许可）",
    },
    "source_nyc_mmr": {
        "en": "NYC Mayor's Management Report indicators, as tidied by the Office of the NYC "
        "Comptroller (MIT licence)",
        "zh": "纽约市市长管理报告指标，经纽约市审计长办公室整理（MIT 许可）",
    },
    "quality_action_corrected": {"en": "Corrected", "zh": "已更正"},
    "quality_rule_percent_sign": {"en": "Percent signs", "zh": "百分号"},
    "quality_rule_percentage_points": {"en": "Percentage points", "zh": "百分点数值"},
    "quality_rule_percent_above_one": {"en": "Shares above 100%", "zh": "超过100%的比例"},
    "quality_rule_thousands_separator": {"en": "Thousands separators", "zh": "千位分隔符"},
    "quality_rule_scientific_notation": {"en": "Scientific notation", "zh": "科学计数法"},
    "quality_rule_no_number_text": {"en": "Text instead of a number", "zh": "以文字代替数值"},
    "quality_rule_unreadable": {"en": "Unreadable cells", "zh": "无法识别的单元格"},
    "quality_rule_whitespace": {"en": "Stray spaces and line breaks", "zh": "多余空格与换行"},
    "quality_rule_category_spelling": {"en": "Misspelt categories", "zh": "类别拼写错误"},
    "quality_rule_repeated_measures": {"en": "Repeated measures", "zh": "重复的指标"},
    "quality_rule_year_from_quarters": {"en": "Year from its quarters", "zh": "由季度推算年度"},
    "quality_rule_interval_unknown": {"en": "No usable interval", "zh": "统计口径不明"},
    "quality_rule_no_direction": {"en": "No desired outcome", "zh": "无期望方向"},
    "quality_rule_targets_without_actuals": {"en": "Targets without actuals",
                                             "zh": "有目标无实际值"},
    "quality_rule_agency_missing": {"en": "No agency named", "zh": "未注明机构"},
    "quality_rule_year_to_date_scaled": {"en": "Year to date scaled to a year",
                                         "zh": "年初至今数折算全年"},
}  # fmt: skip
