"""No network, ever: a whole meeting, its export and its verification, with every socket refused.

The work runs in a child Python process, the way the program runs:

* with an audit hook (installed from a sitecustomize.py before anything else is imported) that
  refuses every Internet socket and every connect, bind, send-to and name look-up, and writes
  each refusal to a log, so that a network call fails loudly even where some library would
  catch the error and carry on;
* and, where the system allows it (root, as on CI), inside ``unshare -n``: a network namespace
  with no interface but a loopback that is down, so that even a connection made from C (Qt,
  OpenSSL, libpq) has nowhere to go.

The meeting is the demo unit's first meeting, recorded through the services from attendance to
closing (meetingdesk.demo.build_demo); it is then exported to the signed PDF and the filing
package and both are verified, as the CLI does. A GUI start that reaches the main window runs
the same way. The installed program gets the same treatment in tests/test_packaging.py.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Installed first thing in the child (sitecustomize): refuse and log every network use.
GUARD = textwrap.dedent('''
    import os, socket, sys

    _LOG = os.environ["MEETINGDESK_OFFLINE_LOG"]
    _LOCAL_FAMILIES = {getattr(socket, "AF_UNIX", None)}  # socketpair() of asyncio's loop
    _REFUSED = {
        "socket.connect", "socket.bind", "socket.sendto", "socket.sendmsg",
        "socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr",
        "socket.getnameinfo", "socket.gethostname", "urllib.Request", "http.client.connect",
        "ftplib.connect", "smtplib.connect", "poplib.connect", "imaplib.open", "nntplib.connect",
        "telnetlib.Telnet.open", "webbrowser.open",
    }

    def _offline_guard(event, args):
        if event == "socket.__new__":
            if args[1] in _LOCAL_FAMILIES:
                return
        elif event not in _REFUSED:
            return
        with open(_LOG, "a", encoding="utf-8") as log:
            log.write(f"{event} {args!r}\\n")
        raise PermissionError(f"MeetingDesk offline guard: {event} refused")

    sys.addaudithook(_offline_guard)
''')

# The child's work: a whole meeting through the services, export, verify, check.
MEETING = textwrap.dedent('''
    import os, socket, sys
    from pathlib import Path

    # The guard is on: an Internet socket is refused (this probe is the log's first line).
    try:
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    except PermissionError:
        print("guard: active")
    print("interfaces:", ",".join(sorted(name for _, name in socket.if_nameindex())))

    from meetingdesk.cli import main
    from meetingdesk.demo import DEMO_PASSPHRASE
    from meetingdesk.services import Desk

    out = Path(sys.argv[1])
    assert main(["demo"]) == 0
    desk = Desk.open(None)
    try:
        closed = [m.id for m in desk.list_meetings(limit=100) if m.status == "closed"]
    finally:
        desk.close()
    assert closed, "the demo has no closed meeting"
    os.environ["MD_PASSPHRASE"] = DEMO_PASSPHRASE
    pdf, package = out / "record.pdf", out / "record.mdpkg"
    assert main(["export", str(closed[0]), "--pdf", str(pdf), "--package", str(package),
                 "--passphrase-env", "MD_PASSPHRASE"]) == 0
    # Intact; the signer is confirmed only against a trusted certificate (--trust): exit 3.
    assert main(["verify", str(pdf)]) == 3
    assert main(["verify", str(package)]) == 3
    assert main(["check"]) == 0
    print("meeting: recorded, exported, verified")
''')

GUI = textwrap.dedent('''
    import os, sys
    os.environ["MEETINGDESK_QUIT_AFTER_START"] = "1"
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from meetingdesk.cli import main
    assert main(["demo"]) == 0
    sys.exit(main([]))
''')


def namespace_available() -> bool:
    """Whether `unshare -n` works here (root, or user namespaces allowed)."""
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True)
    return probe.returncode == 0


def run_offline(tmp_path: Path, code: str, *args: str, namespace: bool,
                timeout: float = 300) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    """Run `code` in a child Python with the guard, optionally inside `unshare -n`; returns the
    finished process and the refusals it logged."""
    site = tmp_path / "offline-site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(GUARD, encoding="utf-8")
    log = tmp_path / "refused.log"
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(site), str(ROOT)])
    env["MEETINGDESK_OFFLINE_LOG"] = str(log)
    env["MEETINGDESK_DATA_DIR"] = str(tmp_path / "data")
    env["HOME"] = str(tmp_path / "home")  # no user configuration from the real home
    command = [sys.executable, "-c", code, *args]
    if namespace:
        command = ["unshare", "-n", *command]
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=timeout,
                            cwd=tmp_path)
    refused = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    return result, refused


def check_meeting(result: subprocess.CompletedProcess[str], refused: list[str]) -> None:
    assert result.returncode == 0, f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    assert "guard: active" in result.stdout
    assert "meeting: recorded, exported, verified" in result.stdout
    # Only the child's own probe was refused: nothing in the program tried the network.
    assert len(refused) == 1 and refused[0].startswith("socket.__new__"), refused


@pytest.mark.parametrize("namespace", [False, True], ids=["sockets-refused", "no-network-namespace"])
def test_a_whole_meeting_and_its_export_need_no_network(tmp_path: Path, namespace: bool) -> None:
    if namespace and not namespace_available():
        if os.environ.get("CI"):
            pytest.fail("`unshare -n` is not available on CI (it runs as root)")
        pytest.skip("`unshare -n` needs root or user namespaces")
    out = tmp_path / "out"
    out.mkdir()
    result, refused = run_offline(tmp_path, MEETING, str(out), namespace=namespace)
    check_meeting(result, refused)
    if namespace:
        # A fresh network namespace: nothing but the loopback interface.
        assert "interfaces: lo" in result.stdout.splitlines(), result.stdout
    assert (out / "record.pdf").read_bytes().startswith(b"%PDF")
    assert (out / "record.mdpkg").stat().st_size > 0


@pytest.mark.gui
def test_the_program_starts_to_its_main_window_without_network(tmp_path: Path) -> None:
    namespace = namespace_available()
    result, refused = run_offline(tmp_path, GUI, namespace=namespace)
    assert result.returncode == 0, f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    assert "MeetingDesk: main window ready" in result.stdout
    assert refused == [], refused
