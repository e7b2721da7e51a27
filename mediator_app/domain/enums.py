"""Enumerations of the domain. Values are the glossary's Chinese labels, which are
also the values of the exchange format (cases.csv v1) and of the database."""

from __future__ import annotations

from enum import StrEnum


class OrgLevel(StrEnum):
    DISTRICT = "区"
    COUNTY = "县"
    STREET = "街道"
    TOWN = "乡镇"
    VILLAGE = "村"
    COMMUNITY = "社区"
    GRID = "网格"

    @property
    def rank(self) -> int:
        """0 = district/county, 1 = street/town, 2 = village/community, 3 = grid."""
        return _LEVEL_RANK[self]


_LEVEL_RANK = {
    OrgLevel.DISTRICT: 0,
    OrgLevel.COUNTY: 0,
    OrgLevel.STREET: 1,
    OrgLevel.TOWN: 1,
    OrgLevel.VILLAGE: 2,
    OrgLevel.COMMUNITY: 2,
    OrgLevel.GRID: 3,
}


class CommitteeKind(StrEnum):
    VILLAGE = "村(居)调委会"
    STREET = "乡镇(街道)调委会"
    DISTRICT = "区调委会"
    PROFESSIONAL = "行业性专业性调委会"
    ENTERPRISE = "企事业单位调委会"


class PersonRole(StrEnum):
    MEDIATOR = "调解员"
    GRID_WORKER = "网格员"
    BOTH = "调解员+网格员"

    @property
    def is_mediator(self) -> bool:
        return self in (PersonRole.MEDIATOR, PersonRole.BOTH)

    @property
    def is_grid_worker(self) -> bool:
        return self in (PersonRole.GRID_WORKER, PersonRole.BOTH)


class Employment(StrEnum):
    FULL_TIME = "专职"
    PART_TIME = "兼职"


class CaseStatus(StrEnum):
    REGISTERED = "待受理"
    IN_MEDIATION = "调解中"
    RESOLVED = "调解成功"
    TERMINATED = "调解终止"
    REJECTED = "不予受理"

    @property
    def is_closed(self) -> bool:
        return self in (CaseStatus.RESOLVED, CaseStatus.TERMINATED, CaseStatus.REJECTED)


class AgreementForm(StrEnum):
    WRITTEN = "书面"
    ORAL = "口头"


class Performance(StrEnum):
    NOT_PERFORMED = "未履行"
    PERFORMING = "履行中"
    PERFORMED = "已履行"


class PartyRole(StrEnum):
    APPLICANT = "申请人"
    RESPONDENT = "被申请人"
    PARTY = "当事人"


class PartyKind(StrEnum):
    NATURAL = "自然人"
    LEGAL = "法人"
    OTHER = "其他组织"


class Sex(StrEnum):
    MALE = "男"
    FEMALE = "女"


class IdType(StrEnum):
    RESIDENT_ID = "居民身份证"
    PASSPORT = "护照"
    HK_MACAO_PERMIT = "港澳居民来往内地通行证"
    TAIWAN_PERMIT = "台湾居民来往大陆通行证"
    CREDIT_CODE = "统一社会信用代码"
    OTHER = "其他"


class SourceGroup(StrEnum):
    """Statistical grouping of case sources (案件来源)."""

    PROACTIVE = "主动调解"
    APPLIED = "申请调解"
    ENTRUSTED = "接受委托移送"


class Prevention(StrEnum):
    """Prevention results (防止…) counted with cases and persons."""

    CRIMINAL = "防止民转刑"
    PETITION = "防止群体性上访"
    FIGHT = "防止群体性械斗"
    SUICIDE = "防止自杀"


# The cases column holding the persons of each prevention result (0 = none).
PREVENTION_COLUMNS: dict[Prevention, str] = {
    Prevention.CRIMINAL: "prevent_criminal",
    Prevention.PETITION: "prevent_petition",
    Prevention.FIGHT: "prevent_fight",
    Prevention.SUICIDE: "prevent_suicide",
}
