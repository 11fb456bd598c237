"""Every refusal of the county desk: a stable code, a Chinese message, an English one."""

from __future__ import annotations

from meetingdesk.domain.errors import CodedError

MESSAGES: dict[str, tuple[str, str]] = {
    "NOT_AN_ARCHIVE": (
        "数据库“{path}”不是县级备案库（可能是乡镇的会议纪实库或其他程序的数据库），未作任何改动。"
        "新建备案库请用 meetingdesk county init。",
        "'{path}' is not a county archive (it may be a township's meeting database or another "
        "program's); it was left unchanged. Create an archive with 'meetingdesk county init'."),
    "NO_ARCHIVE_YET": (
        "“{path}”中还没有县级备案库，请先用 meetingdesk county init 新建。",
        "'{path}' holds no county archive yet; create one with 'meetingdesk county init'."),
    "ARCHIVE_EXISTS": (
        "“{path}”已经是县级备案库（{name}），未作任何改动。",
        "'{path}' is already a county archive ({name}); it was left unchanged."),
    "ARCHIVE_TOO_NEW": (
        "备案库“{path}”由更新版本的会议纪实台创建（结构版本 {revision}），请升级本程序后再打开。",
        "the archive '{path}' was made by a newer MeetingDesk (schema revision {revision}); "
        "upgrade the program to open it."),
    "UNREADABLE_PATH": (
        "无法读取“{path}”（{why}），未导入任何备案包。",
        "'{path}' cannot be read ({why_en}); no package was imported."),
    "NO_PACKAGES": (
        "在{paths}中没有找到备案包（.mdpkg 或 .zip 文件），未作任何改动。",
        "no filing package (.mdpkg or .zip file) was found in {paths}; nothing was changed."),
}


class CountyError(CodedError):
    """The county desk refused an action; nothing was changed."""

    MESSAGES = MESSAGES
