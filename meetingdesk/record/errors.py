"""Every refusal of the record layer: a stable code, a Chinese message, an English one."""

from __future__ import annotations

from meetingdesk.domain.errors import CodedError

# code -> (Chinese, English); {name} fields are filled from the error's parameters.
MESSAGES: dict[str, tuple[str, str]] = {
    "PASSPHRASE_EMPTY": ("单位证书必须设置口令。", "The unit certificate needs a passphrase."),
    "PASSPHRASE_REQUIRED": (
        "单位已设置数字证书，请输入证书口令后再导出（命令行可用 --passphrase-env 指定存放口令的环境变量）。",
        "The unit has a signing certificate: give its passphrase to export "
        "(on the command line: --passphrase-env VAR)."),
    "WRONG_PASSPHRASE": ("单位证书口令不正确，请重新输入。",
                         "Wrong passphrase for the unit certificate."),
    "BAD_CERTIFICATE_FILE": (
        "单位证书文件已损坏或不是 PKCS#12（.p12/.pfx）格式。",
        "The unit certificate file is damaged or not a PKCS#12 (.p12/.pfx) file."),
    "SIGN_FAILED": ("无法对该 PDF 签名：{detail}", "The PDF could not be signed: {detail}"),
    "ATTACHMENT_UNREADABLE": (
        "材料文件“{name}”无法读取（{detail}），未生成备案包。",
        "The material file '{name}' cannot be read ({detail}); no package was made."),
    "ATTACHMENT_CHANGED": (
        "材料文件“{name}”的内容与登记时不一致（SHA-256 不符），未生成备案包。",
        "The material file '{name}' differs from the one registered (SHA-256 mismatch); "
        "no package was made."),
    "FILED_NOT_EXPORTED": (
        "会议已登记为“已备案”（第 {seq} 条记录已保存），但备案记录未能导出（{detail}）。"
        "请排除问题后重新导出（不会重复登记备案）。",
        "The meeting was recorded as filed (entry {seq} was saved), but the filed record was "
        "not exported ({detail_en}). Fix the problem and export again (it will not be recorded "
        "as filed twice)."),
    "FILE_UNWRITABLE": ("无法写入文件“{path}”：{detail}", "Cannot write '{path}': {detail_en}"),
    "FILE_UNREADABLE": ("无法读取文件“{path}”：{detail}", "Cannot read '{path}': {detail_en}"),
}


class RecordError(CodedError):
    """The record could not be made, signed, exported or read. Nothing was recorded."""

    MESSAGES = MESSAGES
