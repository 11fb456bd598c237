"""Refusals of rules that the services check on a meeting's header, outside its log (R11: a
cancelled meeting; no start without an agenda): a stable code, a Chinese message, an English one."""

from __future__ import annotations

from meetingdesk.domain.errors import DomainError

# code -> (Chinese, English); {name} fields are filled from the error's parameters.
MESSAGES: dict[str, tuple[str, str]] = {
    "MEETING_CANCELLED": (
        "{title}已于 {at} 取消（原因：{reason}），不能{action}。",
        "{title} was cancelled on {at} (reason: {reason}); cannot {action_en}."),
    "CANCEL_AFTER_START": (
        "{title}已开始记录，不能取消：已开始的会议须照常记录直至闭会。",
        "{title} has started: a meeting under way is recorded until it closes, not cancelled."),
}


class ServiceError(DomainError):
    """A rule refused an action on a meeting's header. Nothing was changed. A DomainError, so
    that every screen and command that explains a rule's refusal explains this one too."""

    MESSAGES = MESSAGES


def meeting_cancelled(title: str, at: str, reason: str, action: str,
                      action_en: str) -> ServiceError:
    """The refusal of any action on a cancelled meeting, saying when and why it was cancelled."""
    return ServiceError("MEETING_CANCELLED", title=title, at=at[:16].replace("T", " "),
                        reason=reason, action=action, action_en=action_en)
