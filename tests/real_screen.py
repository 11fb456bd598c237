"""Running the real program on a real X screen: Xvfb at a chosen size with the openbox window
manager, the program's own QApplication on Qt's xcb platform, in a child process that reports
back as JSON.

    from real_screen import SCREENS, run_on_screen
    report = run_on_screen(Path("tests/screen_tour.py"), SCREENS["1366x768"], "--lang", "zh")

The child script is any Python file; tests/screen_probe.py gives it what it needs (measure a
window, wait for the window manager, write the report). `run_on_screen` returns the JSON the
child wrote with screen_probe.report(), and fails with the child's output if it wrote none.
Offscreen tests miss what a user meets at once (a window taller than the screen, a form shown
empty); this is what the issue-13 tests use instead.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

REPORT_ENV = "REAL_SCREEN_REPORT"  # where the child writes its JSON (screen_probe.report)
SHOTS_ENV = "REAL_SCREEN_SHOTS"  # a folder: the child saves a screenshot of every window there


@dataclass(frozen=True)
class Screen:
    """An X screen of `width` x `height` pixels; `env` is what the program is started with."""

    name: str
    width: int
    height: int
    env: dict[str, str] = field(default_factory=dict)


# 1366x768 is the common township laptop. 1280x720 is also what Qt 6 leaves of a 1920x1080
# laptop at Windows' 150% display scaling. "150%" is what a Windows user at 150% gets: Qt 6 then
# scales every logical pixel, text and widgets alike, by 1.5 (QT_SCALE_FACTOR=1.5), so the
# 1366x768 laptop offers a 911x512 logical screen. (QT_FONT_DPI=144 does the same on X11.)
SCREENS = {
    "1366x768": Screen("1366x768", 1366, 768),
    "1280x720": Screen("1280x720", 1280, 720),
    "1366x768-150%": Screen("1366x768-150%", 1366, 768, {"QT_SCALE_FACTOR": "1.5"}),
}


class ScreenError(RuntimeError):
    pass


def _wait_for(path: Path, process: subprocess.Popen, what: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists() or path.stat().st_size == 0:
        if process.poll() is not None:
            raise ScreenError(f"{what} ended with code {process.returncode}")
        if time.monotonic() > deadline:
            raise ScreenError(f"{what} did not start within {timeout} s")
        time.sleep(0.05)


@contextmanager
def x_screen(screen: Screen) -> Iterator[str]:
    """An Xvfb server of the screen's size with openbox managing its windows; yields DISPLAY.
    Xvfb picks a free display number itself (-displayfd), so parallel tests never collide."""
    for tool in ("Xvfb", "openbox"):
        if shutil.which(tool) is None:
            raise ScreenError(f"{tool} is not installed (bash packaging/bootstrap.sh test "
                              f"installs it)")
    with tempfile.TemporaryDirectory(prefix="real-screen-") as folder:
        number_file = Path(folder) / "display"
        with number_file.open("w") as fd:
            xvfb = subprocess.Popen(
                ["Xvfb", "-displayfd", str(fd.fileno()), "-screen", "0",
                 f"{screen.width}x{screen.height}x24", "-nolisten", "tcp"],
                pass_fds=(fd.fileno(),), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wm = None
        try:
            _wait_for(number_file, xvfb, "Xvfb", 20)
            display = ":" + number_file.read_text().strip()
            ready = Path(folder) / "wm-ready"
            # openbox runs --startup once it manages the screen: then windows get frames.
            wm = subprocess.Popen(
                ["openbox", "--sm-disable", "--startup", f"sh -c 'echo 1 > {ready}'"],
                env={**os.environ, "DISPLAY": display},
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _wait_for(ready, wm, "openbox", 20)
            yield display
        finally:
            for process in (wm, xvfb):
                if process is not None and process.poll() is None:
                    process.terminate()
                    try:
                        process.wait(10)
                    except subprocess.TimeoutExpired:
                        process.kill()
                        process.wait()


def run_on_screen(script: Path, screen: Screen, *args: str, timeout: float = 300,
                  env: dict[str, str] | None = None, shots: Path | None = None) -> dict:
    """Run `python script args` on a fresh X screen and return the JSON it reported.

    The child gets DISPLAY, QT_QPA_PLATFORM=xcb, the screen's env, a data folder of its own
    (MEETINGDESK_DATA_DIR, unless `env` gives one) and, with `shots`, a folder for screenshots."""
    with x_screen(screen) as display, tempfile.TemporaryDirectory(prefix="screen-child-") as tmp:
        report = Path(tmp) / "report.json"
        child_env = {key: value for key, value in os.environ.items()
                     if not key.startswith(("QT_", "REAL_SCREEN_"))}
        child_env.update({"DISPLAY": display, "QT_QPA_PLATFORM": "xcb",
                          "MEETINGDESK_DATA_DIR": str(Path(tmp) / "data"),
                          REPORT_ENV: str(report), **screen.env, **(env or {})})
        if shots is not None:
            shots.mkdir(parents=True, exist_ok=True)
            child_env[SHOTS_ENV] = str(shots)
        done = subprocess.run([sys.executable, str(script), *args], env=child_env, cwd=tmp,
                              capture_output=True, text=True, timeout=timeout)
        if not report.exists():
            raise ScreenError(f"{script.name} on {screen.name} reported nothing "
                              f"(exit {done.returncode})\n--- stdout\n{done.stdout[-4000:]}"
                              f"\n--- stderr\n{done.stderr[-8000:]}")
        data = json.loads(report.read_text("utf-8"))
        data["exit_code"] = done.returncode
        data["stderr"] = done.stderr[-8000:]
        return data
