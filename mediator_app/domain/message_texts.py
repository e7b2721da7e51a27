"""The problem texts themselves: every code with the params its callers supply
(``KNOWN_CODES``) and its Chinese and English templates. ``domain.messages`` renders
them; the feature-specific tables (packages, old ledgers) are merged in there."""

from __future__ import annotations

Templates = tuple[str, ...]

# code -> params callers should supply (in addition to the problem's field)
KNOWN_CODES: dict[str, tuple[str, ...]] = {
    # generic, used by import and storage
    "required": (),
    "negative": ("value",),
    "date.invalid": ("value",),
    "unknown_code": ("value", "table"),
    "duplicate": ("value",),
    "enum.invalid": ("value", "allowed"),
    "csv.header_missing": ("columns",),
    "csv.header_unknown": ("columns",),
    "csv.empty_file": (),
    "csv.encoding": (),
    "csv.truncated": (),
    "int.invalid": ("value",),
    "int.range": ("value", "min", "max"),
    "decimal.invalid": ("value",),
    "decimal.precision": ("value",),
    "amount.too_large": ("value", "max"),
    "bool.invalid": ("value",),
    "datetime.invalid": ("value",),
    "uuid.invalid": ("value",),
    "case_no.duplicate": ("case_no", "committee", "year"),
    "case_no.template_mismatch": ("value", "example"),
    "org.parent_missing": ("value",),
    "org.level_order": ("level", "parent_level"),
    "db.too_new": ("db_version", "app_version"),
    # idnumber
    "id.length": ("length",),
    "id.chars": (),
    "id.birth_date": ("value",),
    "id.checksum": ("expected",),
    # status
    "status.transition": ("from", "to"),
    "status.unexpected_date": ("status", "value"),
    "status.reason_required": ("to",),
    "dates.accepted_before_received": ("accepted_on", "received_on"),
    "dates.closed_before_accepted": ("closed_on", "accepted_on"),
    "dates.closed_before_received": ("closed_on", "received_on"),
    "dates.judicial_before_closed": ("judicial_confirmed_on", "closed_on"),
    "dates.future": ("value", "today"),
    "agreement.not_resolved": ("status",),
    "judicial.requires_written": (),
    # casenumber
    "template.unknown_placeholder": ("name",),
    "template.missing_placeholder": ("name",),
    "template.invalid": ("value",),
    # periods
    "period.invalid": ("value",),
    # organisation
    "in_use": ("value",),
    # code tables (services.cases.code_tables)
    "code_item.code_invalid": ("value", "max"),
    "code_item.label_taken": ("value", "other"),
    "code_item.label_taken_inactive": ("value", "other"),
    "code_item.last_active": ("value", "table"),
    # settings (services.settings)
    "district_code.invalid": ("value",),
    # file import (services.csv_io and the importers)
    "csv.field_count": ("actual", "expected"),
    "csv.malformed": ("detail",),
    "csv.unreadable": ("detail",),
    "csv.duplicate_column": ("columns",),
    "csv.unknown_kind": ("columns",),
    "duplicate_in_file": ("value", "other_line"),
    "case_no.duplicate_in_file": ("case_no", "other_file", "other_line"),
    "grid.not_grid": ("value", "level"),
    "org.cycle": ("value",),
    "org.child_level": ("level", "child", "child_level"),
    "import.too_many_errors": ("total", "shown"),
    "import.nothing_written": (),
    # exchange packages
    "package.damaged": ("detail",),
    "package.no_manifest": (),
    "package.bad_manifest": ("detail",),
    "package.format": ("value",),
    "package.version": ("value", "supported"),
    "package.unknown_file": ("file",),
    "package.missing_file": ("file",),
    "package.unlisted_file": ("file",),
    "package.hash_mismatch": ("file",),
    "package.row_count": ("file", "actual", "expected"),
    "package.bad_rows": ("file", "detail"),
    # case documents (services.cases.documents)
    "case.not_found": ("value",),
    "case.ambiguous": ("value", "committees"),
    "case.changed_elsewhere": ("case_no", "stored_at"),
    "document.unknown_kind": ("value", "allowed"),
    "document.no_written_agreement": ("case_no", "document"),
    "document.no_oral_agreement": ("case_no", "document"),
    "document.no_follow_ups": ("case_no", "document"),
    # monthly review and submission (services.statistics.submissions)
    "submission.month_required": ("value",),
    "submission.future_period": ("value",),
    "subsidy.nothing_to_pay": ("scope", "period"),
    "subsidy.paid_elsewhere": ("detail",),
    "subsidy.rules_paid": ("date", "claim"),
    "subsidy.rate_twice": ("line",),
    "subsidy.rate_syntax": ("value",),
    "submission.not_submitted": ("scope", "value"),
    "submission.not_reviewed": ("scope", "value"),
    "submission.review_outdated": ("scope", "value", "version", "n"),
    "submission.already_submitted": ("scope", "value", "version"),
}

ZH: dict[str, Templates] = {
    "required": ("状态为“{status}”的案件必须填写“{field}”。", "请填写“{field}”。"),
    "negative": ("“{field}”不能是负数（现为 {value}）。", "“{field}”不能是负数。"),
    "date.invalid": ("日期“{value}”无效，应为 年-月-日，如 2023-05-01。",),
    "unknown_code": ("代码“{value}”不在{table}中。", "代码“{value}”不存在。"),
    "duplicate": ("{field}“{value}”已存在，不能重复。", "“{field}”有重复。"),
    "enum.invalid": (
        "“{value}”不是有效的{field}，可填：{allowed}。",
        "“{value}”不是有效的{field}。",
    ),
    "csv.header_missing": ("文件缺少以下列：{columns}。", "文件缺少必需的列。"),
    "csv.header_unknown": ("文件中有无法识别的列：{columns}。", "文件中有无法识别的列。"),
    "csv.empty_file": ("文件是空的，没有任何数据。",),
    "csv.encoding": ("无法识别文件的编码，请在 Excel 中另存为“CSV UTF-8（逗号分隔）”后再导入。",),
    "csv.truncated": (
        "文件在第 {line} 行处不完整，可能没有保存完整，请重新导出后再导入。",
        "文件不完整，可能没有保存完整，请重新导出后再导入。",
    ),
    "int.invalid": ("“{value}”不是整数，请填写如 3 这样的数字。",),
    "int.range": (
        "“{field}”应为 {min} 到 {max} 之间的整数（现为 {value}）。",
        "“{field}”应为不小于 {min} 的整数（现为 {value}）。",
    ),
    "district_code.invalid": ("行政区划代码“{value}”应为 6 位数字，如 610114。",),
    "decimal.invalid": ("“{value}”不是有效的数字，应如 1234.56。",),
    "decimal.precision": ("金额“{value}”最多保留两位小数（分）。",),
    "amount.too_large": ("金额“{value}”超出上限：涉及金额最多 {max} 元。",),
    "bool.invalid": ("“{value}”不是有效的是/否值，请填 是 或 否（也可填 1 或 0）。",),
    "datetime.invalid": ("时间“{value}”无效，应为 年-月-日 时:分:秒，如 2023-05-01 08:30:00。",),
    "uuid.invalid": ("“{value}”不是有效的案件标识（UUID）。",),
    "case_no.duplicate": (  # committee_name (optional) is preferred to the code
        "案号“{case_no}”已被{committee_name}在 {year} 年使用，同一调委会同一年的案号不能重复。",
        "案号“{case_no}”已被调委会 {committee} 在 {year} 年使用，同一调委会同一年的案号不能重复。",
        "案号“{case_no}”已被使用。",
    ),
    "case_no.template_mismatch": (
        "案号“{value}”不符合本调委会的案号格式（如 {example}）。",
        "案号“{value}”不符合案号模板。",
    ),
    "org.parent_missing": (
        "上级单位“{parent_code}”不存在。",
        "上级单位“{value}”不存在。",
        "找不到上级单位。",
    ),
    "org.level_order": (
        "“{level}”不能隶属于“{parent_level}”：下级单位的层级必须低于上级单位。",
        "下级单位的层级必须低于上级单位（区 › 街道 › 村/社区 › 网格）。",
    ),
    "db.too_new": (
        "数据库版本（{db_version}）比本程序支持的版本（{app_version}）新，请先升级本程序再打开。",
        "数据库是由更新版本的程序创建的，请先升级本程序再打开。",
    ),
    "id.length": ("身份证号码应为 18 位，现为 {length} 位。", "身份证号码应为 18 位。"),
    "id.chars": ("身份证号码的前 17 位应为数字，最后一位为数字或 X。",),
    "id.birth_date": (
        "身份证号码中的出生日期“{value}”无效（应为 1850 年以后、不晚于今天的日期）。",
        "身份证号码中的出生日期无效。",
    ),
    "id.checksum": (
        "身份证号码校验位不对：按前 17 位计算，最后一位应为“{expected}”，请核对号码。",
        "身份证号码校验位不对，请核对号码。",
    ),
    "status.transition": ("案件状态不能从“{from}”改为“{to}”。",),
    "status.unexpected_date": (
        "状态为“{status}”的案件不应填写“{field}”（现为 {value}）。",
        "状态为“{status}”的案件不应填写“{field}”。",
    ),
    "status.reason_required": ("将案件改为“{to}”时须填写原因。", "请填写原因。"),
    "dates.accepted_before_received": (
        "受理日期（{accepted_on}）不能早于登记日期（{received_on}）。",
        "受理日期不能早于登记日期。",
    ),
    "dates.closed_before_accepted": (
        "结案日期（{closed_on}）不能早于受理日期（{accepted_on}）。",
        "结案日期不能早于受理日期。",
    ),
    "dates.closed_before_received": (
        "结案日期（{closed_on}）不能早于登记日期（{received_on}）。",
        "结案日期不能早于登记日期。",
    ),
    "dates.judicial_before_closed": (
        "司法确认日期（{judicial_confirmed_on}）不能早于结案日期（{closed_on}）。",
        "司法确认日期不能早于结案日期。",
    ),
    "dates.future": (
        "“{field}”（{value}）不能晚于今天（{today}）。",
        "“{field}”不能晚于今天。",
    ),
    "agreement.not_resolved": (
        "只有调解成功的案件才填写协议形式，本案状态为“{status}”。",
        "只有调解成功的案件才填写协议形式。",
    ),
    "judicial.requires_written": ("只有调解成功并达成书面协议的案件才能司法确认。",),
    "template.unknown_placeholder": (
        "案号模板中的“{{{name}}}”无法识别，可用：{{year}} {{short}} {{serial}} {{committee}}。",
    ),
    "template.missing_placeholder": ("案号模板必须包含“{{{name}}}”。",),
    "template.invalid": (
        "案号模板“{value}”格式不对，应如 （{{year}}）{{short}}人调字第{{serial}}号。",
    ),
    "period.invalid": (
        "统计期间“{value}”无效，可填 2023、2023-05、2023-Q2 或 2023-01-01..2023-03-31。",
    ),
    "in_use": (
        "“{value}”已被 {count} 件案件使用，不能删除；如不再使用，请改为“停用”。",
        "“{value}”已被案件或其他记录使用，不能删除；如不再使用，请改为“停用”。",
        "已被使用，不能删除；请改为“停用”。",
    ),
    "code_item.code_invalid": (
        "代码“{value}”只能由字母和数字组成，最多 {max} 个字符。",
    ),
    "code_item.label_taken": (
        "名称“{value}”已被代码 {other} 使用，同一代码表中的名称不能重复。",
    ),
    "code_item.label_taken_inactive": (
        "名称“{value}”已被已停用的代码 {other} 使用；请重新启用该条目，或换一个名称。",
    ),
    "code_item.last_active": (
        "“{value}”是{table}中最后一个启用的条目，停用后新案件将无从选择；请先新增或启用其他条目。",
    ),
    "csv.field_count": (
        "这一行有 {actual} 列，表头有 {expected} 列，列数不一致（可能有未加引号的逗号）。",
    ),
    "csv.malformed": ("这一行无法按 CSV 格式读取：{detail}。",),
    "csv.unreadable": ("无法读取文件：{detail}。",),
    "csv.duplicate_column": ("表头中这些列出现了不止一次：{columns}。",),
    "csv.unknown_kind": (
        "无法根据表头判断文件类型（组织机构、调委会或人员）；表头为：{columns}。",
    ),
    "duplicate_in_file": ("“{field}”的值“{value}”与本文件第 {other_line} 行重复。",),
    "case_no.duplicate_in_file": (
        "案号“{case_no}”与{other_file}第 {other_line} 行重复（同一调委会同一年的案号不能重复）。",
    ),
    "grid.not_grid": ("“{value}”是{level}，不是网格；这里必须填写网格代码。",),
    "org.cycle": ("单位“{value}”不能是自己的上级。",),
    "org.child_level": ("改为“{level}”后，下级单位“{child}”（{child_level}）不再低于它。",),
    "import.too_many_errors": ("共发现 {total} 处错误，只列出前 {shown} 处。没有导入任何数据。",),
    "import.nothing_written": ("导入失败，数据库没有任何改动。",),
    "package.damaged": ("数据包已损坏或不完整（{detail}），请让对方重新导出。",),
    "package.no_manifest": ("这不是调解台账数据包：缺少 manifest.json。",),
    "package.bad_manifest": ("数据包的 manifest.json 无法读取（{detail}）。",),
    "package.format": ("这不是调解台账数据包（格式为“{value}”）。",),
    "package.version": (
        "数据包格式版本 {value} 不受支持（本程序支持版本 {supported}），请升级本程序。",
    ),
    "package.unknown_file": ("数据包中的文件“{file}”不是已知的文件。",),
    "package.missing_file": ("数据包缺少文件“{file}”，可能不完整。",),
    "package.unlisted_file": (
        "数据包中的文件“{file}”没有列在 manifest.json 中，数据包可能被改动过。",
    ),
    "package.hash_mismatch": (
        "数据包中的“{file}”与 manifest.json 记录的校验值（SHA-256）不符：文件已损坏或被改动过。",
    ),
    "package.row_count": ("“{file}”有 {actual} 行数据，manifest.json 记录为 {expected} 行。",),
    "package.bad_rows": ("“{file}”的数据无法写入：{detail}。",),
    "case.not_found": (
        "找不到案件“{value}”：请填写案号（如 （2023）幸人调字第1号）或案件标识（UUID）。",
    ),
    "case.ambiguous": ("案号“{value}”对应多个案件（{committees}），请改用案件标识（UUID）。",),
    "case.changed_elsewhere": (
        "案件 {case_no} 在您打开之后已被其他人保存（{stored_at}），您的修改没有保存，"
        "以免覆盖对方的修改。",
        "案件在您打开之后已被其他人保存，您的修改没有保存。",
    ),
    "document.unknown_kind": ("没有“{value}”这种文书，可选：{allowed}。",),
    "document.no_written_agreement": (
        "案件 {case_no} 没有书面调解协议，不能打印“{document}”。",
    ),
    "document.no_oral_agreement": ("案件 {case_no} 没有口头调解协议，不能打印“{document}”。",),
    "document.no_follow_ups": ("案件 {case_no} 还没有回访记录，不能打印“{document}”。",),
    "submission.month_required": (
        "审核上报按月进行：统计期间“{value}”不是一个月份，应如 2023-05。",
    ),
    "submission.future_period": ("{value} 还没有开始，不能审核上报。",),
    "subsidy.nothing_to_pay": ("{scope} {period} 没有可以发放补助的新案件。",),
    "subsidy.paid_elsewhere": ("有案件刚被另一次申报标记为已发放，请重新计算后再试（{detail}）。",),
    "subsidy.rules_paid": (
        "{date} 起的补助规则已用于已发放的申报（{claim}），不能修改；请另加一个以后生效的规则。",),
    "subsidy.rate_twice": ("补助标准第 {line} 行与前面一行重复（同一难易程度、协议形式和档次）。",),
    "subsidy.rate_syntax": (
        "补助标准“{value}”的格式不对，应为 难易程度代码[/协议形式[/最少人数[/最低金额]]]=元，如 2=100。",),
    "submission.not_submitted": ("{scope} {value} 还没有上报，没有可比较的上报数据。",),
    "submission.not_reviewed": (
        "{scope} {value} 的数据还没有审核，不能上报：请先审核，再上报。",
    ),
    "submission.review_outdated": (
        "{scope} {value} 的数据在审核（第{version}版）之后有变化（{n} 项），不能上报："
        "请重新审核后再上报。",
    ),
    "submission.already_submitted": (
        "{scope} {value} 的第{version}版已经上报；要再次上报，请先重新审核。",
    ),
}

EN: dict[str, Templates] = {
    "required": ("{field} is required for a case in status “{status}”.", "{field} is required."),
    "negative": ("{field} cannot be negative (it is {value}).", "{field} cannot be negative."),
    "date.invalid": ("Date “{value}” is not valid; use year-month-day, e.g. 2023-05-01.",),
    "unknown_code": (
        "Code “{value}” is not among the {table}.",
        "Code “{value}” does not exist.",
    ),
    "duplicate": ("{field} “{value}” already exists.", "{field} has duplicates."),
    "enum.invalid": (
        "“{value}” is not a valid {field}; allowed: {allowed}.",
        "“{value}” is not a valid {field}.",
    ),
    "csv.header_missing": (
        "The file lacks these columns: {columns}.",
        "The file lacks required columns.",
    ),
    "csv.header_unknown": (
        "The file has columns that are not recognised: {columns}.",
        "The file has columns that are not recognised.",
    ),
    "csv.empty_file": ("The file is empty.",),
    "csv.encoding": (
        "The file's encoding is not recognised; save it as “CSV UTF-8” and import it again.",
    ),
    "csv.truncated": (
        "The file is incomplete at line {line}; export it again and re-import.",
        "The file is incomplete; export it again and re-import.",
    ),
    "int.invalid": ("“{value}” is not a whole number.",),
    "int.range": (
        "{field} must be a whole number from {min} to {max} (it is {value}).",
        "{field} must be a whole number of at least {min} (it is {value}).",
    ),
    "district_code.invalid": ("District code “{value}” is not 6 digits, e.g. 610114.",),
    "decimal.invalid": ("“{value}” is not a valid number, e.g. 1234.56.",),
    "decimal.precision": ("Amount “{value}” has more than two decimals.",),
    "amount.too_large": ("Amount “{value}” is too large: at most {max} yuan.",),
    "bool.invalid": ("“{value}” is not a yes/no value; use 是 or 否 (or 1 or 0).",),
    "datetime.invalid": (
        (
            "Time “{value}” is not valid; use year-month-day hour:minute:second, "
            "e.g. 2023-05-01 08:30:00."
        ),
    ),
    "uuid.invalid": ("“{value}” is not a valid case identifier (UUID).",),
    "case_no.duplicate": (
        "Case number “{case_no}” is already used by {committee_name} in {year}.",
        "Case number “{case_no}” is already used by committee {committee} in {year}.",
        "Case number “{case_no}” is already used.",
    ),
    "case_no.template_mismatch": (
        "Case number “{value}” does not follow the committee's template (e.g. {example}).",
        "Case number “{value}” does not follow the case-number template.",
    ),
    "org.parent_missing": (
        "Parent unit “{parent_code}” does not exist.",
        "Parent unit “{value}” does not exist.",
        "The parent unit does not exist.",
    ),
    "org.level_order": (
        (
            "A unit of level “{level}” cannot belong to a “{parent_level}”: "
            "a child must be below its parent."
        ),
        "A unit must be below its parent (district › street › village/community › grid).",
    ),
    "db.too_new": (
        (
            "The database (version {db_version}) is newer than this program supports "
            "({app_version}); upgrade the program first."
        ),
        "The database was made by a newer version of the program; upgrade it first.",
    ),
    "id.length": (
        "An ID number has 18 characters, not {length}.",
        "An ID number has 18 characters.",
    ),
    "id.chars": ("An ID number is 17 digits followed by a digit or X.",),
    "id.birth_date": (
        (
            "The birth date “{value}” in the ID number is not valid "
            "(it must be from 1850 on and not after today)."
        ),
        "The birth date in the ID number is not valid.",
    ),
    "id.checksum": (
        (
            "The ID number's check character is wrong: from the first 17 digits it should be "
            "“{expected}”. Please check the number."
        ),
        "The ID number's check character is wrong. Please check the number.",
    ),
    "status.transition": ("A case cannot go from “{from}” to “{to}”.",),
    "status.unexpected_date": (
        "A case in status “{status}” should not have {field} (it is {value}).",
        "A case in status “{status}” should not have {field}.",
    ),
    "status.reason_required": (
        "A reason is required to set a case to “{to}”.",
        "A reason is required.",
    ),
    "dates.accepted_before_received": (
        "The acceptance date ({accepted_on}) is before the registration date ({received_on}).",
        "The acceptance date is before the registration date.",
    ),
    "dates.closed_before_accepted": (
        "The closing date ({closed_on}) is before the acceptance date ({accepted_on}).",
        "The closing date is before the acceptance date.",
    ),
    "dates.closed_before_received": (
        "The closing date ({closed_on}) is before the registration date ({received_on}).",
        "The closing date is before the registration date.",
    ),
    "dates.judicial_before_closed": (
        (
            "The judicial confirmation date ({judicial_confirmed_on}) is before the closing date "
            "({closed_on})."
        ),
        "The judicial confirmation date is before the closing date.",
    ),
    "dates.future": ("{field} ({value}) is after today ({today}).", "{field} is after today."),
    "agreement.not_resolved": (
        "Only resolved cases have an agreement form; this case is “{status}”.",
        "Only resolved cases have an agreement form.",
    ),
    "judicial.requires_written": (
        "Only resolved cases with a written agreement can be judicially confirmed.",
    ),
    "template.unknown_placeholder": (
        (
            "The case-number template has an unknown placeholder “{{{name}}}”; "
            "available: {{year}} {{short}} {{serial}} {{committee}}."
        ),
    ),
    "template.missing_placeholder": ("The case-number template must contain “{{{name}}}”.",),
    "template.invalid": (
        "The case-number template “{value}” is malformed; e.g. （{{year}}）{{short}}人调字第{{serial}}号.",
    ),
    "period.invalid": (
        "Period “{value}” is not valid; use 2023, 2023-05, 2023-Q2 or 2023-01-01..2023-03-31.",
    ),
    "in_use": (
        "“{value}” is used by {count} cases and cannot be deleted; deactivate it instead.",
        "“{value}” is used by cases or other records and cannot be deleted; deactivate it instead.",
        "It is in use and cannot be deleted; deactivate it instead.",
    ),
    "code_item.code_invalid": (
        "Code “{value}” may contain only letters and digits, at most {max} characters.",
    ),
    "code_item.label_taken": (
        "The name “{value}” is already used by code {other}; names in a code table must be unique.",
    ),
    "code_item.label_taken_inactive": (
        "The name “{value}” is already used by the deactivated code {other}; reactivate that "
        "entry or choose another name.",
    ),
    "code_item.last_active": (
        "“{value}” is the last active entry of the {table}; new cases would have nothing to "
        "choose. Add or reactivate another entry first.",
    ),
    "csv.field_count": ("This row has {actual} fields but the header has {expected}.",),
    "csv.malformed": ("This row cannot be read as CSV: {detail}.",),
    "csv.unreadable": ("The file cannot be read: {detail}.",),
    "csv.duplicate_column": (
        "These columns appear more than once in the header: {columns}.",
    ),
    "csv.unknown_kind": (
        "The header does not match org units, committees or people; it is: {columns}.",
    ),
    "duplicate_in_file": ("{field} “{value}” repeats line {other_line} of this file.",),
    "case_no.duplicate_in_file": (
        "Case number “{case_no}” repeats line {other_line} of {other_file}.",
    ),
    "grid.not_grid": ("“{value}” is a {level}, not a grid; a grid code is required here.",),
    "org.cycle": ("Unit “{value}” cannot be its own parent.",),
    "org.child_level": (
        "As a “{level}”, it is no longer above its child “{child}” ({child_level}).",
    ),
    "import.too_many_errors": (
        "{total} problems found; the first {shown} are listed. Nothing was imported.",
    ),
    "import.nothing_written": ("The import failed; the database is unchanged.",),
    "package.damaged": (
        "The package is damaged or incomplete ({detail}); ask for a new export.",
    ),
    "package.no_manifest": ("This is not a ledger package: manifest.json is missing.",),
    "package.bad_manifest": ("The package's manifest.json cannot be read ({detail}).",),
    "package.format": ("This is not a ledger package (format “{value}”).",),
    "package.version": (
        (
            "Package format version {value} is not supported (this program reads "
            "version {supported}); upgrade the program."
        ),
    ),
    "package.unknown_file": ("The package lists an unknown file “{file}”.",),
    "package.missing_file": ("The package lacks “{file}”; it may be incomplete.",),
    "package.unlisted_file": (
        "“{file}” is not listed in manifest.json; the package may have been edited.",
    ),
    "package.hash_mismatch": (
        (
            "“{file}” does not match its SHA-256 in manifest.json: the package is "
            "damaged or was edited."
        ),
    ),
    "package.row_count": ("“{file}” has {actual} rows; manifest.json says {expected}.",),
    "package.bad_rows": ("The rows of “{file}” cannot be written: {detail}.",),
    "case.not_found": (
        "No case “{value}”: give a case number (e.g. （2023）幸人调字第1号) or a case UUID.",
    ),
    "case.ambiguous": (
        "Case number “{value}” belongs to several cases ({committees}); use the case UUID.",
    ),
    "case.changed_elsewhere": (
        (
            "Case {case_no} was saved by someone else ({stored_at}) after you opened it; "
            "your changes were not saved, so as not to overwrite theirs."
        ),
        "The case was saved by someone else after you opened it; your changes were not saved.",
    ),
    "document.unknown_kind": ("There is no document “{value}”; choose one of {allowed}.",),
    "document.no_written_agreement": (
        "Case {case_no} has no written agreement, so “{document}” cannot be printed.",
    ),
    "document.no_oral_agreement": (
        "Case {case_no} has no oral agreement, so “{document}” cannot be printed.",
    ),
    "document.no_follow_ups": (
        "Case {case_no} has no follow-up visits yet, so “{document}” cannot be printed.",
    ),
    "submission.month_required": (
        "Review and submission are monthly: “{value}” is not a month; use e.g. 2023-05.",
    ),
    "submission.future_period": (
        "{value} has not begun yet; it cannot be reviewed or submitted.",
    ),
    "subsidy.nothing_to_pay": ("{scope} {period} has no new case to pay.",),
    "subsidy.paid_elsewhere": (
        "A case was just marked paid by another claim; compute again and retry ({detail}).",),
    "subsidy.rules_paid": (
        "The subsidy rules from {date} were used by a claim already paid ({claim}) and "
        "cannot change; add rules taking effect later instead.",),
    "subsidy.rate_twice": (
        "Rate line {line} repeats an earlier line (same class, agreement form and band).",),
    "subsidy.rate_syntax": (
        "The rate “{value}” is not in the form CLASS[/FORM[/MIN_PEOPLE[/MIN_AMOUNT]]]=YUAN, "
        "e.g. 2=100.",),
    "submission.not_submitted": (
        "{scope} has not submitted {value}: there is nothing to compare with.",
    ),
    "submission.not_reviewed": (
        (
            "The figures of {scope} for {value} have not been reviewed, so they cannot be "
            "submitted: review them first, then submit."
        ),
    ),
    "submission.review_outdated": (
        (
            "The figures of {scope} for {value} changed after the review (version "
            "{version}; {n} figures differ), so they cannot be submitted: review them "
            "again first."
        ),
    ),
    "submission.already_submitted": (
        (
            "Version {version} of {scope} for {value} has been submitted already; review "
            "again before submitting again."
        ),
    ),
}
