"""Fuzzing `meetingdesk verify` with mutated packages and PDFs (fixed seed, fixed number of
cases): bit flips, truncation, renamed and doubled entries, bombs, JSON values of the wrong type,
deep nesting; the package mutated is one carrying a follow-up log (督办, followup.json) beside
its record and a material file. Every case must end in a verdict (exit 1 not valid, or 2 unreadable), in bounded
time and memory, never a traceback or the internal-error message. A mutation that leaves every
entry's name and content as they were (a flipped timestamp bit) may still be intact: exit 3, as
for the original (no trusted certificate is given).

The default run is short; the slow run does many more cases."""

from __future__ import annotations

import contextlib
import io
import json
import random
import resource
import subprocess
import sys
import time
import warnings
import zipfile
from pathlib import Path
from typing import Any, Callable

import pytest

from meetingdesk import cli
from package_forge import bomb, refit
from test_verify_followup import followed  # noqa: F401 - a fixture
from test_verify_hardened import Filed, carrying, unsigned

SEED = 20261129
QUICK, LONG = 150, 3000
CASE_SECONDS = 10
JSON_PARTS = ("manifest.json", "events.json", "rules.json", "followup.json")
JSON_WAYS = ("wrong_type", "deep_nesting")
WRONG_VALUES: tuple[Any, ...] = (None, True, 0, -1, 2 ** 70, 1.5, "", "x" * 300, [], {}, [[]],
                                 {"a": {}}, "０", float("inf"))


def zipped(files: list[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        warnings.simplefilter("ignore")  # duplicate names are wanted here
        for name, data in files:
            zf.writestr(name, data)
    return out.getvalue()


def flip_bits(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        at = rng.randrange(len(out))
        out[at] ^= 1 << rng.randrange(8)
    return bytes(out)


def truncate(rng: random.Random, data: bytes) -> bytes:
    return data[:rng.randrange(len(data))]


def deep(rng: random.Random) -> Any:
    value: Any = []
    for _ in range(rng.choice((50, 900, 5000, 100_000))):
        value = [value] if rng.random() < 0.5 else {"k": value}
    return value


def leaves(value: Any, path: tuple = ()) -> list[tuple]:
    """Every path to a value inside a JSON document (containers included)."""
    out = [path]
    if isinstance(value, dict):
        for k, v in value.items():
            out += leaves(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += leaves(v, path + (i,))
    return out


def replaced(doc: Any, path: tuple, value: Any) -> Any:
    if not path:
        return value
    holder = doc
    for key in path[:-1]:
        holder = holder[key]
    holder[path[-1]] = value
    return doc


def dumps(value: Any) -> bytes:
    try:
        return json.dumps(value, ensure_ascii=False).encode()
    except (RecursionError, ValueError):  # nested past what json writes: write it by hand
        return b"[" * 100_000 + b"]" * 100_000


class PackageMutations:
    """The ways a package is spoiled; each returns the new package's bytes."""

    def __init__(self, original: bytes) -> None:
        self.original = original
        self.last = ""  # what the last JSON change was, to tell in a failure
        self.files = parts_of(original)

    def bit_flips(self, rng: random.Random) -> bytes:
        return flip_bits(rng, self.original)

    def truncation(self, rng: random.Random) -> bytes:
        return truncate(rng, self.original)

    def renamed_entry(self, rng: random.Random) -> bytes:
        names = list(self.files)
        old = rng.choice(names)
        new = rng.choice(names + ["evil.exe", "attachments/02-x.txt", "record.PDF", "a" * 300,
                                  "attachments/01-预算.txt/..", "followup.JSON",
                                  "attachments/01-\x01.txt"])
        return zipped([(new if n == old else n, d) for n, d in self.files.items()])

    def doubled_entry(self, rng: random.Random) -> bytes:
        name = rng.choice(list(self.files))
        copy = (name, flip_bits(rng, self.files[name]) if rng.random() < 0.5 else self.files[name])
        entries = list(self.files.items())
        entries.insert(rng.randrange(len(entries) + 1), copy)
        return zipped(entries)

    def wrong_type(self, rng: random.Random) -> bytes:
        return self._json_change(rng, lambda old: rng.choice(
            [v for v in WRONG_VALUES if v != old or type(v) is not type(old)]))

    def deep_nesting(self, rng: random.Random) -> bytes:
        return self._json_change(rng, lambda old: deep(rng), "deep nesting")

    def _json_change(self, rng: random.Random, value: Callable[[Any], Any], label: str = ""
                     ) -> bytes:
        """One value in one JSON part replaced by ``value(old)``, which differs from it."""
        part = rng.choice(JSON_PARTS)
        doc = json.loads(self.files[part])
        path = rng.choice(leaves(doc))
        old = doc
        for key in path:
            old = old[key]
        new = value(old)
        self.last = f"{part} {list(path)} = {label or repr(new)[:60]}"
        files = {**self.files, part: dumps(replaced(doc, path, new))}
        if part != "manifest.json" and rng.random() < 0.7:  # the forger fixes the manifests
            try:
                files = refit(files)
            except (KeyError, TypeError, ValueError, AttributeError, RecursionError):
                pass
        return zipped(list(files.items()))


def parts_of(package: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(package)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def intact(mutated: bytes, original: dict[str, bytes]) -> bool:
    """Every entry is still there with its name and content, and no other (a plain reader)."""
    try:
        with zipfile.ZipFile(io.BytesIO(mutated)) as zf:
            names = zf.namelist()
            return len(names) == len(set(names)) and {n: zf.read(n) for n in names} == original
    except Exception:  # noqa: BLE001 - whatever zipfile makes of it, it is not intact
        return False


def pdf_mutation(rng: random.Random, pdf: bytes) -> bytes:
    how = rng.randrange(4)
    if how == 0:
        return flip_bits(rng, pdf)
    if how == 1:
        return truncate(rng, pdf)
    if how == 2:  # deep nesting spliced in place of an object
        at = pdf.index(b" 0 obj", rng.randrange(len(pdf) // 2)) + 6
        depth = rng.choice((100, 5000, 200_000))
        return pdf[:at] + b"[" * depth + b"]" * depth + pdf[at:]
    start = rng.randrange(len(pdf))
    return pdf[:start] + rng.randbytes(rng.randint(1, 64)) + pdf[start + 64:]


def verify_in_process(path: Path) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = cli.main(["verify", str(path)])
    return code, out.getvalue()


def fuzz(filed: Filed, tmp_path: Path, cases: int) -> None:
    rng = random.Random(SEED)
    original = filed.package.read_bytes()
    original_files = parts_of(original)
    files = parts_of(original)
    pdfs = [filed.pdf.read_bytes(), carrying(unsigned(filed.pdf.read_bytes()), {
        "events.json": files["events.json"], "rules.json": files["rules.json"]})[0]]
    mutations = PackageMutations(original)
    package_ways = [mutations.bit_flips, mutations.truncation, mutations.renamed_entry,
                    mutations.doubled_entry, mutations.wrong_type, mutations.deep_nesting]
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    seen: dict[str, int] = {}
    for case in range(cases):
        kind = rng.randrange(20)
        if kind < 13:
            way = package_ways[kind % len(package_ways)]
            name, data, suffix = way.__name__, way(rng), ".mdpkg"
        elif kind < 19:
            name, data, suffix = "pdf", pdf_mutation(rng, rng.choice(pdfs)), ".pdf"
        else:
            name, suffix = "bomb", ".mdpkg"
        target = tmp_path / f"case{suffix}"
        if name == "bomb":
            bomb(target, rng.choice(("events.json", "followup.json", "record.pdf",
                                     "attachments/01-a.pdf")),
                 rng.choice((2, 64, 300)) << 20, rng.choice((None, 10, 1 << 20)))
        else:
            target.write_bytes(data)
        start = time.perf_counter()
        code, out = verify_in_process(target)
        took = time.perf_counter() - start
        allowed = {1, 2} | ({3} if suffix == ".mdpkg" and name != "bomb"
                            and intact(target.read_bytes(), original_files) else set())
        where = f"case {case} ({name}{': ' + mutations.last if name in JSON_WAYS else ''})"
        assert code in allowed, f"{where}: exit {code}\n{out}"
        assert "Traceback" not in out and "内部错误" not in out, f"{where}\n{out}"
        assert took < CASE_SECONDS, f"{where} took {took:.1f} s"
        seen[f"{name}:{code}"] = seen.get(f"{name}:{code}", 0) + 1
        if case < 3:  # a few as a user runs them: a real process, its stderr
            done = subprocess.run([sys.executable, "-m", "meetingdesk.cli", "verify", target],
                                  capture_output=True, text=True, timeout=120)
            assert done.returncode == code and done.stderr == "", f"{where}\n{done.stderr}"
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) / 1024
    print(f"\n{cases} cases, seed {SEED}: {dict(sorted(seen.items()))}; peak RSS grew "
          f"{grown_mb:.0f} MB")
    assert grown_mb < 300


def test_fuzz_quick(followed, tmp_path):
    fuzz(followed, tmp_path, QUICK)


@pytest.mark.slow
def test_fuzz_long(followed, tmp_path):
    fuzz(followed, tmp_path, LONG)
