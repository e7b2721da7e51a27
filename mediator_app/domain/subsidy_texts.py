"""Texts of 以案定补 outside Qt (claim exports, claim sheets, the CLI): Chinese and
English. Reasons render their params; completeness items come from domain.subsidy."""

from __future__ import annotations

from collections.abc import Mapping

from mediator_app.domain.subsidy import item_label

_TEXTS: dict[str, tuple[str, str]] = {
    # refusal reasons
    "reason.file_incomplete": ("卷宗不完整：缺{items}", "file incomplete: {items} missing"),
    "reason.not_performed": ("协议未履行完毕（{performance}）",
                             "agreement not performed ({performance})"),
    "reason.already_paid": ("已在{claim}中补助", "already paid in {claim}"),
    "reason.no_mediator": ("未登记调解员", "no mediator recorded"),
    "reason.no_rate": ("补助标准中没有“{difficulty}”（{form}）的标准",
                       "the rate table has no rate for “{difficulty}” ({form})"),
    "reason.no_rule": ("{date}时尚无补助规则", "no subsidy rules in force on {date}"),
    "claim.label": ("{scope} {period} 第{version}次补助申报",
                    "claim {version} of {scope} for {period}"),
    "performance.none": ("未填写", "not recorded"),
    "form.any": ("书面或口头", "written or oral"),
    "payee.principal": ("主办调解员", "the principal mediator"),
    "payee.split": ("承办调解员平分", "split equally among the mediators"),
    # sheet and export labels
    "title.committee": ("{committee} 以案定补申报表", "{committee} case subsidy claim"),
    "title.summary": ("{scope} 以案定补汇总表", "{scope} case subsidy summary"),
    "title.refused": ("未予补助的调解成功案件", "Successful cases not paid"),
    "period": ("期间：{period}（{start} 至 {end}）", "Period: {period} ({start} to {end})"),
    "rules": ("补助规则：{payee}；{complete}{performed}",
              "Rules: {payee}; {complete}{performed}"),
    "rules.complete": ("卷宗须完整", "complete file required"),
    "rules.any_file": ("不查卷宗", "file not checked"),
    "rules.performed": ("；协议须已履行", "; agreement must be performed"),
    "col.mediator": ("调解员", "Mediator"),
    "col.committee": ("调委会", "Committee"),
    "col.committee_code": ("调委会代码", "Committee code"),
    "col.case_no": ("案件编号", "Case number"),
    "col.case_id": ("案件标识", "Case id"),
    "col.closed_on": ("结案日期", "Closed on"),
    "col.class": ("难易程度", "Difficulty"),
    "col.form": ("协议形式", "Agreement"),
    "col.share": ("份额", "Share"),
    "col.amount": ("补助金额（元）", "Subsidy (yuan)"),
    "col.cases": ("案件数", "Cases"),
    "col.reasons": ("未予补助原因", "Reasons"),
    "col.no": ("序号", "No."),
    "col.mediators": ("调解员", "Mediators"),
    "col.missing": ("缺少的材料", "Missing items"),
    "col.status": ("状态", "Status"),
    "row.total": ("合计", "Total"),
    "row.subtotal": ("小计", "Subtotal"),
    "sign.mediator": ("调解员签字：", "Mediator:"),
    "sign.mediator_named": ("调解员（{name}）签字：", "Mediator ({name}):"),
    "row.cases": ("{n}件", "{n} cases"),
    "sign.director": ("调委会主任签字：", "Committee director:"),
    "sign.office": ("司法所审核意见（盖章）：", "Judicial office (seal):"),
    "sign.date": ("日期：", "Date:"),
    "summary.line": ("共{cases}件，补助金额{amount}元；未予补助{refused}件",
                     "{cases} cases, {amount} yuan; {refused} not paid"),
    "title.incomplete": ("{scope} 卷宗不完整案件清单", "{scope} incomplete case files"),
    "sheet.summary": ("汇总", "Summary"),
    "sheet.cases": ("补助案件", "Paid cases"),
    "sheet.refused": ("未予补助", "Not paid"),
    "empty": ("无", "none"),
    "changed": ("申报后已修改", "changed since the claim"),
    "paid": ("已补助", "paid"),
}


def t(key: str, lang: str = "zh", **params: object) -> str:
    zh, en = _TEXTS[key]
    return (en if lang == "en" else zh).format(**params)


def reason_text(code: str, params: Mapping[str, object], lang: str = "zh") -> str:
    values = dict(params)
    if code == "file_incomplete":
        sep = ", " if lang == "en" else "、"
        items = params.get("items", ())
        values["items"] = sep.join(item_label(str(i), lang)
                                   for i in (items if isinstance(items, tuple | list) else ()))
    if code == "not_performed" and not values.get("performance"):
        values["performance"] = t("performance.none", lang)
    if code == "no_rate" and not values.get("form"):
        values["form"] = t("form.any", lang)
    return t(f"reason.{code}", lang, **values)


def known_keys() -> list[str]:
    return list(_TEXTS)
