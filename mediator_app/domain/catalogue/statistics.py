# ruff: noqa: E501  (message tables: one sentence per line)
"""Printed words of the statistics: the statistics sheet (``services.statistics.sheet``),
the narrative district report (``services.statistics.district_report``), the rate formula
of their footnotes (``domain.rates.rate_formula``) and the names of the figures a
submission compares (``services.statistics.submissions.figure_label``).

A list of columns is one entry per column (``col.disputes`` …, ``sign.prepared`` …); the
code names the keys in order. Unit names, dispute types and sources are stored Chinese
values and stay Chinese in both languages.
"""

from __future__ import annotations

SHEET: dict[str, tuple[str, str]] = {
    "title": ("人民调解矛盾纠纷统计表", "People's Mediation Dispute Statistics"),
    "unit": ("填报单位", "Reporting unit"),
    "period": ("统计期间", "Period"),
    # the English sheet prints the Chinese brackets too (kept as printed until now)
    "period_span": ("{name}（{start} — {end}）", "{name}（{start} — {end}）"),
    "basis": ("统计口径", "Basis"),
    "filed": ("填报日期", "Filed on"),
    "no": ("序号", "No."),
    "name": ("单位名称", "Unit"),
    "direct": ("{name}（本级直属）", "{name} (own cases)"),
    "total": ("合计", "Total"),
    "sub_direct": ("（村/社区直属，未落网格）", "(own cases, no grid)"),
    "as_of": ("案件状态截至 {as_of}", "status as of {as_of}"),
    "t1": ("一、矛盾纠纷排查调处情况", "1. Disputes found and handled"),
    "t2": ("二、纠纷类型（件）", "2. Dispute types (cases)"),
    "t3": ("三、案件来源、当事人及预防成效", "3. Sources, parties and prevention"),
    "headline": ("共排查矛盾纠纷{disputes}件，成功化解{resolved}件，化解率为{rate}", "{disputes} disputes found, {resolved} resolved, resolution rate {rate}"),
    "ok": ("相符", "consistent"),
    "bad": ("不符", "INCONSISTENT"),
    "check_types": ("核对：各类型之和 {sum} 件，排查纠纷数 {disputes} 件（{verdict}）", "Check: sum of types {sum}, disputes {disputes} ({verdict})"),
    "check_forms": ("核对：书面 {written} 件 + 口头 {oral} 件 = {sum} 件，调解成功 {resolved} 件（{verdict}）", "Check: written {written} + oral {oral} = {sum}, resolved {resolved} ({verdict})"),
    "check_status": ("核对：待受理 + 调解中 + 调解成功 + 调解终止 + 不予受理 = {sum} 件，排查纠纷数 {disputes} 件（{verdict}）", "Check: pending + in progress + resolved + terminated + rejected = {sum}, disputes {disputes} ({verdict})"),
    # the English footnote ends with the Chinese full stop too (kept as printed until now)
    "note_formula": ("{formula}。", "{formula}。"),
    "note_rate": ("化解率栏第二行为“分子/分母”。", "The second line of the rate column is numerator/denominator."),
    "note_basis": ("排查纠纷数：统计期间内登记的纠纷；受理数：统计期间内受理的案件；其余各栏为所排查纠纷截至 {as_of} 的情况。", "Disputes: registered in the period; accepted: accepted in the period; all other columns describe those disputes as of {as_of}."),
    "note_amount": ("涉及金额单位为万元，四舍五入保留两位小数。", "Amounts in 10,000 yuan, rounded half up to two decimals."),
    "sign.prepared": ("填报人", "Prepared by"),
    "sign.reviewed": ("审核人", "Reviewed by"),
    "sign.head": ("单位负责人", "Head of unit"),
    "page": ("第 {page} 页 共 {pages} 页", "Page {page} of {pages}"),
    "colon": ("：", ": "),
    "semicolon": ("；", "; "),
    "pieces": ("件", "cases"),
    "persons": ("人", "persons"),
    "wan": ("万元", "10k yuan"),
    # table 1, one entry per column, in the order of the sheet
    "col.disputes": ("排查纠纷数", "Disputes"),
    "col.accepted": ("受理数", "Accepted"),
    "col.resolved": ("调解成功", "Resolved"),
    "col.rate": ("化解率", "Rate"),
    "col.in_progress": ("调解中", "In progress"),
    "col.terminated": ("调解终止", "Terminated"),
    "col.rejected": ("不予受理", "Rejected"),
    "col.pending": ("待受理", "Pending"),
    "col.written": ("书面协议", "Written"),
    "col.oral": ("口头协议", "Oral"),
    "col.judicially_confirmed": ("司法确认", "Judicially confirmed"),
    "col.performed": ("已履行", "Performed"),
    "col.amount": ("涉及金额", "Amount"),
    "col.people": ("涉及人数", "People"),
    "type_total": ("合计", "Total"),
    "multi": ("三方以上当事人", "3+ parties"),
    "mass": ("群体性纠纷", "Mass disputes"),
}

DISTRICT: dict[str, tuple[str, str]] = {
    "title": ("{scope}矛盾纠纷排查化解情况报告", "Disputes found and resolved: {scope}"),
    "subtitle": ("统计期间：{period}（{start} 至 {end}）　统计口径：案件状态截至 {as_of}", "Period: {period} ({start} to {end})   Status as of {as_of}"),
    "lead": ("{period}，{scope}共排查矛盾纠纷{disputes}件，成功化解{resolved}件，化解率为{rate}。", "In {period}, {scope} found {disputes} disputes and resolved {resolved}: a resolution rate of {rate}."),
    # 受理 counts acceptances in the period (by acceptance date), not a part of 排查
    "detail": ("同期受理矛盾纠纷{accepted}件。排查的纠纷中，调解中{in_progress}件，调解终止{terminated}件，不予受理{rejected}件；达成书面协议{written}件、口头协议{oral}件；涉及金额{wan}万元，涉及人数{people}人。", "In the same period {accepted} cases were accepted. Of the disputes found, {in_progress} are in mediation, {terminated} were terminated and {rejected} not accepted; {written} written and {oral} oral agreements; amounts involved {wan} (10,000 yuan); {people} people involved."),
    "types": ("从纠纷类型看，以{top}为主。", "The main dispute types were {top}."),
    "type_item": ("{label}（{n}件，占{share}%）", "{label} ({n}, {share}%)"),
    "sep": ("、", ", "),
    "clause_sep": ("，", "; "),
    "end": ("。", "."),
    "best_one": ("化解率最高的是{names}（{rate}）", "The highest rate was {names} ({rate})"),
    "best_tied": ("{names}化解率均为{rate}", "{names} all had the highest rate, {rate}"),
    "best_all": ("全部{n}个{level}化解率均为{rate}", "All {n} {level}s had the rate {rate}"),
    "busiest_one": ("排查纠纷最多的是{names}（{n}件）", "the most disputes were found by {names} ({n})"),
    "busiest_tied": ("排查纠纷最多的是{names}（各{n}件）", "the most disputes were found by {names} ({n} each)"),
    # Chinese counts all the tied units (等5个), English the others (and 3 other)
    "and_more": ("{names}等{n}个{level}", "{names} and {rest} other {level}s"),
    # {n}: 一、二、… in Chinese, 1. 2. … in English (district_report._section)
    "numbered": ("{n}、{title}", "{n}. {title}"),
    "t_units": ("各{level}矛盾纠纷排查化解情况", "By {level}"),
    "t_types": ("矛盾纠纷类型分布", "By dispute type"),
    "t_months": ("各月矛盾纠纷排查化解情况", "By month"),
    "trend": ("各月矛盾纠纷排查化解趋势", "Monthly trend"),
    "unit": ("单位", "Unit"),
    "disputes": ("排查纠纷（件）", "Disputes"),
    "accepted": ("受理（件）", "Accepted"),
    "resolved": ("调解成功（件）", "Resolved"),
    "rate": ("化解率", "Rate"),
    "in_progress": ("调解中（件）", "In mediation"),
    "terminated": ("调解终止（件）", "Terminated"),
    "amount": ("涉及金额（万元）", "Amount (10k yuan)"),
    "type": ("纠纷类型", "Dispute type"),
    "count": ("件数", "Cases"),
    "share": ("占比（%）", "Share (%)"),
    "month": ("月份", "Month"),
    "direct": ("{name}本级直属", "{name} (own cases)"),
    "total": ("合计", "Total"),
    "s_disputes": ("排查纠纷", "Disputes"),
    "s_resolved": ("调解成功", "Resolved"),
    "note_accepted": ("受理数为统计期间内受理的案件数（按受理日期计），包括此前登记、本期受理的案件，因此可能多于排查纠纷数；排查纠纷数按登记日期计。", "Accepted counts the cases accepted in the period (by acceptance date), including cases registered earlier, so it can exceed the disputes found (counted by registration date)."),
    "note_amount": ("涉及金额以万元计，四舍五入保留2位小数。", "Amounts in 10,000 yuan, rounded half-up to 2 decimals."),
    "note_short": ("统计期间不足{min}个月，不列各月情况表和趋势图。", "The period is shorter than {min} months: no table by month and no trend chart."),
    "page": ("第 {page} 页 共 {pages} 页", "Page {page} of {pages}"),
    # the children's level when the Chinese cannot name it from the units (no children)
    "child_level": ("街道（乡镇）", "unit"),
    # the months of the trend chart, month.1 … month.12
    **{f"month.{m}": (f"{m}月", abbr) for m, abbr in enumerate(
        ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
        start=1)},
}

RATE: dict[str, tuple[str, str]] = {
    "formula": ("化解率 = 调解成功数 ÷ {denominator} × 100%，{rounding}", "Resolution rate = cases resolved ÷ {denominator} × 100%, {rounding}"),
    "denominator.disputes": ("排查纠纷数", "disputes registered"),
    "denominator.accepted": ("受理数", "cases accepted"),
    "denominator.mediated": ("调结数（调解成功数 + 调解终止数）", "cases concluded (resolved + terminated)"),
    # ``.one``: the rule keeps exactly one decimal place (English says "place")
    "rounding.truncate": ("截位保留{decimals}位小数", "truncated to {decimals} decimal places"),
    "rounding.truncate.one": ("截位保留{decimals}位小数", "truncated to {decimals} decimal place"),
    "rounding.half_up": ("四舍五入保留{decimals}位小数", "rounded half up to {decimals} decimal places"),
    "rounding.half_up.one": ("四舍五入保留{decimals}位小数", "rounded half up to {decimals} decimal place"),
}

FIGURES: dict[str, tuple[str, str]] = {
    "disputes": ("排查纠纷数", "disputes"),
    "accepted": ("受理数", "accepted"),
    "resolved": ("调解成功数", "resolved"),
    "resolution_rate_text": ("化解率", "resolution rate"),
    "rate_numerator": ("化解率分子", "rate numerator"),
    "rate_denominator": ("化解率分母", "rate denominator"),
    "pending": ("待受理", "pending"),
    "in_progress": ("调解中", "in progress"),
    "terminated": ("调解终止", "terminated"),
    "rejected": ("不予受理", "rejected"),
    "written": ("书面协议", "written agreements"),
    "oral": ("口头协议", "oral agreements"),
    "judicially_confirmed": ("司法确认", "judicially confirmed"),
    "performed": ("已履行", "performed"),
    "multi_party": ("三方以上当事人", "3+ parties"),
    "mass_disputes": ("群体性纠纷", "mass disputes"),
    "amount_yuan": ("涉及金额（元）", "amount involved (yuan)"),
    "people_involved": ("涉及人数", "people involved"),
    # the figures of a code table: {label} is the stored Chinese name of the code
    "by_type": ("纠纷类型：{label}", "dispute type: {label}"),
    "by_source": ("案件来源：{label}", "source: {label}"),
    "prevention.cases": ("{label}（件）", "{label} (cases)"),
    "prevention.persons": ("{label}（人）", "{label} (persons)"),
    # the rows of a report that are not a child unit
    "unit.totals": ("{name}（合计）", "{name} (total)"),
    "unit.direct": ("{name}（本级）", "{name} (own cases)"),
}
