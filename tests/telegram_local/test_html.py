"""Telegram's HTML parse mode: plain text, entities in UTF-16 units, and Telegram's errors."""

import pytest

from bot.telegram_local.html import (
    EntityParseError,
    parse_html,
    unsupported_named_entities,
    utf16_len,
)


def test_plain_text_and_entities_are_measured_in_utf16_units() -> None:
    parsed = parse_html("🏃 <b>Run <i>now</i></b>!")
    assert parsed.text == "🏃 Run now!"
    assert parsed.entities == [
        {"type": "bold", "offset": 3, "length": 7},
        {"type": "italic", "offset": 7, "length": 3},
    ]
    assert utf16_len("🏃") == 2


def test_links_code_blocks_quotes_spoilers_and_custom_emoji() -> None:
    parsed = parse_html(
        '<a href="https://example.org/?a=1&amp;b=2">site</a> '
        '<pre><code class="language-python">x = 1</code></pre> '
        "<blockquote expandable>long</blockquote> "
        '<span class="tg-spoiler">s</span><tg-spoiler>t</tg-spoiler> '
        '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>'
    )
    assert parsed.text == "site x = 1 long st 👍"
    assert parsed.entities == [
        {"type": "text_link", "offset": 0, "length": 4, "url": "https://example.org/?a=1&b=2"},
        {"type": "pre", "offset": 5, "length": 5, "language": "python"},
        {"type": "expandable_blockquote", "offset": 11, "length": 4},
        {"type": "spoiler", "offset": 16, "length": 1},
        {"type": "spoiler", "offset": 17, "length": 1},
        {
            "type": "custom_emoji",
            "offset": 19,
            "length": 2,
            "custom_emoji_id": "5368324170671202286",
        },
    ]


def test_entities_decode_like_telegram() -> None:
    assert parse_html("&lt;3 &gt; &amp; &quot;x&quot; &#33;&#x21;").text == '<3 > & "x" !!'
    # Unknown names and a bare ampersand stay literal text, as in Telegram.
    assert parse_html("Tom & Jerry&nbsp;").text == "Tom & Jerry&nbsp;"
    assert unsupported_named_entities("a&nbsp;b &amp; &hellip;") == ["&nbsp;", "&hellip;"]


def test_tags_are_case_insensitive_and_end_tags_may_be_empty() -> None:
    assert parse_html("<B>x</>").entities == [{"type": "bold", "offset": 0, "length": 1}]


@pytest.mark.parametrize(
    ("html", "error"),
    [
        ("<b>bold", 'Can\'t find end tag corresponding to start tag "b"'),
        ("é<blink>x</blink>", 'Unsupported start tag "blink" at byte offset 2'),
        ("<b><i>x</b></i>", 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("1 < 2", 'Unsupported start tag "" at byte offset 2'),
        ("<b", "Unclosed start tag at byte offset 0"),
        ('<span class="x">s</span>', 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        ('<a href="x>link</a>', 'Unclosed start tag "a" at byte offset 0'),
    ],
)
def test_malformed_html_fails_with_telegrams_reason(html: str, error: str) -> None:
    with pytest.raises(EntityParseError) as raised:
        parse_html(html)
    assert str(raised.value) == error
