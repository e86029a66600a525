"""Every user-facing phrase of the reports, in English and Simplified Chinese.

Data only: statlib.messages looks phrases up (`text`) and formats numbers and dates. Keys
are stable identifiers; the notebooks, the report functions and the HTML template never
spell user-facing strings themselves.
"""

from __future__ import annotations

from statlib.phrases_indicators import INDICATOR_PHRASES
from statlib.phrases_memo import MEMO_PHRASES
from statlib.phrases_overview import OVERVIEW_PHRASES
from statlib.phrases_pages import PAGE_PHRASES
from statlib.phrases_proportions import PROPORTION_PHRASES
from statlib.phrases_registers import REGISTER_PHRASES
from statlib.phrases_sources import SOURCE_PHRASES
from statlib.phrases_submissions import SUBMISSION_PHRASES
from statlib.phrases_year_end import YEAR_END_PHRASES

# key -> {lang -> text}. Text may hold str.format fields, named in the key's comment.
CATALOGUE: dict[str, dict[str, str]] = {
    # --- page furniture -------------------------------------------------------------
    "preliminary": {
        "en": "Preliminary, subject to revision.",
        "zh": "初步数据，可能修订。",
    },
    "no_data": {"en": "No data for this period.", "zh": "本期无数据。"},
    "data_as_of": {"en": "Data as of {date}", "zh": "数据截至 {date}"},  # date
    "generated_at": {"en": "Generated {when}", "zh": "生成于 {when}"},  # when
    # --- report (statlib.report, statlib.charts, statlib.maps) ----------------------
    "citywide": {"en": "Citywide", "zh": "全市"},
    "unit_name": {"en": "{kind} {unit}", "zh": "{kind} {unit}"},
    "point_improvement": {"en": "Improvement", "zh": "改善"},
    "point_concern": {"en": "Concern", "zh": "关注"},
    "point_neutral_high": {"en": "Unusually high", "zh": "异常偏高"},
    "point_neutral_low": {"en": "Unusually low", "zh": "异常偏低"},
    "point_common_cause": {"en": "Common cause", "zh": "常规波动"},
    "target": {"en": "Target", "zh": "目标"},
    "forecast": {"en": "Forecast", "zh": "预测"},
    "forecast_95": {"en": "95% forecast range", "zh": "95% 预测区间"},
    "chart_alt_spc": {
        "en": "{title}: latest value {value} ({kind}); process limits {lower} to {upper}.",
        "zh": "{title}：最新值 {value}（{kind}）；控制限 {lower} 至 {upper}。",
    },
    "chart_alt_empty": {"en": "{title}: no data.", "zh": "{title}：无数据。"},
    "chart_alt_run": {
        "en": "{title}: latest value {value}; too few points yet for process limits.",
        "zh": "{title}：最新值 {value}；数据点尚少，暂不计算控制限。",
    },
    "chart_seasonal": {
        "en": "Seasonal: the limits follow the season; the rules judge adjusted values.",
        "zh": "有季节性：控制限随季节变化；规则按季节调整后的数值判断。",
    },
    "section_summary": {"en": "Summary", "zh": "概要"},
    "section_exceptions": {"en": "Exceptions", "zh": "例外事项"},
    "section_compstat": {"en": "Citywide CompStat", "zh": "全市 CompStat 统计"},
    "section_rises": {"en": "Largest significant rises", "zh": "显著上升最多的单位"},
    "section_trends": {"en": "Trends", "zh": "趋势"},
    "section_map": {"en": "Map", "zh": "地图"},
    "section_forecasts": {"en": "Forecasts", "zh": "预测"},
    "section_process": {"en": "Process behaviour", "zh": "过程表现"},
    "section_quality": {"en": "Data quality", "zh": "数据质量"},
    "section_notes": {"en": "Methods and sources", "zh": "方法与来源"},
    "period_line": {"en": "{period}: {start} to {end}", "zh": "{period}：{start} 至 {end}"},
    "freshness": {
        "en": "Data as of load {load}, {loaded}; latest period in the data: {latest}.",
        "zh": "数据截至第 {load} 次载入（{loaded}）；数据中最新的周期：{latest}。",
    },
    "concerns_count": {
        "en": "This period: concerns {concerns}, improvements {improvements}.",
        "zh": "本期关注事项 {concerns} 项，改善 {improvements} 项。",
    },
    "no_exceptions": {
        "en": "No special cause or forecast breach in this period.",
        "zh": "本期没有特殊原因变异或超出预测区间的情况。",
    },
    # True of every low flag (statlib.anomalies.severity): one or two rules, no point twice
    # as far from its centre line as its limits, no forecast miss beyond the usual noise
    # that also departs from the recent level.
    "more_flags": {
        "en": (
            "{count} more low-severity signals: one or two rules each, none far outside "
            "its process limits, none well off both its forecast and its recent level"
        ),
        "zh": (
            "另有 {count} 个低严重程度信号：每个仅触发一至两条规则，均未远超控制限，"
            "也没有同时明显偏离预测和近期水平"
        ),
    },
    "no_data_metrics": {
        "en": "No data for this period yet: {metrics}.",
        "zh": "本期尚无数据：{metrics}。",
    },
    "col_metric": {"en": "Metric", "zh": "指标"},
    "col_unit": {"en": "Unit", "zh": "单位"},
    "col_what": {"en": "What happened", "zh": "情况"},
    "col_severity": {"en": "Severity", "zh": "严重程度"},
    "col_signal": {"en": "Signal", "zh": "信号"},
    "col_current": {"en": "{year}", "zh": "{year}年"},
    "col_prior": {"en": "{year}", "zh": "{year}年"},
    "col_pct": {"en": "% chg", "zh": "变化%"},
    "pp_change": {"en": "{value} pp", "zh": "{value} 个百分点"},  # a rate's change
    "col_z": {"en": "z", "zh": "z 值"},
    "col_latest": {"en": "Latest", "zh": "最新值"},
    "col_mean": {"en": "Mean", "zh": "均值"},
    "col_limits": {"en": "Process limits", "zh": "控制限"},
    "col_variation": {"en": "Variation", "zh": "变异"},
    "col_assurance": {"en": "Assurance", "zh": "达标保证"},
    "col_period": {"en": "Period", "zh": "周期"},
    "col_range80": {"en": "80% range", "zh": "80% 区间"},
    "col_range95": {"en": "95% range", "zh": "95% 区间"},
    "col_model": {"en": "Model", "zh": "模型"},
    "col_rule": {"en": "Check", "zh": "检查项"},
    "col_rows": {"en": "Rows", "zh": "行数"},
    "col_action": {"en": "Action", "zh": "处理"},
    "col_detail": {"en": "Detail", "zh": "说明"},
    "col_rank": {"en": "Rank", "zh": "排名"},
    "window_week": {"en": "Week to date", "zh": "本周"},
    "window_28_day": {"en": "28 days", "zh": "28 天"},
    "window_ytd": {"en": "Year to date", "zh": "年初至今"},
    "window_previous_period": {"en": "Previous period", "zh": "上一周期"},
    "window_same_period_last_year": {"en": "Same period last year", "zh": "去年同期"},
    "rises_intro": {
        "en": "Among the {units}: rises of z > {threshold} over the last 28 days, largest z "
        "first (z = 2(√current − √prior); a rise from 4 to 9 is +125% but only z = 2).",
        "zh": "近 28 天 z > {threshold} 的{units}，按 z 值从大到小排列"
        "（z = 2(√本期 − √上年同期)；从 4 升到 9 虽为 +125%，z 仅为 2）。",
    },
    "no_rises": {
        "en": "No {units} had a significant rise (z > {threshold}) over the last 28 days.",
        "zh": "近 28 天没有{units}出现显著上升（z > {threshold}）。",
    },
    "rises_intro_same_period_last_year": {
        "en": "Among the {units}: rises of z > {threshold} against the same period last year, "
        "largest z first (z = 2(√current − √prior); a rise from 4 to 9 is +125% but only z = 2).",
        "zh": "与去年同期相比 z > {threshold} 的{units}，按 z 值从大到小排列"
        "（z = 2(√本期 − √上年同期)；从 4 升到 9 虽为 +125%，z 仅为 2）。",
    },
    "no_rises_same_period_last_year": {
        "en": "No {units} had a significant rise (z > {threshold}) against the same period "
        "last year.",
        "zh": "与去年同期相比，没有{units}出现显著上升（z > {threshold}）。",
    },
    "map_caption_same_period_last_year": {
        "en": "{metric}, this period against the same period last year: colour shows z "
        "({colours}; see the legend); hover or "
        "tap a {unit} for its numbers, click it for its figures.",
        "zh": "{metric}：本期与去年同期相比，颜色表示 z 值（{colours}，见图例）；"
        "悬停或轻点{unit}查看数字，点击打开其详情。",
    },
    "map_caption": {
        "en": "{metric}, last 28 days against the same 28 days last year: colour shows z "
        "({colours}; see the legend); hover or "
        "tap a {unit} for its numbers, click it for its figures.",
        "zh": "{metric}：近 28 天与去年同期相比，颜色表示 z 值（{colours}，见图例）；"
        "悬停或轻点{unit}查看数字，点击打开其详情。",
    },
    "map_tooltip": {
        "en": "{unit}: {current} vs {prior} ({pct}, z {z})",
        "zh": "{unit}：{current}，去年同期 {prior}（{pct}，z {z}）",
    },
    "icon_improvement_high": {"en": "▲ Improvement (high)", "zh": "▲ 改善（偏高）"},
    "icon_improvement_low": {"en": "▼ Improvement (low)", "zh": "▼ 改善（偏低）"},
    "icon_concern_high": {"en": "▲ Concern (high)", "zh": "▲ 关注（偏高）"},
    "icon_concern_low": {"en": "▼ Concern (low)", "zh": "▼ 关注（偏低）"},
    "icon_neutral_high": {"en": "▲ Unusually high", "zh": "▲ 异常偏高"},
    "icon_neutral_low": {"en": "▼ Unusually low", "zh": "▼ 异常偏低"},
    "icon_common_cause": {"en": "● Common cause", "zh": "● 常规波动"},
    "icon_consistently_passes": {"en": "✓ Consistently passes", "zh": "✓ 稳定达标"},
    "icon_consistently_fails": {"en": "✗ Consistently fails", "zh": "✗ 稳定不达标"},
    "icon_hit_or_miss": {"en": "~ Hit or miss", "zh": "~ 时达时不达"},
    "icon_none": {"en": "—", "zh": "—"},
    "status_not_enough_data": {
        "en": "Not enough data (fewer than 15 points): run chart only.",
        "zh": "数据不足（少于 15 个点）：仅显示运行图。",
    },
    "status_trial_limits": {
        "en": "Trial limits (fewer than 12 points).",
        "zh": "试用控制限（少于 12 个点）。",
    },
    "status_no_variation": {
        "en": "No variation: the series is constant.",
        "zh": "无变异：该序列为常数。",
    },
    "severity_1": {"en": "Low", "zh": "低"},
    "severity_2": {"en": "Medium", "zh": "中"},
    "severity_3": {"en": "High", "zh": "高"},
    "quality_action_filled": {"en": "Filled", "zh": "已补齐"},
    "quality_action_dropped": {"en": "Dropped", "zh": "已删除"},
    "quality_action_kept": {"en": "Kept", "zh": "保留"},
    "quality_action_reported": {"en": "Reported", "zh": "仅报告"},
    "no_quality_notes": {"en": "No data-quality issues were found.", "zh": "未发现数据质量问题。"},
    "section_windows": {"en": "Comparison windows", "zh": "比较窗口"},
    "windows_exact": {
        "en": "Every comparison window is filled with published figures covering exactly its days.",
        "zh": "每个比较窗口都由恰好覆盖其日期的已发布数据填充。",
    },
    "windows_approximate": {
        "en": "{window}, {side}: the days {wanted} are filled with figures covering {covered} "
        "({missing} days missing, {extra} days extra; {metrics} metrics).",
        "zh": "{window}（{side}）：{wanted} 的日期由覆盖 {covered} 的数据填充"
        "（缺 {missing} 天，多 {extra} 天；{metrics} 项指标）。",
    },
    "windows_unfilled": {
        "en": "{window}, {side}: no published figures cover the days {wanted} "
        "({metrics} metrics); those cells are empty.",
        "zh": "{window}（{side}）：没有已发布数据覆盖 {wanted} 的日期"
        "（{metrics} 项指标），相应单元格为空。",
    },
    "windows_side_current": {"en": "this year", "zh": "今年"},
    "windows_side_prior": {"en": "last year", "zh": "去年"},
    "note_spc": {
        "en": "SPC: XmR charts as NHS England's Making Data Count ({settings}). Limits are the "
        "mean ± 2.66 × average moving range; a seasonal series is judged on its seasonally "
        "adjusted values, so its limits follow the season.",
        "zh": "统计过程控制：按英国 NHS“Making Data Count”方法绘制 XmR 图（{settings}）。"
        "控制限为均值 ± 2.66 × 平均移动极差；"
        "有季节性的序列按季节调整后的数值判断，控制限随季节变化。",
    },
    "note_rare": {
        "en": "{count} count series average fewer than {mean} events per period. Mostly-zero "
        "periods make XmR limits too narrow (every single event would be flagged), so these "
        "series raise no SPC or forecast flags: judge them by z in the tables above.",
        "zh": "{count} 个计数序列平均每期少于 {mean} 起事件。多数周期为零会使 XmR 控制限过窄"
        "（每一起事件都会被标记），因此这些序列不产生 SPC 或预测信号：请以上表中的 z 值判断。",
    },
    "note_z": {
        "en": "z = 2(√current − √prior) for counts; |z| > 3 marks a real change.",
        "zh": "计数指标 z = 2(√本期 − √上年同期)；|z| > 3 表示真实变化。",
    },
    "note_forecast": {
        "en": "Forecasts: a combination of exponential smoothing and Theta models (with "
        "seasonal naive for seasonal series); ranges are 80% and 95% prediction intervals "
        "calibrated on past forecast errors.",
        "zh": "预测：指数平滑与 Theta 模型的组合（季节性序列另加季节朴素法）；区间为按历史预测误差"
        "校准的 80% 与 95% 预测区间。",
    },
    "note_source": {"en": "Source: {source}.", "zh": "数据来源：{source}。"},
    "forecast_intro": {
        "en": "Citywide forecasts for the next {horizon} periods.",
        "zh": "全市未来 {horizon} 个周期的预测。",
    },
    # --- follow-up of agreed actions (statlib.report.followup) ---------------------
    "section_actions": {"en": "Actions from earlier reviews", "zh": "以往评估议定的行动"},
    "actions_intro": {
        "en": "Actions agreed at earlier reviews, still open or closed since the previous "
        "review (last). Movement: mean of the 4 periods before agreement vs the latest 4; "
        "for counts, |z| ≥ 1.96 is a clear change.",
        "zh": "以往评估议定、仍未完成或上次评估以来已关闭（列于最后）的行动。"
        "变化：议定前 4 个周期均值与最近 4 个周期均值之比；计数指标 |z| ≥ 1.96 为明显变化。",
    },
    "rows_more": {"en": "{n} more in", "zh": "另有 {n} 项，见"},
    "no_actions": {
        "en": "No actions from earlier reviews are open or were closed since the last review.",
        "zh": "没有未完成的以往行动，上次评估以来也没有关闭的行动。",
    },
    "col_action_item": {"en": "Action", "zh": "行动事项"},
    "col_owner": {"en": "Owner", "zh": "负责人"},
    "col_agreed": {"en": "Agreed", "zh": "议定于"},
    "col_due": {"en": "Due", "zh": "期限"},
    "col_status": {"en": "Status", "zh": "状态"},
    "col_movement": {"en": "Movement since agreed", "zh": "议定以来的变化"},
    "col_update": {"en": "Latest update", "zh": "最新进展"},
    "action_open": {"en": "Open", "zh": "进行中"},
    "action_done": {"en": "Done", "zh": "已完成"},
    "action_dropped": {"en": "Dropped", "zh": "已撤销"},
    "action_overdue": {"en": "⚠ Overdue", "zh": "⚠ 已逾期"},
    # before, after, per, pct, verdict
    "movement_line": {
        "en": "{before} → {after}{per} ({pct}), {verdict}",  # per: " a week" or nothing
        "zh": "{before} → {after}{per}（{pct}），{verdict}",
    },
    "movement_better": {"en": "better", "zh": "改善"},
    "movement_worse": {"en": "worse", "zh": "恶化"},
    "movement_clear_change": {"en": "a clear change", "zh": "明显变化"},
    "movement_no_clear_change": {"en": "no clear change (z {z})", "zh": "无明显变化（z {z}）"},  # z
    "movement_no_test": {"en": "no test for this measure", "zh": "此类指标不做检验"},
    "movement_too_early": {"en": "too early to judge", "zh": "为时尚早"},  # windows overlap
    "movement_no_data": {"en": "no data for the periods compared", "zh": "比较的周期缺少数据"},
    "per_week": {"en": " a week", "zh": "/周"},
    "per_fortnight": {"en": " a fortnight", "zh": "/双周"},
    "per_month": {"en": " a month", "zh": "/月"},
    "per_quarter": {"en": " a quarter", "zh": "/季度"},
    "per_half": {"en": " a half-year", "zh": "/半年"},
    "per_year": {"en": " a year", "zh": "/年"},
    "per_fiscal_year": {"en": " a fiscal year", "zh": "/财年"},
    # --- render (statlib.render) ---------------------------------------------------
    "render_skip": {"en": "Skip to content", "zh": "跳到正文"},
    "render_contents": {"en": "Contents", "zh": "目录"},
    "render_title": {"en": "{title}, {period}", "zh": "{title}，{period}"},  # title, period
    "render_period": {"en": "Period: {period}", "zh": "期间：{period}"},  # period
    "render_prev_period": {"en": "← Previous: {period}", "zh": "← 上一期：{period}"},  # period
    "render_next_period": {"en": "Next: {period} →", "zh": "下一期：{period} →"},  # period
    "render_period_nav": {"en": "Other periods", "zh": "其他期间"},
    "render_domain_nav": {"en": "Other reviews", "zh": "其他领域"},
    "render_all_reports": {"en": "All reports", "zh": "全部报告"},
    "render_offline_note": {
        "en": "This page works offline: it loads nothing from the network.",
        "zh": "本页可离线阅读，不从网络加载任何内容。",
    },
    "render_map_label": {
        "en": "Map. Hover over or tap an area to see its name and value; use + and − to zoom.",
        "zh": "地图。将鼠标悬停或点按区域可查看名称和数值；使用 + 和 − 缩放。",
    },
    "render_map_no_script": {
        "en": "The map needs JavaScript, which is off in this browser.",
        "zh": "地图需要 JavaScript，本浏览器已将其关闭。",
    },
    "render_zoom_in": {"en": "Zoom in", "zh": "放大"},
    "render_zoom_out": {"en": "Zoom out", "zh": "缩小"},
    "render_table_region": {"en": "Table, scrolls sideways", "zh": "表格，可横向滚动"},
    "render_image_no_alt": {"en": "Chart without a description", "zh": "无说明的图表"},
    "render_index_title": {"en": "Performance reviews", "zh": "绩效评估报告"},
    "render_index_overview": {"en": "City overview", "zh": "全市概览"},
    "render_index_latest": {"en": "Latest reviews", "zh": "最新报告"},
    "render_index_domain": {"en": "Review", "zh": "领域"},
    "render_index_period": {"en": "Period", "zh": "期间"},
    "render_index_concerns": {"en": "Concerns", "zh": "关注项"},
    "render_index_empty": {"en": "No reports yet.", "zh": "尚无报告。"},
    # --- anomalies (statlib.anomalies) ---------------------------------------------
    # Period words by frequency, as they follow a count ("7 weeks in a row").
    "anomaly_periods_week": {"en": "weeks", "zh": "周"},
    "anomaly_periods_fortnight": {"en": "fortnights", "zh": "个双周"},
    "anomaly_periods_month": {"en": "months", "zh": "个月"},
    "anomaly_periods_quarter": {"en": "quarters", "zh": "个季度"},
    "anomaly_periods_half": {"en": "half-years", "zh": "个半年"},
    "anomaly_periods_year": {"en": "years", "zh": "年"},
    "anomaly_periods_fiscal_year": {"en": "fiscal years", "zh": "个财年"},
    # count, periods
    "anomaly_shift_high": {
        "en": "{count} {periods} in a row above the average",
        "zh": "连续{count}{periods}高于平均值",
    },
    "anomaly_shift_low": {
        "en": "{count} {periods} in a row below the average",
        "zh": "连续{count}{periods}低于平均值",
    },
    "anomaly_trend_high": {
        "en": "{count} {periods} in a row rising",
        "zh": "连续{count}{periods}上升",
    },
    "anomaly_trend_low": {
        "en": "{count} {periods} in a row falling",
        "zh": "连续{count}{periods}下降",
    },
    # limit, actual
    "anomaly_outside_limits_high": {
        "en": "above the upper process limit: limit {limit}, got {actual}",
        "zh": "高于控制上限：上限{limit}，实际{actual}",
    },
    "anomaly_outside_limits_low": {
        "en": "below the lower process limit: limit {limit}, got {actual}",
        "zh": "低于控制下限：下限{limit}，实际{actual}",
    },
    # periods
    "anomaly_two_of_three_high": {
        "en": "2 of the last 3 {periods} close to the upper limit",
        "zh": "最近3{periods}中有2{periods}接近控制上限",
    },
    "anomaly_two_of_three_low": {
        "en": "2 of the last 3 {periods} close to the lower limit",
        "zh": "最近3{periods}中有2{periods}接近控制下限",
    },
    # low, high, actual
    "anomaly_forecast_breach": {
        "en": "outside the 95% forecast range: expected {low}-{high}, got {actual}",
        "zh": "超出95%预测区间：预期{low}至{high}，实际{actual}",
    },
    # expected, actual: the jump rule (statlib.anomalies.jumps)
    "anomaly_jump_high": {
        "en": "a jump above the recent level: expected about {expected}, got {actual}",
        "zh": "突然高于近期水平：预期约{expected}，实际{actual}",
    },
    "anomaly_jump_low": {
        "en": "a drop below the recent level: expected about {expected}, got {actual}",
        "zh": "突然低于近期水平：预期约{expected}，实际{actual}",
    },
    # period
    "anomaly_new_level": {"en": "new level since {period}", "zh": "自{period}起处于新水平"},
    # the estimated start of the new level and its 95% range (statlib.anomalies.levels)
    "anomaly_new_level_range": {
        "en": "new level since {period} (likely between {earliest} and {latest})",
        "zh": "自{period}起处于新水平（可能始于{earliest}至{latest}之间）",
    },
    # rule: an SPC rule text, judged on the seasonally adjusted series
    "anomaly_seasonally_adjusted": {
        "en": "{rule} (seasonally adjusted)",
        "zh": "{rule}（经季节调整）",
    },
    "anomaly_rule_separator": {"en": "; ", "zh": "；"},
    **SOURCE_PHRASES,
    **INDICATOR_PHRASES,
    **SUBMISSION_PHRASES,
    **MEMO_PHRASES,
    **OVERVIEW_PHRASES,
    **PAGE_PHRASES,
    **PROPORTION_PHRASES,
    **REGISTER_PHRASES,
    **YEAR_END_PHRASES,
}
