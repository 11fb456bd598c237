"""SM3 (GB/T 32905-2016): the pure-Python fallback against the standard's examples and OpenSSL."""

from __future__ import annotations

import hashlib
import random

import pytest

from meetingdesk.record.sm3 import HAS_OPENSSL_SM3, PureSM3, sm3

# GB/T 32905-2016, appendix A: example 1 ("abc") and example 2 (64 bytes, "abcd" sixteen times).
VECTORS = [
    (b"abc", "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"),
    (b"abcd" * 16, "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732"),
]


def pure(data: bytes, split: int = 0) -> str:
    h = PureSM3()
    h.update(data[:split])
    h.update(data[split:])
    return h.hexdigest()


@pytest.mark.parametrize("message, digest", VECTORS)
def test_the_standards_examples(message, digest):
    assert pure(message) == digest
    assert pure(message, split=1) == digest
    assert sm3(message) == digest


@pytest.mark.skipif(not HAS_OPENSSL_SM3, reason="this OpenSSL has no SM3 to compare with")
def test_the_fallback_agrees_with_openssl_across_block_edges():
    rng = random.Random(32905)
    for size in (0, 1, 55, 56, 63, 64, 65, 119, 120, 128, 1000):
        data = rng.randbytes(size)
        assert pure(data, split=rng.randrange(size + 1)) == hashlib.new("sm3", data).hexdigest()
