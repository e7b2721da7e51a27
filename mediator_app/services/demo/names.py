"""Word lists for the demo district: names, places, summaries. Pure data plus a few
small deterministic helpers; every random choice goes through a ``random.Random``
passed in by the caller (never the global generator)."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")

DISTRICT_CODE = "610114"
DISTRICT_NAME = "秦川区"  # fictional district (the code is the glossary's example)
CITY_NAME = "西安市"

# Surnames roughly by frequency in Shaanxi (weights are relative).
SURNAMES: list[tuple[str, int]] = [
    ("王", 90), ("李", 85), ("张", 80), ("刘", 70), ("杨", 45), ("赵", 40), ("陈", 35),
    ("高", 30), ("马", 28), ("郭", 25), ("孙", 22), ("周", 20), ("吴", 18), ("徐", 16),
    ("胡", 15), ("朱", 14), ("何", 13), ("田", 13), ("雷", 12), ("党", 10), ("任", 10),
    ("贺", 9), ("薛", 9), ("白", 9), ("冯", 9), ("曹", 8), ("韩", 8), ("梁", 8), ("宋", 8),
    ("苏", 7), ("范", 7), ("姚", 6), ("谢", 6), ("屈", 5), ("惠", 5), ("蔺", 4), ("史", 5),
    ("程", 5), ("段", 5), ("侯", 5), ("魏", 5), ("秦", 4), ("袁", 4), ("董", 4), ("杜", 4),
    ("邓", 4), ("许", 4), ("樊", 4), ("郝", 3), ("尚", 3), ("师", 3), ("上官", 1), ("欧阳", 1),
]
MALE_CHARS = "伟强军建国平刚明华峰斌涛勇磊鹏辉超亮波林海东志宏利民兴文武振华斌"
FEMALE_CHARS = "芳娟丽敏静霞艳萍红玲燕英梅琴兰雪慧娜婷莉倩彩凤秀花荣桂琳洁"
SHARED_CHARS = "小晓文佳宇新春秋永金玉润"

ETHNICITIES: list[tuple[str, int]] = [("汉族", 980), ("回族", 15), ("满族", 3), ("蒙古族", 2)]
OCCUPATIONS: list[tuple[str, int]] = [
    ("农民", 40), ("务工", 20), ("个体工商户", 10), ("退休", 8), ("无业", 6), ("职员", 6),
    ("司机", 4), ("教师", 2), ("学生", 2), ("医生", 1), ("公司职员", 3),
]
# Other region codes seen on ID cards of people living in the district.
OTHER_REGIONS: list[tuple[str, int]] = [
    ("610112", 3), ("610113", 3), ("610115", 2), ("610116", 2), ("610104", 2),
    ("610124", 2), ("610126", 3), ("610402", 2), ("610404", 1), ("610502", 2),
    ("610526", 2), ("612701", 1), ("410522", 1), ("620102", 1), ("140802", 1),
]
MOBILE_PREFIXES = ["130", "131", "132", "133", "135", "136", "137", "138", "139", "150",
                   "151", "152", "153", "155", "156", "157", "158", "159", "166", "173",
                   "176", "177", "180", "181", "182", "186", "187", "188", "189", "191",
                   "199"]

# Streets and towns: (name, level). Four 街道 and three 镇 (镇 → level 乡镇).
STREETS: list[tuple[str, str]] = [
    ("凤凰路街道", "街道"), ("新华路街道", "街道"), ("振兴街道", "街道"), ("北屯街道", "街道"),
    ("武屯镇", "乡镇"), ("关山镇", "乡镇"), ("康桥镇", "乡镇"),
]
VILLAGE_FIRST = "东西南北前后上下大小新老高张王李杨马曹郭田孟沙油井坡塬庄"
VILLAGE_SECOND = "坡塬庄寨湾堡营门沟渠河桥滩屯岭店坊院家"
COMMUNITY_NAMES = [
    "阳光", "和平", "幸福", "康乐", "锦园", "翠苑", "华苑", "润泽", "滨河", "怡心", "温馨",
    "博雅", "铁路", "长安", "文苑", "龙苑", "德馨", "嘉园", "紫薇", "花园", "友谊", "健康",
    "航空", "书香", "金色", "秀水", "清华", "明珠", "东方", "星光", "馨园", "新城", "丰园",
    "祥和", "荣华", "海棠", "桂园", "枫林",
]

# (type label, relative weight); the three most frequent follow the district report.
DISPUTE_TYPES: list[tuple[str, float]] = [
    ("婚姻家庭纠纷", 20), ("邻里纠纷", 22), ("房屋宅基地纠纷", 14), ("合同纠纷", 6),
    ("生产经营纠纷", 3), ("损害赔偿纠纷", 7), ("山林土地纠纷", 5), ("征地拆迁纠纷", 2),
    ("环境污染纠纷", 1), ("劳动争议纠纷", 4), ("消费纠纷", 2), ("医疗纠纷", 2),
    ("道路交通事故纠纷", 5), ("物业纠纷", 3), ("拖欠农民工工资纠纷", 2), ("旅游纠纷", 0.4),
    ("电子商务纠纷", 0.6), ("其他纠纷", 3),
]
# Seasonal boosts of some types by month (Spring Festival, spring ploughing, summer).
TYPE_MONTH_BOOST: dict[str, dict[int, float]] = {
    "婚姻家庭纠纷": {1: 1.4, 2: 1.6},
    "拖欠农民工工资纠纷": {1: 2.5, 12: 2.0},
    "山林土地纠纷": {3: 1.6, 4: 1.5, 6: 1.3},
    "房屋宅基地纠纷": {3: 1.3, 4: 1.3, 5: 1.2},
    "道路交通事故纠纷": {7: 1.2, 8: 1.2},
    "旅游纠纷": {5: 2.0, 7: 1.8, 8: 1.8, 10: 2.5},
}
# Overall cases by month: Spring Festival (Jan/Feb), summer harvest (Jun/Jul) busy;
# October (national holiday, autumn sowing) quiet.
MONTH_FACTOR = {1: 1.35, 2: 1.45, 3: 1.0, 4: 0.95, 5: 1.0, 6: 1.15, 7: 1.1, 8: 1.0,
                9: 0.95, 10: 0.75, 11: 0.85, 12: 1.0}
WEEKDAY_FACTOR = (1.1, 1.05, 1.05, 1.05, 1.0, 0.55, 0.45)

SOURCES: list[tuple[str, float]] = [
    ("排查发现", 45), ("当事人申请", 30), ("主动调解", 12), ("公安移送", 6), ("法院委托", 3),
    ("其他部门移交", 4),
]
# Professional committees: (type label, name part, short name, share of such cases).
PROFESSIONAL: list[tuple[str, str, str, float]] = [
    ("医疗纠纷", "医疗纠纷", "区医疗", 0.7),
    ("道路交通事故纠纷", "道路交通事故纠纷", "区交通", 0.55),
    ("劳动争议纠纷", "劳动争议", "区劳动", 0.35),
    ("物业纠纷", "物业纠纷", "区物业", 0.35),
    ("婚姻家庭纠纷", "婚姻家庭纠纷", "区婚姻", 0.04),
]
# Amount involved per type: (probability of none, median yuan, spread factor).
AMOUNTS: dict[str, tuple[float, int, float]] = {
    "婚姻家庭纠纷": (0.6, 5000, 3.0), "邻里纠纷": (0.7, 800, 3.0),
    "房屋宅基地纠纷": (0.5, 6000, 3.0), "合同纠纷": (0.05, 20000, 4.0),
    "生产经营纠纷": (0.1, 15000, 4.0), "损害赔偿纠纷": (0.05, 4000, 3.0),
    "山林土地纠纷": (0.4, 5000, 3.0), "征地拆迁纠纷": (0.1, 80000, 3.0),
    "环境污染纠纷": (0.3, 6000, 3.0), "劳动争议纠纷": (0.05, 12000, 2.5),
    "消费纠纷": (0.05, 1500, 3.0), "医疗纠纷": (0.05, 30000, 3.0),
    "道路交通事故纠纷": (0.02, 15000, 3.0), "物业纠纷": (0.2, 2000, 2.5),
    "拖欠农民工工资纠纷": (0.0, 18000, 2.5), "旅游纠纷": (0.1, 3000, 2.0),
    "电子商务纠纷": (0.05, 1200, 3.0), "其他纠纷": (0.5, 2000, 3.0),
}
COMPANY_TYPES = {"合同纠纷", "生产经营纠纷", "劳动争议纠纷", "消费纠纷", "医疗纠纷", "物业纠纷",
                 "拖欠农民工工资纠纷", "旅游纠纷", "电子商务纠纷", "征地拆迁纠纷", "环境污染纠纷"}
COMPANY_WORDS = ("秦川", "凤凰", "关山", "康桥", "华泰", "恒通", "鑫源", "宏达", "瑞丰", "金航")
COMPANY_KINDS = {
    "医疗纠纷": ["医院", "卫生院", "诊所"], "物业纠纷": ["物业管理有限公司"],
    "消费纠纷": ["商贸有限公司", "超市"], "旅游纠纷": ["旅行社有限公司"],
    "电子商务纠纷": ["电子商务有限公司"],
}
COMPANY_DEFAULT = ["建筑工程有限公司", "农业科技有限公司", "机械制造有限公司", "劳务有限公司"]

# Summary templates: {a}/{b} are masked names (张某), {c} a third party or group.
SUMMARIES: dict[str, list[str]] = {
    "婚姻家庭纠纷": [
        "{a}与{b}系夫妻关系，因家庭琐事长期争吵，{a}提出离婚并要求分割共同财产。",
        "{a}与其儿媳{b}因赡养老人费用分担问题发生争执。",
        "{a}与其女婿{b}因老人遗留房屋的继承问题发生矛盾。",
        "{a}与{b}订婚后解除婚约，双方因彩礼返还问题发生纠纷。",
        "{a}与{b}离婚后因子女抚养费支付问题发生纠纷。",
    ],
    "邻里纠纷": [
        "{a}与{b}系邻居，因{b}在公共通道堆放杂物影响通行发生争执。",
        "{a}与{b}因排水沟渠堵塞导致雨水倒灌院内发生矛盾。",
        "{a}家养的狗咬伤{b}，双方就医疗费用赔偿发生争执。",
        "{a}与{b}因房屋装修噪音扰民发生口角。",
    ],
    "房屋宅基地纠纷": [
        "{a}与{b}因宅基地边界发生争执，{b}新建院墙越界约0.5米。",
        "{a}与{b}因房屋翻建滴水檐侵占相邻通道发生纠纷。",
        "{a}与{b}因农村宅基地使用权归属问题发生争议。",
    ],
    "合同纠纷": [
        "{a}与{b}签订房屋租赁合同，因{b}拖欠租金发生纠纷。",
        "{a}向{b}购买农机具，因质量问题要求退货未果发生争议。",
        "{a}与{b}因借款到期未归还发生纠纷。",
    ],
    "生产经营纠纷": ["{a}与{b}合伙经营养殖场，因利润分配问题发生争议。",
                     "{a}承包{b}果园，因收成分成问题发生纠纷。"],
    "损害赔偿纠纷": ["{a}在{b}经营的场所摔伤，双方就赔偿事宜发生争议。",
                     "{b}驾驶农用车撞坏{a}家院墙，双方就赔偿金额发生争执。"],
    "山林土地纠纷": ["{a}与{b}因承包地界址不清发生争执。",
                     "{a}与{b}因土地流转费用支付问题发生纠纷。"],
    "征地拆迁纠纷": ["{a}对村组征地补偿款分配方案有异议，与{b}发生争执。",
                     "{a}与{b}因拆迁安置房屋面积认定发生争议。"],
    "环境污染纠纷": ["{a}反映{b}养殖场粪污排放影响生活，双方发生纠纷。",
                     "{a}与{b}因油烟排放影响居住发生争执。"],
    "劳动争议纠纷": ["{a}在{b}处务工期间受伤，双方就工伤待遇发生争议。",
                     "{a}与{b}因解除劳动关系经济补偿发生纠纷。"],
    "消费纠纷": ["{a}在{b}处购买的家电出现质量问题，要求退换遭拒。",
                 "{a}在{b}处办理预付卡后商家停业，要求退款。"],
    "医疗纠纷": ["{a}在{b}治疗后病情加重，家属对诊疗过程提出异议。",
                 "{a}认为{b}用药不当导致不良反应，要求赔偿。"],
    "道路交通事故纠纷": ["{a}驾驶电动车与{b}驾驶的小型轿车相撞，双方就赔偿发生争议。",
                         "{b}驾车刮倒行人{a}，双方就医疗费及误工费发生纠纷。"],
    "物业纠纷": ["{a}以小区设施维修不及时为由拒交物业费，与{b}发生纠纷。",
                 "{a}车辆在小区内被刮损，要求{b}承担责任。"],
    "拖欠农民工工资纠纷": ["{a}等{c}名务工人员在{b}承建的工地务工，被拖欠工资。",
                           "{a}在{b}处务工，年底结算时被拖欠劳务费。"],
    "旅游纠纷": ["{a}参加{b}组织的旅游团，因行程变更要求退还部分团费。"],
    "电子商务纠纷": ["{a}通过网络平台向{b}购买农产品，因货不对板发生纠纷。"],
    "其他纠纷": ["{a}与{b}因琐事发生口角，引发矛盾。",
                 "{a}与{b}因红白喜事费用分摊发生争执。"],
}
TERMS = [
    "{b}于{deadline}前一次性支付{a}人民币{amount}元。",
    "{b}于{deadline}前拆除越界部分，恢复原状。",
    "双方互谅互让，今后和睦相处，不再因此事发生争执。",
    "{b}向{a}赔礼道歉，并承担相关费用{amount}元。",
    "{b}分两期支付{a}{amount}元，首期于{deadline}前支付。",
]
TERM_NO_AMOUNT = [1, 2]  # indexes of TERMS that need no amount
PERFORMANCE_MANNERS = ["一次性现金支付", "银行转账", "分期支付", "当场履行", "自行履行"]
SATISFACTION = [("满意", 85), ("基本满意", 13), ("不满意", 2)]
RISKS = [("无", 90), ("较低", 9), ("存在反复可能", 1)]
INVESTIGATION_CONTENT = [
    "向当事人了解纠纷起因、经过及诉求，查看现场并拍照留存。",
    "走访周边群众及村组干部，核实双方陈述的基本事实。",
    "查阅相关合同、票据及照片等材料，听取当事人意见。",
]
SESSION_CONTENT = [
    "调解员宣讲相关法律法规，分别听取双方意见，引导双方互谅互让。",
    "组织双方面对面协商，释法说理，提出调解方案供双方参考。",
    "邀请村组干部及双方亲属参与调解，做好情绪疏导工作。",
]
TERMINATION_NOTES = ["当事人一方撤回调解申请",
                     "双方分歧较大，经多次调解未能达成协议，已告知通过诉讼途径解决",
                     "一方当事人拒绝继续调解，已告知可申请仲裁或向法院起诉"]
REJECTION_NOTES = ["一方当事人明确拒绝调解", "纠纷已进入诉讼程序，不属于人民调解受理范围",
                   "属于行政机关处理事项，已引导至相关部门"]
POSITIONS_HEAD = ("主任", "副主任")


def table(pairs: Sequence[tuple[T, float]], size: int = 1000) -> list[T]:
    """A lookup list in which each value appears in proportion to its weight, so
    ``tab[int(rng.random() * len(tab))]`` is a fast weighted choice."""
    total = sum(w for _v, w in pairs)
    out: list[T] = []
    acc = 0.0
    for value, weight in pairs:
        acc += weight
        while len(out) < round(acc / total * size):
            out.append(value)
    return out


def pick(rng: random.Random, tab: Sequence[T]) -> T:
    return tab[int(rng.random() * len(tab))]


SURNAME_TABLE = table(SURNAMES)
ETHNICITY_TABLE = table(ETHNICITIES)
OCCUPATION_TABLE = table(OCCUPATIONS)
REGION_TABLE = table([(DISTRICT_CODE, 170.0), *[(c, float(w)) for c, w in OTHER_REGIONS]])


def person_name(rng: random.Random, male: bool) -> str:
    rnd = rng.random
    chars = MALE_CHARS if male else FEMALE_CHARS
    given = chars[int(rnd() * len(chars))]
    if rnd() < 0.75:
        given = (chars + SHARED_CHARS)[int(rnd() * (len(chars) + len(SHARED_CHARS)))] + given
    return SURNAME_TABLE[int(rnd() * len(SURNAME_TABLE))] + given


def masked(name: str) -> str:
    """张伟 → 张某 (summaries use the surname only)."""
    surname = name[:2] if name[:2] in ("上官", "欧阳") else name[:1]
    return surname + "某"


def phone(rng: random.Random) -> str:
    rnd = rng.random
    return MOBILE_PREFIXES[int(rnd() * len(MOBILE_PREFIXES))] + f"{int(rnd() * 100_000_000):08d}"


_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code(rng: random.Random, region: str = DISTRICT_CODE) -> str:
    """A unified social credit code (GB 32100) with a correct check character."""
    body = "91" + region + "".join(pick(rng, _USCC_CHARS) for _ in range(9))
    total = sum(_USCC_CHARS.index(ch) * w for ch, w in zip(body, _USCC_WEIGHTS, strict=True))
    return body + _USCC_CHARS[(31 - total % 31) % 31]


def company_name(rng: random.Random, type_label: str) -> str:
    kinds = COMPANY_KINDS.get(type_label, COMPANY_DEFAULT)
    return f"{DISTRICT_NAME[:2]}{pick(rng, COMPANY_WORDS)}{pick(rng, kinds)}"


def unique_place_names(rng: random.Random, count: int, suffix: str,
                       taken: set[str]) -> list[str]:
    """``count`` distinct two-character village names plus ``suffix``."""
    names: list[str] = []
    while len(names) < count:
        name = pick(rng, VILLAGE_FIRST) + pick(rng, VILLAGE_SECOND)
        if name[0] != name[1] and name not in taken:
            taken.add(name)
            names.append(name + suffix)
    return names
