"""Qt Designer forms (forms/*.ui) loaded at run time: the one place that knows how."""

from __future__ import annotations

from PySide6.QtCore import QFile, QIODevice
from PySide6.QtUiTools import QUiLoader
from PySide6.QtWidgets import QDialog, QMainWindow, QVBoxLayout, QWidget

from meetingdesk import paths

_loader: QUiLoader | None = None


def build_form(name: str, parent: QWidget | None = None) -> QWidget:
    """The widget described by forms/<name>.ui; each child widget is an attribute named after
    its objectName. Texts are translated with the form's class name as context, the context
    lupdate gives them."""
    global _loader
    if _loader is None:
        _loader = QUiLoader()
    path = paths.forms_dir() / f"{name}.ui"
    file = QFile(str(path))
    if not file.open(QIODevice.OpenModeFlag.ReadOnly):
        raise FileNotFoundError(f"form {path} cannot be read: {file.errorString()}")
    try:
        form = _loader.load(file, parent)
    finally:
        file.close()
    if form is None:
        raise RuntimeError(f"form {path} cannot be loaded: {_loader.errorString()}")
    return form


def load_form(name: str, host: QWidget) -> QWidget:
    """build_form() laid out as the whole content of `host` (a main window's central widget).
    A form whose root is a dialog is a window of its own: laid inside another it would never
    show (an empty dialog), so it is refused here."""
    form = build_form(name, host)
    if isinstance(form, QDialog):
        raise TypeError(f"form {name}.ui is a QDialog: open it as the dialog, do not embed it")
    if isinstance(host, QMainWindow):
        host.setCentralWidget(form)
    else:
        layout = QVBoxLayout(host)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(form)
    return form
