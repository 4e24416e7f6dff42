"""display_text: long, invisible and secret parts of outside text made safe to show."""

from __future__ import annotations

import time

import pytest

from workers.display_text import DEFAULT_LIMIT, ELLIPSIS, mask_credentials, shown, shown_url

# --- shown: cut once, keep both ends -------------------------------------------


@pytest.mark.parametrize("text", ["", "http://example.com/", "пример", "a" * DEFAULT_LIMIT])
def test_short_plain_text_is_unchanged(text: str) -> None:
    assert shown(text) == text


@pytest.mark.parametrize("limit", [3, 10, 11, 80, 200])
def test_long_text_keeps_its_start_and_end(limit: int) -> None:
    text = "".join(chr(ord("a") + i % 26) for i in range(100_000))
    cut = shown(text, limit)
    assert len(cut) == limit
    head, ellipsis, tail = cut.partition(ELLIPSIS)
    assert ellipsis == ELLIPSIS
    assert text.startswith(head) and text.endswith(tail)
    assert len(head) >= len(tail)  # the start (the host) matters most


def test_cutting_a_100_kb_line_is_fast() -> None:
    lines = ["x" * 100_000, "\u202e\x00" * 50_000, "http://u:p@h/" + "é" * 100_000]
    for line in lines:
        best = min(_seconds_for_100(shown, line) for _ in range(5))
        assert best / 100 < 0.2e-3, f"{best / 100 * 1e6:.0f} µs for one cut"
        best = min(_seconds_for_100(shown_url, line) for _ in range(5))
        assert best / 100 < 0.2e-3, f"{best / 100 * 1e6:.0f} µs for one URL cut"


def _seconds_for_100(function, text: str) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    for _ in range(100):
        function(text)
    return time.perf_counter() - start


# --- shown: invisible characters become visible -----------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a\x00b", "a\\x00b"),
        ("http://evil/\u202egpj.exe", "http://evil/\\u202egpj.exe"),
        ("tab\there\nnew\rline", "tab\\there\\nnew\\rline"),
        ("zero\u200bwidth", "zero\\u200bwidth"),
        ("iso\u2066late\u2069", "iso\\u2066late\\u2069"),
        ("soft\u00adhyphen", "soft\\xadhyphen"),
        ("line\u2028sep", "line\\u2028sep"),
        ("\x7f\x9b", "\\x7f\\x9b"),
        ("tag\U000e0041", "tag\\U000e0041"),
        ("lone \ud800", "lone \\ud800"),
    ],
)
def test_invisible_characters_are_escaped(text: str, expected: str) -> None:
    assert shown(text) == expected


@pytest.mark.parametrize("text", ["no\u00a0break", "日本語のテキスト", "emoji 🎉", "x\u3000y"])
def test_visible_text_in_any_script_is_kept(text: str) -> None:
    assert shown(text) == text


def test_escapes_are_made_after_the_cut_so_none_is_split() -> None:
    cut = shown("\x00" * 1000, 10)
    assert cut == "\\x00" * 6 + ELLIPSIS + "\\x00" * 3


# --- mask_credentials ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://ann:hunter2@example.com/x", "http://ann:***@example.com/x"),
        ("https://ann:p@ss@h:8080/?q=1", "https://ann:***@h:8080/?q=1"),
        ("ann:hunter2@example.com/x", "ann:***@example.com/x"),  # typed without a scheme
        ("http://ann:@h/", "http://ann:***@h/"),
        ("http://ann@h/", "http://ann@h/"),  # a user name alone is kept
        ("http://h/path@x:y", "http://h/path@x:y"),  # "@" after the path starts
        ("http://h/?next=a:b@c", "http://h/?next=a:b@c"),
        ("http://h#a:b@c", "http://h#a:b@c"),
        ("http://example.com/", "http://example.com/"),
        ("", ""),
        ("not a url at all", "not a url at all"),
    ],
)
def test_mask_credentials(url: str, expected: str) -> None:
    assert mask_credentials(url) == expected


def test_shown_url_masks_before_it_cuts() -> None:
    url = "http://ann:" + "s" * 500 + "@h/" + "p" * 100_000
    cut = shown_url(url, 40)
    assert "s" not in cut.partition(ELLIPSIS)[0].removeprefix("http://ann:")
    assert cut == shown(mask_credentials(url), 40)
    assert cut.startswith("http://ann:***@h/")
