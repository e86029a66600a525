"""Phrases of department submissions: why a file was rejected, and what ingest fixed.

Data only, merged into statlib.phrases.CATALOGUE. Every rule of statlib.ingest.submissions
has a `submission_rule_<rule>` text (fields as named in its comment) and every note it
writes a `quality_rule_<rule>` name (tests check both).
"""

from __future__ import annotations

SUBMISSION_PHRASES: dict[str, dict[str, str]] = {
    "submission_rejected": {  # file, count
        "en": "{file} was rejected: {count} problem(s); nothing of it was loaded.",
        "zh": "{file} 未通过校验：共 {count} 个问题，未载入任何数据。",
    },
    "submission_where_sheet": {"en": "sheet {sheet}", "zh": "工作表 {sheet}"},
    "submission_where_row": {"en": "row {row}", "zh": "第 {row} 行"},
    "submission_where_column": {
        "en": "column {letter} ({header})",
        "zh": "{letter} 列（{header}）",
    },
    "submission_problem": {  # file, where, message, rule
        "en": "{file}, {where}: {message} (rule: {rule})",
        "zh": "{file}，{where}：{message}（规则：{rule}）",
    },
    "submission_rule_unreadable_file": {  # reason
        "en": "the file cannot be read as a table: {reason}",
        "zh": "无法按表格读取该文件：{reason}",
    },
    "submission_rule_unknown_kind": {  # name, kinds
        "en": "the file name {name} matches no kind of submission of this domain ({kinds})",
        "zh": "文件名 {name} 不属于本领域的任何报表类型（{kinds}）",
    },
    "submission_rule_unknown_metric": {  # name
        "en": "unknown indicator “{name}”: not a name of any metric in the domain's params",
        "zh": "未知指标“{name}”：不是本领域参数中任何指标的名称",
    },
    "submission_rule_unknown_unit": {  # name
        "en": "unknown reporting unit “{name}”",
        "zh": "未知填报单位“{name}”",
    },
    "submission_rule_unknown_column": {  # name
        "en": "the header “{name}” names no known column",
        "zh": "表头“{name}”不是可识别的栏目",
    },
    "submission_rule_missing_column": {  # name
        "en": "the table has no column for {name}",
        "zh": "表中缺少“{name}”栏",
    },
    "submission_rule_unknown_measure_unit": {  # written, declared
        "en": "the unit of measure “{written}” does not convert to {declared}",
        "zh": "计量单位“{written}”无法换算为{declared}",
    },
    "submission_rule_not_a_number": {  # value
        "en": "“{value}” is not a number",
        "zh": "“{value}”不是数字",
    },
    "submission_rule_growth_below_minus_100": {  # value
        "en": "growth {value}% is below -100%",
        "zh": "增速 {value}% 低于 -100%",
    },
    "submission_rule_negative_level": {  # value
        "en": "the level {value} is negative",
        "zh": "总量 {value} 为负数",
    },
    "submission_rule_repeated_row": {  # name, first
        "en": "“{name}” is reported again (first in row {first})",
        "zh": "“{name}”重复填报（首次出现在第 {first} 行）",
    },
    "submission_rule_period_unreadable": {  # value
        "en": "“{value}” is not a statistical period (such as 1-8月, 2020年1-8月, Jan-Aug 2020)",
        "zh": "“{value}”不是可识别的统计期（如 1-8月、2020年1-8月、上半年）",
    },
    "submission_rule_period_mismatch": {  # found, expected
        "en": "the period {found} differs from {expected}",
        "zh": "统计期 {found} 与 {expected} 不一致",
    },
    "submission_rule_period_missing": {
        "en": "the file names no period: give it in the title or with --period",
        "zh": "文件未写明统计期：请在标题中注明，或使用 --period",
    },
    "submission_rule_january_release": {  # period
        "en": "{period} is a January release, but this domain has none: the first period of "
        "a year is January-February",
        "zh": "{period} 为1月数据，但本领域不单独发布1月数据：每年首期为1-2月",
    },
    "submission_rule_month_above_cumulative": {  # month, cumulative
        "en": "this month's {month} is more than the cumulative {cumulative}",
        "zh": "本月数 {month} 大于累计数 {cumulative}",
    },
    "submission_rule_part_exceeds_total": {  # value, total
        "en": "{value} is more than the total {total}",
        "zh": "{value} 大于合计数 {total}",
    },
    "submission_rule_rank_out_of_range": {  # value, count
        "en": "rank “{value}” is not a whole number from 1 to {count}",
        "zh": "位次“{value}”不是 1 至 {count} 之间的整数",
    },
    # --- data-quality notes of accepted submissions ---------------------------------------
    "quality_rule_text_numbers": {"en": "Numbers written as text", "zh": "以文本填写的数字"},
    "quality_rule_unit_scaled": {"en": "Units of measure converted", "zh": "计量单位换算"},
    "quality_rule_not_reported": {"en": "Cells not reported", "zh": "未填报的单元格"},
    "quality_rule_single_month_checked": {
        "en": "Single months checked, not stored",
        "zh": "本月数已校验（不入库）",
    },
    "quality_rule_ranks_checked": {
        "en": "Reported ranks checked, not stored",
        "zh": "位次已校验（不入库）",
    },
    # n (and units): the notes' detail, in the submitters' language
    "quality_detail_text_numbers": {
        "en": "{n} numbers written as text (thousands separators, % signs) were read as numbers.",
        "zh": "{n} 个以文本填写的数字（含千位分隔符、百分号）已按数值读取。",
    },
    "quality_detail_unit_scaled": {
        "en": "{n} levels were converted to the metric's unit ({units}).",
        "zh": "{n} 个总量数值已换算为指标的计量单位（{units}）。",
    },
    "quality_detail_not_reported": {
        "en": "{n} cells were blank or “—”: stored as not reported, never as zero.",
        "zh": "{n} 个单元格为空或填“—”：按未填报存储，不作零值。",
    },
    "quality_detail_single_month_checked": {
        "en": "{n} single-month figures were checked against their cumulatives; single "
        "months are derived from two cumulatives, so they are not stored.",
        "zh": "{n} 个本月数已与累计数核对；本月数由相邻两期累计数推算，故不入库。",
    },
    "quality_detail_ranks_checked": {
        "en": "{n} reported ranks were checked (1 to the number of peers); ranks are "
        "computed from the figures, not stored.",
        "zh": "{n} 个填报的位次已校验（介于 1 与参比单位数之间）；位次由数值计算，不入库。",
    },
}
