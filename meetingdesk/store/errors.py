"""Every refusal of the storage layer: a stable code, a Chinese message, an English one."""

from __future__ import annotations

from meetingdesk.domain.errors import CodedError

# code -> (Chinese, English); {name} fields are filled from the error's parameters.
MESSAGES: dict[str, tuple[str, str]] = {
    "DB_NOT_SQLITE": (
        "文件“{path}”不是 SQLite 数据库，未作任何改动。请确认选择的是会议纪实台的数据库文件。",
        "'{path}' is not a SQLite database; it was left unchanged."),
    "DB_EMPTY_FILE": (
        "文件“{path}”是空文件（0 字节），不是会议纪实台的数据库，未作任何改动。"
        "如要在此新建数据库，请先删除这个空文件，或另选一个文件名。",
        "'{path}' is an empty file (0 bytes), not a MeetingDesk database; it was left unchanged. "
        "To create a database there, delete the empty file first, or choose another name."),
    "DB_NOT_MEETINGDESK": (
        "数据库“{path}”中已有其他程序的数据表，不是会议纪实台的数据库，未写入任何数据。",
        "'{path}' holds another program's tables and is not a MeetingDesk database; "
        "nothing was written to it."),
    "DB_TOO_NEW": (
        "数据库“{path}”由更新版本的会议纪实台创建（结构版本 {revision}），请升级本程序后再打开。",
        "'{path}' was made by a newer MeetingDesk (schema revision {revision}); "
        "upgrade the program to open it."),
    "DB_LOCKED": (
        "数据库“{path}”正被其他程序占用，等待 {seconds} 秒后仍未释放。"
        "请关闭其他正在使用它的会议纪实台窗口后重试。",
        "'{path}' is locked by another program (waited {seconds} s). "
        "Close other MeetingDesk windows using it and try again."),
    "DB_CHANGED_MEANWHILE": (
        "数据库“{path}”在此期间已被其他程序修改，本次操作未保存，请重新操作。",
        "'{path}' was changed by another program meanwhile; this action was not saved. "
        "Please do it again."),
    "DB_UNREADABLE": (
        "无法打开数据库“{path}”：{detail}。请检查文件是否存在、权限是否足够。",
        "Cannot open the database '{path}': {detail}. Check that it exists and may be read."),
    "DB_UNWRITABLE": (
        "无法写入数据库“{path}”：{detail}。请检查文件权限和磁盘空间。",
        "Cannot write to the database '{path}': {detail}. Check permissions and free disk space."),
    "DB_READ_ONLY": (
        "数据库“{path}”是以只读方式打开的（只读介质或没有写入权限），本次操作未保存。",
        "The database '{path}' is open read-only (read-only media or no write access); "
        "this action was not saved."),
    "DB_CORRUPT": (
        "数据库“{path}”已损坏：{detail}。请从备份恢复。",
        "The database '{path}' is damaged: {detail}. Restore it from a backup."),
    "DB_UNREACHABLE": (
        "无法连接数据库 {path}：{detail}",
        "Cannot connect to the database {path}: {detail}"),
    "MIGRATIONS_MISSING": (
        "程序安装不完整：找不到数据库结构升级脚本（{path}）。请重新安装会议纪实台。",
        "The installation is incomplete: the schema migrations are missing ({path}). "
        "Reinstall MeetingDesk."),
    "BACKUP_FAILED": (
        "备份数据库“{path}”失败：{detail}。数据库未作改动。",
        "Backing up the database '{path}' failed: {detail}. The database was not changed."),
    "EVENT_SEQ_TAKEN": (
        "会议（编号 {meeting_id}）的第 {seq} 条记录已存在，本条未写入（可能另一处同时在记录）。",
        "Event {seq} of meeting {meeting_id} already exists; this one was not written "
        "(perhaps someone else is recording at the same time)."),
    "EVENT_HEAD_MOVED": (
        "会议（编号 {meeting_id}）的记录已被其他窗口更新，第 {seq} 条未写入，请重试。",
        "Meeting {meeting_id}'s log was changed elsewhere; event {seq} was not written. "
        "Try again."),
    "EVENT_WRONG_MEETING": (
        "记录不属于会议（编号 {meeting_id}），或该会议不存在，未写入。",
        "The event does not belong to meeting {meeting_id}, or that meeting does not exist; "
        "it was not written."),
    "UNIT_EVENT_SEQ_TAKEN": (
        "议题申报或督办记录（编号 {log_id}）的第 {seq} 条已存在，本条未写入（可能另一处同时在登记）。",
        "Entry {seq} of submissions or follow-up log {log_id} already exists; this one was not "
        "written (perhaps someone else is entering at the same time)."),
    "UNIT_EVENT_HEAD_MOVED": (
        "议题申报或督办记录（编号 {log_id}）已被其他窗口更新，第 {seq} 条未写入，请重试。",
        "Submissions or follow-up log {log_id} was changed elsewhere; entry {seq} was not "
        "written. Try again."),
    "UNIT_EVENT_WRONG_LOG": (
        "记录不属于议题申报或督办记录（编号 {log_id}），或该记录不存在，未写入。",
        "The entry does not belong to submissions or follow-up log {log_id}, or that log does "
        "not exist; it was not written."),
    "CLOSED_BACKUP_OWED": (
        "会议已闭会：第 {seq} 条记录（闭会）已保存，数据库中的记录完好。但闭会后的自动备份未能完成：{detail}。"
        "下次打开本数据库时将自动补做备份（如磁盘已满，请先腾出空间）。",
        "The meeting is closed: entry {seq} (closing) was saved and the record in the database "
        "is intact. The automatic backup after closing was not made: {detail}. It will be made "
        "the next time this database is opened (if the disk is full, free some space first)."),
    "CLOSED_BACKUP_NOT_MADE": (
        "会议已闭会：第 {seq} 条记录（闭会）已保存，数据库中的记录完好。但闭会后的自动备份未能完成：{detail}，"
        "且不会自动补做。请腾出磁盘空间后，将数据库文件“{path}”复制一份保存。",
        "The meeting is closed: entry {seq} (closing) was saved and the record in the database "
        "is intact. The automatic backup after closing was not made: {detail}, and it will not "
        "be retried. Free some disk space, then copy the database file '{path}' somewhere safe."),
    "LOG_PAUSED": (
        "会议“{meeting}”在数据库中的记录少于或不同于已确认保存的记录（见打开数据库时的提示或“检查”），"
        "为保全证据已暂停记录：本条未写入。",
        "The log of '{meeting}' in the database is short of, or other than, what was "
        "acknowledged (see the notice at opening, or `check`); to keep the evidence, it takes "
        "no more entries: this one was not written."),
    "UNIT_LOG_PAUSED": (
        "“{log}”在数据库中的记录少于或不同于已确认保存的记录（见打开数据库时的提示或“检查”），"
        "为保全证据已暂停登记：本条未写入。",
        "'{log}' in the database is short of, or other than, what was acknowledged (see the "
        "notice at opening, or `check`); to keep the evidence, it takes no more entries: this "
        "one was not written."),

    # Notices: not refusals, but what was done or found while opening the database.
    "DB_OPENED_READ_ONLY": (
        "数据库“{path}”位于只读位置（如光盘、写保护的 U 盘）或没有写入权限，已以只读方式打开："
        "可以查看、检查和导出，不能记录或修改。",
        "The database '{path}' is on read-only media (a CD, a write-protected stick) or may not "
        "be written, so it was opened read-only: it can be viewed, checked and exported, "
        "not recorded in or changed."),
    "LOG_BEHIND_ACKNOWLEDGED": (
        "数据库落后于已确认保存的记录：会议“{meeting}”已确认保存 {acknowledged} 条记录，数据库中只有 {stored} 条"
        "（多因 -wal 日志文件损坏，或数据库被换成了旧副本）。该会议已暂停记录，以免覆盖证据。"
        "恢复方法：从备份目录恢复包含全部记录的备份，或将数据库文件连同保留的 -wal 副本交技术人员恢复。",
        "The database is behind what was acknowledged: {acknowledged} entries of '{meeting}' "
        "were acknowledged as saved, the database holds {stored} (most likely a damaged -wal "
        "file, or the database was replaced by an older copy). The meeting takes no more "
        "entries, so the evidence is not overwritten. To recover: restore a backup that holds "
        "every entry, or give the database and the kept -wal copy to a technician."),
    "LOG_DIFFERS_FROM_ACKNOWLEDGED": (
        "会议“{meeting}”在数据库中的第 {acknowledged} 条记录与已确认保存的不同（数据库中共 {stored} 条），"
        "数据库可能被换成了其他副本。该会议已暂停记录，以免覆盖证据。"
        "恢复方法：从备份目录恢复包含全部记录的备份，或交技术人员核查。",
        "Entry {acknowledged} of '{meeting}' in the database is not the one acknowledged as "
        "saved (the database holds {stored}); the database may have been replaced by another "
        "copy. The meeting takes no more entries, so the evidence is not overwritten. To "
        "recover: restore a backup that holds every entry, or have a technician look into it."),
    "WAL_KEPT": (
        "打开数据库时找到的 -wal 日志文件已原样另存为“{path}”，供恢复使用，请勿删除。",
        "The -wal file found when the database was opened was kept, as it was, as '{path}' "
        "for the recovery; do not delete it."),
    "BACKUP_FINISHED": (
        "会议（编号 {meeting_id}）闭会后的自动备份上次未能完成（程序被中断或磁盘已满），"
        "本次打开时已补做：{path}",
        "The automatic backup after meeting {meeting_id} closed was cut short last time "
        "(the program was interrupted or the disk was full); it was made now: {path}"),
    "BACKUP_STILL_OWED": (
        "会议（编号 {meeting_id}）闭会后的自动备份仍未能完成：{detail}。数据库中的记录完好；"
        "腾出磁盘空间后再次打开本数据库时将重试。",
        "The automatic backup after meeting {meeting_id} closed still could not be made: "
        "{detail}. The record in the database is intact; it will be tried again the next time "
        "this database is opened, once there is free disk space."),
    "BACKUP_PARTIAL_REMOVED": (
        "备份目录中有一份因程序中断而未完成的备份“{path}”（不是完整的备份），已删除。",
        "An unfinished backup left by an interruption, '{path}' (not a complete copy), "
        "was removed from the backups folder."),
}


class StoreError(CodedError):
    """The database could not be opened, read or written as asked. Nothing was recorded."""

    MESSAGES = MESSAGES


class StoreNotice(CodedError):
    """Something the user is to be told about an opened database: done or found, not refused."""

    MESSAGES = MESSAGES
