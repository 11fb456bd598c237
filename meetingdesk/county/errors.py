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
    "ARCHIVE_REQUIRED": (
        "请用 --db 指定县级备案库（SQLite 文件，或县里服务器的 postgresql+psycopg:// 地址）。",
        "Name the county archive with --db (a SQLite file, or the county server's "
        "postgresql+psycopg:// URL)."),
    # trust: the root, requests, unit certificates
    "PASSPHRASE_EMPTY": ("县级根证书必须设置口令，未作任何改动。",
                         "The county root needs a passphrase; nothing was changed."),
    "PASSPHRASE_WEAK": (
        "县级根证书口令太容易猜中：至少 {minimum} 个字符（一个汉字算两个），不能全是数字，"
        "也不能是同一个字符重复。未作任何改动。",
        "The county root passphrase is too easy to guess: at least {minimum} characters (a "
        "Chinese character counts as two), not only digits, not one character repeated. "
        "Nothing was changed."),
    "WRONG_ROOT_PASSPHRASE": (
        "县级根证书口令不正确，未签发证书，未作任何改动。",
        "Wrong passphrase for the county root: no certificate was issued, nothing changed."),
    "BAD_REQUEST": (
        "证书申请文件已损坏或不是证书申请（PKCS#10，PEM 或 DER），未签发证书。"
        "请让单位用 meetingdesk cert request 重新生成。",
        "The request file is damaged or not a certificate request (PKCS#10, PEM or DER); no "
        "certificate was issued. Ask the unit to make a new one with 'meetingdesk cert request'."),
    "REQUEST_SIGNATURE": (
        "证书申请的签名不正确（申请文件被改动过），未签发证书。",
        "The certificate request's own signature does not hold (the file was altered); no "
        "certificate was issued."),
    "REQUEST_NO_NAME": (
        "证书申请中没有单位名称（CN 为空），未签发证书。",
        "The certificate request names no unit (empty CN); no certificate was issued."),
    "BAD_CERTIFICATE": (
        "文件已损坏或不是证书（PEM 或 DER），未作任何改动。",
        "The file is damaged or not a certificate (PEM or DER); nothing was changed."),
    "CERT_IS_AUTHORITY": (
        "“{subject}”是签发机构（CA）证书，不是单位的签名证书，不能登记给单位。",
        "'{subject}' is a certificate authority's certificate, not a unit's signing "
        "certificate; it cannot be registered to a unit."),
    "CERT_OTHER_UNIT": (
        "证书的名称（CN）是“{subject}”，不是“{unit}”，不能登记给该单位。",
        "The certificate is named '{subject}' (CN), not '{unit}'; it cannot be registered to "
        "that unit."),
    "CERT_KNOWN": (
        "该证书（指纹 {fingerprint}）已是{origin}给“{unit}”的证书，未作任何改动。",
        "This certificate (fingerprint {fingerprint}) is already {origin_en} for {unit}; "
        "nothing was changed."),
    "UNIT_NAME_REFUSED": (
        "{why}未签发或登记证书，未作任何改动。",
        "{why_en} No certificate was issued or registered; nothing was changed."),
    "UNIT_LOOKALIKE": (
        "单位名称“{name}”与备案库中的单位“{other}”看起来相同，写法却不同（全角半角或字形之别），"
        "不能作为另一个单位签发或登记证书，未作任何改动。请核实单位名称。",
        "The unit name '{name}' looks the same as the archive's unit '{other}' but is written "
        "differently (full- or half-width forms, character variants); no certificate was issued "
        "or registered for it as another unit, nothing was changed. Check the unit's name."),
    "UNIT_HAS_CERTIFICATE": (
        "“{unit}”已有有效的单位证书（{origin}，指纹 {fingerprint}，有效期至 {until}），未作任何改动。"
        "如确需再为它签发或登记一张（例如另一台电脑的密钥），请加 --another；旧证书不再使用的，请先吊销。",
        "{unit} already has a valid certificate ({origin_en}, fingerprint {fingerprint}, valid "
        "until {until}); nothing was changed. To issue or register a second one (another "
        "computer's key), add --another; if the old one is no longer used, revoke it first."),
    "BAD_FINGERPRINT": (
        "“{value}”不是证书指纹：应为 64 位十六进制数字（可分组书写）。",
        "'{value}' is not a certificate fingerprint: 64 hexadecimal digits (groups allowed)."),
    "CERT_UNKNOWN": (
        "备案库中没有指纹为 {fingerprint} 的单位证书。",
        "The archive holds no unit certificate with fingerprint {fingerprint}."),
    "ALREADY_REVOKED": (
        "证书 {fingerprint} 已于 {since} 吊销，未作任何改动。",
        "The certificate {fingerprint} was already revoked from {since}; nothing was changed."),
    "BAD_DATETIME": (
        "“{value}”不是日期时间，请写成 2026-11-29 或 2026-11-29T09:30。",
        "'{value}' is not a date and time; write it as 2026-11-29 or 2026-11-29T09:30."),
}


class CountyError(CodedError):
    """The county desk refused an action; nothing was changed."""

    MESSAGES = MESSAGES
