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
    # the unit certificate and the county (cert request / import / export / form)
    "NO_UNIT_CERTIFICATE": (
        "“{unit}”还没有单位证书：请先用 meetingdesk cert request 生成证书申请（同时建立证书）。",
        "{unit} has no unit certificate yet: make a request with 'meetingdesk cert request' "
        "(which makes the certificate too)."),
    "ISSUED_BAD_FILE": (
        "文件“{path}”已损坏或不是证书（PEM 或 DER），单位证书未作改动。",
        "'{path}' is damaged or not a certificate (PEM or DER); the unit certificate was left "
        "unchanged."),
    "ISSUED_OTHER_KEY": (
        "该证书不是为本单位现有密钥签发的（公钥不同），单位证书未作改动。"
        "请导入县里根据本单位申请文件签发的证书。",
        "This certificate was not issued for the unit's own key (another public key); the unit "
        "certificate was left unchanged. Import the one the county issued from this unit's "
        "request."),
    "ISSUED_OTHER_UNIT": (
        "该证书是签发给“{subject}”的，不是“{unit}”，单位证书未作改动。",
        "This certificate is {subject}'s, not {unit}'s; the unit certificate was left "
        "unchanged."),
    "ISSUED_NOT_YET_VALID": (
        "该证书要到 {since} 才生效，单位证书未作改动。请核对本机的日期时间，到时再导入。",
        "This certificate is valid only from {since}; the unit certificate was left unchanged. "
        "Check this computer's date and time, and import it then."),
    "ISSUED_EXPIRED": (
        "该证书已于 {until} 过期，单位证书未作改动。请向县里申请新的证书。",
        "This certificate expired on {until}; the unit certificate was left unchanged. Ask the "
        "county for a new one."),
    "ISSUED_NO_ROOT": (
        "证书文件中没有签发它的县级根证书，本单位也还没有县级根证书，单位证书未作改动。"
        "请导入县里签发时写出的完整证书文件（PEM，单位证书之后附根证书）。",
        "The file holds no root certificate that issued it, and the unit has none yet; the "
        "unit certificate was left unchanged. Import the whole file the county wrote (PEM, the "
        "root after the unit's certificate)."),
    "ISSUED_OTHER_ROOT": (
        "该证书由“{issuer}”（根证书指纹 {fingerprint}）签发，不是本单位已确认的县级根证书"
        "“{pinned}”（指纹 {pinned_fingerprint}），单位证书未作改动。名称相同不代表是同一个根证书；"
        "如县里确已更换根证书，请核对新指纹后加 --replace-root 导入。",
        "This certificate was issued by '{issuer}' (root fingerprint {fingerprint}), not by the "
        "county root the unit confirmed, '{pinned}' (fingerprint {pinned_fingerprint}); the "
        "unit certificate was left unchanged. The same name is not the same root; if the county "
        "really changed its root, check the new fingerprint and import with --replace-root."),
    "ROOT_UNCONFIRMED": (
        "该证书由“{issuer}”签发，其根证书指纹（SHA-256）为 {fingerprint}，尚未确认。"
        "请与县里签发证书时给出的根证书指纹逐组核对，一致时确认（命令行：--root-fingerprint 加该指纹）。"
        "单位证书未作改动。",
        "This certificate was issued by '{issuer}', whose root SHA-256 fingerprint is "
        "{fingerprint}, not yet confirmed. Check it group by group against the root fingerprint "
        "the county gave when it issued, and confirm it if they match (command line: "
        "--root-fingerprint with that fingerprint). The unit certificate was left unchanged."),
    "ISSUED_CHAIN_BROKEN": (
        "证书文件中的签发机构证书“{issuer}”并未签发该证书，单位证书未作改动。",
        "The authority certificate '{issuer}' in the file did not issue this certificate; the "
        "unit certificate was left unchanged."),
    "UNIT_REQUIRED": (
        "数据库中有多个单位（{names}），请用 --unit 指定单位名称。",
        "The database holds several units ({names}): name one with --unit."),
    "UNIT_UNKNOWN": ("数据库中没有名为“{unit}”的单位。", "The database holds no unit named {unit}."),
    "PASSPHRASE_ENV_UNSET": ("环境变量 {var} 未设置。", "The environment variable {var} is not set."),
    "PASSPHRASE_NO_TERMINAL": (
        "需要{what}，但没有终端可以询问：请用 --passphrase-env 指定存放口令的环境变量。",
        "The {what_en} is needed but there is no terminal to ask on: give --passphrase-env VAR."),
    "PASSPHRASES_DIFFER": ("两次输入的口令不一致，未作任何改动。",
                           "The two passphrases differ; nothing was changed."),
    "NO_UNITS": ("数据库中还没有单位，请先完成单位设置。",
                 "The database holds no unit yet: set one up first."),
}


class RecordError(CodedError):
    """The record could not be made, signed, exported or read. Nothing was recorded."""

    MESSAGES = MESSAGES
