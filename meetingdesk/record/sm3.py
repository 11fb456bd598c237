"""SM3 (GB/T 32905-2016), the Chinese national hash, for the filing package's digests.

hashlib has SM3 where its OpenSSL does (OpenSSL 1.1.1 and 3.x builds); a build without it (a
FIPS-only OpenSSL, LibreSSL) gets this pure-Python implementation of the standard instead. It is
slow (about 60 KB/s here, so a 1 MB record takes some 15 s) but it keeps every package checkable.
"""

from __future__ import annotations

import hashlib
import struct
from typing import Protocol

IV = (0x7380166F, 0x4914B2B9, 0x172442D7, 0xDA8A0600,
      0xA96F30BC, 0x163138AA, 0xE38DEE4D, 0xB0FB0E4E)
MASK = 0xFFFFFFFF


class Hasher(Protocol):
    def update(self, data: bytes, /) -> None: ...
    def hexdigest(self) -> str: ...


def _rotl(x: int, n: int) -> int:
    n %= 32
    return ((x << n) | (x >> (32 - n))) & MASK


# The round constant T_j rotated left by j, precomputed once.
_T = tuple(_rotl(0x79CC4519 if j < 16 else 0x7A879D8A, j) for j in range(64))


def _compress(v: tuple[int, ...], block: bytes) -> tuple[int, ...]:
    w = list(struct.unpack(">16I", block))
    for j in range(16, 68):
        x = w[j - 16] ^ w[j - 9] ^ _rotl(w[j - 3], 15)
        w.append((x ^ _rotl(x, 15) ^ _rotl(x, 23)) ^ _rotl(w[j - 13], 7) ^ w[j - 6])
    a, b, c, d, e, f, g, h = v
    for j in range(64):
        a12 = _rotl(a, 12)
        ss1 = _rotl((a12 + e + _T[j]) & MASK, 7)
        ss2 = ss1 ^ a12
        if j < 16:
            ff, gg = a ^ b ^ c, e ^ f ^ g
        else:
            ff, gg = (a & b) | (a & c) | (b & c), (e & f) | (~e & g)
        tt1 = (ff + d + ss2 + (w[j] ^ w[j + 4])) & MASK
        tt2 = (gg + h + ss1 + w[j]) & MASK
        d, c, b, a = c, _rotl(b, 9), a, tt1
        h, g, f, e = g, _rotl(f, 19), e, tt2 ^ _rotl(tt2, 9) ^ _rotl(tt2, 17)
    return tuple(x ^ y for x, y in zip(v, (a, b, c, d, e, f, g, h)))


class PureSM3:
    """SM3 in Python, with hashlib's update/hexdigest interface."""

    def __init__(self) -> None:
        self._v = IV
        self._pending = b""
        self._length = 0

    def update(self, data: bytes) -> None:
        self._length += len(data)
        data = self._pending + data
        whole = len(data) - len(data) % 64
        for i in range(0, whole, 64):
            self._v = _compress(self._v, data[i:i + 64])
        self._pending = data[whole:]

    def hexdigest(self) -> str:
        tail = self._pending + b"\x80"
        tail += b"\0" * ((56 - len(tail)) % 64) + struct.pack(">Q", self._length * 8)
        v = self._v
        for i in range(0, len(tail), 64):
            v = _compress(v, tail[i:i + 64])
        return "".join(f"{x:08x}" for x in v)


def _openssl_has_sm3() -> bool:
    try:
        hashlib.new("sm3")
    except ValueError:
        return False
    return True


HAS_OPENSSL_SM3 = _openssl_has_sm3()


def new_sm3() -> Hasher:
    return hashlib.new("sm3") if HAS_OPENSSL_SM3 else PureSM3()


def sm3(data: bytes) -> str:
    h = new_sm3()
    h.update(data)
    return h.hexdigest()
