"""The interface language.

Chinese is the source language of every string (tr() texts, forms); `--lang en` installs the
English translation from resources/translations. Words that belong to the rules (item kinds,
categories, vote modes, refusals) already come in both languages from the domain, so they are
picked here rather than translated twice.
"""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from meetingdesk import paths

_lang = "zh"
_installed: list[QTranslator] = []


def install(app: QCoreApplication, lang: str) -> None:
    """Switch the interface to `lang` ("zh" or "en"); replaces any earlier translators."""
    global _lang
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    _lang = "en" if lang == "en" else "zh"
    if _lang == "zh":
        # Qt's own words (确定, 取消, 下一步 ...) for standard buttons and wizards, and after
        # them (installed first, asked last) the few its Chinese catalogue lacks.
        gaps = QtGaps(app)
        app.installTranslator(gaps)
        _installed.append(gaps)
        _add(app, "qtbase_zh_CN.qm", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    else:
        _add(app, "meetingdesk_en.qm", str(paths.resources_dir() / "translations"))
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))


class QtGaps(QTranslator):
    """Words of Qt's own dialogs that qtbase_zh_CN.qm does not translate: without them the file
    dialog reads "Look in:" and "Files of type:" amid Chinese (issue 13)."""

    WORDS = {
        ("QFileDialog", "&Look in:"): "查找范围(&L)：",
        ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    }

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:  # noqa: ARG002 (Qt's signature)
        return self.WORDS.get((context, source))  # None: not ours, Qt keeps the source text

    def isEmpty(self) -> bool:  # noqa: N802
        return False


def _add(app: QCoreApplication, filename: str, folder: str) -> None:
    translator = QTranslator(app)
    if translator.load(filename, folder):
        app.installTranslator(translator)
        _installed.append(translator)
    else:
        print(f"MeetingDesk: translation {folder}/{filename} not found", file=sys.stderr)


def lang() -> str:
    return _lang


def pick(zh: str, en: str) -> str:
    return en if _lang == "en" else zh


def word(vocabulary: dict[str, tuple[str, str]], code: str | None) -> str:
    """A word of the domain's vocabularies (meetingdesk.domain.words) in the interface language,
    as a label on its own (a list entry, a table cell, a role): English capitalised."""
    if not code or code not in vocabulary:
        return ""
    zh, en = vocabulary[code]
    return pick(zh, en[:1].upper() + en[1:])


def message(error: BaseException) -> str:
    """The user-facing text of a refusal (DomainError, StoreError, RosterError) or other error."""
    zh: Any = getattr(error, "message_zh", None)
    en: Any = getattr(error, "message_en", None)
    if isinstance(zh, str) and isinstance(en, str):
        return pick(zh, en)
    return str(error) or type(error).__name__


def status_label(status: str) -> str:
    """A meeting's listing status (筹备中 / 进行中 / 已闭会 / 已备案 / 已取消)."""
    labels = {
        "preparing": QCoreApplication.translate("Status", "筹备中"),
        "in_progress": QCoreApplication.translate("Status", "进行中"),
        "closed": QCoreApplication.translate("Status", "已闭会"),
        "filed": QCoreApplication.translate("Status", "已备案"),
        "cancelled": QCoreApplication.translate("Status", "已取消"),
    }
    return labels.get(status, status)
