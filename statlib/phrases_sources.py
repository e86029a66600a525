"""Phrases that belong to one data source: its credit line and its data-quality checks.

Data only, merged into statlib.phrases.CATALOGUE. A source adds its `source_<key>` credit
and a `quality_rule_<rule>` name for every note its ingest writes (a test checks).
"""

from __future__ import annotations

# key -> {lang -> text}, as in statlib.phrases.
SOURCE_PHRASES: dict[str, dict[str, str]] = {
    # --- NYPD CompStat (statlib.ingest.nypd) ------------------------------------------
    "source_nypd_compstat": {
        "en": "NYPD CompStat weekly precinct reports, via NYC Open Data (City of New York)",
        "zh": "纽约市警察局 CompStat 每周辖区报告，来自纽约市开放数据（纽约市政府）",
    },
    "quality_rule_precinct_keys": {"en": "Precinct keys", "zh": "辖区编码"},
    "quality_rule_week_end_switch": {"en": "Week-end day switch", "zh": "周结束日切换"},
    "quality_rule_explicit_zero_rows": {"en": "Published zero rows", "zh": "已发布的零值行"},
    "quality_rule_zero_weeks_omitted": {"en": "Omitted zero weeks", "zh": "省略的零值周"},
    "quality_rule_metric_publication_range": {
        "en": "Publication range per category",
        "zh": "各类别的发布区间",
    },
    "quality_rule_series_never_published": {"en": "Series never published", "zh": "从未发布的序列"},
    "quality_rule_citywide_not_sum_of_precincts": {
        "en": "Citywide is not the sum of precincts",
        "zh": "全市数不等于各辖区之和",
    },
    # --- the demo city's 311 requests (statlib.ingest.requests, statlib.sources) -----
    "source_democity_311": {
        "en": "Demo city 311 service requests: synthetic records in the layout of Los "
        "Angeles' MyLA311 data (not LA's requests); council district boundaries: City of "
        "Los Angeles, via Hack for LA",
        "zh": "示范城市 311 服务请求：按洛杉矶 MyLA311 数据格式生成的合成记录"
        "（并非洛杉矶的真实请求）；市议会选区边界：洛杉矶市政府，经 hackforla 提供",
    },
    "quality_rule_duplicate_request_numbers": {
        "en": "Repeated request numbers",
        "zh": "重复的请求编号",
    },
    "quality_rule_closed_before_created": {"en": "Closed before created", "zh": "关闭早于创建"},
    "quality_rule_district_missing": {"en": "No council district", "zh": "缺少市议会选区"},
    "quality_rule_unknown_request_type": {"en": "Unknown request type", "zh": "未知请求类型"},
    "quality_rule_cancelled_requests": {"en": "Cancelled requests", "zh": "已取消的请求"},
    "quality_rule_partial_last_period": {"en": "Incomplete last period", "zh": "最后一期不完整"},
    # --- department submissions of the industrial economy demo (statlib.ingest) ---------
    "source_industry_submissions": {
        "en": "Monthly workbooks of the city economy and IT bureau (the city and its districts) "
        "and the province's ranking of its cities: synthetic demo data in the bureau's layout, "
        "made to reproduce the published Jan-Aug 2020 report (data/industry/README.md); "
        "district boundaries are synthetic",
        "zh": "市经信局月度报表（全市及各县区）和全省各市排名表：按原表格式生成的合成示范数据，"
        "与已发布的2020年1-8月报告一致（见 data/industry/README.md）；县区边界为合成数据",
    },
    # --- Baltimore Police Department arrests (statlib.ingest.baltimore_arrests) ----------
    "source_baltimore_arrests": {
        "en": "Baltimore Police Department arrests, via Open Baltimore (City of Baltimore); "
        "police district boundaries: City of Baltimore, via the mapbaltimore package",
        "zh": "巴尔的摩警察局逮捕记录，来自 Open Baltimore（巴尔的摩市政府）；"
        "警区边界：巴尔的摩市政府，经 mapbaltimore 软件包提供",
    },
    "quality_rule_repeated_rows": {"en": "Repeated rows", "zh": "重复行"},
    "quality_rule_police_district_missing": {"en": "No police district", "zh": "缺少警区"},
    "quality_rule_unknown_charge": {"en": "Unknown charge", "zh": "未知罪名"},
    # --- unit boundaries and their redraws (statlib.boundaries) -------------------------
    "section_boundaries": {"en": "Boundaries", "zh": "辖区边界"},
    # units, drawn: which boundaries the page's units follow
    "boundaries_in_use": {
        "en": "The {units} on this page are the {drawn}.",
        "zh": "本页的{units}按{drawn}统计。",
    },
    # units, change, day: the boundaries of the latest redraw, in force since day
    "boundaries_redrawn": {
        "en": "{units} as redrawn by {change} on {day}",
        "zh": "{day}{change}后的{units}",
    },
    "boundaries_as_published": {"en": "{units} as published", "zh": "已发布的{units}"},
    # units, first, last: the days the page compares
    "boundaries_comparable": {
        "en": "Every day this page compares ({first} – {last}) lies on one side of each "
        "redraw of the {units}, so each one's history here is comparable.",
        "zh": "本页比较的各日（{first} – {last}）均在{units}每次重新划定的同一侧，"
        "各辖区的历史数据可比。",
    },
    # change, day, first, last: a redraw inside the compared days
    "boundaries_crossed": {
        "en": "Not comparable across {day}: {change} took effect that day, inside the days "
        "this page compares ({first} – {last}). A district's figures before it count "
        "another area than after it, so its changes across that date are not like for "
        "like; citywide figures are unaffected.",
        "zh": "{day}前后不可比：{change}于当日生效，处于本页比较的时段（{first} – {last}）"
        "之内。此前与此后的辖区数据覆盖的范围不同，跨越该日的变化不是同口径比较；"
        "全市数据不受影响。",
    },
}
