"""A throwaway PostgreSQL server for the test run.

The server lives in a fresh temporary folder, listens only on 127.0.0.1 at a free port (plus a
Unix socket inside that folder), trusts every local connection and runs with fsync off: it is for
tests only and is deleted when the session ends.

PostgreSQL's ``initdb`` refuses to run as root. When the tests run as root (CI does), the server is
run as the ``postgres`` system user (created by Debian's postgresql package) via ``runuser``, and the
temporary folder is handed to that user.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

SUPERUSER = "postgres"


class PgServerError(RuntimeError):
    """The server could not be found, created or started."""


def find_bindir() -> Path:
    """The folder holding initdb and pg_ctl: the newest /usr/lib/postgresql/*/bin, else PATH."""

    def version(path: str) -> tuple[int, ...]:
        name = Path(path).parent.name  # /usr/lib/postgresql/15/bin -> "15"
        return tuple(int(p) for p in name.split(".") if p.isdigit())

    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=version, reverse=True)
    for bindir in candidates:
        if (Path(bindir) / "initdb").exists() and (Path(bindir) / "pg_ctl").exists():
            return Path(bindir)
    initdb, pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
    if initdb and pg_ctl:
        return Path(initdb).parent
    raise PgServerError(
        "PostgreSQL server binaries (initdb, pg_ctl) not found under /usr/lib/postgresql/*/bin or "
        "on PATH. Install them (Debian: apt-get install postgresql), or run the tests with "
        "`bash packaging/bootstrap.sh test`, which installs them."
    )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgServer:
    """One PostgreSQL cluster: ``start()``, ``create_database()`` as often as needed, ``stop()``."""

    def __init__(self) -> None:
        self.bindir = find_bindir()
        self.port = 0
        self._names = itertools.count(1)
        self._run_as: list[str] = []
        self._owner: pwd.struct_passwd | None = None
        if os.geteuid() == 0:
            try:
                self._owner = pwd.getpwnam("postgres")
            except KeyError:
                raise PgServerError(
                    "running as root, but there is no 'postgres' system user to run PostgreSQL "
                    "as (initdb refuses root); install Debian's postgresql package"
                ) from None
            if not shutil.which("runuser"):
                raise PgServerError("running as root, but `runuser` (util-linux) is missing")
            self._run_as = ["runuser", "-u", "postgres", "--"]
        self.root = Path(tempfile.mkdtemp(prefix="meetingdesk-pg-", dir=self._temp_base()))
        self.datadir = self.root / "data"
        self.sockdir = self.root / "sock"
        self.logfile = self.root / "server.log"
        self._started = False

    # -- set-up -------------------------------------------------------------------------------

    def _temp_base(self) -> str | None:
        """A temp base the server's user can enter: $TMPDIR if it can, else /tmp."""
        base = tempfile.gettempdir()
        if self._run_as and self._run(["test", "-w", base, "-a", "-x", base], check=False):
            return "/tmp"
        return base

    def _run(self, args: list[str], check: bool = True) -> int:
        """Run a command as the server's user; raise with its output when ``check`` and it fails."""
        proc = subprocess.run(
            self._run_as + args,
            cwd=getattr(self, "root", None) or "/",  # the server user may not enter our cwd
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        if check and proc.returncode != 0:
            raise PgServerError(f"{' '.join(args)} failed ({proc.returncode}):\n{proc.stdout}")
        return proc.returncode

    def start(self) -> "PgServer":
        self.sockdir.mkdir()
        if self._owner is not None:
            for path in (self.root, self.sockdir):
                os.chown(path, self._owner.pw_uid, self._owner.pw_gid)
        self._run([
            str(self.bindir / "initdb"), "-D", str(self.datadir), "-U", SUPERUSER,
            "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync",
        ])
        with open(self.datadir / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.write(
                "\n# meetingdesk test server\n"
                "listen_addresses = '127.0.0.1'\n"
                f"unix_socket_directories = '{self.sockdir}'\n"
                "fsync = off\n"
                "synchronous_commit = off\n"
                "full_page_writes = off\n"
                "max_connections = 200\n"
            )
        last_error: Exception | None = None
        for _attempt in range(3):  # a free port may be taken between probing and binding
            self.port = _free_port()
            try:
                self._run([
                    str(self.bindir / "pg_ctl"), "-D", str(self.datadir), "-l", str(self.logfile),
                    "-w", "-t", "60", "-o", f"-p {self.port}", "start",
                ])
                self._started = True
                return self
            except PgServerError as exc:
                last_error = exc
        log = self.logfile.read_text(errors="replace") if self.logfile.exists() else ""
        raise PgServerError(f"PostgreSQL did not start: {last_error}\n{log[-4000:]}")

    def stop(self) -> None:
        """Stop the server (fast mode) and delete its folder."""
        try:
            if self._started:
                self._run([str(self.bindir / "pg_ctl"), "-D", str(self.datadir),
                           "-m", "fast", "-w", "stop"], check=False)
                self._started = False
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    # -- use ----------------------------------------------------------------------------------

    def url(self, dbname: str = "postgres") -> str:
        """The SQLAlchemy URL of one database on this server."""
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{dbname}"

    def create_database(self, name: str | None = None) -> str:
        """Create a fresh, empty database and return its SQLAlchemy URL."""
        import psycopg  # imported here so that merely collecting tests does not need it

        name = name or f"t{next(self._names)}_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(host="127.0.0.1", port=self.port, user=SUPERUSER,
                             dbname="postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def __enter__(self) -> "PgServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
