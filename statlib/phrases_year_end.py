"""Phrases of the year-end section (an annual target or budget) and the payroll source.

Data only, merged into statlib.phrases.CATALOGUE.
"""

from __future__ import annotations

# key -> {lang -> text}, as in statlib.phrases.
YEAR_END_PHRASES: dict[str, dict[str, str]] = {
    # --- the section (statlib.report.year_end) ------------------------------------------
    "section_annual_target": {
        "en": "Year to date against the annual target, and the year-end projection",
        "zh": "年度目标完成进度及年末预计",
    },
    "section_annual_budget": {
        "en": "Year to date against the annual budget, and the year-end projection",
        "zh": "年度预算执行进度及年末预计",
    },
    "year_end_word_target": {"en": "target", "zh": "目标"},
    "year_end_word_budget": {"en": "budget", "zh": "预算"},
    "year_end_none": {
        "en": "No projection for this period (no data for the year yet).",
        "zh": "本期无年末预计（本年尚无数据）。",
    },
    # unit, metric, period, so_far, to_date, gap, elapsed, periods, year, projected, low,
    # high, target, word, outlook
    "year_end_sentence": {
        "en": "{metric} ({unit}) to {period}: {so_far}, against {to_date} for the {elapsed} of "
        "{periods} periods elapsed at an even pace through the {word} ({gap}). Projected for "
        "{year}: {projected} (80% range {low} to {high}) against the annual {word} of "
        "{target}: {outlook}.",
        "zh": "{unit}{metric}截至{period}：{so_far}；按全年{periods}期中已过{elapsed}期均衡执行，"
        "{word}进度应为{to_date}（{gap}）。预计{year}年全年{projected}（80%区间{low}至{high}），"
        "年度{word}{target}：{outlook}。",
    },
    "year_end_ceiling_likely": {"en": "likely to stay within the {word}", "zh": "预计不超{word}"},
    "year_end_ceiling_uncertain": {
        "en": "could end either side of the {word}",
        "zh": "是否超{word}尚难判断",
    },
    "year_end_ceiling_unlikely": {"en": "likely to exceed the {word}", "zh": "预计超出{word}"},
    "year_end_floor_likely": {"en": "likely to reach the {word}", "zh": "预计可完成{word}"},
    "year_end_floor_uncertain": {
        "en": "could end either side of the {word}",
        "zh": "能否完成{word}尚难判断",
    },
    "year_end_floor_unlikely": {
        "en": "likely to fall short of the {word}",
        "zh": "预计难以完成{word}",
    },
    # unit: the metric's unit label; word: "budget" or "target" (the first column is the unit)
    "year_end_col_so_far": {"en": "Year to date ({unit})", "zh": "本年累计（{unit}）"},
    "year_end_col_to_date": {"en": "{word} to date", "zh": "{word}进度"},  # word capitalised
    "year_end_col_projected": {"en": "Projected year", "zh": "预计全年"},
    "year_end_col_range": {"en": "80% range", "zh": "80% 区间"},
    "year_end_col_last_year": {"en": "Last year", "zh": "上年全年"},
    "year_end_col_change": {"en": "Change on last year", "zh": "比上年"},
    "year_end_col_outlook": {"en": "Outlook", "zh": "研判"},
    "year_end_method": {
        "en": "The {word} to date is its even share of the periods elapsed. The projection "
        "adds a forecast of the periods still to come (smoothing models with the season of "
        "past years) to the total so far; the outlook says whether the 80% range lies wholly "
        "on one side of the {word}.",
        "zh": "{word}进度按已过期数均衡分摊计算。年末预计为本年累计加上剩余各期的预测（含以往年度"
        "季节性的平滑模型）；研判看80%区间是否全部落在{word}一侧。",
    },
    # --- the payroll source (statlib.ingest.payroll) ---------------------------------------
    "source_payroll_summaries": {
        "en": "Synthetic payroll of a demo city (about 15,000 employees in 12 departments), "
        "by pay period: scripts/make_workforce_demo.py, data/workforce/README.md.",
        "zh": "示例城市的合成薪资数据（12个部门约15,000名员工），按薪资周期汇总："
        "scripts/make_workforce_demo.py，见 data/workforce/README.md。",
    },
    "quality_rule_holidays_excluded": {"en": "Holidays excluded", "zh": "剔除节假日"},
    "quality_rule_not_a_pay_period": {"en": "Not a pay period", "zh": "非薪资周期"},
}
