"""The Windows installer, checked from here (no Windows machine and no Inno Setup on CI).

What can be checked without Windows: that the Inno Setup script and the PyInstaller spec agree
(folder, program name, icon, version), that the program's data folder on Windows is the one
the README names, and that the record takes Windows' own 仿宋/宋体 (simfang.ttf, simsun.ttc)
from %WINDIR%\\Fonts or a user's own font folder before anything else.
"""

from __future__ import annotations

import re
import shutil
import struct
from pathlib import Path, PureWindowsPath

import platformdirs
import pytest

from meetingdesk import __version__, paths
from meetingdesk.record import fonts

ROOT = Path(__file__).resolve().parent.parent
ISS = ROOT / "packaging" / "windows" / "meetingdesk.iss"
SPEC = ROOT / "packaging" / "meetingdesk.spec"
ICO = ROOT / "resources" / "icons" / "meetingdesk.ico"
SYSTEM_CJK = [Path("/usr/share/fonts/truetype/arphic/uming.ttc"),
              Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")]


def iss_text() -> str:
    data = ISS.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "Inno Setup reads the Chinese only with a UTF-8 BOM"
    return data[3:].decode("utf-8")


def iss_define(text: str, name: str) -> str:
    match = re.search(rf'^\s*#define {name} "([^"]*)"', text, re.M)
    assert match, name
    return match.group(1)


def test_the_installer_script_matches_the_spec_and_the_version() -> None:
    text = iss_text()
    assert iss_define(text, "AppVersion") == __version__
    spec = SPEC.read_text(encoding="utf-8")
    # The spec's Windows programs and its output folder (COLLECT name, default dist path).
    assert 'program("meetingdesk", console=False)' in spec
    assert iss_define(text, "AppExe") == "meetingdesk.exe"
    assert re.search(r'COLLECT\((?s:.*?)name="meetingdesk"', spec)
    bundle = PureWindowsPath(iss_define(text, "Bundle"))
    assert (ISS.parent / Path(*bundle.parts)).resolve() == ROOT / "dist" / "meetingdesk"
    icon = re.search(r"^SetupIconFile=(.+)$", text, re.M)
    assert icon and (ISS.parent / Path(*PureWindowsPath(icon.group(1).strip()).parts)).resolve() == ICO
    assert "DefaultDirName={autopf}\\MeetingDesk" in text  # Program Files
    assert re.search(r'^Name: "\{autoprograms\}\\\{cm:AppTitle\}"; Filename: "\{app\}\\\{#AppExe\}"',
                     text, re.M), "a Start-menu entry"
    assert "chinesesimplified.AppTitle=会议纪实台" in text
    assert "{localappdata}" not in text.lower() and "{userappdata}" not in text.lower(), \
        "the installer must never touch the records"


def test_the_icon_holds_every_size_windows_asks_for() -> None:
    data = ICO.read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind) == (0, 1)
    sizes = {struct.unpack_from("<B", data, 6 + 16 * i)[0] or 256 for i in range(count)}
    assert {16, 32, 48, 256} <= sizes


def test_the_data_folder_on_windows_is_appdata_meetingdesk(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """paths.user_data_dir() asks platformdirs for ("MeetingDesk", appauthor=False, roaming):
    on Windows that is %APPDATA%\\MeetingDesk (C:\\Users\\<name>\\AppData\\Roaming)."""
    asked: list[tuple[tuple[object, ...], dict[str, object]]] = []

    def record(*args: object, **kwargs: object) -> str:
        asked.append((args, kwargs))
        return str(Path(monkeypatch_dir) / "data")

    monkeypatch_dir = ROOT / "build" / "never-created"
    monkeypatch.delenv(paths.DATA_DIR_ENV, raising=False)
    monkeypatch.setattr(platformdirs, "user_data_dir", record)
    monkeypatch.setattr(Path, "mkdir", lambda *a, **k: None)
    paths.user_data_dir()
    [(args, kwargs)] = asked

    from platformdirs import windows

    folders = {"CSIDL_LOCAL_APPDATA": r"C:\Users\clerk\AppData\Local",
               "CSIDL_APPDATA": r"C:\Users\clerk\AppData\Roaming"}
    monkeypatch.setattr(windows, "get_win_folder", folders.__getitem__)
    monkeypatch.setattr(windows.os.path, "normpath", lambda p: p)
    monkeypatch.setattr(windows.os.path, "join", lambda *parts: "\\".join(parts))
    monkeypatch.setattr(windows.Windows, "_optionally_create_directory", lambda *a, **k: None,
                        raising=False)
    where = windows.Windows(*args, **kwargs).user_data_dir  # type: ignore[arg-type]
    assert where == r"C:\Users\clerk\AppData\Roaming\MeetingDesk"


@pytest.fixture
def cjk_font() -> Path:
    for path in SYSTEM_CJK:
        if path.is_file():
            return path
    pytest.skip("no CJK TrueType font installed to stand in for Windows' fonts")


@pytest.mark.parametrize("where, name", [
    ("WINDIR", "simfang.ttf"),  # 仿宋, Windows' own
    ("WINDIR", "simsun.ttc"),  # 宋体
    ("LOCALAPPDATA", "simfang.ttf"),  # installed by the user only (Windows 10 1809+)
])
def test_the_record_takes_windows_own_fangsong_or_songti(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cjk_font: Path, where: str,
        name: str) -> None:
    windir, local = tmp_path / "Windows", tmp_path / "Local"
    folder = windir / "Fonts" if where == "WINDIR" else local / "Microsoft" / "Windows" / "Fonts"
    folder.mkdir(parents=True)
    shutil.copyfile(cjk_font, folder / name)  # a stand-in with the same name
    monkeypatch.setenv("WINDIR", str(windir))
    monkeypatch.setenv("LOCALAPPDATA", str(local))
    chosen = fonts.find_cjk_font(fonts.FontPlaces.default())
    assert chosen.path == folder / name
