<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>Agenda</name>
    <message>
        <source>★ 三重一大：%1</source>
        <translation>★ Major matter (三重一大): %1</translation>
    </message>
</context>
<context>
    <name>Ballots</name>
    <message>
        <source>本议题</source>
        <translation>This item</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>已保存：{path}
打开文件即可查看和打印。</source>
        <translation>Saved: {path}
Open the file to view and print it.</translation>
    </message>
    <message>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>打印计票单和表决结果报告单</source>
        <translation>Print the count sheet and the result report</translation>
    </message>
    <message>
        <source>计票单</source>
        <translation> count forms</translation>
    </message>
    <message>
        <source>收回选票 {returned} 张：有效票 {valid} 张，废票 {void} 张。</source>
        <translation>{returned} ballots returned: {valid} valid, {void} void.</translation>
    </message>
    <message>
        <source>计票结果</source>
        <translation>Result of the count</translation>
    </message>
    <message>
        <source>打印计票单和表决结果报告单…</source>
        <translation>Print the count sheet and result report…</translation>
    </message>
</context>
<context>
    <name>CancelMeetingDialog</name>
    <message>
        <source>取消会议</source>
        <translation>Cancel the meeting</translation>
    </message>
    <message>
        <source>“%1”不再召开。取消后会议不删除，编号（第 %2 次）保留不补，会议列表显示取消原因；取消后不能再修改或开始。</source>
        <translation>%1 will not take place. A cancelled meeting is not deleted: its number (no. %2) stays taken and is not reused, and the list shows the reason. It can no longer be changed or started.</translation>
    </message>
    <message>
        <source>例如：主要负责人赴县参加紧急会议，改期召开</source>
        <translation>e.g. the chief was called to an urgent county meeting; to be rescheduled</translation>
    </message>
    <message>
        <source>取消原因（必填）：</source>
        <translation>Reason (required):</translation>
    </message>
    <message>
        <source>经办人：</source>
        <translation>Cancelled by:</translation>
    </message>
    <message>
        <source>返回</source>
        <translation>Back</translation>
    </message>
</context>
<context>
    <name>CandidateStance</name>
    <message>
        <source>同意</source>
        <translation>Agree</translation>
    </message>
    <message>
        <source>不同意</source>
        <translation>Disagree</translation>
    </message>
    <message>
        <source>缓议</source>
        <translation>Defer</translation>
    </message>
    <message>
        <source>弃权</source>
        <translation>Abstain</translation>
    </message>
    <message>
        <source>不同意、缓议时填写依据和理由</source>
        <translation>Grounds, for disagree or defer</translation>
    </message>
</context>
<context>
    <name>ClockDialog</name>
    <message>
        <source>核对时间</source>
        <translation>Check the time</translation>
    </message>
    <message>
        <source>现在的准确时间：</source>
        <translation>The correct time now:</translation>
    </message>
    <message>
        <source>更正原因：</source>
        <translation>Reason for the correction:</translation>
    </message>
    <message>
        <source>时间有更正时必填，如：主板电池没电，时钟回到 2010 年</source>
        <translation>Required when the time is corrected, e.g. a flat CMOS battery reset the clock to 2010</translation>
    </message>
    <message>
        <source>确认后，此后的记录按这一时间计时；更正和系统原来的时间都写入会议记录。</source>
        <translation>Once confirmed, later entries are timed from this; the correction and the system&apos;s time are both written into the record.</translation>
    </message>
</context>
<context>
    <name>ClosedPage</name>
    <message>
        <source>会议已于 {time} 闭会，记录已保存。闭会后只能添加更正。</source>
        <translation>The meeting closed at {time}; the record is saved. From now on only corrections can be added.</translation>
    </message>
</context>
<context>
    <name>CompletenessTab</name>
    <message>
        <source>双击一行或按 Enter 查看该年度的每次会议；在一次会议上双击或按 Enter 打开其备案记录，Esc 回到上表。</source>
        <translation>Double-click a row or press Enter to see that year&apos;s meetings; double-click a meeting or press Enter to open its filed record, Esc to go back to the table above.</translation>
    </message>
    <message>
        <source>单位名称中的文字</source>
        <translation>Part of a unit&apos;s name</translation>
    </message>
    <message>
        <source>筛选单位(&amp;U)：</source>
        <translation>Filter &amp;units:</translation>
    </message>
    <message>
        <source>只看有缺号的(&amp;G)</source>
        <translation>Only with &amp;gaps</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>会议类型</source>
        <translation>Meeting type</translation>
    </message>
    <message>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>已备案</source>
        <translation>On file</translation>
    </message>
    <message>
        <source>缺号</source>
        <translation>Missing</translation>
    </message>
    <message>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>会后送达（天）</source>
        <translation>Days to receipt</translation>
    </message>
    <message>
        <source>逾期送达</source>
        <translation>Late</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>会议</source>
        <translation>Meeting</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>情况</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>正在统计各单位的备案情况…</source>
        <translation>Counting each unit&apos;s filings…</translation>
    </message>
    <message>
        <source>显示 %1 组，共 %2 组（%3 组有缺号）</source>
        <translation>Showing %1 of %2 groups (%3 with gaps)</translation>
    </message>
    <message>
        <source>缺号：县里未收到这次会议的记录或取消说明</source>
        <translation>Missing: the county has received neither a record nor a cancellation notice of this meeting</translation>
    </message>
    <message>
        <source>已取消：%1</source>
        <translation>Cancelled: %1</translation>
    </message>
</context>
<context>
    <name>ConcludePage</name>
    <message>
        <source>{name}汇报：{words}</source>
        <translation>{name} reported: {words}</translation>
    </message>
</context>
<context>
    <name>Console</name>
    <message>
        <source>发言</source>
        <translation>Words</translation>
    </message>
    <message>
        <source>理由</source>
        <translation>reason</translation>
    </message>
    <message>
        <source>主要负责人的决定选项</source>
        <translation>the head&apos;s decision</translation>
    </message>
    <message>
        <source>汇报</source>
        <translation>report</translation>
    </message>
    <message>
        <source>小结</source>
        <translation>summary</translation>
    </message>
    <message>
        <source>暂缓或继续表决的理由</source>
        <translation>reason to defer or to vote anyway</translation>
    </message>
    <message>
        <source>决定</source>
        <translation>decision</translation>
    </message>
    <message>
        <source>主要负责人的决定</source>
        <translation>the head&apos;s decision</translation>
    </message>
    <message>
        <source>决定的理由</source>
        <translation>reason for the decision</translation>
    </message>
    <message>
        <source>缺席原因</source>
        <translation>reason for absence</translation>
    </message>
    <message>
        <source>监票人</source>
        <translation>scrutineers</translation>
    </message>
    <message>
        <source>计票人</source>
        <translation>counters</translation>
    </message>
    <message>
        <source>程序性发言</source>
        <translation>procedural remark</translation>
    </message>
    <message>
        <source>书面意见</source>
        <translation>written opinion</translation>
    </message>
    <message>
        <source>书面意见的理由</source>
        <translation>reason of the written opinion</translation>
    </message>
    <message>
        <source>回避理由</source>
        <translation>reason for recusal</translation>
    </message>
    <message>
        <source>离会原因</source>
        <translation>reason for leaving</translation>
    </message>
    <message>
        <source>缓议理由</source>
        <translation>reason for deferral</translation>
    </message>
    <message>
        <source>第 {no} 项</source>
        <translation>Item {no}</translation>
    </message>
    <message>
        <source>对第 {no} 位人选的理由</source>
        <translation>reason on candidate {no}</translation>
    </message>
    <message>
        <source>对第 {no} 位人选的表态</source>
        <translation>stance on candidate {no}</translation>
    </message>
    <message>
        <source>的</source>
        <translation> — </translation>
    </message>
    <message>
        <source>待审议</source>
        <translation>waiting</translation>
    </message>
    <message>
        <source>审议中</source>
        <translation>open</translation>
    </message>
    <message>
        <source>已决定</source>
        <translation>decided</translation>
    </message>
    <message>
        <source>暂缓表决</source>
        <translation>deferred</translation>
    </message>
    <message>
        <source>已结束</source>
        <translation>finished</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>职务</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>出席情况</source>
        <translation>Attendance</translation>
    </message>
    <message>
        <source>序</source>
        <translation>#</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>表态</source>
        <translation>Stance</translation>
    </message>
    <message>
        <source>已表态 {time}</source>
        <translation>spoke at {time}</translation>
    </message>
    <message>
        <source>（已修改）</source>
        <translation> (amended)</translation>
    </message>
    <message>
        <source>到会时本项已表态结束，未参加表态</source>
        <translation>Arrived after the round of opinions: no opinion</translation>
    </message>
    <message>
        <source>回避：{reason}</source>
        <translation>recused: {reason}</translation>
    </message>
    <message>
        <source>缺席（书面意见）</source>
        <translation>absent (written opinion)</translation>
    </message>
    <message>
        <source>缺席</source>
        <translation>absent</translation>
    </message>
    <message>
        <source>最后决定：待其他 {count} 位成员发言后</source>
        <translation>decides last: after {count} other member(s) have spoken</translation>
    </message>
    <message>
        <source>最后决定</source>
        <translation>decides last</translation>
    </message>
    <message>
        <source>末位表态：待其他 {count} 位成员表态后</source>
        <translation>speaks last: after {count} other member(s) have stated a position</translation>
    </message>
    <message>
        <source>待发言（末位表态）</source>
        <translation>to speak (last)</translation>
    </message>
    <message>
        <source>待发言</source>
        <translation>to speak</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>发言人</source>
        <translation>Speaker</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Words</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>已修改，见 {time}</source>
        <translation>Amended, see {time}</translation>
    </message>
    <message>
        <source>本人到会后当面表态，书面意见不再有效</source>
        <translation>Superseded: the member came and spoke in person</translation>
    </message>
    <message>
        <source>修改 {time} 的记录</source>
        <translation>Amends the entry of {time}</translation>
    </message>
    <message>
        <source>（理由：{reason}）</source>
        <translation> (reason: {reason})</translation>
    </message>
    <message>
        <source>表决意见</source>
        <translation>Vote</translation>
    </message>
    <message>
        <source>未表决</source>
        <translation>not voted</translation>
    </message>
    <message>
        <source>应到 {expected} 人，实到 {present} 人，需 {needed} 人以上</source>
        <translation>Expected {expected}, present {present}, {needed} needed</translation>
    </message>
    <message>
        <source>干部任免表决：</source>
        <translation>Personnel vote: </translation>
    </message>
    <message>
        <source>（人数不足）</source>
        <translation> (not enough)</translation>
    </message>
    <message>
        <source>会议尚未开始：核对会议信息后，点击“开始会议”开始记录</source>
        <translation>Not started yet: check the meeting&apos;s details, then press &apos;Start meeting&apos; to begin the record</translation>
    </message>
    <message>
        <source>点名：还有 {count} 位成员未登记出席情况</source>
        <translation>Roll call: {count} member(s) still to mark</translation>
    </message>
    <message>
        <source>点名完毕：请主持人宣布开会</source>
        <translation>Roll call done: the chair opens the meeting</translation>
    </message>
    <message>
        <source>下一项：开始审议第 {no} 项议题</source>
        <translation>Next: open item {no}</translation>
    </message>
    <message>
        <source>第 {no} 项：请汇报人汇报</source>
        <translation>Item {no}: the presenter reports</translation>
    </message>
    <message>
        <source>第 {no} 项：记录小结后结束本议题</source>
        <translation>Item {no}: record a summary and finish the item</translation>
    </message>
    <message>
        <source>第 {no} 项：成员依次发表意见，还有 {count} 位；主要负责人最后决定</source>
        <translation>Item {no}: members give their opinions in turn, {count} to go; the head decides last</translation>
    </message>
    <message>
        <source>第 {no} 项：成员依次表态，还有 {count} 位；主要负责人最后表态</source>
        <translation>Item {no}: members state their positions in turn, {count} to go; the chief speaks last</translation>
    </message>
    <message>
        <source>第 {no} 项：请{name}作出决定</source>
        <translation>Item {no}: {name} decides</translation>
    </message>
    <message>
        <source>第 {no} 项：意见分歧较大，建议暂缓表决</source>
        <translation>Item {no}: opinions are sharply divided; deferral is proposed</translation>
    </message>
    <message>
        <source>第 {no} 项：到会人数不足，暂不能表决</source>
        <translation>Item {no}: too few present to vote for now</translation>
    </message>
    <message>
        <source>第 {no} 项：无记名投票，请录入计票结果</source>
        <translation>Item {no}: secret ballot; enter the tally</translation>
    </message>
    <message>
        <source>第 {no} 项：{mode}，还有 {count} 人未表决</source>
        <translation>Item {no}: {mode}, {count} still to vote</translation>
    </message>
    <message>
        <source>第 {no} 项：无记名投票，请确定监票人、计票人，打印并发放选票</source>
        <translation>Item {no}: secret ballot — choose the scrutineers and counters, print and issue the ballots</translation>
    </message>
    <message>
        <source>第 {no} 项：收回选票，逐张录入后确认计票</source>
        <translation>Item {no}: enter each returned ballot, then confirm the count</translation>
    </message>
    <message>
        <source>第 {no} 项：表决完毕，请记录决定</source>
        <translation>Item {no}: voting done; record the decision</translation>
    </message>
    <message>
        <source>全部议题已结束：请主持人宣布闭会</source>
        <translation>All items finished: the chair closes the meeting</translation>
    </message>
    <message>
        <source>会议已闭会，记录待签名</source>
        <translation>The meeting is closed; the record awaits signatures</translation>
    </message>
    <message>
        <source>会议记录已备案</source>
        <translation>The record has been filed</translation>
    </message>
    <message>
        <source>第 {no} 项&#x3000;{title}</source>
        <translation>Item {no}  {title}</translation>
    </message>
    <message>
        <source>{kind}议题</source>
        <translation>{kind} item</translation>
    </message>
    <message>
        <source>金额 {amount} 元</source>
        <translation>{amount} yuan</translation>
    </message>
    <message>
        <source>汇报人：{name}</source>
        <translation>Presenter: {name}</translation>
    </message>
    <message>
        <source>材料：{names}</source>
        <translation>Materials: {names}</translation>
    </message>
    <message>
        <source>复议（{meeting}第 {no} 项）</source>
        <translation>Carried over ({meeting}, item {no})</translation>
    </message>
    <message>
        <source>督办汇报（{meeting}第 {no} 项，督办事项 {tasks}）</source>
        <translation>progress report ({meeting}, item {no}, task(s) {tasks})</translation>
    </message>
    <message>
        <source>三重一大：{why}</source>
        <translation>Major matter (三重一大): {why}</translation>
    </message>
    <message>
        <source>回避：</source>
        <translation>Recused: </translation>
    </message>
    <message>
        <source>表决本议题：{title}</source>
        <translation>Vote on the item: {title}</translation>
    </message>
    <message>
        <source>第 {no} 位人选：{name}&#x3000;现任：{current}&#x3000;拟任：{proposed}</source>
        <translation>Candidate {no}: {name}  current post: {current}  proposed: {proposed}</translation>
    </message>
    <message>
        <source>未审议</source>
        <translation>not taken</translation>
    </message>
    <message>
        <source>{kind}完毕</source>
        <translation>{kind} done</translation>
    </message>
    <message>
        <source>{name}决定{decision}：{text}</source>
        <translation>{name} decided {decision}: {text}</translation>
    </message>
    <message>
        <source>暂缓表决：{reason}</source>
        <translation>Deferred: {reason}</translation>
    </message>
    <message>
        <source>{results}。决定：{text}</source>
        <translation>{results}. Decision: {text}</translation>
    </message>
    <message>
        <source>（对{name}的理由：{reason}）</source>
        <translation> (on {name}: {reason})</translation>
    </message>
    <message>
        <source>（书面）</source>
        <translation> (written)</translation>
    </message>
    <message>
        <source>表态结束后到会（未参加表态，可参加表决）：{names}</source>
        <translation>Arrived after the round of opinions (no opinion, may vote): {names}</translation>
    </message>
    <message>
        <source>（回避 {count} 人）</source>
        <translation> ({count} recused)</translation>
    </message>
    <message>
        <source>本议题应到 {base} 人{recused}，在场且未回避 {present} 人，需 {needed} 人</source>
        <translation>this item has a base of {base}{recused}, {present} present and not recused, {needed} needed</translation>
    </message>
    <message>
        <source>第 {no} 项复议表决：{tally}。同意复议，重新表决。</source>
        <translation>Reconsidering item {no}: {tally}. Reconsideration granted: the item is voted again.</translation>
    </message>
    <message>
        <source>第 {no} 项复议表决：{tally}。不予复议，原表决结果有效。</source>
        <translation>Reconsidering item {no}: {tally}. Not granted: the earlier result stands.</translation>
    </message>
    <message>
        <source>本次会议没有议题。</source>
        <translation>This meeting has no agenda items.</translation>
    </message>
    <message>
        <source>未点名</source>
        <translation>not marked</translation>
    </message>
    <message>
        <source>缺席（已交书面意见）：{reason}</source>
        <translation>Absent (written opinion given): {reason}</translation>
    </message>
    <message>
        <source>到会</source>
        <translation>present</translation>
    </message>
    <message>
        <source>缺席：{reason}</source>
        <translation>absent: {reason}</translation>
    </message>
    <message>
        <source>{time} 到会（迟到）</source>
        <translation>arrived {time} (late)</translation>
    </message>
    <message>
        <source>{time} 离会</source>
        <translation>left {time}</translation>
    </message>
    <message>
        <source>确认</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>{no}. {name}（现任{current}，拟任{proposed}）</source>
        <translation>{no}. {name} (now {current}, proposed {proposed})</translation>
    </message>
    <message>
        <source>内容：</source>
        <translation>Words:</translation>
    </message>
    <message>
        <source>发言人：</source>
        <translation>Speaker:</translation>
    </message>
    <message>
        <source>逐一表态：</source>
        <translation>On each candidate:</translation>
    </message>
    <message>
        <source>表态：</source>
        <translation>Stance:</translation>
    </message>
    <message>
        <source>依据和理由：</source>
        <translation>Grounds:</translation>
    </message>
    <message>
        <source>修改记录</source>
        <translation>Amend an entry</translation>
    </message>
    <message>
        <source>修改 {time} {speaker}的{kind}。原记录保留不变，修改作为新的一条附后，会议记录同时列出原记录和修改。</source>
        <translation>Amend the {kind} of {speaker} at {time}. The entry stays as it was; the amendment is appended, and the record prints both.</translation>
    </message>
    <message>
        <source>复议</source>
        <translation>Reconsider</translation>
    </message>
    <message>
        <source>对已表决的干部任免事项重新表决（复议），须经超过应到会人数半数的成员同意。请填写复议理由和举手表决是否复议的票数。</source>
        <translation>A decided appointment is voted again only if more than half of the expected members agree. Enter the reason and the show of hands on reconsidering.</translation>
    </message>
    <message>
        <source>议题：</source>
        <translation>Item:</translation>
    </message>
    <message>
        <source>复议理由：</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <source>是否复议：</source>
        <translation>Reconsider?</translation>
    </message>
</context>
<context>
    <name>ConsoleDialog</name>
    <message>
        <source>QWidget { font-size: 14pt; }
QLabel#messageLabel { background: #fdecea; color: #a61b1b; border: 1px solid #e5a4a4; padding: 6px; }
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>人员：</source>
        <translation>Member:</translation>
    </message>
    <message>
        <source>议题：</source>
        <translation>Item:</translation>
    </message>
    <message>
        <source>表态：</source>
        <translation>Stance:</translation>
    </message>
    <message>
        <source>时间：</source>
        <translation>Time:</translation>
    </message>
    <message>
        <source>HH:mm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>内容：</source>
        <translation>Words:</translation>
    </message>
    <message>
        <source>理由：</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <source>逐一表态：</source>
        <translation>On each candidate:</translation>
    </message>
    <message>
        <source>票数：</source>
        <translation>Votes:</translation>
    </message>
    <message>
        <source>同意</source>
        <translation>In favour</translation>
    </message>
    <message>
        <source>不同意</source>
        <translation>Against</translation>
    </message>
    <message>
        <source>弃权</source>
        <translation>Abstain</translation>
    </message>
</context>
<context>
    <name>ConsoleForm</name>
    <message>
        <source>QWidget { font-size: 14pt; }
QFrame#headerFrame { background: #eef3f8; border-bottom: 2px solid #1f4e79; }
QLabel#titleLabel { font-size: 20pt; font-weight: bold; }
QLabel#quorumLabel { font-size: 16pt; font-weight: bold; color: #2e7d32; }
QLabel#quorumLabel[met=&quot;false&quot;] { color: #c62828; }
QLabel#stepLabel { font-size: 17pt; font-weight: bold; background: #1f4e79; color: white;
                   padding: 3px 10px; border-radius: 4px; }
QLabel#messageLabel { background: #fdecea; color: #a61b1b; border: 1px solid #e5a4a4;
                      padding: 6px 10px; }
QLabel#messageLabel[note=&quot;true&quot;] { background: #e3eefb; color: #1d4e89; border: 1px solid #9dbbe0; }
QFrame#draftFrame { background: #fff8e1; border: 1px solid #e0c063; }
QLabel#agendaTitle, QLabel#presenceTitle { font-size: 15pt; font-weight: bold; }
QFrame#itemFrame { background: #f5f7fa; border: 1px solid #c9d3df; border-radius: 4px; }
QLabel#itemTitleLabel { font-size: 18pt; font-weight: bold; }
QLabel#majorLabel { color: #b71c1c; border: 2px solid #b71c1c; border-radius: 4px;
                    padding: 2px 6px; font-weight: bold; }
QLabel#speakerLabel, QLabel#ballotLabel, QLabel#tallyBallotLabel, QLabel#closedLabel {
    font-size: 16pt; font-weight: bold; }
QLabel#divisionLabel { font-size: 16pt; background: #fff3e0; border: 2px solid #e65100;
                       padding: 10px; }
QLabel#decideResultLabel { font-size: 16pt; background: #e8f5e9; border: 1px solid #2e7d32;
                           padding: 10px; }
QLabel#headLabel { font-size: 16pt; }
QPushButton[primary=&quot;true&quot;] { font-weight: bold; background: #1f4e79; color: white;
                              border: 1px solid #163a5c; border-radius: 4px; padding: 6px 18px; }
QPushButton[primary=&quot;true&quot;]:disabled { background: #9aa9b8; }
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>会议纪实台</source>
        <translation>MeetingDesk</translation>
    </message>
    <message>
        <source>知道了</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>丢弃草稿</source>
        <translation>Discard drafts</translation>
    </message>
    <message>
        <source>议程</source>
        <translation>Agenda</translation>
    </message>
    <message>
        <source>出席情况</source>
        <translation>Attendance</translation>
    </message>
    <message>
        <source>当前步骤(&amp;S)</source>
        <translation>Next &amp;step</translation>
    </message>
    <message>
        <source>取消会议…</source>
        <translation>Cancel meeting…</translation>
    </message>
    <message>
        <source>会议不再召开：说明原因后取消，编号保留不补</source>
        <translation>The meeting will not take place: cancel it with a reason; its number stays taken</translation>
    </message>
    <message>
        <source>开始会议</source>
        <translation>Start meeting</translation>
    </message>
    <message>
        <source>到会</source>
        <translation>Present</translation>
    </message>
    <message>
        <source>缺席原因：</source>
        <translation>Reason for absence:</translation>
    </message>
    <message>
        <source>例如：参加县里会议</source>
        <translation>e.g. at a county meeting</translation>
    </message>
    <message>
        <source>登记缺席</source>
        <translation>Mark absent</translation>
    </message>
    <message>
        <source>未到（迟到）</source>
        <translation>Not here (late)</translation>
    </message>
    <message>
        <source>点名时尚未到会：先登记为未到，到会时用“迟到到会”登记到会时间</source>
        <translation>Not in the room at the roll call: mark as not here now, and enter the arrival time with &quot;Late arrival&quot; when they come</translation>
    </message>
    <message>
        <source>书面意见…</source>
        <translation>Written opinion…</translation>
    </message>
    <message>
        <source>宣布开会</source>
        <translation>Open the meeting</translation>
    </message>
    <message>
        <source>回避…</source>
        <translation>Recusal…</translation>
    </message>
    <message>
        <source>开始审议本议题</source>
        <translation>Open this item</translation>
    </message>
    <message>
        <source>汇报人：</source>
        <translation>Presenter:</translation>
    </message>
    <message>
        <source>汇报内容：</source>
        <translation>Report:</translation>
    </message>
    <message>
        <source>记录汇报人的汇报要点</source>
        <translation>The main points of the presenter&apos;s report</translation>
    </message>
    <message>
        <source>确认汇报</source>
        <translation>Confirm the report</translation>
    </message>
    <message>
        <source>小结（可不填）：</source>
        <translation>Summary (optional):</translation>
    </message>
    <message>
        <source>例如：会议认真学习了有关规定</source>
        <translation>e.g. the meeting studied the regulations</translation>
    </message>
    <message>
        <source>结束本议题</source>
        <translation>Finish the item</translation>
    </message>
    <message>
        <source>调整发言顺序…</source>
        <translation>Speaking order…</translation>
    </message>
    <message>
        <source>程序性发言…</source>
        <translation>Procedural remark…</translation>
    </message>
    <message>
        <source>记录该成员的发言内容</source>
        <translation>What the member says</translation>
    </message>
    <message>
        <source>同意(&amp;1)</source>
        <translation>Agree (&amp;1)</translation>
    </message>
    <message>
        <source>不同意(&amp;2)</source>
        <translation>Disagree (&amp;2)</translation>
    </message>
    <message>
        <source>缓议(&amp;3)</source>
        <translation>Defer (&amp;3)</translation>
    </message>
    <message>
        <source>弃权(&amp;4)</source>
        <translation>Abstain (&amp;4)</translation>
    </message>
    <message>
        <source>依据和理由：</source>
        <translation>Grounds and reasons:</translation>
    </message>
    <message>
        <source>不同意、缓议时必填</source>
        <translation>required for disagree or defer</translation>
    </message>
    <message>
        <source>确认表态</source>
        <translation>Confirm the stance</translation>
    </message>
    <message>
        <source>理由（暂缓表决或继续表决都须说明）：</source>
        <translation>Reason (needed to defer or to vote anyway):</translation>
    </message>
    <message>
        <source>例如：追加金额较大，需进一步调研、会商后提交下次会议复议</source>
        <translation>e.g. the extra sum is large; study further and bring it to the next meeting</translation>
    </message>
    <message>
        <source>暂缓表决</source>
        <translation>Defer</translation>
    </message>
    <message>
        <source>仍然继续表决</source>
        <translation>Vote anyway</translation>
    </message>
    <message>
        <source>弃权(&amp;3)</source>
        <translation>Abstain (&amp;3)</translation>
    </message>
    <message>
        <source>决定内容：</source>
        <translation>Decision:</translation>
    </message>
    <message>
        <source>例如：同意……，由……负责落实</source>
        <translation>e.g. agreed to ..., ... to carry it out</translation>
    </message>
    <message>
        <source>暂缓表决…</source>
        <translation>Defer…</translation>
    </message>
    <message>
        <source>形成决定</source>
        <translation>Record the decision</translation>
    </message>
    <message>
        <source>登记到会…</source>
        <translation>Mark an arrival…</translation>
    </message>
    <message>
        <source>修改(&amp;3)</source>
        <translation>Amend (&amp;3)</translation>
    </message>
    <message>
        <source>暂缓(&amp;4)</source>
        <translation>Defer (&amp;4)</translation>
    </message>
    <message>
        <source>再次讨论(&amp;5)</source>
        <translation>Discuss again (&amp;5)</translation>
    </message>
    <message>
        <source>主要负责人的决定</source>
        <translation>The head&apos;s decision</translation>
    </message>
    <message>
        <source>理由（决定与多数意见不一致时必填）：</source>
        <translation>Reason (required when the decision goes against the majority):</translation>
    </message>
    <message>
        <source>确认决定</source>
        <translation>Confirm the decision</translation>
    </message>
    <message>
        <source>全部议题已结束。核对各议题结果后闭会；闭会后记录只能更正，不能修改。</source>
        <translation>All items are finished. Check each item&apos;s outcome, then close; a closed record can only be corrected, never changed.</translation>
    </message>
    <message>
        <source>闭会…</source>
        <translation>Close the meeting…</translation>
    </message>
    <message>
        <source>打开会议记录（签名）</source>
        <translation>Open the record (signatures)</translation>
    </message>
    <message>
        <source>本议题记录(&amp;R)</source>
        <translation>Item &amp;record</translation>
    </message>
    <message>
        <source>本议题的发言记录，按时间先后。录错的一条可在表决开始前修改：原记录保留，修改作为新记录附后。</source>
        <translation>What was said on this item, in order. An entry made by mistake can be amended before the vote: the entry stays, the amendment is appended.</translation>
    </message>
    <message>
        <source>修改…</source>
        <translation>Amend…</translation>
    </message>
</context>
<context>
    <name>ConsoleWindow</name>
    <message>
        <source>会议已取消，不再召开（编号保留）</source>
        <translation>Meeting cancelled: it will not take place (its number stays taken)</translation>
    </message>
    <message>
        <source>下一步：{step}</source>
        <translation>Next: {step}</translation>
    </message>
    <message>
        <source>会议纪实台 — {title}</source>
        <translation>MeetingDesk — {title}</translation>
    </message>
    <message>
        <source>主持人：{name}</source>
        <translation>Chair: {name}</translation>
    </message>
    <message>
        <source>记录人：{name}</source>
        <translation>Recorder: {name}</translation>
    </message>
    <message>
        <source>列席：{names}</source>
        <translation>Observers: {names}</translation>
    </message>
    <message>
        <source>已恢复上次未确认的输入：{where}。内容已放回对应的输入框，确认后才记入会议记录。</source>
        <translation>Restored unconfirmed input from last time: {where}. It is back in its field and is recorded only when confirmed.</translation>
    </message>
    <message>
        <source>会议操作</source>
        <translation>Meeting</translation>
    </message>
    <message>
        <source>确认当前输入</source>
        <translation>Confirm the current entry</translation>
    </message>
    <message>
        <source>迟到到会…</source>
        <translation>Late arrival…</translation>
    </message>
    <message>
        <source>中途离会…</source>
        <translation>Leaving early…</translation>
    </message>
    <message>
        <source>书面意见…</source>
        <translation>Written opinion…</translation>
    </message>
    <message>
        <source>程序性发言…</source>
        <translation>Procedural remark…</translation>
    </message>
    <message>
        <source>回避…</source>
        <translation>Recusal…</translation>
    </message>
    <message>
        <source>暂缓表决…</source>
        <translation>Defer…</translation>
    </message>
    <message>
        <source>修改记录…</source>
        <translation>Amend entry…</translation>
    </message>
    <message>
        <source>复议…</source>
        <translation>Reconsider…</translation>
    </message>
    <message>
        <source>打印计票单…</source>
        <translation>Print count forms…</translation>
    </message>
    <message>
        <source>迟到到会</source>
        <translation>Late arrival</translation>
    </message>
    <message>
        <source>登记成员到会的时间（默认为现在，可修改）。到会后计入实到人数。</source>
        <translation>Record when the member arrived (now by default; it can be changed). From then on they count as present.</translation>
    </message>
    <message>
        <source>成员：</source>
        <translation>Member:</translation>
    </message>
    <message>
        <source>到会时间：</source>
        <translation>Arrived at:</translation>
    </message>
    <message>
        <source>中途离会</source>
        <translation>Leaving early</translation>
    </message>
    <message>
        <source>登记成员离会的时间（默认为现在，可修改）和原因。离会后不再计入实到人数。</source>
        <translation>Record when the member left (now by default; it can be changed) and why. From then on they no longer count as present.</translation>
    </message>
    <message>
        <source>离会时间：</source>
        <translation>Left at:</translation>
    </message>
    <message>
        <source>离会原因：</source>
        <translation>Reason for leaving:</translation>
    </message>
    <message>
        <source>程序性发言</source>
        <translation>Procedural remark</translation>
    </message>
    <message>
        <source>主持人的程序性发言或列席人员的发言，单独记录，不计为表态。</source>
        <translation>A procedural remark of the chair, or an observer&apos;s remark: recorded on its own, never counted as a stance.</translation>
    </message>
    <message>
        <source>发言人：</source>
        <translation>Speaker:</translation>
    </message>
    <message>
        <source>发言内容：</source>
        <translation>Words:</translation>
    </message>
    <message>
        <source>{name}（列席）</source>
        <translation>{name} (observer)</translation>
    </message>
    <message>
        <source>回避</source>
        <translation>Recusal</translation>
    </message>
    <message>
        <source>与第 {no} 项有利害关系（本人或亲属）的成员回避：不发言、不表决，记录理由。</source>
        <translation>A member concerned by item {no} (personally or through relatives) recuses: neither speaks nor votes; the reason is recorded.</translation>
    </message>
    <message>
        <source>回避成员：</source>
        <translation>Member:</translation>
    </message>
    <message>
        <source>回避理由：</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <source>书面意见</source>
        <translation>Written opinion</translation>
    </message>
    <message>
        <source>缺席成员对审议议题的书面意见：记入会议记录，不计为表决票。</source>
        <translation>An absent member&apos;s written opinion on an item: recorded, never counted as a vote.</translation>
    </message>
    <message>
        <source>缺席成员：</source>
        <translation>Absent member:</translation>
    </message>
    <message>
        <source>议题：</source>
        <translation>Item:</translation>
    </message>
    <message>
        <source>表态：</source>
        <translation>Stance:</translation>
    </message>
    <message>
        <source>逐一表态：</source>
        <translation>On each candidate:</translation>
    </message>
    <message>
        <source>书面意见：</source>
        <translation>Written opinion:</translation>
    </message>
    <message>
        <source>依据和理由：</source>
        <translation>Grounds and reasons:</translation>
    </message>
    <message>
        <source>请选择表态</source>
        <translation>Choose a stance</translation>
    </message>
    <message>
        <source>请选择表态：书面意见的表态须由本人明确，不作默认。</source>
        <translation>Choose a stance: a written opinion&apos;s stance is the member&apos;s own and is never assumed.</translation>
    </message>
    <message>
        <source>已记录{name}对第 {no} 项的书面意见。</source>
        <translation>{name}&apos;s written opinion on item {no} is recorded.</translation>
    </message>
    <message>
        <source>请先在“本议题记录”中选中要修改的一条，再点“修改…”。</source>
        <translation>Select the entry to amend in &apos;Item record&apos; first, then choose &apos;Amend…&apos;.</translation>
    </message>
    <message>
        <source>暂缓表决</source>
        <translation>Defer</translation>
    </message>
    <message>
        <source>第 {no} 项暂缓表决，进一步调研、会商后提交以后的会议复议。请说明理由。</source>
        <translation>Item {no} is deferred for further study and comes back at a later meeting. Give the reason.</translation>
    </message>
    <message>
        <source>缓议理由：</source>
        <translation>Reason for deferral:</translation>
    </message>
    <message>
        <source>开始会议</source>
        <translation>Start meeting</translation>
    </message>
    <message>
        <source>确认开始会议？开始后会议信息和议程即固定，写入会议记录，不能再修改。</source>
        <translation>Start the meeting? Its details and agenda are then fixed in the record and can no longer be changed.</translation>
    </message>
    <message>
        <source>闭会</source>
        <translation>Close the meeting</translation>
    </message>
    <message>
        <source>确认闭会？闭会后会议记录即闭合，只能添加更正，不能修改。</source>
        <translation>Close the meeting? The record is then closed: corrections can be added, nothing can be changed.</translation>
    </message>
    <message>
        <source>返回</source>
        <translation>Back</translation>
    </message>
</context>
<context>
    <name>CorrectionDialog</name>
    <message>
        <source>添加更正</source>
        <translation>Add a correction</translation>
    </message>
    <message>
        <source>会议记录已闭会，只能以“更正”补充：原记录保持不变，更正连同更正人、时间和理由载入会议纪实。添加更正后，此前的签名作废，须重新签名。</source>
        <translation>The record is closed and can only be added to by a correction: the original stays as it is, and the correction goes into the record with its author, time and reason. A correction voids the earlier signatures; they must be given again.</translation>
    </message>
    <message>
        <source>更正人：</source>
        <translation>Corrected by:</translation>
    </message>
    <message>
        <source>所更正的记录：</source>
        <translation>Entry corrected:</translation>
    </message>
    <message>
        <source>更正理由：</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <source>更正内容：</source>
        <translation>Correction:</translation>
    </message>
    <message>
        <source>（不指定）</source>
        <translation>(none in particular)</translation>
    </message>
</context>
<context>
    <name>CountBallotsForm</name>
    <message>
        <source>收回票数：</source>
        <translation>Returned:</translation>
    </message>
    <message>
        <source>按键：1 同意&#x3000;2 不同意&#x3000;3 弃权&#x3000;0 未划（逐位人选）；V 废票；Enter 录入本张；Ctrl+Z 撤销上一张</source>
        <translation>Keys: 1 agree  2 disagree  3 abstain  0 not marked (candidate by candidate); V void; Enter keep this ballot; Ctrl+Z undo the last ballot</translation>
    </message>
    <message>
        <source>废票（V）</source>
        <translation>Void (V)</translation>
    </message>
    <message>
        <source>录入本张（Enter）</source>
        <translation>Keep this ballot (Enter)</translation>
    </message>
    <message>
        <source>撤销上一张（Ctrl+Z）</source>
        <translation>Undo last ballot (Ctrl+Z)</translation>
    </message>
    <message>
        <source>确认计票</source>
        <translation>Confirm the count</translation>
    </message>
</context>
<context>
    <name>CountBallotsPage</name>
    <message>
        <source>人选</source>
        <translation>Candidate</translation>
    </message>
    <message>
        <source>同意(1)</source>
        <translation>Agree (1)</translation>
    </message>
    <message>
        <source>不同意(2)</source>
        <translation>Disagree (2)</translation>
    </message>
    <message>
        <source>弃权(3)</source>
        <translation>Abstain (3)</translation>
    </message>
    <message>
        <source>未划(0)</source>
        <translation>Not marked (0)</translation>
    </message>
    <message>
        <source>同意</source>
        <translation>agree</translation>
    </message>
    <message>
        <source>不同意</source>
        <translation>disagree</translation>
    </message>
    <message>
        <source>弃权</source>
        <translation>abstain</translation>
    </message>
    <message>
        <source>已发放选票 {issued} 张（编号 {first}—{last}）；监票人：{scrutineers}；计票人：{counters}。填写收回票数，再逐张录入收回的选票。录入的选票只保存在本窗口，确认计票后一次记入（顺序打乱，不记录时间和投票人）；关闭窗口即丢失。</source>
        <translation>{issued} ballots issued (nos. {first}–{last}); scrutineers: {scrutineers}; counters: {counters}. Enter the number returned, then each returned ballot. Ballots entered are kept in this window only and recorded all at once when the count is confirmed (shuffled, with no time and no voter); closing the window loses them.</translation>
    </message>
    <message>
        <source>（拟任：{post}）</source>
        <translation> (proposed: {post})</translation>
    </message>
    <message>
        <source>已录入 {entered} / 收回 {returned} 张</source>
        <translation>Entered {entered} of {returned} returned</translation>
    </message>
    <message>
        <source>第 {no} 张选票：废票</source>
        <translation>Ballot {no}: void</translation>
    </message>
    <message>
        <source>第 {no} 张选票</source>
        <translation>Ballot {no}</translation>
    </message>
    <message>
        <source>已全部录入，请核对后确认计票</source>
        <translation>All entered: check, then confirm the count</translation>
    </message>
    <message>
        <source>有效票 {valid} 张，废票 {void} 张</source>
        <translation>{valid} valid, {void} void</translation>
    </message>
    <message>
        <source>已录入 {entered} 张，等于收回票数。如收回票数有误，请先更正收回票数。</source>
        <translation>{entered} ballots entered, as many as were returned. If the number returned is wrong, correct it first.</translation>
    </message>
    <message>
        <source>第 {no} 张：{what}</source>
        <translation>Ballot {no}: {what}</translation>
    </message>
    <message>
        <source>废票</source>
        <translation>void</translation>
    </message>
    <message>
        <source>{name} 未划</source>
        <translation>{name} not marked</translation>
    </message>
    <message>
        <source>{marks}（同意的人选超过职数，按废票计）</source>
        <translation>{marks} (agrees to more candidates than there are posts: void)</translation>
    </message>
    <message>
        <source>已撤销第 {no} 张，请重新录入。</source>
        <translation>Ballot {no} undone: enter it again.</translation>
    </message>
</context>
<context>
    <name>CountyWindow</name>
    <message>
        <source>县级备案台</source>
        <translation>County filing desk</translation>
    </message>
    <message>
        <source>受理(&amp;1)</source>
        <translation>Receipt (&amp;1)</translation>
    </message>
    <message>
        <source>完整性(&amp;2)</source>
        <translation>Completeness (&amp;2)</translation>
    </message>
    <message>
        <source>检索(&amp;3)</source>
        <translation>Search (&amp;3)</translation>
    </message>
    <message>
        <source>监督信号(&amp;4)</source>
        <translation>Signals (&amp;4)</translation>
    </message>
    <message>
        <source>单位证书(&amp;5)</source>
        <translation>Certificates (&amp;5)</translation>
    </message>
    <message>
        <source>正在打开备案库…</source>
        <translation>Opening the archive…</translation>
    </message>
    <message>
        <source>无法打开备案库。</source>
        <translation>The archive cannot be opened.</translation>
    </message>
</context>
<context>
    <name>DecidePage</name>
    <message>
        <source>意见分歧较大，主持人说明理由后继续表决：{reason}</source>
        <translation>Opinions were sharply divided; the chair gave a reason and the vote went ahead: {reason}</translation>
    </message>
</context>
<context>
    <name>DivisionPage</name>
    <message>
        <source>意见分歧较大（{detail}）。按规则建议暂缓表决，进一步调研、会商后提交下次会议复议；如仍要表决，须由主持人说明理由。</source>
        <translation>Opinions are sharply divided ({detail}). The rules propose deferral for further study, to come back at the next meeting; to vote anyway the chair must give a reason.</translation>
    </message>
</context>
<context>
    <name>DivisionPanel</name>
    <message>
        <source>分管领导(&amp;M)：</source>
        <translation>Portfolio &amp;holder:</translation>
    </message>
    <message>
        <source>分配所选领域</source>
        <translation>Assign the selected area</translation>
    </message>
    <message>
        <source>取消分管</source>
        <translation>Unassign</translation>
    </message>
    <message>
        <source>其他领域，如 文化旅游</source>
        <translation>Another area, e.g. culture and tourism</translation>
    </message>
    <message>
        <source>添加领域</source>
        <translation>Add area</translation>
    </message>
    <message>
        <source>分管领域</source>
        <translation>Area</translation>
    </message>
    <message>
        <source>分管领导</source>
        <translation>Holder</translation>
    </message>
    <message>
        <source>（未分配）</source>
        <translation>(unassigned)</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>一把手不直接分管</source>
        <translation>Not held by the chief</translation>
    </message>
    <message>
        <source>%1（一把手）</source>
        <translation>%1 (chief)</translation>
    </message>
    <message>
        <source>按照“五不直接分管”，主要负责人（一把手）不直接分管%1工作，由其他班子成员分管，一把手履行监督责任。</source>
        <translation>Under the five-portfolio rule (五不直接分管) the chief does not directly hold %1; other team members hold them and the chief supervises.</translation>
    </message>
    <message>
        <source>请改由其他班子成员分管。</source>
        <translation> Assign it to another team member.</translation>
    </message>
    <message>
        <source>%1 分管 %2。</source>
        <translation>%1 holds %2.</translation>
    </message>
</context>
<context>
    <name>Feedback</name>
    <message>
        <source>未能完成</source>
        <translation>Not done</translation>
    </message>
</context>
<context>
    <name>FollowUpForm</name>
    <message>
        <source>指派督办事项</source>
        <translation>Assign a task</translation>
    </message>
    <message>
        <source>决定事项(&amp;J)：</source>
        <translation>Decision (&amp;J):</translation>
    </message>
    <message>
        <source>督办事项(&amp;W)：</source>
        <translation>Task (&amp;W):</translation>
    </message>
    <message>
        <source>例如：完成修缮并组织验收</source>
        <translation>e.g. finish the repairs and have them inspected</translation>
    </message>
    <message>
        <source>责任人(&amp;O)：</source>
        <translation>Resp&amp;onsible:</translation>
    </message>
    <message>
        <source>或部门(&amp;B)：</source>
        <translation>or department (&amp;B):</translation>
    </message>
    <message>
        <source>例如：党政办</source>
        <translation>e.g. Party and Government Office</translation>
    </message>
    <message>
        <source>办结时限(&amp;D)：</source>
        <translation>&amp;Deadline:</translation>
    </message>
    <message>
        <source>指派(&amp;A)</source>
        <translation>&amp;Assign</translation>
    </message>
    <message>
        <source>办理所选事项</source>
        <translation>The selected task</translation>
    </message>
    <message>
        <source>进展日期(&amp;T)：</source>
        <translation>Da&amp;te:</translation>
    </message>
    <message>
        <source>情况说明(&amp;N)：</source>
        <translation>&amp;Note:</translation>
    </message>
    <message>
        <source>进展情况、办结情况或撤销理由</source>
        <translation>progress, completion summary or reason for cancelling</translation>
    </message>
    <message>
        <source>经办人(&amp;Y)：</source>
        <translation>B&amp;y:</translation>
    </message>
    <message>
        <source>记录进展(&amp;P)</source>
        <translation>Note &amp;progress</translation>
    </message>
    <message>
        <source>办结(&amp;C)</source>
        <translation>&amp;Complete</translation>
    </message>
    <message>
        <source>撤销(&amp;X)</source>
        <translation>Cance&amp;l task</translation>
    </message>
    <message>
        <source>督办报告期间(&amp;R)：</source>
        <translation>&amp;Report period:</translation>
    </message>
    <message>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <source>导出 PDF…</source>
        <translation>Export PDF…</translation>
    </message>
    <message>
        <source>导出 Excel…</source>
        <translation>Export Excel…</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>FollowUpWindow</name>
    <message>
        <source>督办 — %1</source>
        <translation>Follow-up — %1</translation>
    </message>
    <message>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>决定事项</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>督办事项</source>
        <translation>Task</translation>
    </message>
    <message>
        <source>责任人</source>
        <translation>Responsible</translation>
    </message>
    <message>
        <source>办结时限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>（由部门负责）</source>
        <translation>(a department)</translation>
    </message>
    <message>
        <source>（请选择经办人）</source>
        <translation>(choose who acts)</translation>
    </message>
    <message>
        <source>%1 第 %2 项：%3</source>
        <translation>%1 item %2: %3</translation>
    </message>
    <message>
        <source>%1（已逾期）</source>
        <translation>%1 (overdue)</translation>
    </message>
    <message>
        <source>%1 项督办事项已逾期（红色标出）</source>
        <translation>%1 task(s) overdue (marked red)</translation>
    </message>
    <message>
        <source>没有逾期的督办事项</source>
        <translation>No task is overdue</translation>
    </message>
    <message>
        <source>还没有督办事项：在下方为已作出的决定指派</source>
        <translation>No tasks yet: assign one to a decision below</translation>
    </message>
    <message>
        <source>进展：</source>
        <translation>Progress: </translation>
    </message>
    <message>
        <source>尚无</source>
        <translation>none yet</translation>
    </message>
    <message>
        <source>听取汇报：%1 %2第 %3 项议题</source>
        <translation>Progress report heard: %1 %2, item %3</translation>
    </message>
    <message>
        <source>还没有可督办的决定：会议闭会后，表决通过或同意的议题才能指派督办</source>
        <translation>No decision to follow up yet: once a meeting is closed, the items it passed or agreed can be given tasks</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <source>导出督办报告</source>
        <translation>Export the follow-up report</translation>
    </message>
    <message>
        <source>未能保存：%1</source>
        <translation>Could not save: %1</translation>
    </message>
    <message>
        <source>已导出：%1</source>
        <translation>Exported: %1</translation>
    </message>
</context>
<context>
    <name>HeadDecisionPage</name>
    <message>
        <source>{name}（{position}）听取意见后作出决定。其他成员意见：{detail}。</source>
        <translation>{name} ({position}) decides after hearing everyone. The others&apos; opinions: {detail}.</translation>
    </message>
    <message>
        <source>请选择决定。</source>
        <translation>Choose a decision.</translation>
    </message>
</context>
<context>
    <name>IssueBallotsForm</name>
    <message>
        <source>监票人（勾选，可多人）：</source>
        <translation>Scrutineers (tick one or more):</translation>
    </message>
    <message>
        <source>计票人（勾选，可多人）：</source>
        <translation>Counters (tick one or more):</translation>
    </message>
    <message>
        <source>发出票数：</source>
        <translation>Issued:</translation>
    </message>
    <message>
        <source>起始编号：</source>
        <translation>First serial no.:</translation>
    </message>
    <message>
        <source>先勾选监票人、计票人并核对票数，打印选票；选票发到每位可投票成员手中后，点击“发放选票”登记。</source>
        <translation>Tick the scrutineers and counters and check the number, print the ballots; once every member entitled to vote holds one, click Issue ballots.</translation>
    </message>
    <message>
        <source>打印选票(&amp;P)…</source>
        <translation>&amp;Print ballots…</translation>
    </message>
    <message>
        <source>发放选票</source>
        <translation>Issue ballots</translation>
    </message>
</context>
<context>
    <name>IssueBallotsPage</name>
    <message>
        <source>无记名投票，使用纸质选票。可投票 {voters} 人（到会且未回避），每人一张。选票按以下次序印制：{order}。监票人、计票人从到会成员中选定，本议题的人选不能担任。</source>
        <translation>Secret ballot on paper. {voters} members may vote (present and not recused), one ballot each. The ballots list, in this order: {order}. Scrutineers and counters are chosen from the members present; a candidate cannot be one.</translation>
    </message>
    <message>
        <source>本议题（同意、不同意、弃权）</source>
        <translation>this item (agree, disagree, abstain)</translation>
    </message>
    <message>
        <source>{no}. {name}（现任：{current}，拟任：{proposed}）</source>
        <translation>{no}. {name} (now: {current}; proposed: {proposed})</translation>
    </message>
    <message>
        <source>选票编号 {first}—{last}</source>
        <translation>Ballot nos. {first}–{last}</translation>
    </message>
    <message>
        <source>打印选票</source>
        <translation>Print ballots</translation>
    </message>
    <message>
        <source>选票</source>
        <translation> ballots</translation>
    </message>
</context>
<context>
    <name>ItemDialog</name>
    <message>
        <source>议题名称(&amp;T)：</source>
        <translation>&amp;Title:</translation>
    </message>
    <message>
        <source>议题类型(&amp;K)：</source>
        <translation>&amp;Kind:</translation>
    </message>
    <message>
        <source>事项类别(&amp;C)：</source>
        <translation>&amp;Category:</translation>
    </message>
    <message>
        <source>金额(元)(&amp;M)：</source>
        <translation>A&amp;mount (yuan):</translation>
    </message>
    <message>
        <source>如 360000；不涉及资金可不填</source>
        <translation>e.g. 360000; leave empty when no money is involved</translation>
    </message>
    <message>
        <source>资金类型(&amp;F)：</source>
        <translation>&amp;Fund type:</translation>
    </message>
    <message>
        <source>所属领域(&amp;R)：</source>
        <translation>A&amp;rea:</translation>
    </message>
    <message>
        <source>汇报人(&amp;P)：</source>
        <translation>&amp;Presenter:</translation>
    </message>
    <message>
        <source>表决方式(&amp;V)：</source>
        <translation>&amp;Vote:</translation>
    </message>
    <message>
        <source>拟任免人选（逐一表决）</source>
        <translation>Candidates (each voted on separately)</translation>
    </message>
    <message>
        <source>添加人选</source>
        <translation>Add candidate</translation>
    </message>
    <message>
        <source>删除人选</source>
        <translation>Remove candidate</translation>
    </message>
    <message>
        <source>职数(&amp;P)：</source>
        <translation>&amp;Posts:</translation>
    </message>
    <message>
        <source>按人选人数</source>
        <translation>one per candidate</translation>
    </message>
    <message>
        <source>同意人数多于职数的选票为废票；不填则按人选人数</source>
        <translation>A ballot agreeing to more candidates than posts is void; none: one post per candidate</translation>
    </message>
    <message>
        <source>添加议题</source>
        <translation>Add an agenda item</translation>
    </message>
    <message>
        <source>修改第 %1 项议题</source>
        <translation>Edit agenda item %1</translation>
    </message>
    <message>
        <source>（不涉及）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>（未定）</source>
        <translation>(not decided)</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>现任职务</source>
        <translation>Current post</translation>
    </message>
    <message>
        <source>拟任职务</source>
        <translation>Proposed post</translation>
    </message>
    <message>
        <source>保存议题后，可在议程中选中它并附加材料。</source>
        <translation>Once the item is saved, select it in the agenda to attach materials.</translation>
    </message>
    <message>
        <source>材料：%1</source>
        <translation>Materials: %1</translation>
    </message>
    <message>
        <source>无</source>
        <translation>none</translation>
    </message>
    <message>
        <source>（议题名称）</source>
        <translation>(item title)</translation>
    </message>
</context>
<context>
    <name>MainForm</name>
    <message>
        <source>单位(&amp;U)：</source>
        <translation>&amp;Unit:</translation>
    </message>
    <message>
        <source>打开督办：逾期未办结的决定事项</source>
        <translation>Open the follow-up: decisions whose tasks are overdue</translation>
    </message>
    <message>
        <source>查找(&amp;F)：</source>
        <translation>&amp;Find:</translation>
    </message>
    <message>
        <source>名称、编号或日期，如 党委会、12、2026-11</source>
        <translation>Title, number or date, e.g. 党委会, 12, 2026-11</translation>
    </message>
    <message>
        <source>设置本单位…</source>
        <translation>Set up the unit…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>会议纪实台</source>
        <translation>MeetingDesk</translation>
    </message>
    <message>
        <source>正在打开数据库…</source>
        <translation>Opening the database…</translation>
    </message>
    <message>
        <source>新建会议(&amp;N)…</source>
        <translation>&amp;New meeting…</translation>
    </message>
    <message>
        <source>筹备一次新的会议</source>
        <translation>Prepare a new meeting</translation>
    </message>
    <message>
        <source>筹备会议(&amp;P)…</source>
        <translation>&amp;Prepare meeting…</translation>
    </message>
    <message>
        <source>编辑会议信息、参会人员和议程</source>
        <translation>Edit the meeting&apos;s details, attendees and agenda</translation>
    </message>
    <message>
        <source>开始会议(&amp;S)</source>
        <translation>&amp;Start meeting</translation>
    </message>
    <message>
        <source>取消会议(&amp;X)…</source>
        <translation>Cance&amp;l meeting…</translation>
    </message>
    <message>
        <source>会议不再召开：说明原因，编号保留，会议不删除</source>
        <translation>The meeting will not take place: give the reason; its number is kept and it is not deleted</translation>
    </message>
    <message>
        <source>查看记录(&amp;V)</source>
        <translation>&amp;View the record</translation>
    </message>
    <message>
        <source>查看已闭会的会议记录、签名和备案</source>
        <translation>See a closed meeting&apos;s record, signatures and filing</translation>
    </message>
    <message>
        <source>刷新(&amp;R)</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>查找(&amp;F)</source>
        <translation>&amp;Find</translation>
    </message>
    <message>
        <source>退出(&amp;Q)</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>单位设置(&amp;S)…</source>
        <translation>Unit &amp;settings…</translation>
    </message>
    <message>
        <source>成员、分工、会议类型和议事规则</source>
        <translation>Members, division of work, meeting types and rules</translation>
    </message>
    <message>
        <source>议题申报(&amp;J)…</source>
        <translation>Item sub&amp;missions…</translation>
    </message>
    <message>
        <source>议题申报：前置程序、主要负责人审定、材料送达</source>
        <translation>Item submissions: preparatory checks, the chief&apos;s approval, materials given</translation>
    </message>
    <message>
        <source>督办(&amp;D)…</source>
        <translation>Follow-up of &amp;decisions…</translation>
    </message>
    <message>
        <source>决定事项的督办：责任人、时限、进展和办结</source>
        <translation>Follow-up of decisions: who, by when, progress and completion</translation>
    </message>
    <message>
        <source>新建单位(&amp;N)…</source>
        <translation>&amp;New unit…</translation>
    </message>
    <message>
        <source>放大字号(&amp;I)</source>
        <translation>Zoom &amp;in</translation>
    </message>
    <message>
        <source>缩小字号(&amp;O)</source>
        <translation>Zoom &amp;out</translation>
    </message>
    <message>
        <source>默认字号(&amp;D)</source>
        <translation>&amp;Default size</translation>
    </message>
    <message>
        <source>关于会议纪实台(&amp;A)</source>
        <translation>&amp;About MeetingDesk</translation>
    </message>
    <message>
        <source>打开县级备案台(&amp;C)…</source>
        <translation>Open the county filing desk (&amp;C)…</translation>
    </message>
    <message>
        <source>县里接收、核验和监督各单位的备案记录</source>
        <translation>The county receives, checks and supervises the units&apos; filed records</translation>
    </message>
    <message>
        <source>会议(&amp;M)</source>
        <translation>&amp;Meeting</translation>
    </message>
    <message>
        <source>单位(&amp;U)</source>
        <translation>&amp;Unit</translation>
    </message>
    <message>
        <source>视图(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>常用</source>
        <translation>Main</translation>
    </message>
    <message>
        <source>无法打开数据库。</source>
        <translation>The database cannot be opened.</translation>
    </message>
    <message>
        <source>无法打开数据库</source>
        <translation>Cannot open the database</translation>
    </message>
    <message>
        <source>数据库：%1</source>
        <translation>Database: %1</translation>
    </message>
    <message>
        <source>会议纪实台 — %1</source>
        <translation>MeetingDesk — %1</translation>
    </message>
    <message>
        <source>计划时间</source>
        <translation>Planned time</translation>
    </message>
    <message>
        <source>实际时间</source>
        <translation>Actual time</translation>
    </message>
    <message>
        <source>数据库中还没有单位。请先设置本单位：名称、班子成员和分工。</source>
        <translation>The database has no unit yet. Set up your unit first: its name, team members and division of work.</translation>
    </message>
    <message>
        <source>本单位的设置尚未完成：%1</source>
        <translation>The unit&apos;s set-up is not finished: %1</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>共 %1 次会议，已显示 %2 次（向下滚动显示更多）</source>
        <translation>%1 meetings, %2 shown (scroll down for more)</translation>
    </message>
    <message>
        <source>共 %1 次会议</source>
        <translation>%1 meetings</translation>
    </message>
    <message>
        <source>继续设置本单位…</source>
        <translation>Continue setting up the unit…</translation>
    </message>
    <message>
        <source>设置本单位…</source>
        <translation>Set up the unit…</translation>
    </message>
    <message>
        <source>继续会议(&amp;C)</source>
        <translation>&amp;Continue meeting</translation>
    </message>
    <message>
        <source>回到会议运行界面的当前步骤</source>
        <translation>Back to the current step in the run console</translation>
    </message>
    <message>
        <source>打开会议运行界面，从点名开始</source>
        <translation>Open the run console, starting with the roll call</translation>
    </message>
    <message>
        <source>议程中还没有议题，不能开始会议：请先在“筹备会议”中添加议题。</source>
        <translation>The agenda has no item, so the meeting cannot start: add items with Prepare meeting first.</translation>
    </message>
    <message>
        <source>在左侧选择一次会议。</source>
        <translation>Select a meeting on the left.</translation>
    </message>
    <message>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>主持人</source>
        <translation>Chair</translation>
    </message>
    <message>
        <source>记录人</source>
        <translation>Recorder</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>取消原因</source>
        <translation>Reason for cancelling</translation>
    </message>
    <message>
        <source>取消时间</source>
        <translation>Cancelled at</translation>
    </message>
    <message>
        <source>经办人</source>
        <translation>Cancelled by</translation>
    </message>
    <message>
        <source>%1：%2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1年%2缺号：第 %3 次（编号不补，缺号保留可查）</source>
        <translation>Missing numbers in %1 (%2): %3 (numbers are never reused; gaps stay visible)</translation>
    </message>
    <message>
        <source>还不能新建会议</source>
        <translation>Cannot create a meeting yet</translation>
    </message>
    <message>
        <source>%1 项督办事项已逾期</source>
        <translation>%1 task(s) overdue</translation>
    </message>
    <message>
        <source>打开县级备案库</source>
        <translation>Open a county archive</translation>
    </message>
    <message>
        <source>县级备案库 (*.sqlite *.sqlite3 *.db);;所有文件 (*)</source>
        <translation>County archive (*.sqlite *.sqlite3 *.db);;All files (*)</translation>
    </message>
    <message>
        <source>字号：%1 磅</source>
        <translation>Font size: %1 pt</translation>
    </message>
    <message>
        <source>关于会议纪实台</source>
        <translation>About MeetingDesk</translation>
    </message>
    <message>
        <source>会议纪实台 %1
领导班子会议全程纪实：议题逐项审议、末位表态、三重一大集体决策。

数据库：%2</source>
        <translation>MeetingDesk %1
Full records of leadership-team meetings: items one by one, the chief speaks last, major matters decided by the team.

Database: %2</translation>
    </message>
</context>
<context>
    <name>MeetingListModel</name>
    <message>
        <source>会议</source>
        <translation>Meeting</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>计划 %1</source>
        <translation>planned %1</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>地点</source>
        <translation>Place</translation>
    </message>
</context>
<context>
    <name>MembersPanel</name>
    <message>
        <source>领导班子成员按排序从高到低排列（1 为最高）。每个单位有且只有一位主要负责人（一把手）。</source>
        <translation>Team members in order of rank (1 is the most senior). A unit has exactly one chief (一把手).</translation>
    </message>
    <message>
        <source>成员信息</source>
        <translation>Member</translation>
    </message>
    <message>
        <source>姓名(&amp;A)：</source>
        <translation>N&amp;ame:</translation>
    </message>
    <message>
        <source>职务(&amp;P)：</source>
        <translation>&amp;Position:</translation>
    </message>
    <message>
        <source>如 党委副书记、乡长</source>
        <translation>e.g. deputy party secretary, township head</translation>
    </message>
    <message>
        <source>排序(&amp;R)：</source>
        <translation>&amp;Rank:</translation>
    </message>
    <message>
        <source>主要负责人（一把手）</source>
        <translation>Chief (一把手)</translation>
    </message>
    <message>
        <source>添加为新成员</source>
        <translation>Add as a new member</translation>
    </message>
    <message>
        <source>保存修改</source>
        <translation>Save changes</translation>
    </message>
    <message>
        <source>退出班子…</source>
        <translation>Leave the team…</translation>
    </message>
    <message>
        <source>从 CSV / Excel 导入名单…</source>
        <translation>Import a roster from CSV / Excel…</translation>
    </message>
    <message>
        <source>排序</source>
        <translation>Rank</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>职务</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>一把手</source>
        <translation>Chief</translation>
    </message>
    <message>
        <source>是</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>已添加：%1</source>
        <translation>Added: %1</translation>
    </message>
    <message>
        <source>已保存。</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <source>%1 已退出班子，原有会议记录不受影响。</source>
        <translation>%1 has left the team; past records are unchanged.</translation>
    </message>
    <message>
        <source>退出班子</source>
        <translation>Leave the team</translation>
    </message>
    <message>
        <source>%1 将退出班子，其分管领域改为未分配；已有的会议记录保留其姓名。确定吗？</source>
        <translation>%1 will leave the team and their portfolios become unassigned; past records keep their name. Go ahead?</translation>
    </message>
    <message>
        <source>导入班子成员名单</source>
        <translation>Import the team roster</translation>
    </message>
    <message>
        <source>名单文件 (*.csv *.xlsx);;所有文件 (*)</source>
        <translation>Rosters (*.csv *.xlsx);;All files (*)</translation>
    </message>
    <message>
        <source>已导入 %1 位成员。</source>
        <translation>Imported %1 member(s).</translation>
    </message>
</context>
<context>
    <name>OpenItemPage</name>
    <message>
        <source>已结束 {done} 项，共 {total} 项。宣布开始审议后，先由汇报人汇报。与本议题有利害关系的成员，请在开始前登记回避。</source>
        <translation>{done} of {total} items finished. Once the item is opened the presenter reports first. A member concerned by the item should recuse before it opens.</translation>
    </message>
</context>
<context>
    <name>OpinionsPage</name>
    <message>
        <source>：末位表态，待其他 {count} 位成员表态后方可表态；现在只能作程序性发言</source>
        <translation>: speaks last, after {count} other member(s); until then only a procedural remark</translation>
    </message>
    <message>
        <source>：本议题无需再表态</source>
        <translation>: no further stance on this item</translation>
    </message>
    <message>
        <source>依据和理由（必填）：</source>
        <translation>Grounds and reasons (required):</translation>
    </message>
    <message>
        <source>依据和理由：</source>
        <translation>Grounds and reasons:</translation>
    </message>
    <message>
        <source>请选择表态。</source>
        <translation>Choose a stance.</translation>
    </message>
    <message>
        <source>已记录{name}的表态。如有录错，表决开始前可在上方名单中选中该行，按 Ctrl+E（修改记录）修改。</source>
        <translation>{name}&apos;s stance is recorded. If it was entered wrongly, select the row in the list above and press Ctrl+E (Amend) before the vote begins.</translation>
    </message>
</context>
<context>
    <name>OrderDialog</name>
    <message>
        <source>QWidget { font-size: 14pt; }
QLabel#messageLabel { background: #fdecea; color: #a61b1b; border: 1px solid #e5a4a4; padding: 6px; }
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>调整发言顺序</source>
        <translation>Speaking order</translation>
    </message>
    <message>
        <source>选中一位成员，用“上移”“下移”调整表态顺序。主要负责人始终最后表态，不在此列。</source>
        <translation>Select a member and move them up or down. The chief always speaks last and is not in this list.</translation>
    </message>
    <message>
        <source>上移</source>
        <translation>Move up</translation>
    </message>
    <message>
        <source>下移</source>
        <translation>Move down</translation>
    </message>
</context>
<context>
    <name>PrepareDialog</name>
    <message>
        <source>会议信息(&amp;1)</source>
        <translation>&amp;Details</translation>
    </message>
    <message>
        <source>会议类型(&amp;T)：</source>
        <translation>&amp;Type:</translation>
    </message>
    <message>
        <source>编号：</source>
        <translation>Number:</translation>
    </message>
    <message>
        <source>时间(&amp;D)：</source>
        <translation>Dat&amp;e and time:</translation>
    </message>
    <message>
        <source>地点(&amp;L)：</source>
        <translation>P&amp;lace:</translation>
    </message>
    <message>
        <source>主持人(&amp;C)：</source>
        <translation>&amp;Chair:</translation>
    </message>
    <message>
        <source>副主持人：</source>
        <translation>Deputy chair:</translation>
    </message>
    <message>
        <source>记录人(&amp;R)：</source>
        <translation>&amp;Recorder:</translation>
    </message>
    <message>
        <source>应到会成员（只计有表决权的班子成员）</source>
        <translation>Expected members (voting team members only)</translation>
    </message>
    <message>
        <source>全选</source>
        <translation>Select all</translation>
    </message>
    <message>
        <source>列席人员（可发言，不表决）</source>
        <translation>Observers (may speak, never vote)</translation>
    </message>
    <message>
        <source>添加列席人员</source>
        <translation>Add observer</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>保存会议信息</source>
        <translation>Save the meeting&apos;s details</translation>
    </message>
    <message>
        <source>议程(&amp;2)</source>
        <translation>A&amp;genda</translation>
    </message>
    <message>
        <source>添加议题(&amp;A)…</source>
        <translation>&amp;Add item…</translation>
    </message>
    <message>
        <source>修改(&amp;E)…</source>
        <translation>&amp;Edit…</translation>
    </message>
    <message>
        <source>上移</source>
        <translation>Move up</translation>
    </message>
    <message>
        <source>下移</source>
        <translation>Move down</translation>
    </message>
    <message>
        <source>移出议程</source>
        <translation>Remove from agenda</translation>
    </message>
    <message>
        <source>添加督办汇报(&amp;F)…</source>
        <translation>Add progress &amp;follow-up report…</translation>
    </message>
    <message>
        <source>附加材料(&amp;M)…</source>
        <translation>Attach &amp;materials…</translation>
    </message>
    <message>
        <source>已同意上会的申报议题</source>
        <translation>Submitted items approved for a meeting</translation>
    </message>
    <message>
        <source>列入议程(&amp;S)</source>
        <translation>Put on the agenda (&amp;S)</translation>
    </message>
    <message>
        <source>以往会议暂缓表决、待复议的事项</source>
        <translation>Items deferred at earlier meetings, waiting to be decided</translation>
    </message>
    <message>
        <source>列入本次议程(&amp;J)</source>
        <translation>&amp;Put on this agenda</translation>
    </message>
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>职务</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>新建会议</source>
        <translation>New meeting</translation>
    </message>
    <message>
        <source>筹备会议 — %1</source>
        <translation>Prepare — %1</translation>
    </message>
    <message>
        <source>本单位还没有会议类型，请先在“单位设置”中添加。</source>
        <translation>The unit has no meeting types yet; add one in Unit settings first.</translation>
    </message>
    <message>
        <source>%1（保存时编定）</source>
        <translation>%1 (fixed when saved)</translation>
    </message>
    <message>
        <source>本年度缺号：第 %1 次（编号不补）</source>
        <translation>Missing this year: %1 (numbers are never reused)</translation>
    </message>
    <message>
        <source>已保存。</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>议题</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>（复议）</source>
        <translation> (carried over)</translation>
    </message>
    <message>
        <source>（督办汇报）</source>
        <translation> (progress report)</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>三重一大</source>
        <translation>Major matter</translation>
    </message>
    <message>
        <source>金额(元)</source>
        <translation>Amount (yuan)</translation>
    </message>
    <message>
        <source>汇报人</source>
        <translation>Presenter</translation>
    </message>
    <message>
        <source>表决方式</source>
        <translation>Vote</translation>
    </message>
    <message>
        <source>材料</source>
        <translation>Materials</translation>
    </message>
    <message>
        <source>原会议</source>
        <translation>Deferred at</translation>
    </message>
    <message>
        <source>第 %1 项&#x3000;</source>
        <translation>Item %1: </translation>
    </message>
    <message>
        <source>暂缓理由</source>
        <translation>Why deferred</translation>
    </message>
    <message>
        <source>申报号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>申报人</source>
        <translation>Submitted by</translation>
    </message>
    <message>
        <source>材料送达</source>
        <translation>Materials given</translation>
    </message>
    <message>
        <source>未登记</source>
        <translation>not recorded</translation>
    </message>
    <message>
        <source>保存会议信息后即可编排议程。</source>
        <translation>Save the meeting&apos;s details first; then the agenda can be drawn up.</translation>
    </message>
    <message>
        <source>第 %1 项需修改：</source>
        <translation>Item %1 must be changed: </translation>
    </message>
    <message>
        <source>共 %1 项议题，其中“三重一大”事项 %2 项：须经班子会议集体讨论、逐项表决。选中议题可修改、调整顺序或附加材料。</source>
        <translation>%1 item(s), %2 of them major matters (三重一大): discussed and voted on by the team, one by one. Select an item to edit, move or attach materials.</translation>
    </message>
    <message>
        <source>没有已同意上会、待列入议程的申报议题。</source>
        <translation>No approved submission waits for an agenda.</translation>
    </message>
    <message>
        <source>选中一项，列入本次议程。</source>
        <translation>Select one to put it on this agenda.</translation>
    </message>
    <message>
        <source>没有待复议的事项。</source>
        <translation>No deferred items are waiting.</translation>
    </message>
    <message>
        <source>选中一项，列入本次议程；复议议题与原会议的记录相关联。</source>
        <translation>Select one to put it on this agenda; it stays linked to the meeting that deferred it.</translation>
    </message>
    <message>
        <source>选择会议材料</source>
        <translation>Choose meeting materials</translation>
    </message>
    <message>
        <source>正在复制会议材料…</source>
        <translation>Copying the materials…</translation>
    </message>
    <message>
        <source>停止</source>
        <translation>Stop</translation>
    </message>
    <message>
        <source>已附加 %1 份材料，已复制到本程序的存储中。</source>
        <translation>Attached %1 file(s), copied into MeetingDesk&apos;s storage.</translation>
    </message>
</context>
<context>
    <name>ProgressReportDialog</name>
    <message>
        <source>选择以往会议作出的决定事项和要汇报的督办事项；汇报议题在会议记录中注明所听取的决定事项和督办事项。已撤销的督办事项不能汇报。</source>
        <translation>Choose a decision of an earlier meeting and the follow-up tasks to report on; the record names the decision and the tasks the meeting heard. A cancelled task cannot be reported on.</translation>
    </message>
    <message>
        <source>决定事项(&amp;D)：</source>
        <translation>&amp;Decision:</translation>
    </message>
    <message>
        <source>督办事项(&amp;R)：</source>
        <translation>Tasks to &amp;report on:</translation>
    </message>
    <message>
        <source>议题名称(&amp;T)：</source>
        <translation>&amp;Title:</translation>
    </message>
    <message>
        <source>议题类型(&amp;K)：</source>
        <translation>&amp;Kind:</translation>
    </message>
    <message>
        <source>汇报人(&amp;P)：</source>
        <translation>&amp;Presenter:</translation>
    </message>
    <message>
        <source>添加督办情况汇报</source>
        <translation>Add a progress report (督办情况汇报)</translation>
    </message>
    <message>
        <source>%1 第 %2 项：%3</source>
        <translation>%1 item %2: %3</translation>
    </message>
    <message>
        <source>（未定）</source>
        <translation>(not decided)</translation>
    </message>
    <message>
        <source>没有可汇报的督办事项：以往会议的决定事项交办督办事项后，才能听取其督办情况汇报。</source>
        <translation>No follow-up task to report on: once tasks are assigned to the decisions of earlier meetings, a meeting can hear how they are going.</translation>
    </message>
    <message>
        <source>第 %1 号&#x3000;%2（%3，%4 前，%5）</source>
        <translation>Task %1&#x3000;%2 (%3, by %4, %5)</translation>
    </message>
</context>
<context>
    <name>Projector</name>
    <message>
        <source>投影</source>
        <translation>Projector</translation>
    </message>
    <message>
        <source>在第二块屏幕（投影仪）上显示会议进程（F11）</source>
        <translation>Show the meeting on the second screen (the projector) (F11)</translation>
    </message>
    <message>
        <source>投影显示发言内容</source>
        <translation>Show words on the projector</translation>
    </message>
    <message>
        <source>由主持人决定：投影是否显示成员的发言内容（默认只显示表态）</source>
        <translation>The chair decides whether members&apos; words are shown on the projector (by default only their stances)</translation>
    </message>
</context>
<context>
    <name>ProjectorView</name>
    <message>
        <source>投影 — {title}</source>
        <translation>Projector — {title}</translation>
    </message>
    <message>
        <source>三重一大</source>
        <translation>Major matter</translation>
    </message>
    <message>
        <source>会议尚未开始</source>
        <translation>The meeting has not started</translation>
    </message>
    <message>
        <source>会议已闭会</source>
        <translation>The meeting is closed</translation>
    </message>
    <message>
        <source>下一项</source>
        <translation>Next item</translation>
    </message>
    <message>
        <source>请{name}汇报</source>
        <translation>{name} presents the item</translation>
    </message>
    <message>
        <source>请汇报人汇报</source>
        <translation>The presenter presents the item</translation>
    </message>
    <message>
        <source>请{name}作出决定</source>
        <translation>{name} decides</translation>
    </message>
    <message>
        <source>请{name}发言</source>
        <translation>{name} has the floor</translation>
    </message>
    <message>
        <source>表决中：{mode}</source>
        <translation>Voting: {mode}</translation>
    </message>
    <message>
        <source>{name}末位表态（锁定）：待其余 {count} 位成员表态后发言</source>
        <translation>{name} speaks last (locked): after the {count} other member(s) have stated</translation>
    </message>
    <message>
        <source>{name}末位表态：现在可以表态</source>
        <translation>{name} speaks last: may state now</translation>
    </message>
    <message>
        <source>（书面）</source>
        <translation> (written)</translation>
    </message>
    <message>
        <source>汇报</source>
        <translation>report</translation>
    </message>
</context>
<context>
    <name>QuorumPage</name>
    <message>
        <source>{name}作出决定前，到会人数须符合规定：{figures}。</source>
        <translation>Before {name} decides, the quorum must be met: {figures}. </translation>
    </message>
    <message>
        <source>{name}末位表态前，到会人数须符合规定：{figures}。</source>
        <translation>Before {name} states the last position, the quorum must be met: {figures}. </translation>
    </message>
    <message>
        <source>表决本议题前，到会人数须符合规定：{figures}。</source>
        <translation>Before the vote on this item, the quorum must be met: {figures}. </translation>
    </message>
    <message>
        <source>请等待成员到会并登记，或暂缓表决本议题。</source>
        <translation>Wait for members to arrive and record them, or defer the item.</translation>
    </message>
</context>
<context>
    <name>ReceiptTab</name>
    <message>
        <source>备案包所在的文件夹或 U 盘</source>
        <translation>Folder or USB stick holding the packages</translation>
    </message>
    <message>
        <source>选择文件夹(&amp;F)…</source>
        <translation>Choose &amp;folder…</translation>
    </message>
    <message>
        <source>受理(&amp;I)</source>
        <translation>&amp;Import</translation>
    </message>
    <message>
        <source>%v / %m 个备案包</source>
        <translation>%v / %m packages</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>会议</source>
        <translation>Meeting</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>原因或说明</source>
        <translation>Reasons or notes</translation>
    </message>
    <message>
        <source>查看回执(&amp;V)</source>
        <translation>&amp;View receipt</translation>
    </message>
    <message>
        <source>保存回执(&amp;S)…</source>
        <translation>&amp;Save receipt…</translation>
    </message>
    <message>
        <source>来源：</source>
        <translation>Source:</translation>
    </message>
    <message>
        <source>选择备案包所在的文件夹或 U 盘</source>
        <translation>Choose the folder or USB stick holding the packages</translation>
    </message>
    <message>
        <source>该文件夹中没有备案包（.mdpkg 或 .zip 文件）。</source>
        <translation>The folder holds no filing package (.mdpkg or .zip file).</translation>
    </message>
    <message>
        <source>共 %1 个备案包：受理 %2 个，拒收 %3 个，已受理过 %4 个（批次 %5）</source>
        <translation>%1 package(s): %2 accepted, %3 refused, %4 already on file (batch %5)</translation>
    </message>
    <message>
        <source>保存回执</source>
        <translation>Save the receipt</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
</context>
<context>
    <name>RecordPage</name>
    <message>
        <source>会议纪实</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>签名</source>
        <translation>Signatures</translation>
    </message>
    <message>
        <source>职责</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>在屏幕上签名…</source>
        <translation>Sign on screen…</translation>
    </message>
    <message>
        <source>更正</source>
        <translation>Corrections</translation>
    </message>
    <message>
        <source>添加更正…</source>
        <translation>Add a correction…</translation>
    </message>
    <message>
        <source>打印与导出</source>
        <translation>Print and export</translation>
    </message>
    <message>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>导出 PDF…</source>
        <translation>Export PDF…</translation>
    </message>
    <message>
        <source>导出备案包…</source>
        <translation>Export the filing package…</translation>
    </message>
    <message>
        <source>导出备案包时登记为“已备案”</source>
        <translation>Mark as filed when the filing package is exported</translation>
    </message>
    <message>
        <source>新建单位证书…</source>
        <translation>New unit certificate…</translation>
    </message>
    <message>
        <source>导入证书文件…</source>
        <translation>Import a certificate file…</translation>
    </message>
    <message>
        <source>由县里签发或登记本单位的证书：申请文件、导入签发的证书、打印登记表</source>
        <translation>Have the county issue or register the unit&apos;s certificate: a request file, importing the issued certificate, the registration form</translation>
    </message>
    <message>
        <source>县里的证书</source>
        <translation>County certificate</translation>
    </message>
</context>
<context>
    <name>RecordWindow</name>
    <message>
        <source>向县里申请证书…</source>
        <translation>Request a certificate from the county…</translation>
    </message>
    <message>
        <source>导入县里签发的证书…</source>
        <translation>Import the certificate the county issued…</translation>
    </message>
    <message>
        <source>打印证书登记表…</source>
        <translation>Print the registration form…</translation>
    </message>
    <message>
        <source>会议纪实 — %1</source>
        <translation>Record — %1</translation>
    </message>
    <message>
        <source>状态：%1&lt;br&gt;记录指纹（SHA-256）：&lt;br&gt;&lt;tt&gt;%2&lt;/tt&gt;</source>
        <translation>Status: %1&lt;br&gt;Record fingerprint (SHA-256):&lt;br&gt;&lt;tt&gt;%2&lt;/tt&gt;</translation>
    </message>
    <message>
        <source>单位数字证书：已设置，导出时签名。</source>
        <translation>Unit certificate: set up; exports are signed.</translation>
    </message>
    <message>
        <source>单位数字证书：未设置，导出的记录不带数字签名。</source>
        <translation>Unit certificate: none; exported records are not digitally signed.</translation>
    </message>
    <message>
        <source>已有 %1 条更正。</source>
        <translation>%1 correction(s).</translation>
    </message>
    <message>
        <source>没有更正。</source>
        <translation>No corrections.</translation>
    </message>
    <message>
        <source>正在生成记录预览…</source>
        <translation>Drawing the record&apos;s preview…</translation>
    </message>
    <message>
        <source>已签名（%1）</source>
        <translation>signed (%1)</translation>
    </message>
    <message>
        <source>须重新签名：原签名因更正作废</source>
        <translation>to sign again: a correction voided the signature</translation>
    </message>
    <message>
        <source>未签名</source>
        <translation>not signed</translation>
    </message>
    <message>
        <source>请先在签名表中选择签名人。</source>
        <translation>Select the signer in the table first.</translation>
    </message>
    <message>
        <source>%1 已于 %2 签名，无需再签。</source>
        <translation>%1 signed at %2; no need to sign again.</translation>
    </message>
    <message>
        <source>%1 的签名已记入会议记录。</source>
        <translation>%1&apos;s signature is in the record.</translation>
    </message>
    <message>
        <source>更正已记入会议记录；此前的签名已作废，请重新签名。</source>
        <translation>The correction is in the record; the earlier signatures are void and must be given again.</translation>
    </message>
    <message>
        <source>已送打印：%1 页。</source>
        <translation>Sent to the printer: %1 page(s).</translation>
    </message>
    <message>
        <source>导出会议纪实 PDF</source>
        <translation>Export the record as PDF</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>导出备案包</source>
        <translation>Export the filing package</translation>
    </message>
    <message>
        <source>备案包 (*%1)</source>
        <translation>Filing packages (*%1)</translation>
    </message>
    <message>
        <source>单位证书口令</source>
        <translation>Certificate passphrase</translation>
    </message>
    <message>
        <source>请输入单位证书口令，用于数字签名：</source>
        <translation>The unit certificate&apos;s passphrase, to sign:</translation>
    </message>
    <message>
        <source>已用单位证书进行数字签名。</source>
        <translation>Digitally signed with the unit certificate.</translation>
    </message>
    <message>
        <source>单位未设置数字证书，记录未经数字签名。</source>
        <translation>The unit has no certificate; the record is not digitally signed.</translation>
    </message>
    <message>
        <source>已导出：%1。%2</source>
        <translation>Exported: %1. %2</translation>
    </message>
    <message>
        <source>设置证书口令</source>
        <translation>Certificate passphrase</translation>
    </message>
    <message>
        <source>为单位证书设置口令（请妥善保管）：</source>
        <translation>A passphrase for the unit certificate (keep it safe):</translation>
    </message>
    <message>
        <source>请再次输入口令：</source>
        <translation>The passphrase again:</translation>
    </message>
    <message>
        <source>两次输入的口令不一致，证书未建立。</source>
        <translation>The two passphrases differ; no certificate was made.</translation>
    </message>
    <message>
        <source>已建立单位证书；导出的记录将以它进行数字签名。</source>
        <translation>The unit certificate is made; exported records will be signed with it.</translation>
    </message>
    <message>
        <source>导入单位证书</source>
        <translation>Import a unit certificate</translation>
    </message>
    <message>
        <source>PKCS#12 证书 (*.p12 *.pfx)</source>
        <translation>PKCS#12 certificates (*.p12 *.pfx)</translation>
    </message>
    <message>
        <source>证书口令</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>请输入该证书文件的口令：</source>
        <translation>The certificate file&apos;s passphrase:</translation>
    </message>
    <message>
        <source>已导入单位证书。</source>
        <translation>The unit certificate is imported.</translation>
    </message>
    <message>
        <source>保存证书申请文件</source>
        <translation>Save the certificate request</translation>
    </message>
    <message>
        <source>证书申请 (*.csr *.pem)</source>
        <translation>Certificate requests (*.csr *.pem)</translation>
    </message>
    <message>
        <source>已写出证书申请：%1。请交县里签发。</source>
        <translation>Wrote the certificate request: %1. Take it to the county to be issued.</translation>
    </message>
    <message>
        <source>导入县里签发的证书</source>
        <translation>Import the certificate the county issued</translation>
    </message>
    <message>
        <source>证书 (*.pem *.crt *.cer *.der)</source>
        <translation>Certificates (*.pem *.crt *.cer *.der)</translation>
    </message>
    <message>
        <source>核对县级根证书</source>
        <translation>Check the county root</translation>
    </message>
    <message>
        <source>证书由“%1”签发，其根证书指纹（SHA-256）为：
%2
%3
请与县里签发证书时给出的根证书指纹逐组核对。一致吗？一致才导入。</source>
        <translation>The certificate was issued by %1, whose root SHA-256 fingerprint is:
%2
%3
Check it group by group against the root fingerprint the county gave when it issued. Do they match? Import only if they do.</translation>
    </message>
    <message>
        <source>已导入县里签发的证书（签发者：%1），此后导出的记录以它签名。指纹：%2</source>
        <translation>Imported the certificate the county issued (issuer: %1); exported records are signed with it from now on. Fingerprint: %2</translation>
    </message>
    <message>
        <source>保存单位数字证书登记表</source>
        <translation>Save the certificate registration form</translation>
    </message>
    <message>
        <source>已写出登记表：%1。请打印、签名、盖章后交县里登记。</source>
        <translation>Wrote the registration form: %1. Print, sign and seal it, and hand it to the county.</translation>
    </message>
</context>
<context>
    <name>RollCallPage</name>
    <message>
        <source>还有 {count} 位成员未点名：{names}。未到的成员点“未到（迟到）”，到会时用“迟到到会”登记。</source>
        <translation>{count} member(s) not yet on the roll: {names}. For a member not here, press &quot;Not here (late)&quot;; enter their arrival with &quot;Late arrival&quot; when they come.</translation>
    </message>
    <message>
        <source>点名完毕，可以宣布开会。</source>
        <translation>Roll call complete: the meeting can be opened.</translation>
    </message>
    <message>
        <source>点名时未到</source>
        <translation>Not present at the roll call</translation>
    </message>
</context>
<context>
    <name>RulesPanel</name>
    <message>
        <source>规则集</source>
        <translation>Rule set</translation>
    </message>
    <message>
        <source>名称(&amp;N)：</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>经常性经费达到(元)：</source>
        <translation>Regular spending from (yuan):</translation>
    </message>
    <message>
        <source>项目资金达到(元)：</source>
        <translation>Project funds from (yuan):</translation>
    </message>
    <message>
        <source>不论金额均属三重一大：</source>
        <translation>Major whatever the amount:</translation>
    </message>
    <message>
        <source>三重一大类别：</source>
        <translation>Major categories:</translation>
    </message>
    <message>
        <source>一把手不直接分管(&amp;F)：</source>
        <translation>Not held by the &amp;chief:</translation>
    </message>
    <message>
        <source>以顿号分隔，如 人事、财务</source>
        <translation>separated by 、 e.g. 人事、财务</translation>
    </message>
    <message>
        <source>三重一大</source>
        <translation>Major matters, 三重一大</translation>
    </message>
    <message>
        <source>五不直接分管</source>
        <translation>Portfolios the chief may not hold</translation>
    </message>
    <message>
        <source>到会、回避与通过</source>
        <translation>Quorum, recusal and passing</translation>
    </message>
    <message>
        <source>开会须超过应到会人数的(&amp;Q)：</source>
        <translation>&amp;Quorum: more than this share of expected:</translation>
    </message>
    <message>
        <source>分数，如 1/2</source>
        <translation>a fraction, e.g. 1/2</translation>
    </message>
    <message>
        <source>干部任免表决时到会须达到：</source>
        <translation>Personnel votes need at least:</translation>
    </message>
    <message>
        <source>分数，如 2/3</source>
        <translation>a fraction, e.g. 2/3</translation>
    </message>
    <message>
        <source>按干部任免计到会人数的类别：</source>
        <translation>Categories counted as personnel:</translation>
    </message>
    <message>
        <source>同意票须超过应到会人数的(&amp;P)：</source>
        <translation>&amp;Pass: votes in favour exceed this share of expected:</translation>
    </message>
    <message>
        <source>回避的成员不计入该议题的应到会人数</source>
        <translation>Recused members are not counted in the item&apos;s expected base</translation>
    </message>
    <message>
        <source>缺席成员的书面意见计入分歧判断</source>
        <translation>Written opinions of absent members count when judging a division</translation>
    </message>
    <message>
        <source>无记名投票可直接录入计票结果（不逐张录入选票）</source>
        <translation>A secret ballot may be entered as a tally (not ballot by ballot)</translation>
    </message>
    <message>
        <source>意见分歧时建议暂缓表决</source>
        <translation>Proposing deferral when opinions divide</translation>
    </message>
    <message>
        <source>发言顺序与签名</source>
        <translation>Speaking order and signatures</translation>
    </message>
    <message>
        <source>不同意与缓议合计达到表态人数的：</source>
        <translation>Against plus defer reach this share of stances:</translation>
    </message>
    <message>
        <source>分数，如 1/3</source>
        <translation>a fraction, e.g. 1/3</translation>
    </message>
    <message>
        <source>或赞成与反对相差不超过(票)：</source>
        <translation>or the margin is at most (votes):</translation>
    </message>
    <message>
        <source>其他成员的发言顺序(&amp;O)：</source>
        <translation>Speaking &amp;order of the other members:</translation>
    </message>
    <message>
        <source>全体参会人员在会议记录上签名（否则只有记录人和主持人签名）</source>
        <translation>Every attendee signs the record (otherwise only the recorder and the chair)</translation>
    </message>
    <message>
        <source>保存为新版本</source>
        <translation>Save as a new version</translation>
    </message>
    <message>
        <source>放弃修改</source>
        <translation>Discard changes</translation>
    </message>
    <message>
        <source>从排序最后的成员开始（资历浅者先发言）</source>
        <translation>From the most junior up</translation>
    </message>
    <message>
        <source>从排序最前的成员开始</source>
        <translation>From the most senior down</translation>
    </message>
    <message>
        <source>当前为第 %1 版；保存修改即生成新版本，会议记录注明所依据的版本。</source>
        <translation>This is version %1; saving makes a new version, and each record names the version it followed.</translation>
    </message>
    <message>
        <source>已保存为第 %1 版。</source>
        <translation>Saved as version %1.</translation>
    </message>
</context>
<context>
    <name>SearchTab</name>
    <message>
        <source>会议题目、发言、决定或姓名中的文字</source>
        <translation>Text in titles, words spoken, decisions or names</translation>
    </message>
    <message>
        <source>检索(&amp;S)</source>
        <translation>&amp;Search</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>会议</source>
        <translation>Meeting</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>位置</source>
        <translation>Where</translation>
    </message>
    <message>
        <source>摘录</source>
        <translation>Excerpt</translation>
    </message>
    <message>
        <source>找到超过 %1 处，列出最新的 %2 处</source>
        <translation>More than %1 found; the newest %2 are listed</translation>
    </message>
    <message>
        <source>找到 %1 处，列出最新的 %2 处</source>
        <translation>%1 found; the newest %2 are listed</translation>
    </message>
    <message>
        <source>找到 %1 处</source>
        <translation>%1 found</translation>
    </message>
</context>
<context>
    <name>SetupUnitPage</name>
    <message>
        <source>会议纪实台按单位记录领导班子会议。请先填写本单位的名称，下一步录入班子成员和分工。会议类型和议事规则先采用默认设置，以后可在“单位设置”中修改。</source>
        <translation>MeetingDesk records each unit&apos;s leadership-team meetings. Enter your unit&apos;s name; next come the team members and the division of work. Meeting types and rules start from the defaults and can be changed later in Unit settings.</translation>
    </message>
    <message>
        <source>单位名称(&amp;N)：</source>
        <translation>Unit &amp;name:</translation>
    </message>
    <message>
        <source>如 晓塘乡党委、晓塘乡人民政府</source>
        <translation>e.g. 晓塘乡党委, 晓塘乡人民政府</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>设置本单位</source>
        <translation>Set up the unit</translation>
    </message>
    <message>
        <source>班子成员</source>
        <translation>Team members</translation>
    </message>
    <message>
        <source>逐一录入班子成员，或从 CSV / Excel 名单导入。须有且只有一位主要负责人（一把手）。</source>
        <translation>Enter the team members one by one, or import a CSV / Excel roster. There must be exactly one chief (一把手).</translation>
    </message>
    <message>
        <source>分工</source>
        <translation>Division of work</translation>
    </message>
    <message>
        <source>选中一个领域，再选分管领导。一把手不能直接分管的领域会当场拒绝并说明原因。</source>
        <translation>Select an area, then its holder. An area the chief may not hold is refused at once, with the reason.</translation>
    </message>
    <message>
        <source>会议类型和议事规则</source>
        <translation>Meeting types and rules</translation>
    </message>
    <message>
        <source>默认设置即可使用；如本县另有规定，可在此调整。</source>
        <translation>The defaults work as they are; adjust them here if your county&apos;s rules differ.</translation>
    </message>
    <message>
        <source>“%1”尚未添加：请按回车或点“添加”，再点“下一步”。</source>
        <translation>“%1” has not been added: press Enter or click Add, then Next.</translation>
    </message>
    <message>
        <source>会议类型</source>
        <translation>Meeting types</translation>
    </message>
    <message>
        <source>议事规则</source>
        <translation>Rules</translation>
    </message>
</context>
<context>
    <name>SignDialog</name>
    <message>
        <source>在屏幕上签名</source>
        <translation>Sign on screen</translation>
    </message>
    <message>
        <source>请 %1（%2）在下框内签名，签好后按“确定”。</source>
        <translation>%1 (%2), please sign in the box below and press OK.</translation>
    </message>
    <message>
        <source>重写</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>请先在框内签名。</source>
        <translation>Sign in the box first.</translation>
    </message>
</context>
<context>
    <name>SignalsTab</name>
    <message>
        <source>导出 Excel(&amp;E)</source>
        <translation>&amp;Export Excel</translation>
    </message>
    <message>
        <source>导出报告 PDF(&amp;P)</source>
        <translation>Export report &amp;PDF</translation>
    </message>
    <message>
        <source>年度(&amp;Y)：</source>
        <translation>&amp;Year:</translation>
    </message>
    <message>
        <source>单位(&amp;U)：</source>
        <translation>&amp;Unit:</translation>
    </message>
    <message>
        <source>每月所涉记录数</source>
        <translation>Records behind, by month</translation>
    </message>
    <message>
        <source>所涉记录（在上表中双击一行或按回车查看）</source>
        <translation>Records behind (double-click a row above or press Enter)</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>会议</source>
        <translation>Meeting</translation>
    </message>
    <message>
        <source>会议日期</source>
        <translation>Held on</translation>
    </message>
    <message>
        <source>议题</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>打开会议纪实(&amp;O)</source>
        <translation>&amp;Open the record</translation>
    </message>
    <message>
        <source>全部单位</source>
        <translation>All units</translation>
    </message>
    <message>
        <source>正在计算…</source>
        <translation>Computing…</translation>
    </message>
    <message>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>第%1项：%2</source>
        <translation>Item %1: %2</translation>
    </message>
    <message>
        <source>全县</source>
        <translation>All units</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <source>导出监督信号</source>
        <translation>Export the supervision signals</translation>
    </message>
    <message>
        <source>已导出：%1</source>
        <translation>Exported: %1</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>会议已取消：{reason}（{by}）</source>
        <translation>Meeting cancelled: {reason} ({by})</translation>
    </message>
    <message>
        <source>应到会 {count} 人。开始后依次点名、宣布开会、逐项审议。</source>
        <translation>{count} members expected. Once started: the roll call, the opening, then the items one by one.</translation>
    </message>
    <message>
        <source>议程</source>
        <translation>Agenda</translation>
    </message>
    <message>
        <source>（尚无议题）</source>
        <translation>(no items yet)</translation>
    </message>
    <message>
        <source>开始后，会议信息和议程即固定，写入会议记录。</source>
        <translation>Once started, the meeting&apos;s details and agenda are fixed and written into the record.</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>筹备中</source>
        <translation>In preparation</translation>
    </message>
    <message>
        <source>进行中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>已闭会</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>已备案</source>
        <translation>Filed</translation>
    </message>
    <message>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
</context>
<context>
    <name>SubmissionDialog</name>
    <message>
        <source>议题申报 — 申报人：%1</source>
        <translation>Item submission — submitted by %1</translation>
    </message>
    <message>
        <source>重新申报第 %1 号 — 申报人：%2</source>
        <translation>Resubmit no. %1 — submitted by %2</translation>
    </message>
    <message>
        <source>前置程序的办理材料在申报后逐项登记；列入议程后可附加会议材料。</source>
        <translation>The checks&apos; documents are recorded one by one after submitting; meeting materials can be attached once the item is on an agenda.</translation>
    </message>
</context>
<context>
    <name>SubmissionsForm</name>
    <message>
        <source>经办人(&amp;W)：</source>
        <translation>&amp;Who acts:</translation>
    </message>
    <message>
        <source>新申报(&amp;N)…</source>
        <translation>&amp;New submission…</translation>
    </message>
    <message>
        <source>重新申报(&amp;R)…</source>
        <translation>&amp;Resubmit…</translation>
    </message>
    <message>
        <source>前置程序（按议题类别须完成）</source>
        <translation>Preparatory checks (required by the item&apos;s category)</translation>
    </message>
    <message>
        <source>办理情况(&amp;T)：</source>
        <translation>Wha&amp;t was done:</translation>
    </message>
    <message>
        <source>例如：已由司法所出具合法性审查意见</source>
        <translation>e.g. the legal office gave its legality review</translation>
    </message>
    <message>
        <source>附件(&amp;F)…</source>
        <translation>&amp;File…</translation>
    </message>
    <message>
        <source>登记完成(&amp;K)</source>
        <translation>Mark done (&amp;K)</translation>
    </message>
    <message>
        <source>同意上会(&amp;A)</source>
        <translation>&amp;Approve for a meeting</translation>
    </message>
    <message>
        <source>退回(&amp;B)</source>
        <translation>Send &amp;back</translation>
    </message>
    <message>
        <source>撤回(&amp;D)</source>
        <translation>&amp;Withdraw</translation>
    </message>
    <message>
        <source>申报人撤回本申报；已列入筹备中会议议程的，同时移出议程</source>
        <translation>The submitter withdraws it; if it is on the agenda of a meeting being prepared, it comes off that agenda</translation>
    </message>
    <message>
        <source>理由(&amp;Y)：</source>
        <translation>Reason (&amp;Y):</translation>
    </message>
    <message>
        <source>退回（主要负责人）或撤回（申报人）时必填</source>
        <translation>Required to return (the chief) or withdraw (the submitter)</translation>
    </message>
    <message>
        <source>材料送达时间(&amp;G)：</source>
        <translation>Materials &amp;given at:</translation>
    </message>
    <message>
        <source>登记材料送达(&amp;M)</source>
        <translation>Record &amp;materials given</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>SubmissionsWindow</name>
    <message>
        <source>议题申报 — %1</source>
        <translation>Item submissions — %1</translation>
    </message>
    <message>
        <source>（请选择：申报人或主要负责人）</source>
        <translation>(choose: the submitter or the chief)</translation>
    </message>
    <message>
        <source>（主要负责人）</source>
        <translation> (chief)</translation>
    </message>
    <message>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>议题</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>申报人</source>
        <translation>Submitted by</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>金额(元)</source>
        <translation>Amount (yuan)</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>还没有申报的议题：选择经办人后点“新申报”。</source>
        <translation>No submissions yet: choose the acting member, then New submission.</translation>
    </message>
    <message>
        <source>前置程序</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>办理情况</source>
        <translation>What was done</translation>
    </message>
    <message>
        <source>第 %1 号“%2”：%3，%4 申报</source>
        <translation>No. %1 &apos;%2&apos;: %3, submitted by %4</translation>
    </message>
    <message>
        <source>退回理由：%1</source>
        <translation>Returned because: %1</translation>
    </message>
    <message>
        <source>撤回理由：%1</source>
        <translation>Withdrawn because: %1</translation>
    </message>
    <message>
        <source>材料送达：%1</source>
        <translation>Materials given: %1</translation>
    </message>
    <message>
        <source>未完成</source>
        <translation>not done</translation>
    </message>
    <message>
        <source>，附件：%1</source>
        <translation>, file: %1</translation>
    </message>
    <message>
        <source>前置程序（本类别无须前置程序）</source>
        <translation>Preparatory checks (none for this category)</translation>
    </message>
    <message>
        <source>前置程序（按议题类别须完成）</source>
        <translation>Preparatory checks (required by the item&apos;s category)</translation>
    </message>
    <message>
        <source>请先选择经办人：申报、登记由申报人办理，同意上会或退回由主要负责人办理。</source>
        <translation>Choose the acting member first: the submitter files and records, the chief approves or sends back.</translation>
    </message>
    <message>
        <source>选择办理材料</source>
        <translation>Choose the document</translation>
    </message>
    <message>
        <source>附件：%1</source>
        <translation>File: %1</translation>
    </message>
</context>
<context>
    <name>TallyForm</name>
    <message>
        <source>发出票数：</source>
        <translation>Issued:</translation>
    </message>
    <message>
        <source>收回票数：</source>
        <translation>Returned:</translation>
    </message>
    <message>
        <source>废票：</source>
        <translation>Void:</translation>
    </message>
    <message>
        <source>同意票：</source>
        <translation>Agree:</translation>
    </message>
    <message>
        <source>不同意票：</source>
        <translation>Disagree:</translation>
    </message>
    <message>
        <source>弃权票：</source>
        <translation>Abstain:</translation>
    </message>
    <message>
        <source>监票人：</source>
        <translation>Scrutineers:</translation>
    </message>
    <message>
        <source>多人用顿号分隔</source>
        <translation>Separate several names with 、</translation>
    </message>
    <message>
        <source>计票人：</source>
        <translation>Counters:</translation>
    </message>
    <message>
        <source>确认计票结果</source>
        <translation>Confirm the tally</translation>
    </message>
</context>
<context>
    <name>TallyPage</name>
    <message>
        <source>可投票 {voters} 人（到会且未回避）。无记名投票只录入监票人、计票人报告的票数，不记录个人投票；各人选的发出、收回和废票数相同。</source>
        <translation>{voters} members may vote (present and not recused). A secret ballot records only the numbers the scrutineers and counters report, never who voted what; issued, returned and void are the same for every candidate.</translation>
    </message>
</context>
<context>
    <name>TrendChart</name>
    <message>
        <source>%1月</source>
        <translation>%1</translation>
    </message>
</context>
<context>
    <name>TrustTab</name>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Origin</translation>
    </message>
    <message>
        <source>证书指纹（SHA-256）</source>
        <translation>Fingerprint (SHA-256)</translation>
    </message>
    <message>
        <source>有效期</source>
        <translation>Validity</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>按申请签发证书(&amp;I)…</source>
        <translation>&amp;Issue from a request…</translation>
    </message>
    <message>
        <source>登记单位证书(&amp;R)…</source>
        <translation>&amp;Register a unit certificate…</translation>
    </message>
    <message>
        <source>吊销所选证书(&amp;V)…</source>
        <translation>Re&amp;voke the selected certificate…</translation>
    </message>
    <message>
        <source>县级根证书指纹（SHA-256）：%1</source>
        <translation>County root fingerprint (SHA-256): %1</translation>
    </message>
    <message>
        <source>选择单位的证书申请文件</source>
        <translation>Choose the unit&apos;s certificate request</translation>
    </message>
    <message>
        <source>证书申请 (*.csr *.pem *.der *.req)</source>
        <translation>Certificate requests (*.csr *.pem *.der *.req)</translation>
    </message>
    <message>
        <source>县级根证书口令</source>
        <translation>County root passphrase</translation>
    </message>
    <message>
        <source>请输入县级根证书口令，用于签发证书：</source>
        <translation>Enter the county root&apos;s passphrase to issue the certificate:</translation>
    </message>
    <message>
        <source>保存签发的证书</source>
        <translation>Save the issued certificate</translation>
    </message>
    <message>
        <source>证书 (*.pem)</source>
        <translation>Certificates (*.pem)</translation>
    </message>
    <message>
        <source>已为“%1”签发单位证书：%2。</source>
        <translation>Issued a unit certificate for %1: %2.</translation>
    </message>
    <message>
        <source>选择单位证书</source>
        <translation>Choose the unit&apos;s certificate</translation>
    </message>
    <message>
        <source>证书 (*.pem *.crt *.cer *.der)</source>
        <translation>Certificates (*.pem *.crt *.cer *.der)</translation>
    </message>
    <message>
        <source>登记单位证书</source>
        <translation>Register a unit certificate</translation>
    </message>
    <message>
        <source>证书登记给哪个单位（与记录上的单位名称一致）：</source>
        <translation>Register it to which unit (its name exactly as on its records):</translation>
    </message>
    <message>
        <source>已登记“%1”的单位证书。请与单位盖章的登记表逐组核对指纹。</source>
        <translation>Registered %1&apos;s certificate. Compare the fingerprint group by group with the unit&apos;s sealed form.</translation>
    </message>
    <message>
        <source>再加一张证书</source>
        <translation>Another certificate</translation>
    </message>
    <message>
        <source>“%1”已有有效的单位证书（指纹 %2，有效期至 %3）。仍要为它再签发或登记一张吗（例如另一台电脑的密钥）？旧证书不再使用的，请先吊销。</source>
        <translation>%1 already has a valid certificate (fingerprint %2, valid until %3). Issue or register a second one for it (another computer&apos;s key, say)? If the old one is no longer used, revoke it first.</translation>
    </message>
    <message>
        <source>吊销证书</source>
        <translation>Revoke the certificate</translation>
    </message>
    <message>
        <source>吊销“%1”的证书，以它所作的签名自吊销时间起无效。原因：</source>
        <translation>Revoke %1&apos;s certificate: signatures it made from the revocation time on do not count. Reason:</translation>
    </message>
    <message>
        <source>自何时起吊销（私钥遗失或泄露之时；留空为现在，如 2026-11-20 09:00）：</source>
        <translation>Revoked from when (when the key was lost or leaked; empty for now, e.g. 2026-11-20 09:00):</translation>
    </message>
    <message>
        <source>已吊销“%1”的证书。</source>
        <translation>Revoked %1&apos;s certificate.</translation>
    </message>
    <message>
        <source>已备案的记录中有 %1 份在吊销时间之后以它签名，不再计入备案（原包仍予保存）：</source>
        <translation>%1 record(s) on file were signed with it after the revocation time and no longer count (the packages are kept):</translation>
    </message>
    <message>
        <source>另有 %1 份在吊销时间之后才受理、签名所注时间在其前，仍计入备案，请核实：</source>
        <translation>%1 more were received after the revocation time but say they were signed before it; they still count: check them:</translation>
    </message>
    <message>
        <source>证书指纹（SHA-256）：%1</source>
        <translation>Fingerprint (SHA-256): %1</translation>
    </message>
</context>
<context>
    <name>TypesPanel</name>
    <message>
        <source>集体表决的会议（党委会、党政联席会议）按票数决定议题；行政首长负责制的会议（乡镇长办公会、局务会）在听取意见后由主要负责人决定。会议按单位、类型和年度分别编号。</source>
        <translation>Collegiate meetings (党委会, 党政联席会议) decide items by vote; under the head-decides system (乡镇长办公会, 局务会) the head decides after hearing everyone. Meetings are numbered per unit, type and year.</translation>
    </message>
    <message>
        <source>名称(&amp;N)：</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>如 党组会</source>
        <translation>e.g. 党组会</translation>
    </message>
    <message>
        <source>添加会议类型</source>
        <translation>Add meeting type</translation>
    </message>
    <message>
        <source>会议类型</source>
        <translation>Meeting type</translation>
    </message>
    <message>
        <source>决策方式</source>
        <translation>Decided by</translation>
    </message>
    <message>
        <source>已添加会议类型：%1</source>
        <translation>Added the meeting type %1</translation>
    </message>
</context>
<context>
    <name>UnitPage</name>
    <message>
        <source>本单位</source>
        <translation>Your unit</translation>
    </message>
</context>
<context>
    <name>UnitSettingsDialog</name>
    <message>
        <source>单位设置 — %1</source>
        <translation>Unit settings — %1</translation>
    </message>
    <message>
        <source>班子成员(&amp;1)</source>
        <translation>Team &amp;members</translation>
    </message>
    <message>
        <source>分工(&amp;2)</source>
        <translation>&amp;Division of work</translation>
    </message>
    <message>
        <source>会议类型(&amp;3)</source>
        <translation>Meeting &amp;types</translation>
    </message>
    <message>
        <source>议事规则(&amp;4)</source>
        <translation>&amp;Rules</translation>
    </message>
</context>
<context>
    <name>VotePage</name>
    <message>
        <source>{name} 的表决意见：</source>
        <translation>{name}&apos;s vote:</translation>
    </message>
    <message>
        <source>已登记{name}：{choice}。表决意见登记后不能修改，如有录错，闭会后添加更正。</source>
        <translation>Recorded for {name}: {choice}. A vote cannot be changed once recorded; a mistake is put right with a correction after closing.</translation>
    </message>
</context>
</TS>
