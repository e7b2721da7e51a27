"""Default code tables (editable by the district; old cases keep their code)."""

from __future__ import annotations

from mediator_app.domain.enums import SourceGroup

# (code, label, group)
DEFAULT_DISPUTE_TYPES: list[tuple[str, str, str]] = [
    ("01", "婚姻家庭纠纷", ""),
    ("02", "邻里纠纷", ""),
    ("03", "房屋宅基地纠纷", ""),
    ("04", "合同纠纷", ""),
    ("05", "生产经营纠纷", ""),
    ("06", "损害赔偿纠纷", ""),
    ("07", "山林土地纠纷", ""),
    ("08", "征地拆迁纠纷", ""),
    ("09", "环境污染纠纷", ""),
    ("10", "劳动争议纠纷", ""),
    ("11", "消费纠纷", ""),
    ("12", "医疗纠纷", ""),
    ("13", "道路交通事故纠纷", ""),
    ("14", "物业纠纷", ""),
    ("15", "拖欠农民工工资纠纷", ""),
    ("16", "旅游纠纷", ""),
    ("17", "电子商务纠纷", ""),
    ("99", "其他纠纷", ""),
]

DEFAULT_SOURCES: list[tuple[str, str, str]] = [
    ("1", "排查发现", SourceGroup.PROACTIVE.value),
    ("2", "当事人申请", SourceGroup.APPLIED.value),
    ("3", "主动调解", SourceGroup.PROACTIVE.value),
    ("4", "公安移送", SourceGroup.ENTRUSTED.value),
    ("5", "法院委托", SourceGroup.ENTRUSTED.value),
    ("6", "其他部门移交", SourceGroup.ENTRUSTED.value),
]
