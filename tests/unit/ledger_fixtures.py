"""Old ledgers as committees keep them, made by script (never by hand): a merged title
row and a line "填报单位 …" above the header, the office's own column names and words
for statuses, dates as Excel dates, serial numbers and typed text, parties in one cell
("张三、李四"), a date merged over two rows. Written as .xlsx (XlsxWriter), .xls (xlwt),
.ods (odfpy) or GBK CSV; ``MAPPING`` is the mapping a user would make for them.

Run as a script to write a sample: ``python tests/unit/ledger_fixtures.py OUT.xlsx [N]``.
"""

from __future__ import annotations

import csv
import random
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

SHEET = "2023年台账"
HEADER_ROW = 3
HEADERS = ["序号", "编号", "受理日期", "当事人", "纠纷类型", "纠纷简要情况", "调解结果",
           "协议形式", "结案日期", "网格", "来源", "涉及金额（元）", "备注"]
TITLE = "东村人民调解委员会矛盾纠纷排查调处台账（2023年度）"
SUBTITLE = "填报单位：东村人民调解委员会            填报人：王会计"
# the office's words -> our labels
STATUS_WORDS = {"已调解": "调解成功", "调解成功": "调解成功", "成功": "调解成功",
                "调解不成": "调解终止", "未成功": "调解终止", "正在调解": "调解中"}
TYPE_WORDS = {"邻里": "邻里纠纷", "婚姻家庭": "婚姻家庭纠纷", "房屋宅基地": "房屋宅基地纠纷",
              "劳动争议": "劳动争议纠纷", "物业": "物业纠纷", "其他": "其他纠纷"}
SOURCE_WORDS = {"排查": "排查发现", "申请": "当事人申请", "": ""}


def mapping(committee: str, grid_column: bool = True) -> dict[str, Any]:
    """The mapping file a user writes for these workbooks (shape of issue 12)."""
    columns = {"编号": "case_no", "受理日期": "received_on", "纠纷类型": "dispute_type",
               "调解结果": "status", "结案日期": "closed_on", "协议形式": "agreement_form",
               "当事人": "parties", "纠纷简要情况": "summary", "来源": "source",
               "涉及金额（元）": "amount_yuan"}
    if grid_column:
        columns["网格"] = "grid_code"
    return {"sheet": SHEET, "header_row": HEADER_ROW, "columns": columns,
            "values": {"status": dict(STATUS_WORDS), "dispute_type": dict(TYPE_WORDS),
                       "source": {k: v for k, v in SOURCE_WORDS.items() if k}},
            "defaults": {"committee_code": committee, "source": "排查发现"}}


SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静强磊洋艳勇军杰娟涛明超秀霞平刚"
SUMMARIES = ["邻居因排水沟堵塞发生争执", "夫妻因子女抚养问题产生矛盾", "租户拖欠房租三个月",
             "工地拖欠农民工工资", "宅基地界址不清引发争议", "物业费收取标准有争议",
             "噪音扰民多次协商未果"]


@dataclass
class LedgerCase:
    """One row as the office wrote it, and what it means."""

    number: str
    received: date
    received_cell: Any  # date (an Excel date), int (a serial number) or str (typed)
    parties: str
    type_word: str
    summary: str
    status_word: str
    form: str
    closed: date | None
    grid: str
    source_word: str
    amount: float | str


def _date_forms(day: date, n: int) -> Any:
    forms: list[Any] = [day, (day - date(1899, 12, 30)).days, f"{day.year}-{day.month}-{day.day}",
                        f"{day:%Y/%m/%d}", f"{day.year}.{day.month}.{day.day}",
                        f"{day.year}年{day.month}月{day.day}日"]
    return forms[n % len(forms)]


def make_cases(n: int, grid: str, seed: int = 7, year: int = 2023) -> list[LedgerCase]:
    rng = random.Random(seed)
    out = []
    start = date(year, 1, 3)
    span = max((min(date(year, 12, 20), date.today() - timedelta(days=40)) - start).days, 1)
    seps = ["、", "，", " ", ","]
    for i in range(n):
        received = start + timedelta(days=(i * span) // max(n, 1))
        names = ["".join([rng.choice(SURNAMES), rng.choice(GIVEN), rng.choice(GIVEN)])
                 for _ in range(rng.choice((1, 2, 2, 2, 3)))]
        names = list(dict.fromkeys(names))
        status_word = rng.choice(list(STATUS_WORDS))
        status = STATUS_WORDS[status_word]
        closed = received + timedelta(days=rng.randint(0, 20)) if status != "调解中" else None
        form = rng.choice(["书面", "口头"]) if status == "调解成功" else ""
        out.append(LedgerCase(
            number=f"东村调〔{year}〕{i + 1}号", received=received,
            received_cell=_date_forms(received, i), parties=seps[i % 4].join(names),
            type_word=rng.choice(list(TYPE_WORDS)), summary=rng.choice(SUMMARIES),
            status_word=status_word, form=form, closed=closed, grid=grid if i % 3 else "",
            source_word=rng.choice(["排查", "申请", ""]),
            amount=rng.choice([0, 1200.5, 3000, "", 86.3])))
    return out


def _cells(case: LedgerCase, i: int) -> list[Any]:
    closed: Any = ""
    if case.closed is not None:
        closed = case.closed if i % 2 else f"{case.closed.year}年{case.closed.month}月" \
                                            f"{case.closed.day}日"
    return [i + 1, case.number, case.received_cell, case.parties, case.type_word,
            case.summary, case.status_word, case.form, closed, case.grid, case.source_word,
            case.amount, "回访满意" if i % 5 == 0 else ""]


def write_xlsx(path: Path, cases: list[LedgerCase], *, merge_dates: bool = True) -> Path:
    """A merged title, a 填报单位 line, the header on row 3; the received date of rows 4
    and 5 merged into one cell when both cases were received on the same day."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    book.add_worksheet("说明").write(0, 0, "本工作簿第二张表为台账")
    sheet = book.add_worksheet(SHEET)
    title = book.add_format({"bold": True, "align": "center"})
    day = book.add_format({"num_format": "yyyy年m月d日"})
    sheet.merge_range(0, 0, 0, len(HEADERS) - 1, TITLE, title)
    sheet.merge_range(1, 0, 1, len(HEADERS) - 1, SUBTITLE)
    sheet.write_row(HEADER_ROW - 1, 0, HEADERS, title)
    skip: set[int] = set()
    if merge_dates and len(cases) > 1:
        cases[1].received = cases[0].received
        cases[1].received_cell = cases[0].received_cell
        first = HEADER_ROW
        value = cases[0].received_cell
        if isinstance(value, date):
            sheet.merge_range(first, 2, first + 1, 2, None, day)
            sheet.write_datetime(first, 2, value, day)  # type: ignore[arg-type]
        else:
            sheet.merge_range(first, 2, first + 1, 2, value)
        skip = {0, 1}
    for i, case in enumerate(cases):
        row = HEADER_ROW + i
        for col, value in enumerate(_cells(case, i)):
            if col == 2 and i in skip:
                continue
            if isinstance(value, date):
                sheet.write_datetime(row, col, value, day)  # type: ignore[arg-type]
            elif value == "":
                continue
            else:
                sheet.write(row, col, value)
    book.close()
    return path


def write_xls(path: Path, cases: list[LedgerCase]) -> Path:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    book.add_sheet("说明").write(0, 0, "本工作簿第二张表为台账")
    sheet = book.add_sheet(SHEET)
    day = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    sheet.write_merge(0, 0, 0, len(HEADERS) - 1, TITLE)
    sheet.write_merge(1, 1, 0, len(HEADERS) - 1, SUBTITLE)
    for col, text in enumerate(HEADERS):
        sheet.write(HEADER_ROW - 1, col, text)
    for i, case in enumerate(cases):
        for col, value in enumerate(_cells(case, i)):
            if isinstance(value, date):
                sheet.write(HEADER_ROW + i, col, value, day)
            elif value != "":
                sheet.write(HEADER_ROW + i, col, value)
    book.save(str(path))
    return path


def write_ods(path: Path, cases: list[LedgerCase]) -> Path:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    table = Table(name=SHEET)

    def cell(value: Any) -> TableCell:
        if isinstance(value, date):
            c = TableCell(valuetype="date", datevalue=value.isoformat())
        elif isinstance(value, int | float) and not isinstance(value, bool):
            c = TableCell(valuetype="float", value=value)
        else:
            c = TableCell(valuetype="string")
        if value != "":
            c.addElement(P(text=str(value)))
        return c

    rows = [[TITLE], [SUBTITLE], HEADERS] + [_cells(c, i) for i, c in enumerate(cases)]
    for values in rows:
        tr = TableRow()
        for value in values:
            tr.addElement(cell(value))
        table.addElement(tr)
    doc.spreadsheet.addElement(table)
    doc.save(str(path))
    return path


def write_gbk_csv(path: Path, cases: list[LedgerCase]) -> Path:
    """What Excel writes for "CSV (逗号分隔)" on a Chinese Windows: GBK, the title rows
    kept as rows with one cell."""
    with path.open("w", encoding="gbk", newline="") as fh:
        out = csv.writer(fh, lineterminator="\r\n")
        out.writerow([TITLE])
        out.writerow([SUBTITLE])
        out.writerow(HEADERS)
        for i, case in enumerate(cases):
            out.writerow([v.isoformat() if isinstance(v, date) else v
                          for v in _cells(case, i)])
    return path


if __name__ == "__main__":
    target = Path(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    made = make_cases(count, "610114001001001")
    {".xls": write_xls, ".ods": write_ods, ".csv": write_gbk_csv}.get(
        target.suffix.lower(), write_xlsx)(target, made)
    print(target)
