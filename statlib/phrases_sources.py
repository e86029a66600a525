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
        "（并非洛杉矶的真实请求）；市议会选区边界：洛杉矶市政府，经 Hack for LA 提供",
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
}
