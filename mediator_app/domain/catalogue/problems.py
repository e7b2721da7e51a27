# ruff: noqa: E501  (message tables: one sentence per line)
"""Problems of the domain, the importers and the exchange packages: each code with the
params its callers supply (``PARAMS``) and its templates (``PROBLEMS``: Chinese, English).
The first template whose placeholders are all available is used, so optional params only
make the sentence more precise (``domain.messages.message`` renders them)."""

from __future__ import annotations

# code -> params callers should supply (in addition to the problem's field)
PARAMS: dict[str, tuple[str, ...]] = {
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
    "package.workbook": (),
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
    # exchange packages and CSV hardening (issue 8 items 8 and 11)
    "package.duplicate_member": ("file",),
    "package.manifest_too_big": ("size", "limit"),
    "package.too_big": ("file", "size", "limit"),
    "package.ratio": ("file", "ratio", "limit"),
    "package.size_mismatch": ("file", "declared", "listed"),
    "package.version_type": ("value",),
    "datetime.future": ("value", "limit"),
    "text.control": ("char", "name"),
    # ledger import (services.ledger_import.importer, ledger_mapping, ledger_read)
    "ledger.mapping_invalid": ("detail",),
    "ledger.mapping_key": ("key", "expected"),
    "ledger.unknown_field": ("column", "value", "allowed"),
    "ledger.field_twice": ("columns",),
    "ledger.field_missing": ("columns",),
    "ledger.sheet_missing": ("value", "sheets"),
    "ledger.header_empty": ("row",),
    "ledger.unreadable": (),  # ``detail`` (the library's English words): English only
    "ledger.encrypted": (),
}

# code -> (Chinese templates, English templates)
PROBLEMS: dict[str, tuple[str | tuple[str, ...], str | tuple[str, ...]]] = {
    # generic, used by import and storage
    "required": (
        ("状态为“{status}”的案件必须填写“{field}”。", "请填写“{field}”。"),
        ("{field} is required for a case in status “{status}”.", "{field} is required."),
    ),
    "negative": (
        ("“{field}”不能是负数（现为 {value}）。", "“{field}”不能是负数。"),
        ("{field} cannot be negative (it is {value}).", "{field} cannot be negative."),
    ),
    "date.invalid": (
        "日期“{value}”无效，应为 年-月-日，如 2023-05-01。",
        "Date “{value}” is not valid; use year-month-day, e.g. 2023-05-01.",
    ),
    "unknown_code": (
        ("代码“{value}”不在{table}中。", "代码“{value}”不存在。"),
        ("Code “{value}” is not among the {table}.", "Code “{value}” does not exist."),
    ),
    "duplicate": (
        ("{field}“{value}”已存在，不能重复。", "“{field}”有重复。"),
        ("{field} “{value}” already exists.", "{field} has duplicates."),
    ),
    "enum.invalid": (
        ("“{value}”不是有效的{field}，可填：{allowed}。", "“{value}”不是有效的{field}。"),
        ("“{value}” is not a valid {field}; allowed: {allowed}.", "“{value}” is not a valid {field}."),
    ),
    "csv.header_missing": (
        ("文件缺少以下列：{columns}。", "文件缺少必需的列。"),
        ("The file lacks these columns: {columns}.", "The file lacks required columns."),
    ),
    "csv.header_unknown": (
        ("文件中有无法识别的列：{columns}。", "文件中有无法识别的列。"),
        ("The file has columns that are not recognised: {columns}.", "The file has columns that are not recognised."),
    ),
    "csv.empty_file": (
        "文件是空的，没有任何数据。",
        "The file is empty.",
    ),
    "csv.encoding": (
        "无法识别文件的编码，请在 Excel 中另存为“CSV UTF-8（逗号分隔）”后再导入。",
        "The file's encoding is not recognised; save it as “CSV UTF-8” and import it again.",
    ),
    "csv.truncated": (
        ("文件在第 {line} 行处不完整，可能没有保存完整，请重新导出后再导入。", "文件不完整，可能没有保存完整，请重新导出后再导入。"),
        ("The file is incomplete at line {line}; export it again and re-import.", "The file is incomplete; export it again and re-import."),
    ),
    "int.invalid": (
        "“{value}”不是整数，请填写如 3 这样的数字。",
        "“{value}” is not a whole number.",
    ),
    "int.range": (
        ("“{field}”应为 {min} 到 {max} 之间的整数（现为 {value}）。", "“{field}”应为不小于 {min} 的整数（现为 {value}）。"),
        ("{field} must be a whole number from {min} to {max} (it is {value}).", "{field} must be a whole number of at least {min} (it is {value})."),
    ),
    "decimal.invalid": (
        "“{value}”不是有效的数字，应如 1234.56。",
        "“{value}” is not a valid number, e.g. 1234.56.",
    ),
    "decimal.precision": (
        "金额“{value}”最多保留两位小数（分）。",
        "Amount “{value}” has more than two decimals.",
    ),
    "amount.too_large": (
        "金额“{value}”超出上限：涉及金额最多 {max} 元。",
        "Amount “{value}” is too large: at most {max} yuan.",
    ),
    "bool.invalid": (
        "“{value}”不是有效的是/否值，请填 是 或 否（也可填 1 或 0）。",
        "“{value}” is not a yes/no value; use 是 or 否 (or 1 or 0).",
    ),
    "datetime.invalid": (
        "时间“{value}”无效，应为 年-月-日 时:分:秒，如 2023-05-01 08:30:00。",
        "Time “{value}” is not valid; use year-month-day hour:minute:second, e.g. 2023-05-01 08:30:00.",
    ),
    "uuid.invalid": (
        "“{value}”不是有效的案件标识（UUID）。",
        "“{value}” is not a valid case identifier (UUID).",
    ),
    "case_no.duplicate": (
        ("案号“{case_no}”已被{committee_name}在 {year} 年使用，同一调委会同一年的案号不能重复。", "案号“{case_no}”已被调委会 {committee} 在 {year} 年使用，同一调委会同一年的案号不能重复。", "案号“{case_no}”已被使用。"),
        ("Case number “{case_no}” is already used by {committee_name} in {year}.", "Case number “{case_no}” is already used by committee {committee} in {year}.", "Case number “{case_no}” is already used."),
    ),
    "case_no.template_mismatch": (
        ("案号“{value}”不符合本调委会的案号格式（如 {example}）。", "案号“{value}”不符合案号模板。"),
        ("Case number “{value}” does not follow the committee's template (e.g. {example}).", "Case number “{value}” does not follow the case-number template."),
    ),
    "org.parent_missing": (
        ("上级单位“{parent_code}”不存在。", "上级单位“{value}”不存在。", "找不到上级单位。"),
        ("Parent unit “{parent_code}” does not exist.", "Parent unit “{value}” does not exist.", "The parent unit does not exist."),
    ),
    "org.level_order": (
        ("“{level}”不能隶属于“{parent_level}”：下级单位的层级必须低于上级单位。", "下级单位的层级必须低于上级单位（区 › 街道 › 村/社区 › 网格）。"),
        ("A unit of level “{level}” cannot belong to a “{parent_level}”: a child must be below its parent.", "A unit must be below its parent (district › street › village/community › grid)."),
    ),
    "db.too_new": (
        ("数据库版本（{db_version}）比本程序支持的版本（{app_version}）新，请先升级本程序再打开。", "数据库是由更新版本的程序创建的，请先升级本程序再打开。"),
        ("The database (version {db_version}) is newer than this program supports ({app_version}); upgrade the program first.", "The database was made by a newer version of the program; upgrade it first."),
    ),
    # idnumber
    "id.length": (
        ("身份证号码应为 18 位，现为 {length} 位。", "身份证号码应为 18 位。"),
        ("An ID number has 18 characters, not {length}.", "An ID number has 18 characters."),
    ),
    "id.chars": (
        "身份证号码的前 17 位应为数字，最后一位为数字或 X。",
        "An ID number is 17 digits followed by a digit or X.",
    ),
    "id.birth_date": (
        ("身份证号码中的出生日期“{value}”无效（应为 1850 年以后、不晚于今天的日期）。", "身份证号码中的出生日期无效。"),
        ("The birth date “{value}” in the ID number is not valid (it must be from 1850 on and not after today).", "The birth date in the ID number is not valid."),
    ),
    "id.checksum": (
        ("身份证号码校验位不对：按前 17 位计算，最后一位应为“{expected}”，请核对号码。", "身份证号码校验位不对，请核对号码。"),
        ("The ID number's check character is wrong: from the first 17 digits it should be “{expected}”. Please check the number.", "The ID number's check character is wrong. Please check the number."),
    ),
    # status
    "status.transition": (
        "案件状态不能从“{from}”改为“{to}”。",
        "A case cannot go from “{from}” to “{to}”.",
    ),
    "status.unexpected_date": (
        ("状态为“{status}”的案件不应填写“{field}”（现为 {value}）。", "状态为“{status}”的案件不应填写“{field}”。"),
        ("A case in status “{status}” should not have {field} (it is {value}).", "A case in status “{status}” should not have {field}."),
    ),
    "status.reason_required": (
        ("将案件改为“{to}”时须填写原因。", "请填写原因。"),
        ("A reason is required to set a case to “{to}”.", "A reason is required."),
    ),
    "dates.accepted_before_received": (
        ("受理日期（{accepted_on}）不能早于登记日期（{received_on}）。", "受理日期不能早于登记日期。"),
        ("The acceptance date ({accepted_on}) is before the registration date ({received_on}).", "The acceptance date is before the registration date."),
    ),
    "dates.closed_before_accepted": (
        ("结案日期（{closed_on}）不能早于受理日期（{accepted_on}）。", "结案日期不能早于受理日期。"),
        ("The closing date ({closed_on}) is before the acceptance date ({accepted_on}).", "The closing date is before the acceptance date."),
    ),
    "dates.closed_before_received": (
        ("结案日期（{closed_on}）不能早于登记日期（{received_on}）。", "结案日期不能早于登记日期。"),
        ("The closing date ({closed_on}) is before the registration date ({received_on}).", "The closing date is before the registration date."),
    ),
    "dates.judicial_before_closed": (
        ("司法确认日期（{judicial_confirmed_on}）不能早于结案日期（{closed_on}）。", "司法确认日期不能早于结案日期。"),
        ("The judicial confirmation date ({judicial_confirmed_on}) is before the closing date ({closed_on}).", "The judicial confirmation date is before the closing date."),
    ),
    "dates.future": (
        ("“{field}”（{value}）不能晚于今天（{today}）。", "“{field}”不能晚于今天。"),
        ("{field} ({value}) is after today ({today}).", "{field} is after today."),
    ),
    "agreement.not_resolved": (
        ("只有调解成功的案件才填写协议形式，本案状态为“{status}”。", "只有调解成功的案件才填写协议形式。"),
        ("Only resolved cases have an agreement form; this case is “{status}”.", "Only resolved cases have an agreement form."),
    ),
    "judicial.requires_written": (
        "只有调解成功并达成书面协议的案件才能司法确认。",
        "Only resolved cases with a written agreement can be judicially confirmed.",
    ),
    # casenumber
    "template.unknown_placeholder": (
        "案号模板中的“{{{name}}}”无法识别，可用：{{year}} {{short}} {{serial}} {{committee}}。",
        "The case-number template has an unknown placeholder “{{{name}}}”; available: {{year}} {{short}} {{serial}} {{committee}}.",
    ),
    "template.missing_placeholder": (
        "案号模板必须包含“{{{name}}}”。",
        "The case-number template must contain “{{{name}}}”.",
    ),
    "template.invalid": (
        "案号模板“{value}”格式不对，应如 （{{year}}）{{short}}人调字第{{serial}}号。",
        "The case-number template “{value}” is malformed; e.g. （{{year}}）{{short}}人调字第{{serial}}号.",
    ),
    # periods
    "period.invalid": (
        "统计期间“{value}”无效，可填 2023、2023-05、2023-Q2 或 2023-01-01..2023-03-31。",
        "Period “{value}” is not valid; use 2023, 2023-05, 2023-Q2 or 2023-01-01..2023-03-31.",
    ),
    # organisation
    "in_use": (
        ("“{value}”已被 {count} 件案件使用，不能删除；如不再使用，请改为“停用”。", "“{value}”已被案件或其他记录使用，不能删除；如不再使用，请改为“停用”。", "已被使用，不能删除；请改为“停用”。"),
        ("“{value}” is used by {count} cases and cannot be deleted; deactivate it instead.", "“{value}” is used by cases or other records and cannot be deleted; deactivate it instead.", "It is in use and cannot be deleted; deactivate it instead."),
    ),
    # code tables (services.cases.code_tables)
    "code_item.code_invalid": (
        "代码“{value}”只能由字母和数字组成，最多 {max} 个字符。",
        "Code “{value}” may contain only letters and digits, at most {max} characters.",
    ),
    "code_item.label_taken": (
        "名称“{value}”已被代码 {other} 使用，同一代码表中的名称不能重复。",
        "The name “{value}” is already used by code {other}; names in a code table must be unique.",
    ),
    "code_item.label_taken_inactive": (
        "名称“{value}”已被已停用的代码 {other} 使用；请重新启用该条目，或换一个名称。",
        "The name “{value}” is already used by the deactivated code {other}; reactivate that entry or choose another name.",
    ),
    "code_item.last_active": (
        "“{value}”是{table}中最后一个启用的条目，停用后新案件将无从选择；请先新增或启用其他条目。",
        "“{value}” is the last active entry of the {table}; new cases would have nothing to choose. Add or reactivate another entry first.",
    ),
    # settings (services.settings)
    "district_code.invalid": (
        "行政区划代码“{value}”应为 6 位数字，如 610114。",
        "District code “{value}” is not 6 digits, e.g. 610114.",
    ),
    # file import (services.csv_io and the importers)
    "csv.field_count": (
        "这一行有 {actual} 列，表头有 {expected} 列，列数不一致（可能有未加引号的逗号）。",
        "This row has {actual} fields but the header has {expected}.",
    ),
    "csv.malformed": (
        "这一行无法按 CSV 格式读取：{detail}。",
        "This row cannot be read as CSV: {detail}.",
    ),
    "csv.unreadable": (
        "无法读取文件：{detail}。",
        "The file cannot be read: {detail}.",
    ),
    "csv.duplicate_column": (
        "表头中这些列出现了不止一次：{columns}。",
        "These columns appear more than once in the header: {columns}.",
    ),
    "csv.unknown_kind": (
        "无法根据表头判断文件类型（组织机构、调委会或人员）；表头为：{columns}。",
        "The header does not match org units, committees or people; it is: {columns}.",
    ),
    "duplicate_in_file": (
        "“{field}”的值“{value}”与本文件第 {other_line} 行重复。",
        "{field} “{value}” repeats line {other_line} of this file.",
    ),
    "case_no.duplicate_in_file": (
        "案号“{case_no}”与{other_file}第 {other_line} 行重复（同一调委会同一年的案号不能重复）。",
        "Case number “{case_no}” repeats line {other_line} of {other_file}.",
    ),
    "grid.not_grid": (
        "“{value}”是{level}，不是网格；这里必须填写网格代码。",
        "“{value}” is a {level}, not a grid; a grid code is required here.",
    ),
    "org.cycle": (
        "单位“{value}”不能是自己的上级。",
        "Unit “{value}” cannot be its own parent.",
    ),
    "org.child_level": (
        "改为“{level}”后，下级单位“{child}”（{child_level}）不再低于它。",
        "As a “{level}”, it is no longer above its child “{child}” ({child_level}).",
    ),
    "import.too_many_errors": (
        "共发现 {total} 处错误，只列出前 {shown} 处。没有导入任何数据。",
        "{total} problems found; the first {shown} are listed. Nothing was imported.",
    ),
    "import.nothing_written": (
        "导入失败，数据库没有任何改动。",
        "The import failed; the database is unchanged.",
    ),
    # exchange packages
    "package.damaged": (
        "数据包已损坏或不完整（{detail}），请让对方重新导出。",
        "The package is damaged or incomplete ({detail}); ask for a new export.",
    ),
    "package.no_manifest": (
        "这不是调解台账数据包：缺少 manifest.json。",
        "This is not a ledger package: manifest.json is missing.",
    ),
    "package.workbook": (
        "这是电子表格（.xlsx/.ods），不是调解台账数据包。原有台账请用“cases import-ledger”"
        "（或导入向导中的“打开原有台账”）导入。",
        "This is a spreadsheet (.xlsx/.ods), not a ledger package. Import an old ledger "
        "with “cases import-ledger” (or “Open an old ledger” in the import wizard).",
    ),
    "package.bad_manifest": (
        "数据包的 manifest.json 无法读取（{detail}）。",
        "The package's manifest.json cannot be read ({detail}).",
    ),
    "package.format": (
        "这不是调解台账数据包（格式为“{value}”）。",
        "This is not a ledger package (format “{value}”).",
    ),
    "package.version": (
        "数据包格式版本 {value} 不受支持（本程序支持版本 {supported}），请升级本程序。",
        "Package format version {value} is not supported (this program reads version {supported}); upgrade the program.",
    ),
    "package.unknown_file": (
        "数据包中的文件“{file}”不是已知的文件。",
        "The package lists an unknown file “{file}”.",
    ),
    "package.missing_file": (
        "数据包缺少文件“{file}”，可能不完整。",
        "The package lacks “{file}”; it may be incomplete.",
    ),
    "package.unlisted_file": (
        "数据包中的文件“{file}”没有列在 manifest.json 中，数据包可能被改动过。",
        "“{file}” is not listed in manifest.json; the package may have been edited.",
    ),
    "package.hash_mismatch": (
        "数据包中的“{file}”与 manifest.json 记录的校验值（SHA-256）不符：文件已损坏或被改动过。",
        "“{file}” does not match its SHA-256 in manifest.json: the package is damaged or was edited.",
    ),
    "package.row_count": (
        "“{file}”有 {actual} 行数据，manifest.json 记录为 {expected} 行。",
        "“{file}” has {actual} rows; manifest.json says {expected}.",
    ),
    "package.bad_rows": (
        "“{file}”的数据无法写入：{detail}。",
        "The rows of “{file}” cannot be written: {detail}.",
    ),
    # case documents (services.cases.documents)
    "case.not_found": (
        "找不到案件“{value}”：请填写案号（如 （2023）幸人调字第1号）或案件标识（UUID）。",
        "No case “{value}”: give a case number (e.g. （2023）幸人调字第1号) or a case UUID.",
    ),
    "case.ambiguous": (
        "案号“{value}”对应多个案件（{committees}），请改用案件标识（UUID）。",
        "Case number “{value}” belongs to several cases ({committees}); use the case UUID.",
    ),
    "case.changed_elsewhere": (
        ("案件 {case_no} 在您打开之后已被其他人保存（{stored_at}），您的修改没有保存，以免覆盖对方的修改。", "案件在您打开之后已被其他人保存，您的修改没有保存。"),
        ("Case {case_no} was saved by someone else ({stored_at}) after you opened it; your changes were not saved, so as not to overwrite theirs.", "The case was saved by someone else after you opened it; your changes were not saved."),
    ),
    "document.unknown_kind": (
        "没有“{value}”这种文书，可选：{allowed}。",
        "There is no document “{value}”; choose one of {allowed}.",
    ),
    "document.no_written_agreement": (
        "案件 {case_no} 没有书面调解协议，不能打印“{document}”。",
        "Case {case_no} has no written agreement, so “{document}” cannot be printed.",
    ),
    "document.no_oral_agreement": (
        "案件 {case_no} 没有口头调解协议，不能打印“{document}”。",
        "Case {case_no} has no oral agreement, so “{document}” cannot be printed.",
    ),
    "document.no_follow_ups": (
        "案件 {case_no} 还没有回访记录，不能打印“{document}”。",
        "Case {case_no} has no follow-up visits yet, so “{document}” cannot be printed.",
    ),
    # monthly review and submission (services.statistics.submissions)
    "submission.month_required": (
        "审核上报按月进行：统计期间“{value}”不是一个月份，应如 2023-05。",
        "Review and submission are monthly: “{value}” is not a month; use e.g. 2023-05.",
    ),
    "submission.future_period": (
        "{value} 还没有开始，不能审核上报。",
        "{value} has not begun yet; it cannot be reviewed or submitted.",
    ),
    "subsidy.nothing_to_pay": (
        "{scope} {period} 没有可以发放补助的新案件。",
        "{scope} {period} has no new case to pay.",
    ),
    "subsidy.paid_elsewhere": (
        "有案件刚被另一次申报标记为已发放，请重新计算后再试（{detail}）。",
        "A case was just marked paid by another claim; compute again and retry ({detail}).",
    ),
    "subsidy.rules_paid": (
        "{date} 起的补助规则已用于已发放的申报（{claim}），不能修改；请另加一个以后生效的规则。",
        "The subsidy rules from {date} were used by a claim already paid ({claim}) and cannot change; add rules taking effect later instead.",
    ),
    "subsidy.rate_twice": (
        "补助标准第 {line} 行与前面一行重复（同一难易程度、协议形式和档次）。",
        "Rate line {line} repeats an earlier line (same class, agreement form and band).",
    ),
    "subsidy.rate_syntax": (
        "补助标准“{value}”的格式不对，应为 难易程度代码[/协议形式[/最少人数[/最低金额]]]=元，如 2=100。",
        "The rate “{value}” is not in the form CLASS[/FORM[/MIN_PEOPLE[/MIN_AMOUNT]]]=YUAN, e.g. 2=100.",
    ),
    "submission.not_submitted": (
        "{scope} {value} 还没有上报，没有可比较的上报数据。",
        "{scope} has not submitted {value}: there is nothing to compare with.",
    ),
    "submission.not_reviewed": (
        "{scope} {value} 的数据还没有审核，不能上报：请先审核，再上报。",
        "The figures of {scope} for {value} have not been reviewed, so they cannot be submitted: review them first, then submit.",
    ),
    "submission.review_outdated": (
        "{scope} {value} 的数据在审核（第{version}版）之后有变化（{n} 项），不能上报：请重新审核后再上报。",
        "The figures of {scope} for {value} changed after the review (version {version}; {n} figures differ), so they cannot be submitted: review them again first.",
    ),
    "submission.already_submitted": (
        "{scope} {value} 的第{version}版已经上报；要再次上报，请先重新审核。",
        "Version {version} of {scope} for {value} has been submitted already; review again before submitting again.",
    ),
    # exchange packages and CSV hardening (issue 8 items 8 and 11)
    "package.duplicate_member": (
        "数据包中有两个同名文件“{file}”：不同的程序会读到不同的内容，数据包被拒绝。",
        "The package holds two files named “{file}”: programs would read different contents, so the package is refused.",
    ),
    "package.manifest_too_big": (
        "数据包的 manifest.json 有 {size} 字节，超过上限 {limit} 字节：这不是本程序导出的数据包。",
        "The package's manifest.json has {size} bytes, above the limit of {limit}: this is not a package written by this program.",
    ),
    "package.too_big": (
        "数据包中的“{file}”解压后有 {size} 字节，超过上限 {limit} 字节，数据包被拒绝（没有解压）。",
        "“{file}” in the package unpacks to {size} bytes, above the limit of {limit}; the package is refused (nothing was unpacked).",
    ),
    "package.ratio": (
        "数据包中的“{file}”压缩比为 {ratio}:1，超过上限 {limit}:1（疑为压缩炸弹），数据包被拒绝（没有解压）。",
        "“{file}” in the package is compressed {ratio}:1, above the limit of {limit}:1 (perhaps a zip bomb); the package is refused (nothing was unpacked).",
    ),
    "package.size_mismatch": (
        "数据包中的“{file}”声明大小为 {declared} 字节，manifest.json 记录为 {listed} 字节：数据包已损坏或被改动过。",
        "“{file}” in the package declares {declared} bytes, manifest.json lists {listed}: the package is damaged or was edited.",
    ),
    "package.version_type": (
        "manifest.json 中的 format_version 是文字“{value}”，应为数字（如 1，不带引号）：数据包可能被手工改动过。",
        "format_version in manifest.json is the text “{value}”; it must be a number (such as 1, without quotes): the package may have been edited by hand.",
    ),
    "datetime.future": (
        "“{field}”为 {value}，比本机时间晚一天以上（最晚 {limit}）：请检查对方电脑的时间和日期。",
        "{field} is {value}, more than a day ahead of this computer's clock (latest {limit}): check the date and time of the computer that wrote it.",
    ),
    "text.control": (
        ("“{field}”含有不可见的控制字符 {char}（{name}）：本程序不会自动删除它，请在文件中删除后重新导入。", "这一格含有不可见的控制字符 {char}（{name}）：本程序不会自动删除它，请在文件中删除后重新导入。"),
        ("{field} contains the invisible control character {char} ({name}); it is not removed automatically: delete it from the file and import again.", "This cell contains the invisible control character {char} ({name}); it is not removed automatically: delete it from the file and import again."),
    ),
    # ledger import (services.ledger_import.importer, ledger_mapping, ledger_read)
    "ledger.mapping_invalid": (
        "对应关系文件不是有效的 JSON（{detail}）。",
        "The mapping file is not valid JSON ({detail}).",
    ),
    "ledger.mapping_key": (
        "对应关系文件中“{key}”的写法不对，应为 {expected}。",
        "“{key}” in the mapping file is not right; expected {expected}.",
    ),
    "ledger.unknown_field": (
        "对应关系中“{column}”对应的“{value}”不是案件字段；可用：{allowed}。",
        "“{value}” (for “{column}” in the mapping) is not a case field; allowed: {allowed}.",
    ),
    "ledger.field_twice": (
        "同一个字段对应了不止一列：{columns}。",
        "A field is given by more than one column: {columns}.",
    ),
    "ledger.field_missing": (
        "对应关系没有给出这些字段：{columns}；请把台账中的一列对应到它，或在 defaults 中填写默认值。",
        "The mapping gives none of these fields: {columns}; map a column of the ledger to each, or give a value in defaults.",
    ),
    "ledger.sheet_missing": (
        "工作簿中没有工作表“{value}”；现有的工作表：{sheets}。",
        "The workbook has no sheet “{value}”; its sheets: {sheets}.",
    ),
    "ledger.header_empty": (
        "第 {row} 行是空的，不是表头；请检查 header_row（表头所在行）。",
        "Row {row} is empty, so it is not the header row; check header_row.",
    ),
    "ledger.unreadable": (
        "无法读取这个工作簿：文件已损坏，或不是 .xlsx、.xls、.ods 或 CSV 文件；请在 Excel/WPS 中打开并另存后再导入。",
        ("The workbook cannot be read ({detail}); it must be an .xlsx, .xls, .ods or CSV file (save it again from Excel/WPS if needed).", "The workbook cannot be read: it is damaged, or not an .xlsx, .xls, .ods or CSV file (save it again from Excel/WPS if needed)."),
    ),
    "ledger.encrypted": (
        "工作簿设有打开密码；请在 Excel/WPS 中取消密码另存后再导入。",
        "The workbook is password-protected; save it without the password in Excel/WPS, then import it.",
    ),
}

# Words users know for the tables a code is looked up in (never the SQL table name).
TABLE_WORDS: dict[str, tuple[str, str]] = {
    "org_units": ("组织机构（区/街道/村社区/网格）", "org units (district/street/village/grid)"),
    "org_unit": ("组织机构（区/街道/村社区/网格）", "org units (district/street/village/grid)"),
    "committees": ("调委会", "mediation committees"),
    "committee": ("调委会", "mediation committees"),
    "code_items": ("代码表", "code tables"),
    "grid": ("网格", "grids"),
    "dispute_type": ("纠纷类型代码表", "dispute types"),
    "difficulty": ("难易程度代码表", "difficulty classes"),
    "source": ("纠纷来源代码表", "case sources"),
    "case": ("案件", "cases"),
    "people": ("人员", "people"),
}

# Chinese enum values shown in English messages (key: the stored Chinese value)
VALUE_WORDS: dict[str, tuple[str, str]] = {
    "待受理": ("待受理", "registered"),
    "调解中": ("调解中", "in mediation"),
    "调解成功": ("调解成功", "resolved"),
    "调解终止": ("调解终止", "terminated"),
    "不予受理": ("不予受理", "not accepted"),
    "书面": ("书面", "written"),
    "口头": ("口头", "oral"),
}

# How ``domain.messages`` writes a problem's params: yes/no, lists, a column with its label.
FORMAT: dict[str, tuple[str, str]] = {
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    "list_sep": ("、", ", "),
    "column": ("{name}（{label}）", "{name} ({label})"),
}
