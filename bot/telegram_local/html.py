"""Telegram's `parse_mode=HTML`: the plain text and entities it yields, or Telegram's parse error.

Mirrors the Bot API server's (tdlib's) parser closely enough that texts it accepts, rejects and
measures come out the same here: the supported tags, attribute rules, entity decoding, and error
messages with UTF-8 byte offsets.
"""

import re
from dataclasses import dataclass

# Tag -> MessageEntity type. Anything else is "Unsupported start tag".
TAG_ENTITIES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}

_SPACES = " \t\r\n\v\f"
# tdlib decodes "&name" and "&#123" with or without the closing semicolon.
_ENTITY = re.compile(r"&(?:#x([0-9a-fA-F]+)|#([0-9]+)|([a-zA-Z]+));?")
_NAMED_REFERENCE = re.compile(r"&([a-zA-Z][a-zA-Z0-9]*);")


class EntityParseError(ValueError):
    """The text is not HTML that Telegram accepts; str() is Telegram's reason."""


@dataclass(frozen=True)
class ParsedText:
    text: str
    entities: list[dict[str, object]]


@dataclass
class _OpenTag:
    name: str
    argument: str
    utf16_start: int
    expandable: bool = False
    language: str = ""


def utf16_len(text: str) -> int:
    """Entity offsets and lengths are counted in UTF-16 code units."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def unsupported_named_entities(source: str) -> list[str]:
    """Named references like `&nbsp;` that Telegram would show literally instead of decoding."""
    return [
        match.group(0)
        for match in _NAMED_REFERENCE.finditer(source)
        if match.group(1) not in NAMED_ENTITIES
    ]


def _decode_entity(source: str, pos: int) -> tuple[str, int] | None:
    match = _ENTITY.match(source, pos)
    if match is None:
        return None
    hex_digits, digits, name = match.groups()
    if name is not None:
        decoded = NAMED_ENTITIES.get(name)
        return None if decoded is None else (decoded, match.end())
    code = int(hex_digits, 16) if hex_digits is not None else int(digits)
    if code == 0 or code >= 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return None
    return chr(code), match.end()


class _Parser:
    def __init__(self, source: str) -> None:
        self.source = source
        self.pos = 0
        self.out: list[str] = []
        self.utf16 = 0
        self.stack: list[_OpenTag] = []
        self.entities: list[tuple[int, int, dict[str, object]]] = []

    def error(self, reason: str) -> EntityParseError:
        return EntityParseError(reason)

    def byte_offset(self, pos: int) -> int:
        return len(self.source[:pos].encode("utf-8", "surrogatepass"))

    def at(self, pos: int) -> str:
        return self.source[pos] if pos < len(self.source) else ""

    def emit(self, text: str) -> None:
        self.out.append(text)
        self.utf16 += utf16_len(text)

    def parse(self) -> ParsedText:
        while self.pos < len(self.source):
            char = self.source[self.pos]
            if char == "&" and (decoded := _decode_entity(self.source, self.pos)) is not None:
                self.emit(decoded[0])
                self.pos = decoded[1]
            elif char != "<":
                self.emit(char)
                self.pos += 1
            elif self.at(self.pos + 1) == "/":
                self.close_tag()
            else:
                self.open_tag()
        if self.stack:
            raise self.error(
                f'Can\'t find end tag corresponding to start tag "{self.stack[-1].name}"'
            )
        # Telegram lists entities by offset, outer (longer) ones first.
        ordered = sorted(self.entities, key=lambda item: (item[0], -item[1]))
        return ParsedText("".join(self.out), [entity for _, _, entity in ordered])

    def skip_spaces(self) -> None:
        while self.at(self.pos) and self.at(self.pos) in _SPACES:
            self.pos += 1

    def open_tag(self) -> None:
        begin = self.pos
        self.pos += 1
        while self.at(self.pos) and self.at(self.pos) not in _SPACES + ">":
            self.pos += 1
        if not self.at(self.pos):
            raise self.error(f"Unclosed start tag at byte offset {self.byte_offset(begin)}")
        name = self.source[begin + 1 : self.pos].lower()
        if name not in TAG_ENTITIES:
            raise self.error(
                f'Unsupported start tag "{name}" at byte offset {self.byte_offset(begin)}'
            )
        tag = _OpenTag(name, "", self.utf16)
        while self.at(self.pos) != ">":
            self.attribute(tag, begin)
        self.pos += 1
        if name == "span" and tag.argument != "spoiler":
            raise self.error(
                f'Tag "span" must have class "tg-spoiler" at byte offset {self.byte_offset(begin)}'
            )
        if name == "tg-emoji" and not tag.argument:
            raise self.error(
                f'Tag "tg-emoji" must have attribute "emoji-id" at byte offset '
                f"{self.byte_offset(begin)}"
            )
        self.stack.append(tag)

    def attribute(self, tag: _OpenTag, begin: int) -> None:
        self.skip_spaces()
        if not self.at(self.pos):
            raise self.error(
                f'Unclosed start tag "{tag.name}" at byte offset {self.byte_offset(begin)}'
            )
        if self.at(self.pos) == ">":
            return
        name_begin = self.pos
        while self.at(self.pos) and self.at(self.pos) not in _SPACES + "=>":
            self.pos += 1
        attribute = self.source[name_begin : self.pos].lower()
        if not attribute:
            raise self.error(
                f'Empty attribute name in the tag "{tag.name}" at byte offset '
                f"{self.byte_offset(begin)}"
            )
        self.skip_spaces()
        if self.at(self.pos) != "=":
            if tag.name == "blockquote" and attribute == "expandable":
                tag.expandable = True
                return
            raise self.error(
                f'Expected equal sign in declaration of an attribute of the tag "{tag.name}" '
                f"at byte offset {self.byte_offset(begin)}"
            )
        self.pos += 1
        self.skip_spaces()
        value = self.attribute_value(tag, begin)
        if tag.name == "a" and attribute == "href":
            tag.argument = value
        elif tag.name == "code" and attribute == "class" and value.startswith("language-"):
            tag.language = value.removeprefix("language-")
        elif tag.name == "span" and attribute == "class" and value.startswith("tg-"):
            tag.argument = value.removeprefix("tg-")
        elif tag.name == "tg-emoji" and attribute == "emoji-id":
            tag.argument = value

    def attribute_value(self, tag: _OpenTag, begin: int) -> str:
        quote = self.at(self.pos)
        if not quote:
            raise self.error(
                f'Unclosed start tag "{tag.name}" at byte offset {self.byte_offset(begin)}'
            )
        if quote not in "'\"":
            # An unquoted name token: letters, digits, periods and hyphens.
            token_begin = self.pos
            while self.at(self.pos) and (self.at(self.pos).isalnum() or self.at(self.pos) in ".-"):
                self.pos += 1
            end = self.at(self.pos)
            if not end or end not in _SPACES + ">":
                raise self.error(
                    f"Unexpected end of name token at byte offset {self.byte_offset(token_begin)}"
                )
            return self.source[token_begin : self.pos].lower()
        self.pos += 1
        value: list[str] = []
        while self.at(self.pos) and self.at(self.pos) != quote:
            decoded = _decode_entity(self.source, self.pos)
            if decoded is not None:
                value.append(decoded[0])
                self.pos = decoded[1]
            else:
                value.append(self.source[self.pos])
                self.pos += 1
        if not self.at(self.pos):
            raise self.error(
                f'Unclosed start tag "{tag.name}" at byte offset {self.byte_offset(begin)}'
            )
        self.pos += 1
        return "".join(value)

    def close_tag(self) -> None:
        begin = self.pos
        if not self.stack:
            raise self.error(f"Unexpected end tag at byte offset {self.byte_offset(begin)}")
        self.pos += 2
        name_begin = self.pos
        while self.at(self.pos) and self.at(self.pos) not in _SPACES + ">":
            self.pos += 1
        name = self.source[name_begin : self.pos].lower()
        self.skip_spaces()
        if self.at(self.pos) != ">":
            raise self.error(f"Unclosed end tag at byte offset {self.byte_offset(begin)}")
        self.pos += 1
        tag = self.stack.pop()
        if name and name != tag.name:
            raise self.error(
                f"Unmatched end tag at byte offset {self.byte_offset(begin)}, "
                f'expected "</{tag.name}>", found "</{name}>"'
            )
        self.add_entity(tag)

    def add_entity(self, tag: _OpenTag) -> None:
        length = self.utf16 - tag.utf16_start
        if length == 0:
            return
        entity: dict[str, object] = {
            "type": TAG_ENTITIES[tag.name],
            "offset": tag.utf16_start,
            "length": length,
        }
        if tag.name == "code" and self.stack and self.stack[-1].name == "pre":
            # <pre><code class="language-x"> is one pre entity with a language.
            self.stack[-1].language = self.stack[-1].language or tag.language
            return
        if tag.name == "a":
            entity["url"] = tag.argument or self.text_since(tag.utf16_start)
        elif tag.name == "pre" and tag.language:
            entity["language"] = tag.language
        elif tag.name == "blockquote" and tag.expandable:
            entity["type"] = "expandable_blockquote"
        elif tag.name == "tg-emoji":
            entity["custom_emoji_id"] = tag.argument
        self.entities.append((tag.utf16_start, length, entity))

    def text_since(self, utf16_start: int) -> str:
        encoded = "".join(self.out).encode("utf-16-le", "surrogatepass")
        return encoded[utf16_start * 2 :].decode("utf-16-le", "surrogatepass")


def parse_html(source: str) -> ParsedText:
    """Raises EntityParseError with Telegram's wording, e.g. 'Unsupported start tag "foo" ...'."""
    return _Parser(source).parse()
