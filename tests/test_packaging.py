"""The Linux installer, built and tried the way a township laptop gets it.

Once per test session (about two minutes) the PyInstaller bundle and the .deb are built into a
temporary folder with packaging/build_linux.py. The tests then look inside both, install the
.deb with dpkg (as root, as CI runs), run the installed program offscreen with no network
(`unshare -n`): the demo, the export of the closed demo meeting to the signed PDF and the
filing package, the verification of both, and a GUI start that reaches the main window; once
more with the computer's fonts hidden, to see the bundled Chinese font serve the interface and
the record; and remove the package again.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "packaging"))
import build_linux  # noqa: E402

from meetingdesk import __version__  # noqa: E402

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="builds the Linux installer"),
]

SIZE_LIMIT = 200_000_000  # bytes: "under 200 MB" read strictly
INSTALL_DIR = Path("/opt/meetingdesk")
PROGRAM = Path("/usr/bin/meetingdesk")
ON_CI = bool(os.environ.get("CI"))


def unavailable(reason: str) -> None:
    """Skip on a developer's machine; fail on CI, which must run everything."""
    if ON_CI:
        pytest.fail(f"CI cannot run the packaging tests: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def build(tmp_path_factory: pytest.TempPathFactory) -> build_linux.Build:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        unavailable("PyInstaller is not installed (pip install -e '.[test]')")
    for tool in ("objdump", "dpkg-deb", "dpkg"):
        if shutil.which(tool) is None:
            unavailable(f"{tool} is not installed (bash packaging/bootstrap.sh test installs it)")
    out = tmp_path_factory.mktemp("installer")
    try:
        result = build_linux.build_all(out)
    except build_linux.BuildError as error:
        pytest.fail(str(error), pytrace=False)
    print(f"\nbundle built in {result.bundle_seconds:.0f} s, .deb in {result.deb_seconds:.0f} s")
    # The build must leave no Qt application behind in this process: a QGuiApplication would
    # make every later widget test abort ("Cannot create a QWidget without QApplication").
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication
    app = QCoreApplication.instance()
    assert app is None or isinstance(app, QApplication), app
    return result


def files_in(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if not p.is_dir())


def tree_size(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def test_the_bundle_carries_what_the_program_reads(build: build_linux.Build) -> None:
    internal = build.bundle / "_internal"
    for form in (ROOT / "forms").glob("*.ui"):
        assert (internal / "forms" / form.name).is_file(), form.name
    for rules in (ROOT / "resources" / "rules").glob("*.json"):
        assert (internal / "resources" / "rules" / rules.name).is_file(), rules.name
    assert (internal / "resources" / "translations" / "meetingdesk_en.qm").is_file()
    assert (internal / "resources" / "icons" / "meetingdesk.png").is_file()
    fonts = internal / "resources" / "fonts"
    for name in ("wqy-microhei.ttc", "wqy-microhei.LICENSE.txt", "Apache-2.0.txt", "fonts.conf"):
        assert (fonts / name).is_file(), name
    assert "Apache" in (fonts / "wqy-microhei.LICENSE.txt").read_text(encoding="utf-8")
    # Alembic reads the migration scripts as files.
    migrations = internal / "meetingdesk" / "store" / "migrations"
    assert (migrations / "env.py").is_file()
    for script in (ROOT / "meetingdesk" / "store" / "migrations" / "versions").glob("0*.py"):
        assert (migrations / "versions" / script.name).is_file(), script.name
    qt = internal / "PySide6" / "Qt"
    assert (qt / "translations" / "qtbase_zh_CN.qm").is_file()  # 确定/取消 on standard buttons
    for plugin in ("platforms/libqxcb.so", "platforms/libqwayland.so",
                   "platforms/libqoffscreen.so", "platforminputcontexts/libibusplatforminputcontextplugin.so",
                   "platforminputcontexts/libcomposeplatforminputcontextplugin.so",
                   "printsupport/libcupsprintersupport.so", "imageformats/libqsvg.so"):
        assert (qt / "plugins" / plugin).is_file(), plugin


def test_the_bundle_leaves_out_what_it_does_not_use(build: build_linux.Build) -> None:
    files = files_in(build.bundle)
    unwanted = re.compile(r"WebEngine|Qt6Qml|Qt6Quick|Qt63D|Multimedia|Qt6PdfQuick|Qt6PdfWidgets|"
                          r"VirtualKeyboard|tkinter|libtk|libtcl|libqgtk3|libgtk|libcairo|"
                          r"libcups\.|pytest|hypothesis|setuptools|pkg_resources|libavif|"
                          r"libqjpeg|libqtiff|libqwebp|libqeglfs|libqvnc", re.I)
    assert [f for f in files if unwanted.search(f)] == []
    qt_translations = [f for f in files if "/Qt/translations/" in f]
    assert qt_translations and all(f.endswith(("_zh_CN.qm", "_en.qm")) for f in qt_translations)
    dangling = [p for p in build.bundle.rglob("*") if p.is_symlink() and not p.exists()]
    assert dangling == []


def test_the_bundle_is_under_200_mb(build: build_linux.Build) -> None:
    size = tree_size(build.bundle)
    print(f"\nbundle {size / 1e6:.0f} MB unpacked, .deb {build.deb.stat().st_size / 1e6:.0f} MB")
    assert size < SIZE_LIMIT


def deb_field(deb: Path, field: str) -> str:
    return subprocess.run(["dpkg-deb", "-f", str(deb), field], capture_output=True, text=True,
                          check=True).stdout.strip()


def test_the_deb_installs_under_opt_with_a_menu_entry(build: build_linux.Build) -> None:
    listing = subprocess.run(["dpkg-deb", "-c", str(build.deb)], capture_output=True, text=True,
                             check=True).stdout
    paths = {line.split()[5].removeprefix(".") for line in listing.splitlines()}
    for path in ("/opt/meetingdesk/meetingdesk",
                 "/opt/meetingdesk/_internal/resources/fonts/wqy-microhei.ttc",
                 "/usr/bin/meetingdesk", "/usr/share/applications/meetingdesk.desktop",
                 "/usr/share/icons/hicolor/48x48/apps/meetingdesk.png",
                 "/usr/share/icons/hicolor/256x256/apps/meetingdesk.png",
                 "/usr/share/icons/hicolor/scalable/apps/meetingdesk.svg",
                 "/usr/share/doc/meetingdesk/copyright"):
        assert path in paths, path
    assert deb_field(build.deb, "Package") == "meetingdesk"
    assert deb_field(build.deb, "Version") == __version__
    arch = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True,
                          check=True).stdout.strip()
    assert deb_field(build.deb, "Architecture") == arch
    depends = [d.strip() for d in deb_field(build.deb, "Depends").split(",")]
    assert re.fullmatch(r"libc6 \(>= 2\.\d+\)", depends[0]), depends
    assert {"libgl1", "libegl1", "fontconfig"} <= set(depends), depends
    desktop = (ROOT / "packaging" / "linux" / "meetingdesk.desktop").read_text(encoding="utf-8")
    assert "Name[zh_CN]=会议纪实台" in desktop and "Exec=meetingdesk" in desktop
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate",
                                str(ROOT / "packaging" / "linux" / "meetingdesk.desktop")],
                               capture_output=True, text=True)
        assert check.returncode == 0 and not check.stdout.strip(), check.stdout + check.stderr


def installed_version() -> str | None:
    query = subprocess.run(["dpkg-query", "-W", "-f", "${Status}\t${Version}", "meetingdesk"],
                           capture_output=True, text=True)
    status, _, version = query.stdout.partition("\t")
    return version if query.returncode == 0 and status.endswith(" installed") else None


@pytest.fixture(scope="session")
def installed(build: build_linux.Build) -> Iterator[Path]:
    """The .deb installed with dpkg -i; removed with dpkg -r (and checked) at the end."""
    if os.geteuid() != 0:
        unavailable("installing the .deb needs root")
    result = subprocess.run(["dpkg", "-i", str(build.deb)], capture_output=True, text=True)
    assert result.returncode == 0, f"dpkg -i failed:\n{result.stdout}\n{result.stderr}"
    assert installed_version() == __version__
    try:
        yield PROGRAM
    finally:
        removed = subprocess.run(["dpkg", "-r", "meetingdesk"], capture_output=True, text=True)
        assert removed.returncode == 0, removed.stderr
        assert not PROGRAM.exists() and not INSTALL_DIR.exists()
        assert installed_version() is None


def user_env(home: Path, **extra: str) -> dict[str, str]:
    """A clean environment, as a desktop session would give: no venv, no PYTHONPATH."""
    home.mkdir(parents=True, exist_ok=True)
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8",
           "QT_QPA_PLATFORM": "offscreen", "MEETINGDESK_DATA_DIR": str(home / "data")}
    env.update(extra)
    return env


def can_unshare(*flags: str) -> bool:
    return shutil.which("unshare") is not None and subprocess.run(
        ["unshare", *flags, "true"], capture_output=True).returncode == 0


def run(command: list[str], env: dict[str, str], *, offline: bool = True,
        hide_fonts: bool = False) -> subprocess.CompletedProcess[str]:
    """`command` inside `unshare -n` (no network); with hide_fonts also in a mount namespace
    whose font folders are empty, as on a computer without any font installed."""
    if hide_fonts:
        mounts = " ".join(f"mount -t tmpfs tmpfs {d};" for d in
                          ("/usr/share/fonts", "/usr/local/share/fonts") if Path(d).is_dir())
        command = ["unshare", "-m", "--propagation", "private", "sh", "-c",
                   f'{mounts} exec "$@"', "sh", *command]
    if offline:
        command = ["unshare", "-n", *command]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)


def succeeded(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, f"{result.args}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    return result.stdout


def closed_meeting(listing: str) -> str:
    return next(line.split("\t")[0] for line in listing.splitlines() if "已闭会" in line)


def test_the_installed_program_runs_offline(installed: Path, tmp_path: Path) -> None:
    if not can_unshare("-n"):
        unavailable("`unshare -n` is not available")
    env = user_env(tmp_path / "home", MD_PASSPHRASE="xiaotang-demo")
    # Inside the namespace there is no network: the loopback alone, and down.
    interfaces = succeeded(run(["cat", "/proc/net/dev"], env)).splitlines()[2:]
    assert [line.split(":")[0].strip() for line in interfaces] == ["lo"]

    assert "演示单位" in succeeded(run([str(installed), "demo"], env))
    meeting = closed_meeting(succeeded(run([str(installed), "list"], env)))
    pdf, package = tmp_path / "record.pdf", tmp_path / "record.mdpkg"
    succeeded(run([str(installed), "export", meeting, "--pdf", str(pdf), "--package",
                   str(package), "--passphrase-env", "MD_PASSPHRASE"], env))
    assert "验证通过" in succeeded(run([str(installed), "verify", str(pdf)], env))
    assert "验证通过" in succeeded(run([str(installed), "verify", str(package)], env))
    assert "检查通过" in succeeded(run([str(installed), "check"], env))
    assert "All checks passed" in succeeded(run([str(installed), "check", "--lang", "en"], env))

    gui = run([str(installed)], dict(env, MEETINGDESK_QUIT_AFTER_START="1"))
    assert "MeetingDesk: main window ready" in succeeded(gui)
    assert "no Chinese font" not in gui.stderr

    # Every module loads in the bundle (the GUI's windows are imported only when opened), and
    # the record window's preview (QtPdf) and printing (QtPrintSupport) work.
    check = succeeded(run([str(installed)], dict(env, MEETINGDESK_BUNDLE_CHECK=str(pdf))))
    assert "cannot import" not in check, check
    assert "QtPdf drew page 1" in check and "printed" in check, check
    assert (tmp_path / "record.page1.png").stat().st_size > 10_000
    assert (tmp_path / "record.printed.pdf").read_bytes().startswith(b"%PDF")

    if shutil.which("pdffonts"):  # every font of the record is embedded
        fonts = succeeded(subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True))
        rows = fonts.splitlines()[2:]
        assert rows and all(" yes yes " in row for row in rows), fonts


def test_the_bundled_font_serves_a_computer_without_chinese_fonts(
        installed: Path, tmp_path: Path) -> None:
    if not can_unshare("-m", "-n"):
        unavailable("`unshare -m -n` is not available")
    # A Chinese desktop: fontconfig then names the bundled font 文泉驿微米黑 (English alias).
    env = user_env(tmp_path / "home", MD_PASSPHRASE="xiaotang-demo", LANG="zh_CN.UTF-8")
    # The condition holds: with the font folders hidden, fontconfig knows no Chinese font.
    if shutil.which("fc-list"):
        assert succeeded(run(["fc-list", ":lang=zh"], env, hide_fonts=True)).strip() == ""

    gui = run([str(installed)], dict(env, MEETINGDESK_QUIT_AFTER_START="1"), hide_fonts=True)
    assert "MeetingDesk: main window ready" in succeeded(gui)
    assert "no Chinese font" not in gui.stderr  # Qt found the bundled WenQuanYi Micro Hei

    succeeded(run([str(installed), "demo"], env, hide_fonts=True))
    meeting = closed_meeting(succeeded(run([str(installed), "list"], env, hide_fonts=True)))
    pdf = tmp_path / "record.pdf"
    succeeded(run([str(installed), "export", meeting, "--pdf", str(pdf), "--passphrase-env",
                   "MD_PASSPHRASE"], env, hide_fonts=True))
    if shutil.which("pdffonts"):
        fonts = succeeded(subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True))
        assert "WenQuanYi" in fonts, fonts
