<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AccountMenu</name>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Restored. The previous ledger is kept as {saved}. The program closes now.</source>
        <translation>已恢复。原台账保存为 {saved}。程序现在关闭。</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>账户(&amp;A)</translation>
    </message>
    <message>
        <source>Logged in: {user} ({role})</source>
        <translation>已登录：{user}（{role}）</translation>
    </message>
    <message>
        <source>Change my &amp;password…</source>
        <translation>修改我的密码(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Lock now</source>
        <translation>立即锁定(&amp;L)</translation>
    </message>
    <message>
        <source>Au&amp;tomatic lock…</source>
        <translation>自动锁定时间(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Users…</source>
        <translation>用户管理(&amp;U)…</translation>
    </message>
    <message>
        <source>&amp;Audit log…</source>
        <translation>审计日志(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Backups…</source>
        <translation>备份(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Encrypt this ledger…</source>
        <translation>加密本台账(&amp;E)…</translation>
    </message>
    <message>
        <source>Encrypt this ledger</source>
        <translation>加密本台账</translation>
    </message>
    <message>
        <source>The ledger is encrypted. The program closes now; start it again and log in.</source>
        <translation>台账已加密。程序现在关闭，请重新启动并登录。</translation>
    </message>
    <message>
        <source>Not allowed for your role</source>
        <translation>您的角色无权使用</translation>
    </message>
    <message>
        <source>Change my password</source>
        <translation>修改我的密码</translation>
    </message>
    <message>
        <source>The current password is wrong.</source>
        <translation>当前密码不正确。</translation>
    </message>
    <message>
        <source>Your password was changed.</source>
        <translation>密码已修改。</translation>
    </message>
    <message>
        <source>Automatic lock</source>
        <translation>自动锁定</translation>
    </message>
    <message>
        <source>Lock the window after this many idle minutes (0: never):</source>
        <translation>无操作多少分钟后锁定窗口（0 表示不锁定）：</translation>
    </message>
    <message>
        <source>Mediation Ledger</source>
        <translation>调解台账</translation>
    </message>
</context>
<context>
    <name>AgreementPage</name>
    <message>
        <source>Agreement form</source>
        <translation>协议形式</translation>
    </message>
    <message>
        <source>Next number</source>
        <translation>下一个编号</translation>
    </message>
    <message>
        <source>The committee&apos;s next agreement number of the year, from the template in the settings.</source>
        <translation>按设置中的协议编号模板，取本调委会当年的下一个协议编号。</translation>
    </message>
    <message>
        <source>Agreement number</source>
        <translation>协议编号</translation>
    </message>
    <message>
        <source>Signed on</source>
        <translation>签订日期</translation>
    </message>
    <message>
        <source>Main facts</source>
        <translation>主要事实</translation>
    </message>
    <message>
        <source>Disputed matters</source>
        <translation>争议事项</translation>
    </message>
    <message>
        <source>Responsibilities</source>
        <translation>各方责任</translation>
    </message>
    <message>
        <source>Agreed terms</source>
        <translation>协议内容</translation>
    </message>
    <message>
        <source>Manner of performance</source>
        <translation>履行方式</translation>
    </message>
    <message>
        <source>Place of performance</source>
        <translation>履行地点</translation>
    </message>
    <message>
        <source>Performance deadline</source>
        <translation>履行期限</translation>
    </message>
    <message>
        <source>Performance</source>
        <translation>履行情况</translation>
    </message>
    <message>
        <source>Judicially confirmed</source>
        <translation>已司法确认</translation>
    </message>
    <message>
        <source>Judicial confirmation date</source>
        <translation>司法确认日期</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>已归档</translation>
    </message>
    <message>
        <source>Oral agreements are recorded here too (口头协议登记).</source>
        <translation>口头协议也在此登记（口头协议登记）。</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Newer database</source>
        <translation>数据库版本较新</translation>
    </message>
    <message>
        <source>This database was written by a newer version of the program (unknown changes: {unknown}).
Open it read-only?</source>
        <translation>此数据库由更新版本的程序写入（未知的更新：{unknown}）。
是否以只读方式打开？</translation>
    </message>
    <message>
        <source>Damaged database</source>
        <translation>数据库已损坏</translation>
    </message>
    <message>
        <source>The database {path} is damaged. Nothing will be written to it.
Restore it from a backup (File → Restore from backup…).</source>
        <translation>数据库 {path} 已损坏，程序不会再写入它。
请用备份恢复（文件 → 从备份恢复…）。</translation>
    </message>
    <message>
        <source>The last verified backup is {backup}.</source>
        <translation>最近一次校验通过的备份是 {backup}。</translation>
    </message>
    <message>
        <source>Open it read-only? Lists and figures may be incomplete or wrong.</source>
        <translation>是否以只读方式打开？列表和统计数字可能不完整或有误。</translation>
    </message>
    <message>
        <source>Mediation Ledger</source>
        <extracomment>main-window actions and the right each needs</extracomment>
        <translation>调解台账</translation>
    </message>
    <message>
        <source>New ledger</source>
        <translation>新建台账</translation>
    </message>
    <message>
        <source>There is no ledger at {path}.
Create a new, empty ledger there?</source>
        <translation>{path} 处没有台账。
是否在此新建一个空台账？</translation>
    </message>
    <message>
        <source>Could not open the database {path}: {error}</source>
        <translation>无法打开数据库 {path}：{error}</translation>
    </message>
    <message>
        <source>Building the demo ledger…</source>
        <translation>正在生成演示台账…</translation>
    </message>
    <message>
        <source>The demo ledger could not be built: {error}</source>
        <translation>无法生成演示台账：{error}</translation>
    </message>
</context>
<context>
    <name>ApplyPage</name>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>All files are written in one transaction: if a problem appears or you cancel, nothing is written.</source>
        <translation>所有文件在一个事务中写入：一旦发现问题或您取消，就不会写入任何数据。</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Importing {n} file(s)…</source>
        <translation>正在导入 {n} 个文件…</translation>
    </message>
    <message>
        <source>Importing cases…</source>
        <translation>正在导入案件…</translation>
    </message>
    <message>
        <source>The import found {n} problem(s) (did a file change after the preview?). Nothing was written.</source>
        <translation>导入时发现 {n} 处问题（预览后文件是否被修改过？）。没有写入任何数据。</translation>
    </message>
    <message>
        <source>Done: {new} new case(s), {updated} updated, {unchanged} unchanged, {stale} older row(s) left alone. The import is recorded in the import history.</source>
        <translation>导入完成：新增 {new} 件，更新 {updated} 件，未变 {unchanged} 件，{stale} 行较旧未采用。本次导入已记入导入记录。</translation>
    </message>
    <message>
        <source>The import was cancelled. Nothing was written to the database.</source>
        <translation>导入已取消，数据库没有任何改动。</translation>
    </message>
    <message>
        <source>The import failed: {error}. Nothing was written to the database.</source>
        <translation>导入失败：{error}。数据库没有任何改动。</translation>
    </message>
</context>
<context>
    <name>AuditViewer</name>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>case number or id</source>
        <translation>案号或编号</translation>
    </message>
    <message>
        <source>Only between</source>
        <translation>只看日期</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Entity</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Old value</source>
        <translation>原值</translation>
    </message>
    <message>
        <source>New value</source>
        <translation>新值</translation>
    </message>
    <message>
        <source>log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>failed login</source>
        <translation>登录失败</translation>
    </message>
    <message>
        <source>user added</source>
        <translation>添加用户</translation>
    </message>
    <message>
        <source>role changed</source>
        <translation>角色变更</translation>
    </message>
    <message>
        <source>user disabled</source>
        <translation>停用用户</translation>
    </message>
    <message>
        <source>user enabled</source>
        <translation>启用用户</translation>
    </message>
    <message>
        <source>password changed</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>password reset</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <source>recovery key used</source>
        <translation>使用恢复密钥</translation>
    </message>
    <message>
        <source>ledger encrypted</source>
        <translation>台账加密</translation>
    </message>
    <message>
        <source>personal data exported</source>
        <translation>导出个人信息</translation>
    </message>
    <message>
        <source>personal data viewed</source>
        <translation>查看个人信息</translation>
    </message>
    <message>
        <source>created</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>printed</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>{n} entries</source>
        <translation>{n} 条</translation>
    </message>
    <message>
        <source>Export the audit log</source>
        <translation>导出审计日志</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>{n} entries written to {path}.</source>
        <translation>已将 {n} 条写入 {path}。</translation>
    </message>
</context>
<context>
    <name>BackupsDialog</name>
    <message>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Change folder…</source>
        <translation>更改文件夹…</translation>
    </message>
    <message>
        <source>Backup folder:</source>
        <translation>备份文件夹：</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>校验时间</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>Restore…</source>
        <translation>恢复…</translation>
    </message>
    <message>
        <source>Automatic backups: when the program closes and once a day while it runs. Kept: the newest of each of the last 7 days, 4 weeks and 12 months.</source>
        <translation>自动备份：关闭程序时，以及运行期间每天一次。保留最近 7 天、4 周和 12 个月中每天/周/月最新的一份。</translation>
    </message>
    <message>
        <source>Backups are up to date.</source>
        <translation>备份正常。</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>备份文件夹</translation>
    </message>
    <message>
        <source>Replace the ledger with the backup of {date}? The current file is kept aside. The program closes afterwards; start it again.</source>
        <translation>用 {date} 的备份替换当前台账吗？当前文件会另存保留。完成后程序将关闭，请重新启动。</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
</context>
<context>
    <name>BasicPage</name>
    <message>
        <source>Committee</source>
        <translation>调委会</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Registration date</source>
        <translation>登记日期</translation>
    </message>
    <message>
        <source>Case source</source>
        <translation>案件来源</translation>
    </message>
    <message>
        <source>Dispute type</source>
        <translation>纠纷类型</translation>
    </message>
    <message>
        <source>Summary of the dispute</source>
        <translation>纠纷简要情况</translation>
    </message>
    <message>
        <source>(numbered automatically when saved)</source>
        <translation>（保存时自动编号）</translation>
    </message>
    <message>
        <source>Edit case &amp;number</source>
        <translation>修改案号(&amp;N)</translation>
    </message>
    <message>
        <source>Only for a number not made from the template, e.g. an old paper case.</source>
        <translation>仅用于不按模板编号的案号，如历史纸质案件。</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>案号</translation>
    </message>
    <message>
        <source>Mediators</source>
        <translation>调解员</translation>
    </message>
    <message>
        <source>Difficulty class</source>
        <translation>难易程度</translation>
    </message>
    <message>
        <source>Amount involved (yuan)</source>
        <translation>涉及金额（元）</translation>
    </message>
    <message>
        <source>People involved</source>
        <translation>涉及人数</translation>
    </message>
    <message>
        <source>Mass dispute</source>
        <translation>群体性纠纷</translation>
    </message>
    <message>
        <source>Prevention results (persons)</source>
        <translation>防止激化（人数）</translation>
    </message>
    <message>
        <source>Prevented civil-to-criminal</source>
        <translation>防止民转刑</translation>
    </message>
    <message>
        <source>Prevented mass petition</source>
        <translation>防止群体性上访</translation>
    </message>
    <message>
        <source>Prevented mass fight</source>
        <translation>防止群体性械斗</translation>
    </message>
    <message>
        <source>Prevented suicide</source>
        <translation>防止自杀</translation>
    </message>
    <message>
        <source>Status (changed by the actions above)</source>
        <translation>状态（通过上方按钮更改）</translation>
    </message>
    <message>
        <source>Acceptance date</source>
        <translation>受理日期</translation>
    </message>
    <message>
        <source>Closing date</source>
        <translation>结案日期</translation>
    </message>
    <message>
        <source>Agreement form</source>
        <translation>协议形式</translation>
    </message>
    <message>
        <source>Outcome note</source>
        <translation>结果说明</translation>
    </message>
    <message>
        <source>Case file lacks</source>
        <translation>卷宗缺少</translation>
    </message>
    <message>
        <source>Items the completeness rules require (以案定补).</source>
        <translation>按卷宗完整要求，本案还缺少的材料（以案定补）。</translation>
    </message>
    <message>
        <source>Cancel the change</source>
        <translation>取消修改</translation>
    </message>
</context>
<context>
    <name>CaseFormWindow</name>
    <message>
        <source>Add investigation</source>
        <translation>添加调查记录</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Add session</source>
        <translation>添加调解记录</translation>
    </message>
    <message>
        <source>Add follow-up visit</source>
        <translation>添加回访记录</translation>
    </message>
    <message>
        <source>Investigation records</source>
        <translation>调查记录</translation>
    </message>
    <message>
        <source>Mediation session records</source>
        <translation>调解记录</translation>
    </message>
    <message>
        <source>Basic information</source>
        <translation>基本情况</translation>
    </message>
    <message>
        <source>Parties</source>
        <translation>当事人</translation>
    </message>
    <message>
        <source>Investigation and mediation records</source>
        <translation>调查与调解记录</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>调解协议</translation>
    </message>
    <message>
        <source>Follow-up visits</source>
        <translation>回访记录</translation>
    </message>
    <message>
        <source>Add a party ({keys})</source>
        <translation>添加当事人（{keys}）</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>保存 (Ctrl+S)</translation>
    </message>
    <message>
        <source>Save and new (Ctrl+Shift+S)</source>
        <translation>保存并新建 (Ctrl+Shift+S)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Print documents</source>
        <translation>打印文书</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Investigator</source>
        <translation>调查人</translation>
    </message>
    <message>
        <source>Person questioned</source>
        <translation>被调查人</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>参加人</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Visit date</source>
        <translation>回访日期</translation>
    </message>
    <message>
        <source>Party visited</source>
        <translation>回访对象</translation>
    </message>
    <message>
        <source>Agreement number</source>
        <translation>协议编号</translation>
    </message>
    <message>
        <source>Performance</source>
        <translation>履行情况</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>Remaining risk</source>
        <translation>遗留风险</translation>
    </message>
    <message>
        <source>Visitor</source>
        <translation>回访人</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>{record} {n}: {field}</source>
        <translation>{record}{n}的{field}</translation>
    </message>
    <message>
        <source>Party</source>
        <translation>当事人</translation>
    </message>
    <message>
        <source>Investigation record</source>
        <translation>调查记录</translation>
    </message>
    <message>
        <source>Session record</source>
        <translation>调解记录</translation>
    </message>
    <message>
        <source>Follow-up visit</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>New case (number assigned when saved)</source>
        <translation>新案件（保存时自动编号）</translation>
    </message>
    <message>
        <source>Status: {status}</source>
        <translation>状态：{status}</translation>
    </message>
    <message>
        <source>New case</source>
        <translation>新建案件</translation>
    </message>
    <message>
        <source>Case form</source>
        <translation>案件登记表</translation>
    </message>
    <message>
        <source>A case form was not saved when the program last stopped ({case}, registered {when}). Restore it?</source>
        <translation>上次程序退出时有一张案件登记表未保存（{case}，登记日期 {when}）。是否恢复？</translation>
    </message>
    <message>
        <source>case {number}</source>
        <translation>案件 {number}</translation>
    </message>
    <message>
        <source>“{summary}”</source>
        <translation>“{summary}”</translation>
    </message>
    <message>
        <source>parties: {names}</source>
        <translation>当事人：{names}</translation>
    </message>
    <message>
        <source>a new case with no summary or parties yet</source>
        <translation>尚未填写简要情况和当事人的新案件</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>有未保存的修改</translation>
    </message>
    <message>
        <source>This case has changes that are not saved. Save them?</source>
        <translation>此案件有尚未保存的修改。是否保存？</translation>
    </message>
    <message>
        <source>Restore unsaved case</source>
        <translation>恢复未保存的案件</translation>
    </message>
</context>
<context>
    <name>CaseTableModel</name>
    <message>
        <source>Case number</source>
        <translation>案号</translation>
    </message>
    <message>
        <source>Registered on</source>
        <translation>登记日期</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Dispute type</source>
        <translation>纠纷类型</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>案件来源</translation>
    </message>
    <message>
        <source>Committee</source>
        <translation>调委会</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>所属单位</translation>
    </message>
    <message>
        <source>Parties</source>
        <translation>当事人</translation>
    </message>
    <message>
        <source>ID number (masked)</source>
        <translation>证件号码（已脱敏）</translation>
    </message>
    <message>
        <source>Phone (masked)</source>
        <translation>联系电话（已脱敏）</translation>
    </message>
    <message>
        <source>Accepted on</source>
        <translation>受理日期</translation>
    </message>
    <message>
        <source>Closed on</source>
        <translation>结案日期</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>纠纷简要情况</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Reset the password of {user}</source>
        <translation>重置 {user} 的密码</translation>
    </message>
    <message>
        <source>Change my password</source>
        <translation>修改我的密码</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>当前密码</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>Again</source>
        <translation>再输入一次</translation>
    </message>
    <message>
        <source>The ledger is not re-encrypted; only this user&apos;s key slot changes.</source>
        <translation>台账不会重新加密，只更新该用户的密钥。</translation>
    </message>
</context>
<context>
    <name>CodeItemForm</name>
    <message>
        <source>Edit entry</source>
        <translation>修改条目</translation>
    </message>
    <message>
        <source>New entry</source>
        <translation>新增条目</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>letters and digits, at most 8</source>
        <translation>字母或数字，最多 8 位</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Statistics group</source>
        <translation>统计分组</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>排序</translation>
    </message>
    <message>
        <source>Renaming keeps the code: the {n} cases recorded with it will show the new name, in lists and in statistics.</source>
        <translation>改名不改代码：使用它的 {n} 件案件将在列表和统计中显示新名称。</translation>
    </message>
</context>
<context>
    <name>CodeTablePanel</name>
    <message>
        <source>Add…</source>
        <translation>新增…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Statistics group</source>
        <translation>统计分组</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>排序</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Cases using it</source>
        <translation>使用的案件数</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No (hidden)</source>
        <translation>否（已隐藏）</translation>
    </message>
    <message>
        <source>Reactivate</source>
        <translation>重新启用</translation>
    </message>
    <message>
        <source>Delete entry</source>
        <translation>删除条目</translation>
    </message>
    <message>
        <source>Delete {code} {label}?</source>
        <translation>确定删除 {code} {label} 吗？</translation>
    </message>
</context>
<context>
    <name>CodeTablesDialog</name>
    <message>
        <source>Code tables</source>
        <translation>代码表</translation>
    </message>
    <message>
        <source>Cases keep the code of their entry. Renaming an entry keeps its code, so cases already recorded with it show the new name, in lists and in statistics. A deactivated entry is no longer offered for new cases; cases that use it keep it and still show its name. Only entries no case uses can be deleted.</source>
        <translation>案件保存的是条目的代码。改名不改代码，已登记的案件在列表和统计中都会显示新名称。停用的条目不再供新案件选择；已使用它的案件保留该条目并照常显示其名称。只有没有任何案件使用的条目才能删除。</translation>
    </message>
    <message>
        <source>Dispute types</source>
        <translation>纠纷类型</translation>
    </message>
    <message>
        <source>Case sources</source>
        <translation>案件来源</translation>
    </message>
    <message>
        <source>Difficulty classes</source>
        <translation>难易程度</translation>
    </message>
</context>
<context>
    <name>ColumnsPage</name>
    <message>
        <source>Old ledger: what each column holds</source>
        <translation>原有台账：每一列是什么</translation>
    </message>
    <message>
        <source>The suggestions come from the column names; columns left “not imported” are ignored. Below: the first rows as they will be stored.</source>
        <translation>建议的对应根据列名得出；选“不导入”的列将被忽略。下方显示前几行导入后的样子。</translation>
    </message>
    <message>
        <source>Column in the ledger</source>
        <translation>台账中的列</translation>
    </message>
    <message>
        <source>Examples</source>
        <translation>示例</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Committee (when no column gives it):</source>
        <translation>调委会（台账中没有这一列时）：</translation>
    </message>
    <message>
        <source>Source (for empty cells or without a column):</source>
        <translation>纠纷来源（单元格为空或没有这一列时）：</translation>
    </message>
    <message>
        <source>The first rows as they will be stored:</source>
        <translation>前几行导入后的样子：</translation>
    </message>
    <message>
        <source>— not imported —</source>
        <translation>— 不导入 —</translation>
    </message>
    <message>
        <source>— choose —</source>
        <translation>— 请选择 —</translation>
    </message>
    <message>
        <source>— none —</source>
        <translation>— 不填 —</translation>
    </message>
    <message>
        <source>A field can come from one column only: {columns}</source>
        <translation>一个字段只能对应一列：{columns}</translation>
    </message>
    <message>
        <source>Still missing: {fields}. Choose a column for each (or, for the committee and the source, a value below).</source>
        <translation>还缺少：{fields}。请为每项选择一列（调委会和纠纷来源也可以在下面选择默认值）。</translation>
    </message>
    <message>
        <source>Every required field has a column or a value.</source>
        <translation>必需的字段都已对应到列或填写了默认值。</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Parties</source>
        <translation>当事人</translation>
    </message>
</context>
<context>
    <name>CommitteesPanel</name>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Short name</source>
        <translation>简称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>所属单位</translation>
    </message>
    <message>
        <source>Organisation unit</source>
        <translation>所属单位</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>身份</translation>
    </message>
    <message>
        <source>Employment</source>
        <translation>专兼职</translation>
    </message>
    <message>
        <source>Also grid worker of</source>
        <translation>兼任网格员的网格</translation>
    </message>
    <message>
        <source>{name} (inactive)</source>
        <translation>{name}（已停用）</translation>
    </message>
    <message>
        <source>Delete committee</source>
        <translation>删除调委会</translation>
    </message>
    <message>
        <source>Delete committee {code}?</source>
        <translation>删除调委会 {code}？</translation>
    </message>
</context>
<context>
    <name>ConflictsTable</name>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Case no.</source>
        <translation>案号</translation>
    </message>
    <message>
        <source>Differing fields</source>
        <translation>不一致的字段</translation>
    </message>
</context>
<context>
    <name>CountsTable</name>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>未变</translation>
    </message>
    <message>
        <source>Stale (older)</source>
        <translation>过期（较旧）</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Rows older than the case already in this ledger; they are left alone.</source>
        <translation>比本台账中已有案件更旧的行，不会采用。</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>本年</translation>
    </message>
    <message>
        <source>Last 12 months by status</source>
        <translation>近 12 个月案件（按状态）</translation>
    </message>
    <message>
        <source>This year by dispute type</source>
        <translation>本年案件（按纠纷类型）</translation>
    </message>
    <message>
        <source>Overview: {name}</source>
        <translation>概况：{name}</translation>
    </message>
    <message>
        <source>The overview could not be computed: {error}</source>
        <translation>无法计算首页数据：{error}</translation>
    </message>
    <message>
        <source>Overdue cases ({count})</source>
        <translation>超期案件（{count} 件）</translation>
    </message>
    <message>
        <source>{case_no}  {parties}  (accepted {day})</source>
        <translation>{case_no}  {parties}（{day} 受理）</translation>
    </message>
    <message>
        <source>Follow-ups due this week ({count})</source>
        <translation>本周待回访（{count} 件）</translation>
    </message>
    <message>
        <source>{case_no}  {parties}  (follow up by {day})</source>
        <translation>{case_no}  {parties}（{day} 前回访）</translation>
    </message>
</context>
<context>
    <name>DocumentsMenu</name>
    <message>
        <source>Acceptance register</source>
        <translation>受理登记表</translation>
    </message>
    <message>
        <source>Mediation agreement</source>
        <translation>调解协议书</translation>
    </message>
    <message>
        <source>Oral agreement register</source>
        <translation>口头协议登记表</translation>
    </message>
    <message>
        <source>Follow-up records</source>
        <translation>回访记录</translation>
    </message>
    <message>
        <source>Case file cover and contents</source>
        <translation>卷宗封面及卷内目录</translation>
    </message>
    <message>
        <source>Whole case file</source>
        <translation>卷宗（全部文书）</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文书</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <source>Open to print or preview</source>
        <translation>打开预览/打印</translation>
    </message>
    <message>
        <source>Save the document</source>
        <translation>保存文书</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Preparing the document…</source>
        <translation>正在生成文书…</translation>
    </message>
    <message>
        <source>Saved: {path}</source>
        <translation>已保存：{path}</translation>
    </message>
</context>
<context>
    <name>DrillDialog</name>
    <message>
        <source>Cases behind the figure</source>
        <translation>数字对应的案件</translation>
    </message>
    <message>
        <source>{row} · {figure} · {first} – {last}: {n} cases</source>
        <translation>{row} · {figure} · {first} 至 {last}：{n} 件</translation>
    </message>
    <message>
        <source>This figure is a sum: the cases with a value are listed.</source>
        <translation>此数字为合计值：列出有数值的案件。</translation>
    </message>
    <message>
        <source>Showing the first {shown} of {total}.</source>
        <translation>显示前 {shown} 件，共 {total} 件。</translation>
    </message>
    <message>
        <source>Case no.</source>
        <translation>案号</translation>
    </message>
    <message>
        <source>Accepted on</source>
        <translation>受理日期</translation>
    </message>
    <message>
        <source>Closed on</source>
        <translation>结案日期</translation>
    </message>
    <message>
        <source>Committee</source>
        <translation>调委会</translation>
    </message>
    <message>
        <source>Registered on</source>
        <translation>登记日期</translation>
    </message>
    <message>
        <source>Dispute type</source>
        <translation>纠纷类型</translation>
    </message>
    <message>
        <source>Status on {day}</source>
        <translation>{day} 时的状态</translation>
    </message>
    <message>
        <source>Status now</source>
        <translation>当前状态</translation>
    </message>
</context>
<context>
    <name>EncryptDialog</name>
    <message>
        <source>Encrypt this ledger</source>
        <translation>加密本台账</translation>
    </message>
    <message>
        <source>The ledger file, its backups from now on and packages with personal data will be encrypted. You become its system administrator; add the other users afterwards. The program closes when done: start it again and log in.</source>
        <translation>台账文件、今后的备份以及含个人信息的数据包都将加密。您将成为系统管理员，之后再添加其他用户。完成后程序将关闭，请重新启动并登录。</translation>
    </message>
    <message>
        <source>Administrator&apos;s user name</source>
        <translation>系统管理员用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Again</source>
        <translation>再输入一次</translation>
    </message>
</context>
<context>
    <name>EntityPanel</name>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>组织机构</translation>
    </message>
    <message>
        <source>Reactivate</source>
        <translation>重新启用</translation>
    </message>
</context>
<context>
    <name>ExportController</name>
    <message>
        <source>Exporting cases…</source>
        <translation>正在导出案件…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export cases</source>
        <translation>导出案件</translation>
    </message>
    <message>
        <source>Whole ledger (type to choose a unit)</source>
        <translation>整个台账（输入名称或代码选择单位）</translation>
    </message>
    <message>
        <source>Only cases registered from</source>
        <translation>只导出登记日期从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Exchange package (.zip) — for another ledger</source>
        <translation>交换包（.zip）— 供其他台账导入</translation>
    </message>
    <message>
        <source>cases.csv — exchange format v1</source>
        <translation>cases.csv — 交换格式 v1</translation>
    </message>
    <message>
        <source>cases.xlsx — for reading in Excel or WPS</source>
        <translation>cases.xlsx — 用 Excel 或 WPS 查看</translation>
    </message>
    <message>
        <source>Include personal data of the parties</source>
        <translation>包含当事人个人信息</translation>
    </message>
    <message>
        <source>Choose where to save the file</source>
        <translation>选择文件保存位置</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Unit:</source>
        <translation>单位：</translation>
    </message>
    <message>
        <source>Dates:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <source>Contents:</source>
        <translation>内容：</translation>
    </message>
    <message>
        <source>Save to:</source>
        <translation>保存到：</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开所在文件夹</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>The package will contain the parties&apos; names, ID numbers, phone numbers and addresses. A mediator who discloses parties&apos; private information may be dismissed (People&apos;s Mediation Law, art. 15). Give the file only to the ledger that needs it, never through group chats or public e-mail, and delete copies you no longer need.</source>
        <translation>交换包将包含当事人的姓名、证件号码、电话和住址。人民调解员泄露当事人个人隐私的，将被罢免或者解聘（《人民调解法》第十五条）。只把文件交给需要它的台账，不要通过微信群或公共邮箱发送，不再需要的副本请及时删除。</translation>
    </message>
    <message>
        <source>Without personal data: the parties&apos; names, ID numbers, phones and addresses are left out (People&apos;s Mediation Law, art. 15: parties&apos; private information must not be disclosed).</source>
        <translation>不含个人信息：当事人的姓名、证件号码、电话和住址不会导出（《人民调解法》第十五条：不得泄露当事人的个人隐私）。</translation>
    </message>
    <message>
        <source>cases.csv and cases.xlsx never contain the parties&apos; personal data.</source>
        <translation>cases.csv 和 cases.xlsx 从不包含当事人个人信息。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Goes into the file:&lt;/b&gt; {travels}&lt;br&gt;&lt;b&gt;Stays in this ledger:&lt;/b&gt; {stays}</source>
        <translation>&lt;b&gt;导出到文件：&lt;/b&gt;{travels}&lt;br&gt;&lt;b&gt;留在本台账、不导出：&lt;/b&gt;{stays}</translation>
    </message>
    <message>
        <source>the cases (case number, committee, grid, source, dispute type, dates, status, agreement form, amount, people involved, summary — write no names into summaries)</source>
        <translation>案件（案号、调委会、网格、纠纷来源、纠纷类型、各日期、状态、协议形式、涉及金额、涉及人数、纠纷简要情况——简要情况中请勿写入姓名）</translation>
    </message>
    <message>
        <source>everything else: the parties and their personal data, investigation and mediation records, agreements, follow-ups, performance and judicial confirmation, the organisation and its people</source>
        <translation>其他一切：当事人及其个人信息、调查记录和调解记录、调解协议、回访记录、履行情况和司法确认、组织机构及其人员</translation>
    </message>
    <message>
        <source>{cases}; performance, judicial confirmation and the other statistical columns; the units and committees; the names of their mediators and grid workers; agreements without their contents (form, number, date signed, performance deadline); follow-ups without their contents (date, agreement number, performance, satisfaction)</source>
        <translation>{cases}；履行情况、司法确认等统计项；组织机构和调委会；调解员和网格员的姓名；调解协议（不含内容：协议形式、协议编号、签订日期、履行期限）；回访记录（不含内容：回访日期、协议编号、履行情况、满意度）</translation>
    </message>
    <message>
        <source>{common}; and the personal data: the parties (names, ID numbers, phones, addresses), investigation and mediation records, the full agreements and follow-ups, mediators&apos; phones</source>
        <translation>{common}；以及个人信息：当事人（姓名、证件号码、电话、住址）、调查记录和调解记录、完整的调解协议和回访记录、调解员电话</translation>
    </message>
    <message>
        <source>which mediators were assigned to each case; documents, settings and logs of this ledger</source>
        <translation>各案件由哪些调解员承办；本台账的文书、设置和日志</translation>
    </message>
    <message>
        <source>the parties (names, ID numbers, phones, addresses); investigation and mediation records; the contents of agreements (facts, matters in dispute, responsibilities, terms, manner and place of performance); who was visited, who visited, remaining risks and notes of follow-ups; mediators&apos; phones; which mediators were assigned to each case</source>
        <translation>当事人（姓名、证件号码、电话、住址）；调查记录和调解记录；调解协议的内容（事实、争议事项、责任、协议条款、履行方式和地点）；回访的对象、回访人、遗留风险和备注；调解员电话；各案件由哪些调解员承办</translation>
    </message>
    <message>
        <source>Exchange package (*.zip)</source>
        <translation>交换包 (*.zip)</translation>
    </message>
    <message>
        <source>CSV file (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Unknown unit “{text}”: choose one from the list, or clear the field to export the whole ledger.</source>
        <translation>没有单位“{text}”：请从列表中选择，或清空此栏以导出整个台账。</translation>
    </message>
    <message>
        <source>Personal data</source>
        <translation>个人信息</translation>
    </message>
    <message>
        <source>Export the parties&apos; personal data into {name}?</source>
        <translation>确定要把当事人个人信息导出到 {name} 吗？</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Exporting cases…</source>
        <translation>正在导出案件…</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>Exported {n} case(s) to {path}</source>
        <translation>已导出 {n} 件案件到 {path}</translation>
    </message>
    <message>
        <source>The export failed: {error}. No file was written.</source>
        <translation>导出失败：{error}。没有生成文件。</translation>
    </message>
</context>
<context>
    <name>FigureTableModel</name>
    <message>
        <source>Double-click to list the cases behind this figure</source>
        <translation>双击列出此数字对应的案件</translation>
    </message>
</context>
<context>
    <name>FiguresBox</name>
    <message>
        <source>Disputes registered</source>
        <translation>排查纠纷数</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>调解成功数</translation>
    </message>
    <message>
        <source>Resolution rate</source>
        <translation>化解率</translation>
    </message>
    <message>
        <source>{numerator} ÷ {denominator}</source>
        <translation>{numerator} ÷ {denominator}</translation>
    </message>
</context>
<context>
    <name>FilesPage</name>
    <message>
        <source>Choose the files to import</source>
        <translation>选择要导入的文件</translation>
    </message>
    <message>
        <source>Exchange packages (.zip) and cases.csv files, e.g. one from every street. Pick several at once or drag them into the list.</source>
        <translation>交换包（.zip）和 cases.csv 文件，例如各街道报来的文件。可以一次选择多个，也可以拖到下面的列表中。</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>Open an old ledger (Excel/WPS)…</source>
        <translation>打开原有台账（Excel/WPS）…</translation>
    </message>
    <message>
        <source>Bring in the ledger your committee kept in Excel or WPS (.xlsx, .xls, .ods, CSV): pick the sheet, say which column is which, and check before importing.</source>
        <translation>导入本调委会原来用 Excel 或 WPS 记的台账（.xlsx、.xls、.ods、CSV）：选择工作表，指明每一列是什么，检查无误后再导入。</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Remove all</source>
        <translation>全部移除</translation>
    </message>
    <message>
        <source>Nothing is written until you have seen the preview and clicked Apply.</source>
        <translation>在查看预览并点击“应用”之前，不会写入任何数据。</translation>
    </message>
    <message>
        <source>Import cases</source>
        <translation>导入案件</translation>
    </message>
    <message>
        <source>Exchange packages, cases.csv and old ledgers (*.zip *.csv *.xlsx *.xls *.ods);;All files (*)</source>
        <translation>交换包、cases.csv 和原有台账 (*.zip *.csv *.xlsx *.xls *.ods);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Open an old ledger</source>
        <translation>打开原有台账</translation>
    </message>
    <message>
        <source>Workbooks and CSV files (*.xlsx *.xls *.ods *.csv);;All files (*)</source>
        <translation>工作簿和 CSV 文件 (*.xlsx *.xls *.ods *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>An old ledger is imported on its own: remove the other files from the list.</source>
        <translation>原有台账要单独导入：请把列表中的其他文件移除。</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Case number, party, summary, dispute type, source, committee, grid or village</source>
        <translation>案号、当事人、简要情况、纠纷类型、来源、调委会、网格、村（社区）</translation>
    </message>
    <message>
        <source>Finds the cases whose number, party names or summary contain the words typed, or whose dispute type, source, committee, grid, village/community or street is named by them. Several words: every word must match.</source>
        <translation>查找案号、当事人姓名或纠纷简要情况含有所输入文字的案件，以及纠纷类型、案件来源、调委会、网格、村（社区）或街道名称含有这些文字的案件。输入多个词时，每个词都须匹配。</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>超期</translation>
    </message>
    <message>
        <source>In mediation longer than the overdue limit in Settings (30 days by default)</source>
        <translation>调解中且自受理之日起超过设置中的期限（默认 30 天）</translation>
    </message>
    <message>
        <source>Follow-up due</source>
        <translation>待回访</translation>
    </message>
    <message>
        <source>Resolved, no follow-up visit since closing, follow-up deadline within 7 days or passed</source>
        <translation>调解成功、结案后尚未回访，且回访期限在 7 天内到期或已过期</translation>
    </message>
    <message>
        <source>File incomplete</source>
        <translation>卷宗不完整</translation>
    </message>
    <message>
        <source>Closed cases whose file lacks an item the completeness rules require</source>
        <translation>已结案、卷宗缺少完整要求中的材料的案件</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <source>Search:</source>
        <translation>搜索：</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>来源：</translation>
    </message>
    <message>
        <source>Committee:</source>
        <translation>调委会：</translation>
    </message>
    <message>
        <source>Registered from:</source>
        <translation>登记日期从：</translation>
    </message>
    <message>
        <source>to:</source>
        <translation>至：</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
</context>
<context>
    <name>HelpWindow</name>
    <message>
        <source>The main window</source>
        <translation>主窗口</translation>
    </message>
    <message>
        <source>First start and installation</source>
        <translation>安装与首次使用</translation>
    </message>
    <message>
        <source>Entering a case</source>
        <translation>登记案件</translation>
    </message>
    <message>
        <source>Statistics and reports</source>
        <translation>统计报表</translation>
    </message>
    <message>
        <source>Case documents</source>
        <translation>案件文书</translation>
    </message>
    <message>
        <source>Import and export</source>
        <translation>导入与导出</translation>
    </message>
    <message>
        <source>What the figures count</source>
        <translation>统计口径</translation>
    </message>
    <message>
        <source>Command line</source>
        <translation>命令行</translation>
    </message>
    <message>
        <source>User guide</source>
        <translation>使用说明</translation>
    </message>
    <message>
        <source>The user guide is not installed.</source>
        <translation>未安装使用说明。</translation>
    </message>
</context>
<context>
    <name>ImportHistoryDialog</name>
    <message>
        <source>Import history</source>
        <translation>导入记录</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>From</source>
        <translation>来源单位</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>未变</translation>
    </message>
    <message>
        <source>Stale (older)</source>
        <translation>过期（较旧）</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>提醒</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256 校验值</translation>
    </message>
    <message>
        <source>{n} import(s) recorded.</source>
        <translation>共有 {n} 次导入记录。</translation>
    </message>
    <message>
        <source>Exchange package</source>
        <translation>交换包</translation>
    </message>
    <message>
        <source>Old ledger</source>
        <translation>原有台账</translation>
    </message>
    <message>
        <source>The import history could not be read: {error}</source>
        <translation>无法读取导入记录：{error}</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Import cases</source>
        <translation>导入案件</translation>
    </message>
    <message>
        <source>Import history…</source>
        <translation>导入记录…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>The mapping could not be saved for next time: {error}</source>
        <translation>对应关系没能保存，下次需要重新选择：{error}</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Registered</source>
        <translation>待受理</translation>
    </message>
    <message>
        <source>In mediation</source>
        <translation>调解中</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>调解成功</translation>
    </message>
    <message>
        <source>Terminated</source>
        <translation>调解终止</translation>
    </message>
    <message>
        <source>Not accepted</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区</translation>
    </message>
    <message>
        <source>County</source>
        <translation>县</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>街道</translation>
    </message>
    <message>
        <source>Town</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>社区</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
</context>
<context>
    <name>LedgerChoiceDialog</name>
    <message>
        <source>Welcome to Mediation Ledger</source>
        <translation>欢迎使用调解台账</translation>
    </message>
    <message>
        <source>There is no ledger yet. A ledger is one file that holds your organisation, cases and statistics. Choose how to begin:</source>
        <translation>还没有台账。台账是一个文件，保存组织机构、案件和统计数据。请选择如何开始：</translation>
    </message>
    <message>
        <source>Create a new ledger</source>
        <translation>新建台账</translation>
    </message>
    <message>
        <source>Then set up your organisation: import the org files or type it in.</source>
        <translation>接下来设置组织机构：导入组织机构文件，或逐项录入。</translation>
    </message>
    <message>
        <source>Choose another location…</source>
        <translation>选择其他位置…</translation>
    </message>
    <message>
        <source>Open an existing ledger file…</source>
        <translation>打开已有的台账文件…</translation>
    </message>
    <message>
        <source>For example a ledger copied from another computer, or a backup.</source>
        <translation>例如从另一台电脑复制来的台账，或一份备份。</translation>
    </message>
    <message>
        <source>Look around in the demo ledger</source>
        <translation>先用演示台账看看</translation>
    </message>
    <message>
        <source>An invented district with a few thousand cases. Nothing you do there touches your own ledger.</source>
        <translation>一个虚构的区，有几千件案件。在演示台账中的任何操作都不会影响您自己的台账。</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>New ledger file: {path}</source>
        <translation>新台账文件：{path}</translation>
    </message>
    <message>
        <source>New ledger file</source>
        <translation>新台账文件</translation>
    </message>
    <message>
        <source>Open a ledger file</source>
        <translation>打开台账文件</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Locked - Mediation Ledger</source>
        <translation>已锁定 - 调解台账</translation>
    </message>
    <message>
        <source>Log in - Mediation Ledger</source>
        <translation>登录 - 调解台账</translation>
    </message>
    <message>
        <source>The window is locked. Type your password to go on.</source>
        <translation>窗口已锁定。请输入密码继续。</translation>
    </message>
    <message>
        <source>Mediation Ledger</source>
        <translation>调解台账</translation>
    </message>
    <message>
        <source>Ledger: {path}</source>
        <translation>台账：{path}</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>All passwords lost? Use the recovery key…</source>
        <translation>密码全部丢失？使用恢复密钥…</translation>
    </message>
    <message>
        <source>A new password was set for {user}; log in with it.</source>
        <translation>已为 {user} 设置新密码，请用新密码登录。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Mediation Ledger</source>
        <translation>调解台账</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>首页</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>&amp;New case…</source>
        <translation>新建案件(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Open case</source>
        <translation>打开案件(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>查找(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Export view as &amp;CSV…</source>
        <translation>导出当前列表为 &amp;CSV…</translation>
    </message>
    <message>
        <source>Export view as &amp;Excel (XLSX)…</source>
        <translation>导出当前列表为 &amp;Excel (XLSX)…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Organisation…</source>
        <translation>组织机构(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Code tables…</source>
        <translation>代码表(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Import cases…</source>
        <translation>导入案件(&amp;I)…</translation>
    </message>
    <message>
        <source>E&amp;xport cases…</source>
        <translation>导出案件(&amp;X)…</translation>
    </message>
    <message>
        <source>Import &amp;history…</source>
        <translation>导入记录(&amp;H)…</translation>
    </message>
    <message>
        <source>&amp;Restore from backup…</source>
        <translation>从备份恢复(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Statistics and reports…</source>
        <translation>统计报表(&amp;S)…</translation>
    </message>
    <message>
        <source>O&amp;verview</source>
        <translation>首页(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Case list</source>
        <translation>案件列表(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation>使用说明(&amp;U)</translation>
    </message>
    <message>
        <source>Show the &amp;data folder</source>
        <translation>打开数据所在文件夹(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Organisation</source>
        <translation>组织机构(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Reports</source>
        <translation>报表(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>≥ {count} cases · counting…</source>
        <translation>≥ {count} 件 · 正在统计…</translation>
    </message>
    <message>
        <source>{total} cases · counting…</source>
        <translation>共 {total} 件 · 正在统计…</translation>
    </message>
    <message>
        <source>{total} cases · {in_mediation} in mediation · {resolved} resolved · {overdue} overdue</source>
        <translation>共 {total} 件 · 调解中 {in_mediation} 件 · 调解成功 {resolved} 件 · 超期 {overdue} 件</translation>
    </message>
    <message>
        <source>Search failed: {error}</source>
        <translation>查询失败：{error}</translation>
    </message>
    <message>
        <source>Exported to {path}</source>
        <translation>已导出到 {path}</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>There are no cases in view.</source>
        <translation>当前列表中没有案件。</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV file (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Export cases</source>
        <translation>导出案件</translation>
    </message>
    <message>
        <source>Exported {count} cases to {path}</source>
        <translation>已导出 {count} 件案件到 {path}</translation>
    </message>
    <message>
        <source>The export failed: {error}</source>
        <translation>导出失败：{error}</translation>
    </message>
    <message>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <source>Mediation Ledger {version} — case register and statistics for people&apos;s mediation committees.
Ledger: {path}
Data folder (settings, drafts, demo): {data} {mode}</source>
        <translation>调解台账 {version} —— 人民调解案件登记与统计。
台账文件：{path}
数据文件夹（设置、草稿、演示台账）：{data} {mode}</translation>
    </message>
</context>
<context>
    <name>NavTree</name>
    <message>
        <source>All cases</source>
        <translation>全部案件</translation>
    </message>
    <message>
        <source>Committees</source>
        <translation>人民调解委员会</translation>
    </message>
</context>
<context>
    <name>NewLedgerDialog</name>
    <message>
        <source>New ledger</source>
        <translation>新建台账</translation>
    </message>
    <message>
        <source>A new ledger will be created at {path}. It is encrypted: only its users can open it. You become its system administrator; add the other users afterwards. Keep the recovery key shown next.</source>
        <translation>将在 {path} 新建台账。台账是加密的：只有它的用户能打开。您将成为系统管理员，之后再添加其他用户。请妥善保管接下来显示的恢复密钥。</translation>
    </message>
    <message>
        <source>Do not encrypt (not advised: anyone who can copy the file reads it)</source>
        <translation>不加密（不建议：任何能复制文件的人都能读取）</translation>
    </message>
</context>
<context>
    <name>OrgManagerWindow</name>
    <message>
        <source>Organisation</source>
        <translation>组织机构</translation>
    </message>
    <message>
        <source>Import CSV files…</source>
        <translation>导入 CSV 文件…</translation>
    </message>
    <message>
        <source>Show inactive entries</source>
        <translation>显示已停用的条目</translation>
    </message>
    <message>
        <source>Streets, villages and grids</source>
        <translation>街道、村（社区）和网格</translation>
    </message>
    <message>
        <source>Mediation committees</source>
        <translation>人民调解委员会</translation>
    </message>
    <message>
        <source>Mediators and grid workers</source>
        <translation>调解员和网格员</translation>
    </message>
    <message>
        <source>Import organisation CSV files</source>
        <translation>导入组织机构 CSV 文件</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>{file}: {rows} rows, {new} new, {updated} updated</source>
        <translation>{file}：共 {rows} 行，新增 {new} 条，更新 {updated} 条</translation>
    </message>
    <message>
        <source>Import finished</source>
        <translation>导入完成</translation>
    </message>
    <message>
        <source>Import failed: nothing was written</source>
        <translation>导入失败：未写入任何数据</translation>
    </message>
</context>
<context>
    <name>OrgSetupDialog</name>
    <message>
        <source>Set up the organisation</source>
        <translation>设置组织机构</translation>
    </message>
    <message>
        <source>Ledger: {path}</source>
        <translation>台账：{path}</translation>
    </message>
    <message>
        <source>Save the templates…</source>
        <translation>保存模板…</translation>
    </message>
    <message>
        <source>Three CSV files with example rows (org_units.csv, committees.csv, people.csv): open them in Excel or WPS, replace the examples with your own and save.</source>
        <translation>三个带示例行的 CSV 文件（org_units.csv 组织机构、committees.csv 调委会、people.csv 人员）：用 Excel 或 WPS 打开，把示例换成本单位的内容后保存。</translation>
    </message>
    <message>
        <source>Import the org files…</source>
        <translation>导入组织机构文件…</translation>
    </message>
    <message>
        <source>Select the three files together; they are checked first and imported whole, or not at all.</source>
        <translation>请同时选中这三个文件；先检查，再整体导入，有错误时一行也不导入。</translation>
    </message>
    <message>
        <source>Type it in…</source>
        <translation>逐项录入…</translation>
    </message>
    <message>
        <source>Add the district, streets, villages and communities, grids, committees and mediators one by one in the organisation window.</source>
        <translation>在组织机构窗口中逐项添加区、街道（乡镇）、村（社区）、网格、调委会和调解员。</translation>
    </message>
    <message>
        <source>Start using the ledger</source>
        <translation>开始使用台账</translation>
    </message>
    <message>
        <source>Next: import the org files (or type in your district and its streets, villages and grids).</source>
        <translation>下一步：导入组织机构文件（或录入本区及其街道、村（社区）和网格）。</translation>
    </message>
    <message>
        <source>Next: add at least one mediation committee.</source>
        <translation>下一步：至少添加一个人民调解委员会。</translation>
    </message>
    <message>
        <source>Next: add at least one mediator to a committee.</source>
        <translation>下一步：至少为一个调委会添加一名调解员。</translation>
    </message>
    <message>
        <source>The organisation is ready: start using the ledger and register the first case.</source>
        <translation>组织机构已设置好：开始使用台账，登记第一件案件。</translation>
    </message>
    <message>
        <source>Org units: {units}   Committees: {committees}   Mediators: {mediators}</source>
        <translation>组织机构：{units}   调委会：{committees}   调解员：{mediators}</translation>
    </message>
    <message>
        <source>Save the templates</source>
        <translation>保存模板</translation>
    </message>
    <message>
        <source>The templates could not be saved in {folder}: {error}</source>
        <translation>模板无法保存到 {folder}：{error}</translation>
    </message>
    <message>
        <source>Saved in {folder}:
{files}</source>
        <translation>已保存到 {folder}：
{files}</translation>
    </message>
    <message>
        <source>Import the org files</source>
        <translation>导入组织机构文件</translation>
    </message>
</context>
<context>
    <name>OutcomeView</name>
    <message>
        <source>Copy the list of problems</source>
        <translation>复制问题清单</translation>
    </message>
    <message>
        <source>Files ({n})</source>
        <translation>文件（{n}）</translation>
    </message>
    <message>
        <source>Change in totals</source>
        <translation>总数变化</translation>
    </message>
    <message>
        <source>Problems ({n})</source>
        <translation>问题（{n}）</translation>
    </message>
    <message>
        <source>Conflicts ({n})</source>
        <translation>冲突（{n}）</translation>
    </message>
    <message>
        <source>Warnings ({n})</source>
        <translation>提醒（{n}）</translation>
    </message>
</context>
<context>
    <name>PackagePasswordDialog</name>
    <message>
        <source>Package password</source>
        <translation>数据包密码</translation>
    </message>
    <message>
        <source>The package carries parties&apos; personal data and is encrypted with this password. Tell it to the receiver by another way than the package (phone, in person).</source>
        <translation>数据包含有当事人个人信息，用此密码加密。请用数据包以外的方式（电话、当面）告诉接收方。</translation>
    </message>
    <message>
        <source>This package is encrypted. Type the password the sender gave you.</source>
        <translation>此数据包已加密。请输入发送方告诉您的密码。</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Again</source>
        <translation>再输入一次</translation>
    </message>
</context>
<context>
    <name>PartyEditor</name>
    <message>
        <source>Name</source>
        <translation>姓名/名称</translation>
    </message>
    <message>
        <source>Party role</source>
        <translation>当事人身份</translation>
    </message>
    <message>
        <source>Party kind</source>
        <translation>当事人类别</translation>
    </message>
    <message>
        <source>ID type</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>Ethnicity</source>
        <translation>民族</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Occupation</source>
        <translation>职业</translation>
    </message>
    <message>
        <source>Add party</source>
        <translation>添加当事人</translation>
    </message>
    <message>
        <source>Remove party</source>
        <translation>删除当事人</translation>
    </message>
</context>
<context>
    <name>PeoplePanel</name>
    <message>
        <source>Filter by name, phone, committee or grid</source>
        <translation>按姓名、电话、调委会或网格筛选</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>身份</translation>
    </message>
    <message>
        <source>Committee</source>
        <translation>调委会</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Committee (mediators)</source>
        <translation>所属调委会（调解员）</translation>
    </message>
    <message>
        <source>Grid (grid workers)</source>
        <translation>所属网格（网格员）</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Employment</source>
        <translation>专兼职</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>{name} (inactive)</source>
        <translation>{name}（已停用）</translation>
    </message>
    <message>
        <source>Delete person</source>
        <translation>删除人员</translation>
    </message>
    <message>
        <source>Delete {name}?</source>
        <translation>删除 {name}？</translation>
    </message>
</context>
<context>
    <name>PeriodPicker</name>
    <message>
        <source>Month</source>
        <translation>月度</translation>
    </message>
    <message>
        <source>Quarter</source>
        <translation>季度</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Custom range</source>
        <translation>自定义期间</translation>
    </message>
    <message>
        <source> (year)</source>
        <translation> 年</translation>
    </message>
    <message>
        <source>{n} (month)</source>
        <translation>{n} 月</translation>
    </message>
    <message>
        <source>Q{n}</source>
        <translation>第 {n} 季度</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>The files are read and checked as if importing, but nothing is written to the ledger.</source>
        <translation>按导入的方式读取并检查文件，但不会向台账写入任何数据。</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>应用(&amp;A)</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>重新检查</translation>
    </message>
    <message>
        <source>Read the files again, e.g. after correcting them.</source>
        <translation>重新读取文件，例如改正文件之后。</translation>
    </message>
    <message>
        <source>Checking {n} file(s)…</source>
        <translation>正在检查 {n} 个文件…</translation>
    </message>
    <message>
        <source>Checking the files…</source>
        <translation>正在检查文件…</translation>
    </message>
    <message>
        <source>The ledger is open read-only: the files were checked but cannot be imported.</source>
        <translation>台账以只读方式打开：文件已检查，但不能导入。</translation>
    </message>
    <message>
        <source>{n} problem(s) found. Nothing will be written: correct the file(s) at the places listed below (or ask the sender for a corrected file), then click Check again.</source>
        <translation>发现 {n} 处问题，不会写入任何数据。请按下面列出的位置改正文件（或请报送单位重新导出），然后点击“重新检查”。</translation>
    </message>
    <message>
        <source>Only the first {shown} are listed.</source>
        <translation>只列出前 {shown} 处。</translation>
    </message>
    <message>
        <source>No problems found. Apply will add {new} new case(s) and update {updated}; {unchanged} unchanged and {stale} older row(s) are left alone.</source>
        <translation>没有发现问题。点击“应用”将新增 {new} 件、更新 {updated} 件；未变的 {unchanged} 件和较旧的 {stale} 行保持不动。</translation>
    </message>
    <message>
        <source>{n} conflict(s): see the Conflicts tab.</source>
        <translation>有 {n} 处冲突，请查看“冲突”页。</translation>
    </message>
    <message>
        <source>The check was cancelled. Nothing was written. Click Check again to repeat it.</source>
        <translation>检查已取消，没有写入任何数据。点击“重新检查”可以再次检查。</translation>
    </message>
    <message>
        <source>The files could not be checked: {error}</source>
        <translation>无法检查文件：{error}</translation>
    </message>
</context>
<context>
    <name>ProblemsTable</name>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
</context>
<context>
    <name>ProgressJob</name>
    <message>
        <source>Another program is writing to this ledger; waiting for it to finish ({seconds} s)…</source>
        <translation>另一个程序正在写入本台账，等待它完成（已等待 {seconds} 秒）……</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Drive</source>
        <translation>驱动器</translation>
    </message>
    <message>
        <source>Folder</source>
        <comment>All other platforms</comment>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>File Folder</source>
        <comment>Match Windows Explorer</comment>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>%1 File</source>
        <translation>%1 文件</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>QProgressDialog</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <source>Open with the recovery key</source>
        <translation>用恢复密钥打开</translation>
    </message>
    <message>
        <source>(the first system administrator)</source>
        <translation>（留空：最早的系统管理员）</translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation>恢复密钥</translation>
    </message>
    <message>
        <source>System administrator</source>
        <translation>系统管理员</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>Again</source>
        <translation>再输入一次</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyDialog</name>
    <message>
        <source>Recovery key</source>
        <translation>恢复密钥</translation>
    </message>
    <message>
        <source>This is the recovery key of the ledger. It is shown only now. When every password is lost, it is the only way to open the ledger. Write it down or print it, and keep it locked away from the computer.</source>
        <translation>这是台账的恢复密钥，只显示这一次。所有密码都丢失时，只能用它打开台账。请抄写或打印，并与电脑分开妥善锁存。</translation>
    </message>
    <message>
        <source>I have written down or printed the recovery key</source>
        <translation>我已抄写或打印恢复密钥</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Mediation Ledger - recovery key</source>
        <translation>调解台账 - 恢复密钥</translation>
    </message>
</context>
<context>
    <name>ReportsWindow</name>
    <message>
        <source>Statistics reports</source>
        <translation>统计报表</translation>
    </message>
    <message>
        <source>Disputes and handling</source>
        <translation>纠纷排查与调处</translation>
    </message>
    <message>
        <source>By dispute type</source>
        <translation>按纠纷类型</translation>
    </message>
    <message>
        <source>Sources and prevention</source>
        <translation>案件来源与防止激化</translation>
    </message>
    <message>
        <source>By month</source>
        <translation>按月份</translation>
    </message>
    <message>
        <source>Review and submit</source>
        <translation>审核上报</translation>
    </message>
    <message>
        <source>Case subsidies</source>
        <translation>以案定补</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>期间：</translation>
    </message>
    <message>
        <source>Scope:</source>
        <translation>范围：</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Save PDF…</source>
        <translation>保存 PDF…</translation>
    </message>
    <message>
        <source>Report with chart (PDF)…</source>
        <translation>情况报告（PDF）…</translation>
    </message>
    <message>
        <source>Save CSV…</source>
        <translation>保存 CSV…</translation>
    </message>
    <message>
        <source>Save XLSX…</source>
        <translation>保存 XLSX…</translation>
    </message>
    <message>
        <source>Choose a unit or a committee.</source>
        <translation>请选择单位或调委会。</translation>
    </message>
    <message>
        <source>Building the report…</source>
        <translation>正在生成报表…</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Calendar month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Changed since submission: {n} differences (see Review and submit).</source>
        <translation>本月上报后数据有变化（{n} 项），详见“审核上报”页。</translation>
    </message>
    <message>
        <source>Submitted figures: version {v}, by {who} at {at}.</source>
        <translation>已上报的数字：第 {v} 版，{who} 于 {at} 上报。</translation>
    </message>
    <message>
        <source>The By month tab and the case lists show the current data.</source>
        <translation>“按月份”页和案件列表显示的是当前数据。</translation>
    </message>
    <message>
        <source>Finding the cases…</source>
        <translation>正在查找案件…</translation>
    </message>
    <message>
        <source>The month was reviewed.</source>
        <translation>本月已审核。</translation>
    </message>
    <message>
        <source>Submit</source>
        <translation>上报</translation>
    </message>
    <message>
        <source>The month was submitted.</source>
        <translation>本月已上报。</translation>
    </message>
    <message>
        <source>submitted</source>
        <translation>已上报</translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation>保存报表</translation>
    </message>
    <message>
        <source>Saving {path}…</source>
        <translation>正在保存 {path}…</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>sheet</source>
        <translation>统计表</translation>
    </message>
    <message>
        <source>report</source>
        <translation>情况报告</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>RestoreFlow</name>
    <message>
        <source>Restore from backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>Ledger backups (*.db *.bak);;All files (*)</source>
        <translation>台账备份 (*.db *.bak);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Replace the content of the ledger {db} with the backup {source}?

The present content is kept as {db}.before-restore-….bak. Other windows of this ledger are closed first; another program that has it open must be closed too.</source>
        <translation>用备份 {source} 替换台账 {db} 的内容？

现在的内容会保存为 {db}.before-restore-….bak。本台账的其他窗口会先关闭；打开着它的其他程序也必须先关闭。</translation>
    </message>
    <message>
        <source>Restoring from {source}…</source>
        <translation>正在从 {source} 恢复……</translation>
    </message>
    <message>
        <source>Restored from {source}.</source>
        <translation>已从 {source} 恢复。</translation>
    </message>
    <message>
        <source>The previous content is kept as {saved}.</source>
        <translation>原来的内容已保存为 {saved}。</translation>
    </message>
</context>
<context>
    <name>Saver</name>
    <message>
        <source>Use this number anyway (for example for an old paper case)?</source>
        <translation>仍要使用这个案号吗（如历史纸质案件）？</translation>
    </message>
    <message>
        <source>Case number not from the template</source>
        <translation>案号不符合模板</translation>
    </message>
    <message>
        <source>This may be a case entered before: {numbers}. Save anyway?</source>
        <translation>此案件可能已经登记过：{numbers}。仍然保存？</translation>
    </message>
    <message>
        <source>Possible duplicate</source>
        <translation>可能重复</translation>
    </message>
    <message>
        <source>Could not save</source>
        <translation>无法保存</translation>
    </message>
</context>
<context>
    <name>SearchCombo</name>
    <message>
        <source>{key} {label} (inactive)</source>
        <translation>{key} {label}（已停用）</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Disputes registered (排查纠纷数)</source>
        <translation>排查纠纷数</translation>
    </message>
    <message>
        <source>Cases accepted (受理数)</source>
        <translation>受理数</translation>
    </message>
    <message>
        <source>Cases concluded (resolved + terminated)</source>
        <translation>调结数（调解成功数 + 调解终止数）</translation>
    </message>
    <message>
        <source>Truncate (as published by the district)</source>
        <translation>截位（与区里公布口径一致）</translation>
    </message>
    <message>
        <source>Round half up</source>
        <translation>四舍五入</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>标准</translation>
    </message>
    <message>
        <source>Large</source>
        <translation>较大</translation>
    </message>
    <message>
        <source>Extra large</source>
        <translation>特大</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区（县）</translation>
    </message>
    <message>
        <source>District name:</source>
        <translation>区（县）名称：</translation>
    </message>
    <message>
        <source>District code:</source>
        <translation>区（县）代码：</translation>
    </message>
    <message>
        <source>Name printed on sheets:</source>
        <translation>报表填报人：</translation>
    </message>
    <message>
        <source>Case numbers and statistics</source>
        <translation>案号与统计</translation>
    </message>
    <message>
        <source>Case-number template:</source>
        <translation>案号模板：</translation>
    </message>
    <message>
        <source>Agreement-number template:</source>
        <translation>协议编号模板：</translation>
    </message>
    <message>
        <source>Rate denominator:</source>
        <translation>化解率分母：</translation>
    </message>
    <message>
        <source>Rate rounding:</source>
        <translation>化解率取舍：</translation>
    </message>
    <message>
        <source>Decimal places:</source>
        <translation>小数位数：</translation>
    </message>
    <message>
        <source>Overdue after:</source>
        <translation>超期期限：</translation>
    </message>
    <message>
        <source>Follow-up within:</source>
        <translation>回访期限：</translation>
    </message>
    <message>
        <source>This session runs in {language} because the program was started with --lang {code}. The language chosen here is saved for this computer and applies at the next start without --lang.</source>
        <translation>本次运行使用{language}，因为程序启动时指定了 --lang {code}。此处选择的语言保存在本机，下次不带 --lang 启动时生效。</translation>
    </message>
    <message>
        <source>A new language applies after restarting the program.</source>
        <translation>更改语言后需重新启动程序才能生效。</translation>
    </message>
    <message>
        <source>Display (this computer only)</source>
        <translation>显示（仅本机）</translation>
    </message>
    <message>
        <source>Language in use:</source>
        <translation>当前语言：</translation>
    </message>
    <message>
        <source>Language at start:</source>
        <translation>启动时的语言：</translation>
    </message>
    <message>
        <source>Text size:</source>
        <translation>文字大小：</translation>
    </message>
    <message>
        <source>Example: {number}</source>
        <translation>示例：{number}</translation>
    </message>
    <message>
        <source>The database is open read-only.</source>
        <translation>数据库以只读方式打开，无法保存。</translation>
    </message>
    <message>
        <source>Could not save the settings: {error}</source>
        <translation>无法保存设置：{error}</translation>
    </message>
</context>
<context>
    <name>SheetPage</name>
    <message>
        <source>Old ledger: sheet and header row</source>
        <translation>原有台账：工作表和表头行</translation>
    </message>
    <message>
        <source>Rows above the column names (the title, 填报单位 …) are skipped. Click the row that holds the column names.</source>
        <translation>表头以上的行（标题、填报单位等）不导入。请点击列名所在的那一行。</translation>
    </message>
    <message>
        <source>Sheet:</source>
        <translation>工作表：</translation>
    </message>
    <message>
        <source>Column names are in row:</source>
        <translation>列名（表头）在第几行：</translation>
    </message>
    <message>
        <source>Reading {name}…</source>
        <translation>正在读取 {name}…</translation>
    </message>
    <message>
        <source>This workbook has the layout of one imported before: its mapping is used again (check it on the next pages).</source>
        <translation>这个工作簿的格式与以前导入过的相同，已沿用上次的对应关系（请在后面几页核对）。</translation>
    </message>
    <message>
        <source>The workbook cannot be opened: {error}</source>
        <translation>无法打开工作簿：{error}</translation>
    </message>
</context>
<context>
    <name>StatusActions</name>
    <message>
        <source>Accept</source>
        <translation>受理</translation>
    </message>
    <message>
        <source>Mediation succeeded</source>
        <translation>调解成功</translation>
    </message>
    <message>
        <source>Terminate mediation</source>
        <translation>调解终止</translation>
    </message>
    <message>
        <source>Do not accept</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <source>Back to “in mediation”, to correct a case closed by mistake</source>
        <translation>退回“调解中”，用于更正误操作结案的案件</translation>
    </message>
    <message>
        <source>Tick at least one mediator before recording “mediation succeeded”.</source>
        <translation>记录“调解成功”前，请至少勾选一名调解员。</translation>
    </message>
    <message>
        <source>A case whose mediation succeeded needs at least one mediator ticked (who reached the agreement). Nothing was saved.</source>
        <translation>调解成功的案件须至少勾选一名调解员（达成协议的调解员），未保存。</translation>
    </message>
    <message>
        <source>Could not change the status</source>
        <translation>无法更改状态</translation>
    </message>
    <message>
        <source>Mediation succeeded with a written agreement: please fill in the agreement (number, facts, terms, performance) and save.</source>
        <translation>调解成功（书面协议）：请填写调解协议（协议编号、主要事实、协议内容、履行方式等），然后保存。</translation>
    </message>
    <message>
        <source>The case goes back to “in mediation”: its closing date, agreement form, performance and judicial confirmation are cleared (the agreement text is kept). Reopen it?</source>
        <translation>案件将回到“调解中”：结案日期、协议形式、履行情况和司法确认将被清除（协议内容保留）。确定重新打开吗？</translation>
    </message>
    <message>
        <source>Reopen the case</source>
        <translation>重新打开案件</translation>
    </message>
</context>
<context>
    <name>StatusDialog</name>
    <message>
        <source>Accept the case (受理)</source>
        <translation>受理</translation>
    </message>
    <message>
        <source>Mediation succeeded (调解成功)</source>
        <translation>调解成功</translation>
    </message>
    <message>
        <source>Terminate mediation (调解终止)</source>
        <translation>调解终止</translation>
    </message>
    <message>
        <source>Do not accept (不予受理)</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <source>Acceptance date</source>
        <translation>受理日期</translation>
    </message>
    <message>
        <source>Closing date</source>
        <translation>结案日期</translation>
    </message>
    <message>
        <source>Agreement form</source>
        <translation>协议形式</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>The date is the day the action happened (as on paper).</source>
        <translation>日期填写实际办理的日期（与纸质材料一致）。</translation>
    </message>
</context>
<context>
    <name>SubmissionPanel</name>
    <message>
        <source>Review</source>
        <translation>审核</translation>
    </message>
    <message>
        <source>Submit</source>
        <translation>上报</translation>
    </message>
    <message>
        <source>Show the submitted figures (reprint)</source>
        <translation>显示已上报的数字（重印）</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Unit name</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Disputes this month</source>
        <translation>本月排查纠纷数</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>By</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>At</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>This month has not been reviewed or submitted yet.</source>
        <translation>本月尚未审核或上报。</translation>
    </message>
    <message>
        <source>Reviewed by {who} at {at} (version {v}); not submitted yet.</source>
        <translation>{who} 已于 {at} 审核（第 {v} 版），尚未上报。</translation>
    </message>
    <message>
        <source>Submitted by {who} at {at} (version {v}, reviewed by {rev}).</source>
        <translation>{who} 已于 {at} 上报（第 {v} 版，审核人 {rev}）。</translation>
    </message>
    <message>
        <source>Zero report.</source>
        <translation>零报告。</translation>
    </message>
    <message>
        <source>A newer review (version {v}) has not been submitted.</source>
        <translation>较新的审核（第 {v} 版）尚未上报。</translation>
    </message>
    <message>
        <source>Changed since submission ({n} figures):</source>
        <translation>上报后有变动（{n} 项数字）：</translation>
    </message>
    <message>
        <source>• {unit} · {figure}: {before} → {after}</source>
        <translation>• {unit} · {figure}：{before} → {after}</translation>
    </message>
    <message>
        <source>… and {n} more</source>
        <translation>…… 另有 {n} 项</translation>
    </message>
    <message>
        <source> (this unit)</source>
        <translation>（本单位）</translation>
    </message>
    <message>
        <source>This unit: {state}. Units below: submitted {done}/{all} (zero reports {zero}), reviewed only {rev}, not submitted {miss}</source>
        <translation>本单位：{state}。下级：已上报 {done}/{all}（其中零报告 {zero}），已审核未上报 {rev}，未上报 {miss}</translation>
    </message>
    <message>
        <source>Submit the figures of {scope} for {period}?</source>
        <translation>上报{scope}{period}的数字？</translation>
    </message>
    <message>
        <source>{n} units below have not submitted yet: {names} and {more} more.</source>
        <translation>下级单位中有 {n} 个尚未上报：{names}等（另有 {more} 个未列出）。</translation>
    </message>
    <message>
        <source>{n} units below have not submitted yet: {names}.</source>
        <translation>下级单位中有 {n} 个尚未上报：{names}。</translation>
    </message>
    <message>
        <source>Submit the figures of {scope} for {period} anyway?</source>
        <translation>仍要上报{scope}{period}的数字吗？</translation>
    </message>
</context>
<context>
    <name>SubsidyPanel</name>
    <message>
        <source>Claim sheets (PDF)…</source>
        <translation>申报表（PDF）…</translation>
    </message>
    <message>
        <source>XLSX…</source>
        <translation>XLSX…</translation>
    </message>
    <message>
        <source>CSV…</source>
        <translation>CSV…</translation>
    </message>
    <message>
        <source>Incomplete files…</source>
        <translation>卷宗不完整清单…</translation>
    </message>
    <message>
        <source>Mark as paid…</source>
        <translation>标记为已发放…</translation>
    </message>
    <message>
        <source>Rules…</source>
        <translation>补助规则…</translation>
    </message>
    <message>
        <source>Paid cases by mediator</source>
        <translation>按调解员的补助案件</translation>
    </message>
    <message>
        <source>Not paid</source>
        <translation>未予补助</translation>
    </message>
    <message>
        <source>Computing the claim…</source>
        <translation>正在计算补助申报…</translation>
    </message>
    <message>
        <source>Case subsidies</source>
        <translation>以案定补</translation>
    </message>
    <message>
        <source>{scope}, {period}: {cases} cases paid, {amount} yuan, to {mediators} mediators; {refused} successful cases not paid.</source>
        <translation>{scope}，{period}：补助案件{cases}件，金额{amount}元，调解员{mediators}人；未予补助的调解成功案件{refused}件。</translation>
    </message>
    <message>
        <source>Paid: version {v} on {at} by {by}, {cases} cases, {amount} yuan.</source>
        <translation>已发放：第{v}次，{at}，{by}，{cases}件，{amount}元。</translation>
    </message>
    <message>
        <source>{n} paid cases changed since the claim (marked ⚠).</source>
        <translation>有{n}件已补助案件在申报后被修改（标 ⚠）。</translation>
    </message>
    <message>
        <source>Committee</source>
        <translation>调委会</translation>
    </message>
    <message>
        <source>Mediator</source>
        <translation>调解员</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Subsidy (yuan)</source>
        <translation>补助金额（元）</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Case no.</source>
        <translation>案号</translation>
    </message>
    <message>
        <source>Closed on</source>
        <translation>结案日期</translation>
    </message>
    <message>
        <source>Difficulty</source>
        <translation>难易程度</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>调解协议</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>份额</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>未予补助原因</translation>
    </message>
    <message>
        <source>Not paid ({n})</source>
        <translation>未予补助（{n}）</translation>
    </message>
    <message>
        <source>Showing the first {shown} of {total} cases; the claim files hold them all.</source>
        <translation>只列出 {total} 件中的前 {shown} 件；申报表和导出文件包含全部案件。</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Excel files (*.xlsx)</source>
        <translation>Excel 文件 (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Save the claim</source>
        <translation>保存补助申报</translation>
    </message>
    <message>
        <source>Save the incomplete files</source>
        <translation>保存卷宗不完整清单</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Saved: {path}</source>
        <translation>已保存：{path}</translation>
    </message>
    <message>
        <source>Mark the claim of {scope} for {period} as paid: {n} cases, {amount} yuan?
The claim is frozen, and these cases will not be paid again by any claim.</source>
        <translation>把{scope}{period}的补助申报标记为已发放：{n}件，{amount}元？
申报将被冻结，这些案件以后不会再被任何申报补助。</translation>
    </message>
    <message>
        <source>Mark as paid</source>
        <translation>标记为已发放</translation>
    </message>
</context>
<context>
    <name>SubsidyRulesDialog</name>
    <message>
        <source>Case subsidy rules</source>
        <translation>以案定补规则</translation>
    </message>
    <message>
        <source>Rates</source>
        <translation>补助标准</translation>
    </message>
    <message>
        <source>Complete case file</source>
        <translation>卷宗完整要求</translation>
    </message>
    <message>
        <source>Default difficulty</source>
        <translation>默认难易程度</translation>
    </message>
    <message>
        <source>Not allowed for your role</source>
        <translation>您的角色无权使用</translation>
    </message>
    <message>
        <source>Rule sets in force from:</source>
        <translation>已有规则的生效日期：</translation>
    </message>
    <message>
        <source>New rates take effect on:</source>
        <translation>新标准生效日期：</translation>
    </message>
    <message>
        <source>The principal mediator</source>
        <translation>主办调解员</translation>
    </message>
    <message>
        <source>Split equally among the mediators</source>
        <translation>承办调解员平分</translation>
    </message>
    <message>
        <source>Who is paid:</source>
        <translation>补助对象：</translation>
    </message>
    <message>
        <source>Only cases with a complete file</source>
        <translation>只补助卷宗完整的案件</translation>
    </message>
    <message>
        <source>Only cases whose agreement was performed</source>
        <translation>只补助协议已履行的案件</translation>
    </message>
    <message>
        <source>Any agreement (yuan)</source>
        <translation>不分协议形式（元）</translation>
    </message>
    <message>
        <source>Written (yuan)</source>
        <translation>书面协议（元）</translation>
    </message>
    <message>
        <source>Oral (yuan)</source>
        <translation>口头协议（元）</translation>
    </message>
    <message>
        <source>(other types)</source>
        <translation>（其他类型）</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
</context>
<context>
    <name>TotalLabels</name>
    <message>
        <source>Cases (deleted ones included)</source>
        <translation>案件数（含已删除）</translation>
    </message>
    <message>
        <source>Cases (not deleted)</source>
        <translation>案件数（不含已删除）</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>调解成功</translation>
    </message>
    <message>
        <source>Amount involved (yuan)</source>
        <translation>涉及金额（元）</translation>
    </message>
</context>
<context>
    <name>TotalsTable</name>
    <message>
        <source>Figure</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>导入前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>导入后</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
</context>
<context>
    <name>UnitsPanel</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Parent unit</source>
        <translation>上级单位</translation>
    </message>
    <message>
        <source>New subordinate unit</source>
        <translation>新建下级单位</translation>
    </message>
    <message>
        <source>{name} (inactive)</source>
        <translation>{name}（已停用）</translation>
    </message>
    <message>
        <source>Grid workers of this grid</source>
        <translation>本网格的网格员</translation>
    </message>
    <message>
        <source>also a mediator of {committee} (双员)</source>
        <translation>同时是{committee}的调解员（双员）</translation>
    </message>
    <message>
        <source>not a mediator</source>
        <translation>不是调解员</translation>
    </message>
    <message>
        <source>No grid worker assigned.</source>
        <translation>未配备网格员。</translation>
    </message>
    <message>
        <source>Delete unit</source>
        <translation>删除单位</translation>
    </message>
    <message>
        <source>Delete unit {code}?</source>
        <translation>删除单位 {code}？</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <source>Change user</source>
        <translation>修改用户</translation>
    </message>
    <message>
        <source>Add user</source>
        <translation>添加用户</translation>
    </message>
    <message>
        <source>org unit or committee code; empty: whole ledger</source>
        <translation>组织机构或调委会代码；留空为整个台账</translation>
    </message>
    <message>
        <source>may see and export parties&apos; personal data (administrators)</source>
        <translation>可查看和导出当事人个人信息（管理员）</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>身份</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Again</source>
        <translation>再输入一次</translation>
    </message>
</context>
<context>
    <name>UserManagementDialog</name>
    <message>
        <source>Users</source>
        <translation>用户管理</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>身份</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>Personal data</source>
        <translation>个人信息</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>新增…</translation>
    </message>
    <message>
        <source>Change role or scope…</source>
        <translation>修改角色或范围…</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>重置密码…</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>A disabled user&apos;s password no longer opens the ledger; their cases and audit entries keep their name. Enabling again needs a new password.</source>
        <translation>停用后，该用户的密码不再能打开台账；其录入的案件和审计记录保留其姓名。重新启用需要设置新密码。</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>locked until {t}</source>
        <translation>锁定至 {t}</translation>
    </message>
    <message>
        <source>active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>no password</source>
        <translation>未设密码</translation>
    </message>
    <message>
        <source>whole ledger</source>
        <translation>整个台账</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Disable the user {user}?</source>
        <translation>确定停用用户 {user} 吗？</translation>
    </message>
</context>
<context>
    <name>ValuesPage</name>
    <message>
        <source>Old ledger: what the words mean</source>
        <translation>原有台账：各种写法的含义</translation>
    </message>
    <message>
        <source>Each different word found in these columns is listed once. Choose what it means in this program.</source>
        <translation>这些列中出现的每种写法各列一次，请选择它在本程序中对应的项目。</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>In the ledger</source>
        <translation>台账中的写法</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>Means</source>
        <translation>对应为</translation>
    </message>
    <message>
        <source>Save the mapping as…</source>
        <translation>保存对应关系文件…</translation>
    </message>
    <message>
        <source>A JSON file for the command line: mediator-app cases import-ledger FILE --mapping MAPPING.json</source>
        <translation>供命令行使用的 JSON 文件：mediator-app cases import-ledger 台账文件 --mapping 对应关系.json</translation>
    </message>
    <message>
        <source>Reading every row of the sheet…</source>
        <translation>正在读取工作表的所有行…</translation>
    </message>
    <message>
        <source>Reading the ledger…</source>
        <translation>正在读取台账…</translation>
    </message>
    <message>
        <source>Old ledger</source>
        <translation>原有台账</translation>
    </message>
    <message>
        <source>Reading was cancelled.</source>
        <translation>读取已取消。</translation>
    </message>
    <message>
        <source>— choose —</source>
        <translation>— 请选择 —</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（不填）</translation>
    </message>
    <message>
        <source>{n} word(s) still need a meaning (marked red): rows with them would be problems.</source>
        <translation>还有 {n} 种写法没有对应（红色标出）：含有这些写法的行将无法导入。</translation>
    </message>
    <message>
        <source>No status, type, source or agreement-form column to map.</source>
        <translation>没有需要对应的状态、纠纷类型、来源或协议形式列。</translation>
    </message>
    <message>
        <source>Every word has a meaning.</source>
        <translation>所有写法都已对应。</translation>
    </message>
    <message>
        <source>Save the mapping</source>
        <translation>保存对应关系</translation>
    </message>
    <message>
        <source>Mapping (*.json)</source>
        <translation>对应关系 (*.json)</translation>
    </message>
</context>
<context>
    <name>_LedgerPage</name>
    <message>
        <source>Parties (names split at 、，, and spaces)</source>
        <translation>当事人（姓名以顿号、逗号或空格分开）</translation>
    </message>
</context>
</TS>
