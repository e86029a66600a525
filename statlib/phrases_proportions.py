"""Phrases of the proportion sections and of the inspection counts source.

The sections: p-charts, funnel plots, the category tree.

Data only, merged into statlib.phrases.CATALOGUE.
"""

from __future__ import annotations

# key -> {lang -> text}, as in statlib.phrases.
PROPORTION_PHRASES: dict[str, dict[str, str]] = {
    # --- sections (statlib.report.proportion_sections) --------------------------------
    "section_category_tree": {"en": "Sampling by category", "zh": "分类抽检情况"},
    "section_p_charts": {"en": "Pass rates: p-charts", "zh": "合格率：p 控制图"},
    "section_funnel": {"en": "Counties compared: funnel plot", "zh": "县区比较：漏斗图"},
    "category_intro": {
        "en": "{period} and the year to date ({span}), citywide. Rows are indented under the "
        "category they add up into.",
        "zh": "{period}及本年累计（{span}），全市。缩进行为其上级类别的组成部分。",
    },
    "col_category": {"en": "Category", "zh": "类别"},
    "col_this_period": {"en": "This period", "zh": "本期"},
    "col_year_to_date": {"en": "Year to date", "zh": "本年累计"},
    "col_tested": {"en": "Tested", "zh": "抽检数"},
    "col_failed": {"en": "Failed", "zh": "不合格数"},
    "col_pass_rate": {"en": "Pass rate", "zh": "合格率"},
    "col_rate_target": {"en": "Target", "zh": "目标"},
    "col_chart_signal": {"en": "p-chart", "zh": "p 图信号"},
    "col_chart_kind": {"en": "Chart", "zh": "控制图"},
    "col_sigma_z": {"en": "σz", "zh": "σz"},
    "col_position": {"en": "In the funnel", "zh": "漏斗位置"},
    "col_z": {"en": "z", "zh": "z"},
    "target_met": {"en": "{target} (met)", "zh": "{target}（达标）"},
    "target_missed": {"en": "{target} (missed)", "zh": "{target}（未达标）"},
    "chart_p": {"en": "p-chart", "zh": "p 图"},
    "chart_laney": {"en": "Laney p′", "zh": "Laney p′ 图"},
    "p_charts_intro": {
        "en": "Each month's pass rate with limits that follow its denominator "
        "(p̄ ± 3·√(p̄(1−p̄)/n)). Where the counts vary more than chance allows "
        "(Pearson's dispersion test, 1% level), the limits are Laney's p′: widened by σz, "
        "the spread of the months' z-scores (σz = 1 for purely binomial counts).",
        "zh": "各月合格率，控制限随当月抽检数变化（p̄ ± 3·√(p̄(1−p̄)/n)）。"
        "若计数的波动超出随机范围（Pearson 离散检验，1% 水平），采用 Laney p′ 控制限："
        "按各月 z 值的离散度 σz 放宽（纯二项分布时 σz = 1）。",
    },
    "p_chart_caption_laney": {
        "en": "{title}: over-dispersed counts (σz = {sigma_z}): Laney p′ limits, "
        "{sigma_z} times as wide as the p-chart's. Latest {value} ({kind}); limits {lower} to "
        "{upper}.",
        "zh": "{title}：计数过度离散（σz = {sigma_z}），采用 Laney p′ 控制限，宽度为 p 图的 "
        "{sigma_z} 倍。最新值 {value}（{kind}）；控制限 {lower} 至 {upper}。",
    },
    "p_chart_caption_p": {
        "en": "{title}: counts consistent with chance (σz = {sigma_z}): p-chart limits. "
        "Latest {value} ({kind}); limits {lower} to {upper}.",
        "zh": "{title}：计数波动在随机范围内（σz = {sigma_z}），采用 p 图控制限。"
        "最新值 {value}（{kind}）；控制限 {lower} 至 {upper}。",
    },
    "p_chart_not_enough": {
        "en": "{title}: fewer than 15 months, no limits yet.",
        "zh": "{title}：不足 15 个月，暂无控制限。",
    },
    "funnel_intro": {
        "en": "{metric}, {window}: each county's pass rate against its batches sampled. "
        "The lines are the city's rate and its 95% and 99.8% limits for a county of that size; "
        "outside the 99.8% lines is more than chance.",
        "zh": "{metric}（{window}）：各县区合格率与抽检批次。中线为全市合格率，两组曲线为该规模"
        "县区的 95% 和 99.8% 控制限；超出 99.8% 控制限即非随机差异。",
    },
    "funnel_window_ytd": {"en": "year to date", "zh": "本年累计"},
    "funnel_window_single_period": {"en": "this period", "zh": "本期"},
    "funnel_phi": {
        "en": "The counties differ by more than chance (φ = {phi}): the limits are widened by "
        "√φ (Spiegelhalter's multiplicative over-dispersion).",
        "zh": "各县区差异超出随机范围（φ = {phi}）：控制限按 √φ 放宽"
        "（Spiegelhalter 乘法过度离散）。",
    },
    "funnel_axis_n": {"en": "Tested", "zh": "抽检数"},
    "funnel_limits_95": {"en": "95% limits", "zh": "95% 控制限"},
    "funnel_limits_998": {"en": "99.8% limits", "zh": "99.8% 控制限"},
    "funnel_alt": {
        "en": "{title}: {n} counties; {outside} outside the 99.8% limits.",
        "zh": "{title}：{n} 个县区，{outside} 个超出 99.8% 控制限。",
    },
    "position_above_998": {"en": "Above 99.8% limit", "zh": "高于 99.8% 控制限"},
    "position_above_95": {"en": "Above 95% limit", "zh": "高于 95% 控制限"},
    "position_within": {"en": "Within limits", "zh": "控制限内"},
    "position_below_95": {"en": "Below 95% limit", "zh": "低于 95% 控制限"},
    "position_below_998": {"en": "Below 99.8% limit", "zh": "低于 99.8% 控制限"},
    # --- the inspection counts source (statlib.ingest.inspections) --------------------
    "source_inspection_counts": {
        "en": "Synthetic demo: monthly sampling counts by county and category, made to "
        "reproduce the seed's H1 2020 half-year report (data/inspections/README.md); county "
        "boundaries are synthetic",
        "zh": "合成演示数据：按县区和类别的月度抽检数，与种子文件2020年上半年报告总数一致"
        "（见 data/inspections/README.md）；县区边界为合成数据",
    },
    "quality_rule_categories_summed": {"en": "Categories summed", "zh": "类别汇总"},
    "quality_rule_invalid_counts": {"en": "Invalid counts", "zh": "无效计数"},
    "quality_rule_bad_month": {"en": "Unreadable month", "zh": "月份无法识别"},
    "quality_rule_unknown_category": {"en": "Unknown category", "zh": "未知类别"},
    "quality_rule_unknown_unit": {"en": "Unknown county", "zh": "未知县区"},
    "quality_rule_duplicate_rows": {"en": "Repeated rows", "zh": "重复行"},
    "quality_rule_incomplete_period": {"en": "Incomplete period", "zh": "不完整周期"},
}
