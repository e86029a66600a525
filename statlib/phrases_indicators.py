"""Phrases of indicator reports (statlib.report.indicator_sections), in English and Chinese.

The Chinese follows the wording of a bureau's own monthly report ("同比增长2.1%，较1-2月
提高24.6个百分点，增幅居全省第11位，较1-2月前移5个位次"); the English says the same plainly.
"""

from __future__ import annotations

INDICATOR_PHRASES: dict[str, dict[str, str]] = {
    "section_headlines": {"en": "Headlines", "zh": "主要指标完成情况"},
    "section_indicator_table": {"en": "Indicators", "zh": "主要指标"},
    "section_peer_league": {"en": "Ranking among peers", "zh": "全省排位"},
    "section_districts": {"en": "Districts", "zh": "各区情况"},
    "section_submissions": {"en": "Where the figures come from", "zh": "数据来源（报送情况）"},
    "no_submissions": {"en": "No department submissions.", "zh": "没有部门报送的数据。"},
    # total, corrected: counts of submissions
    "submissions_intro": {
        "en": "Each figure comes from the latest version of its submission (the city's and "
        "districts' from the city bureau's workbook, the peers' from the province's ranking "
        "table). The submissions of the periods compared on this page are below; {total} are "
        "held in all, {corrected} of them corrected after first arrival.",
        "zh": "每个数据均取自对应报表的最新版本"
        "（全市及各县区数据取自市局月报，各市数据取自全省排名表）。下表列出本页所比较各期的报表；共收到{total}份，其中{corrected}份在首次报送后更正。",
    },
    "col_kind": {"en": "Submission", "zh": "报表"},
    "col_file": {"en": "File", "zh": "文件"},
    "col_arrived": {"en": "Arrived", "zh": "收到时间"},
    "col_version": {"en": "Version", "zh": "版本"},
    "version_first": {"en": "first arrival", "zh": "首次报送"},
    "version_correction": {"en": "correction {n}", "zh": "第{n}次更正"},
    "section_district_map": {"en": "District map", "zh": "分县区地图"},
    # metric, period, units
    "district_map_caption": {
        "en": "{metric}, {period}: each of the {units} coloured by how far its growth is from "
        "the city's, in standard deviations of the {units}' growth (blue ahead, orange "
        "behind; stronger colour, further). Hover or tap a district for its figures.",
        "zh": "{metric}（{period}）：各{units}按增速与全市增速之差着色，"
        "以各{units}增速的标准差为单位（蓝色快于全市，橙色慢于全市；颜色越深差距越大）。悬停或点按查看数据。",
    },
    # detail: the newest file's note; files: how many files had the note; file: the newest
    "quality_in_files": {
        "en": "In {files} files; the latest ({file}): ",
        "zh": "共{files}个文件；最新一份（{file}）：",
    },
    "section_definitions": {"en": "Definitions and sources", "zh": "指标解释与来源"},
    "section_trends_single_period": {
        "en": "Single months: trends and process behaviour",
        "zh": "单月走势与过程控制",
    },
    # first, last: month numbers
    "cumulative_months": {"en": "{first}-{last}", "zh": "{first}-{last}月"},
    "single_month": {"en": "{month}", "zh": "{month}月"},
    # --- headline sentences: parts joined by the separator -----------------------------
    "hl_level": {"en": "{period} {amount}", "zh": "{period}累计{amount}"},
    # value, unit: a count reads "964 firms"; an amount "85.0 (100 million yuan)"
    "amount_count": {"en": "{value} {unit}", "zh": "{value}{unit}"},
    "amount_measure": {"en": "{value} ({unit})", "zh": "{value}{unit}"},
    "hl_share": {"en": "{share} of {parent}", "zh": "占{parent}比重{share}"},
    "hl_level_rank": {"en": "rank {rank} by size", "zh": "总量居{group}第{rank}位"},
    "hl_growth_up": {"en": "{growth} year on year", "zh": "同比增长{growth}"},
    "hl_growth_down": {"en": "{growth} year on year", "zh": "同比下降{growth}"},
    "hl_growth_only": {"en": "{period} {growth} year on year", "zh": "{period}同比增长{growth}"},
    "hl_growth_only_down": {
        "en": "{period} {growth} year on year",
        "zh": "{period}同比下降{growth}",
    },
    "hl_pp_up": {"en": "{pp} points above {then}", "zh": "较{then}提高{pp}个百分点"},
    "hl_pp_down": {"en": "{pp} points below {then}", "zh": "较{then}回落{pp}个百分点"},
    "hl_pp_same": {"en": "as in {then}", "zh": "与{then}持平"},
    "hl_growth_rank": {"en": "growth rank {rank} of {count}", "zh": "增幅居{group}第{rank}位"},
    "hl_rank_up": {"en": "up {places} since {then}", "zh": "较{then}前移{places}个位次"},
    "hl_rank_down": {"en": "down {places} since {then}", "zh": "较{then}后移{places}个位次"},
    "hl_rank_same": {"en": "the same rank as in {then}", "zh": "位次与{then}持平"},
    "places": {"en": "{n} places", "zh": "{n}"},
    "place": {"en": "1 place", "zh": "1"},
    "hl_benchmark_up": {
        "en": "{gap} points above {benchmark}",
        "zh": "高于{benchmark}平均{gap}个百分点",
    },
    "hl_benchmark_down": {
        "en": "{gap} points below {benchmark}",
        "zh": "低于{benchmark}平均{gap}个百分点",
    },
    "hl_single": {
        "en": "{month} alone {amount}, {growth}",
        "zh": "其中{month}完成{amount}，{growth}",
    },
    "hl_single_rank": {"en": "rank {rank}", "zh": "居{group}第{rank}位"},
    "hl_target": {
        "en": "Target {target}: projected {projection} (80% range {low} to {high}), "
        "{chance} chance of reaching it",
        "zh": "全年目标{target}：预计全年{projection}（80%区间{low}至{high}），"
        "完成目标的可能性为{chance}",
    },
    "hl_target_no_projection": {
        "en": "Target {target}: too few earlier years to project the full year",
        "zh": "全年目标{target}：往年数据不足，无法预测全年",
    },
    "hl_next": {"en": "next month about {growth}", "zh": "预计下月{growth}左右"},
    "hl_accelerated": {
        "en": "{count} of {total} {units} grew faster than in {then}: {names}",
        "zh": "{count}个{units}增速较{then}加快：{names}",
    },
    "hl_accelerated_none": {
        "en": "no {units} grew faster than in {then}",
        "zh": "没有{units}增速较{then}加快",
    },
    "hl_stock": {"en": "{amount} at the end of {period}", "zh": "{period}末{amount}"},
    "hl_period": {"en": "{period} {amount}", "zh": "{period}{amount}"},
    "chance_under": {"en": "under 1%", "zh": "不足1%"},
    "chance_over": {"en": "over 99%", "zh": "超过99%"},
    "hl_no_data": {"en": "not reported this period", "zh": "本期未报送"},
    "hl_separator": {"en": "; ", "zh": "；"},
    "hl_named": {"en": "{name}: {sentence}", "zh": "{name}：{sentence}"},
    "hl_end": {"en": ".", "zh": "。"},
    # --- tables -------------------------------------------------------------------------
    "col_indicator": {"en": "Indicator", "zh": "指标名称"},
    "col_cumulative": {"en": "{period}", "zh": "{period}累计"},
    "col_growth": {"en": "Growth", "zh": "同比增长"},
    "col_pp_previous": {"en": "Points since {then}", "zh": "较{then}（百分点）"},
    "col_growth_rank": {"en": "Growth rank", "zh": "增幅位次"},
    "col_rank_change": {"en": "Rank change", "zh": "位次变化"},
    "col_level_rank": {"en": "Size rank", "zh": "总量位次"},
    "col_share": {"en": "Share", "zh": "占比"},
    "col_vs_benchmark": {"en": "Points vs benchmark", "zh": "比基准（百分点）"},
    "col_peer": {"en": "Peer", "zh": "地区"},
    "col_target": {"en": "Target", "zh": "目标"},
    "col_projection": {"en": "Projected year (80% range)", "zh": "全年预计（80%区间）"},
    "col_chance": {"en": "Chance of target", "zh": "完成目标可能性"},
    "col_next": {"en": "Next release, expected growth", "zh": "下期增速预计"},
    "col_unit_of": {"en": "Unit", "zh": "单位"},
    "col_accelerated": {"en": "Faster than {then}", "zh": "较{then}加快"},
    "col_definition": {"en": "Definition", "zh": "指标解释"},
    "col_reported": {"en": "Reported as", "zh": "报送口径"},
    "yes": {"en": "yes", "zh": "是"},
    "no": {"en": "no", "zh": "否"},
    "reported_value": {"en": "level", "zh": "总量"},
    "reported_growth": {"en": "growth at comparable prices", "zh": "可比价增速"},
    "accumulation_ytd": {"en": "cumulative from January", "zh": "年初至今累计"},
    "accumulation_period": {"en": "per period", "zh": "当期"},
    "league_intro": {
        "en": "Growth in {period} (rank in brackets), best first by {metric}; \u2605 marks "
        "this city.",
        "zh": "{period}累计增速（括号内为位次），按{metric}位次排列；\u2605 为本市。",
    },
    "districts_intro": {
        "en": "Growth in {period}; \u2191 marks growth faster than in {then}.",
        "zh": "{period}累计增速；\u2191 表示增速较{then}加快。",
    },
    "owner_line": {"en": "Data owner: {owner}.", "zh": "数据责任单位：{owner}。"},
    "single_month_note": {
        "en": "Single months are the difference of two cumulative releases (the first "
        "release of the year, Jan-Feb, is its own). Growth-only indicators have no single "
        "months. Projections move this year's growth by how it moved over the same months in "
        "earlier years (Student's t over those years).",
        "zh": "单月数据由相邻两期累计数相减得到（每年首期1-2月即为自身）。"
        "仅报增速的指标无单月数据。全年预计以往年同期增速的变化推算（按往年样本的t分布）。",
    },
}
