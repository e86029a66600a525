"""Every user-facing word of the reports, in English and Simplified Chinese.

Keys are stable identifiers; the notebooks, the report functions and the HTML template look
text up here and never spell user-facing strings themselves. Numbers and dates are formatted
for the locale with Babel (CLDR data, shipped with the package, so nothing is fetched).
"""

from __future__ import annotations

import math
from datetime import date
from typing import Literal

from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal
from babel.numbers import format_percent as _babel_percent

from statlib.errors import ParamsError

Lang = Literal["en", "zh"]
LANGS: tuple[str, ...] = ("en", "zh")
LOCALES: dict[str, str] = {"en": "en_US", "zh": "zh_Hans_CN"}

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
    # period
    "anomaly_new_level": {"en": "new level since {period}", "zh": "自{period}起处于新水平"},
    # rule: an SPC rule text, judged on the seasonally adjusted series
    "anomaly_seasonally_adjusted": {"en": "{rule} (seasonally adjusted)", "zh": "{rule}（经季节调整）"},
    "anomaly_rule_separator": {"en": "; ", "zh": "；"},
}


def check_lang(lang: str) -> str:
    """Return `lang` if it is a supported language, else raise ParamsError naming it."""
    if lang not in LANGS:
        raise ParamsError(f"language {lang!r} is not supported; choose one of {', '.join(LANGS)}")
    return lang


def text(key: str, lang: str = "en", **fields: object) -> str:
    """The catalogue text for `key` in `lang`, with `fields` filled in."""
    check_lang(lang)
    if key not in CATALOGUE:
        raise KeyError(f"message {key!r} is not in the catalogue (statlib/messages.py)")
    return CATALOGUE[key][lang].format(**fields)


def format_number(value: float | None, lang: str = "en", decimals: int = 0) -> str:
    """A number with locale grouping; an em dash for a missing value."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=LOCALES[check_lang(lang)])


def format_percent(
    value: float | None, lang: str = "en", decimals: int = 1, signed: bool = True
) -> str:
    """A percentage given in percent units (12.5 -> "+12.5%"); em dash when missing."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    pattern = (
        ("+" if signed and value > 0 else "")
        + "#,##0"
        + ("." + "0" * decimals if decimals else "")
        + "%"
    )
    return _babel_percent(value / 100, format=pattern, locale=LOCALES[check_lang(lang)])


def format_date(day: date, lang: str = "en") -> str:
    """A date in the locale's medium form (Aug 16, 2026 / 2026年8月16日)."""
    return _babel_date(
        day, format="medium" if lang == "en" else "long", locale=LOCALES[check_lang(lang)]
    )
