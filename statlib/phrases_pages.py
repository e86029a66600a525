"""Phrases of the reader's sections: the headline sentences and the drill-down by unit.

Data only, merged into statlib.phrases.CATALOGUE. Fields are named in each comment.
"""

from __future__ import annotations

PAGE_PHRASES: dict[str, dict[str, str]] = {
    "section_headline": {"en": "Headline", "zh": "要点"},
    # One change in a headline sentence; change: "-7.8%" or "+3.0 pp"
    "headline_window_week": {"en": "{change} on the week", "zh": "本周{change}"},
    "headline_window_28_day": {"en": "{change} over 28 days", "zh": "28 天{change}"},
    "headline_window_ytd": {"en": "{change} year to date", "zh": "年初至今{change}"},
    "headline_window_same_period_last_year": {
        "en": "{change} on the same period last year",
        "zh": "较去年同期{change}",
    },
    "headline_window_previous_period": {
        "en": "{change} on the previous period",
        "zh": "较上一周期{change}",
    },
    "headline_list_separator": {"en": ", ", "zh": "，"},
    "headline_part_separator": {"en": "; ", "zh": "；"},
    "headline_end": {"en": ".", "zh": "。"},
    # The page's first exception, leading the headline: label, where (metric · unit),
    # severity (a word), words (what happened, statlib.report.flag_words.describe)
    "headline_top_concern": {
        "en": "{label} {where} ({severity}): {words}.",
        "zh": "{label}{where}（{severity}）：{words}。",
    },
    "headline_top_concern_label": {"en": "First concern:", "zh": "首要关注："},
    "severity_high_word": {"en": "high severity", "zh": "高严重程度"},
    "severity_medium_word": {"en": "medium severity", "zh": "中严重程度"},
    "headline_metric": {"en": "{metric}: {changes}", "zh": "{metric}：{changes}"},
    "headline_no_data": {
        "en": "{metric}: no data for this period yet",
        "zh": "{metric}：本期尚无数据",
    },
    # down, up, total: unit counts; units: the units' plural; window: headline_over_<window>
    "headline_units": {
        "en": "down in {down} and up in {up} of {total} {units} {window}",
        "zh": "{window}{total} 个{units}中 {down} 个下降、{up} 个上升",
    },
    "headline_over_week": {"en": "on the week", "zh": "本周"},
    "headline_over_28_day": {"en": "over 28 days", "zh": "28 天内"},
    "headline_over_ytd": {"en": "year to date", "zh": "年初至今"},
    "headline_over_same_period_last_year": {
        "en": "on the same period last year",
        "zh": "与去年同期相比",
    },
    "headline_over_previous_period": {"en": "on the previous period", "zh": "与上一周期相比"},
    # count: units; threshold: the z; names: "Precinct 112 (+45.0%), ..."
    "headline_rises_one": {
        "en": "1 significant rise (z > {threshold}): {names}",
        "zh": "1 个显著上升（z > {threshold}）：{names}",
    },
    "headline_rises_many": {
        "en": "{count} significant rises (z > {threshold}): {names}",
        "zh": "{count} 个显著上升（z > {threshold}）：{names}",
    },
    "headline_rises_none": {
        "en": "no significant rise (z > {threshold})",
        "zh": "无显著上升（z > {threshold}）",
    },
    "headline_more": {"en": "and {count} more", "zh": "等 {count} 个"},
    "headline_named": {"en": "{unit} ({change})", "zh": "{unit}（{change}）"},
    "last_reported": {"en": "stopped: last reported {date}", "zh": "已停止：最后报告于{date}"},
    "legend_no_data": {"en": "no data", "zh": "无数据"},
    "legend_z_title": {"en": "z of the change:", "zh": "变化的 z 值："},
    # Drill-down by unit; units: the units' plural, unit: one unit's name
    "section_units": {"en": "By {units}", "zh": "按{units}查看"},
    "units_intro": {
        "en": "Pick one of the {units} to see its table, its signals and its history.",
        "zh": "选择一个{units}，查看其统计表、信号和历史走势。",
    },
    "units_picker": {"en": "Choose: {units}", "zh": "选择{units}"},
    "units_back": {"en": "Back to the list", "zh": "返回列表"},
    "units_no_flags": {"en": "No signals this period.", "zh": "本期没有信号。"},
    "units_flags": {"en": "Signals this period", "zh": "本期信号"},
    # metric; count: periods shown; periods: "weeks" / "fortnights" ...
    "units_history": {
        "en": "{metric}, the last {count} periods: the line is the process centre, "
        "the shaded band its limits, the dot the latest value",
        "zh": "{metric}，最近 {count} 个周期：横线为过程中心线，阴影为控制限，圆点为最新值",
    },
    "units_flag_line": {
        "en": "{metric} · {signal} · {severity}: {words}",
        "zh": "{metric} · {signal} · {severity}：{words}",
    },
    # How many concerns a page raises by chance (statlib.anomalies.budget). series: series
    # that can be flagged; expected / at_budget: chance concerns a period, at any severity
    # and at `severity` or above; count: this period's concerns at `severity` or above.
    "chance_concerns": {
        "en": (
            "Chance alone raises about {expected} concerns a period across these {series} "
            "series, but only about {at_budget} at {severity} severity or above: this period "
            "has {count}."
        ),
        "zh": (
            "仅凭偶然，这 {series} 个序列每期约会出现 {expected} 项关注事项，"
            "但{severity}及以上严重程度的仅约 {at_budget} 项：本期有 {count} 项。"
        ),
    },
    # even the high severity expects more chance concerns than the budget (a very large page)
    "chance_concerns_over_budget": {
        "en": (
            "Chance alone raises about {expected} concerns a period across these {series} "
            "series, and about {at_budget} even at high severity: read single concerns with care."
        ),
        "zh": (
            "仅凭偶然，这 {series} 个序列每期约会出现 {expected} 项关注事项，"
            "即使高严重程度也约有 {at_budget} 项：单项关注需谨慎解读。"
        ),
    },
    # the colours of the unit map, filled into map_caption's {colours}
    "map_colours": {
        "en": "orange = worse, blue = better, grey = no clear change",
        "zh": "橙色 = 变差，蓝色 = 改善，灰色 = 无明显变化",
    },
    "map_colours_neutral": {
        "en": "purple = up, teal = down, grey = no clear change; neither is judged better or worse",
        "zh": "紫色 = 上升，青色 = 下降，灰色 = 无明显变化；升降不作好坏判断",
    },
    # Forecast models (statlib.forecast.series), by part: "ses+damped+theta/additive_season".
    "model_ses": {"en": "simple exponential smoothing", "zh": "简单指数平滑"},
    "model_damped": {"en": "damped trend", "zh": "阻尼趋势"},
    "model_theta": {"en": "Theta method", "zh": "Theta 法"},
    "model_seasonal_naive": {"en": "last year's season", "zh": "上年同期季节"},
    "model_constant": {"en": "constant (no variation so far)", "zh": "常数（迄今无波动）"},
    "model_insufficient_data": {"en": "too little data", "zh": "数据不足"},
    "model_additive_season": {"en": "additive season", "zh": "加法季节"},
    "model_multiplicative_season": {"en": "multiplicative season", "zh": "乘法季节"},
    # parts, season
    "model_with_season": {"en": "{parts}; {season}", "zh": "{parts}；{season}"},
    # SPC settings (statlib.spc.SpcSettings.describe), for the methods note.
    "spc_shift": {"en": "shift {n}", "zh": "偏移 {n} 点"},
    "spc_trend": {"en": "trend {n}", "zh": "趋势 {n} 点"},
    "spc_two_sigma_mdc2023": {"en": "2-sigma mdc2023", "zh": "2σ 规则按 MDC 2023 版"},
    "spc_two_sigma_legacy": {"en": "2-sigma legacy", "zh": "2σ 规则按旧版"},
    "spc_screening_on": {"en": "MR screening on", "zh": "筛除异常移动极差"},
    "spc_screening_off": {"en": "MR screening off", "zh": "不筛除移动极差"},
    "spc_baseline": {"en": "baseline {n} points", "zh": "基线 {n} 点"},
    "spc_conflicts_concern": {"en": "conflicts as concern", "zh": "改善与关注并存时按关注"},
}

# Names a Chinese page keeps in Latin letters: programmes, agencies, sources and methods
# known by them (tests/test_pages_zh.py allows these and nothing else).
PROPER_NOUNS = frozenset(
    {
        "CompStat", "CitiStat", "PoliceStat", "StateStat", "GMAP",  # review programmes
        "NYPD", "NYC", "MMR", "Baltimore", "Open", "CDS", "MyLA", "hackforla", "mapbaltimore",
        "NHS", "Making", "Data", "Count", "XmR", "SPC", "MDC", "Laney", "Pearson", "Spiegelhalter",
        "Theta", "MSIS", "UCR", "PSB", "README", "CSV", "UTC",
    }
)  # fmt: skip
