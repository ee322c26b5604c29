"""Telegram's Bot API spec (the scraped api.json) as a checker of the calls a bot makes.

`check()` answers "would Telegram accept this call?" with human-readable violations: unknown
methods and parameters, missing required ones, wrong value types checked recursively through
nested objects, and the limits the spec states in prose (lengths in characters or bytes, "after
entities parsing" for HTML texts, one action per inline button, bot command syntax).
"""

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.telegram_local.html import EntityParseError, parse_html, unsupported_named_entities
from bot.telegram_local.wire import UploadedFile, decode_params

_LENGTH = re.compile(r"(\d+)-(\d+) (characters|bytes)")
_AFTER_PARSING = re.compile(r"after entit(?:y|ies) parsing")
# Subtypes name their kind in prose: 'Scope type, must be chat', 'status ... always "creator"'.
_DISCRIMINATOR = re.compile(r'(?:must be|always) "?([a-z_]+)"?')
_PARSE_MODES = ("html", "markdown", "markdownv2")
_COMMAND = re.compile(r"[a-z0-9_]{1,32}")
# Fields of InlineKeyboardButton that decorate it rather than say what it does.
_BUTTON_DECORATIONS = frozenset({"text", "icon_custom_emoji_id", "style"})
_PRIMITIVES: dict[str, tuple[type, ...]] = {
    "Integer": (int,),
    "Float": (int, float),
    "Boolean": (bool,),
    "String": (str,),
}


@dataclass(frozen=True)
class Length:
    minimum: int
    maximum: int
    unit: str  # "characters" or "bytes"


@dataclass(frozen=True)
class Field:
    name: str
    types: tuple[str, ...]
    required: bool
    length: Length | None = None
    after_parsing: bool = False


@dataclass(frozen=True)
class Definition:
    """A method (its parameters) or a type (its fields)."""

    name: str
    fields: Mapping[str, Field]
    is_method: bool
    subtypes: tuple[str, ...] = ()
    discriminator: tuple[str, str] | None = None  # (field, value) that selects this subtype


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, UploadedFile):
        return "an uploaded file"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _parse_field(raw: Mapping[str, Any]) -> Field:
    types = tuple(str(t) for t in raw["types"])
    description = str(raw.get("description", ""))
    match = _LENGTH.search(description) if types == ("String",) else None
    length = Length(int(match[1]), int(match[2]), match[3]) if match else None
    return Field(
        name=str(raw["name"]),
        types=types,
        required=bool(raw["required"]),
        length=length,
        after_parsing=bool(_AFTER_PARSING.search(description)),
    )


def _parse_definition(name: str, raw: Mapping[str, Any], *, is_method: bool) -> Definition:
    fields = {f["name"]: _parse_field(f) for f in raw.get("fields", [])}
    discriminator = None
    for field_raw in raw.get("fields", []):
        match = _DISCRIMINATOR.search(str(field_raw.get("description", "")))
        if field_raw["required"] and field_raw["types"] == ["String"] and match:
            discriminator = (str(field_raw["name"]), match[1])
            break
    return Definition(
        name=name,
        fields=fields,
        is_method=is_method,
        subtypes=tuple(raw.get("subtypes", ())),
        discriminator=discriminator,
    )


class SpecChecker:
    def __init__(
        self, version: str, methods: Mapping[str, Definition], types: Mapping[str, Definition]
    ) -> None:
        self.version = version
        self._methods = methods
        self._types = types
        # Telegram matches method names case-insensitively.
        self._method_names = {name.lower(): name for name in methods}

    @classmethod
    def load(cls, path: Path) -> "SpecChecker":
        data = json.loads(path.read_text(encoding="utf-8"))
        methods = {
            name: _parse_definition(name, body, is_method=True)
            for name, body in data["methods"].items()
        }
        types = {
            name: _parse_definition(name, body, is_method=False)
            for name, body in data["types"].items()
        }
        return cls(str(data.get("version", "")), methods, types)

    def method_name(self, name: str) -> str | None:
        """The spec's spelling of a method name given in any case, or None if there is none."""
        return self._method_names.get(name.lower())

    def param_types(self, method: str, param: str) -> tuple[str, ...] | None:
        name = self.method_name(method)
        field = self._methods[name].fields.get(param) if name else None
        return field.types if field else None

    def decode(self, method: str, raw: Mapping[str, object]) -> dict[str, object]:
        """Parameters as sent over the wire -> values, JSON-decoded where the spec type allows."""
        return decode_params(raw, lambda param: self.param_types(method, param))

    def check(self, method: str, params: Mapping[str, object]) -> list[str]:
        """Violations of the spec by this call; empty when Telegram would accept it."""
        name = self.method_name(method)
        if name is None:
            return [f"{method}: {self.version or 'the Bot API'} has no such method"]
        problems = self._check_fields(self._methods[name], params, name)
        commands = params.get("commands")
        if name == "setMyCommands" and isinstance(commands, list) and not 1 <= len(commands) <= 100:
            problems.append(
                f"setMyCommands.commands: {len(commands)} commands, Telegram allows 1-100"
            )
        return problems

    def check_object(self, type_name: str, value: object) -> list[str]:
        """Violations of one object against a spec type, e.g. a Message the server returns."""
        return self._check_type(type_name, value, type_name)

    def _check_fields(
        self, definition: Definition, obj: Mapping[str, object], path: str
    ) -> list[str]:
        noun = "parameter" if definition.is_method else "field"
        problems = [
            f"{path}: missing required {noun} '{field.name}'"
            for field in definition.fields.values()
            if field.required and obj.get(field.name) is None
        ]
        for name, value in obj.items():
            field = definition.fields.get(name)
            if field is None:
                problems.append(f"{path}: unknown {noun} '{name}'")
            elif value is not None:
                problems += self._check_field(definition, field, obj, f"{path}.{name}")
        return problems

    def _check_field(
        self, definition: Definition, field: Field, obj: Mapping[str, object], path: str
    ) -> list[str]:
        value = obj[field.name]
        problems = self._check_types(field.types, value, path)
        if problems or not isinstance(value, str):
            return problems
        if field.name == "parse_mode" or field.name.endswith("_parse_mode"):
            if value.lower() not in _PARSE_MODES:
                problems.append(f"{path}: unsupported parse_mode {value!r}")
            return problems
        if field.length is None:
            return problems
        if field.after_parsing:
            size, parse_problems = self._parsed_size(definition, field, obj, path)
            problems += parse_problems
            unit = "characters after entity parsing"
        elif field.length.unit == "bytes":
            size, unit = len(value.encode("utf-8")), "bytes"
        else:
            size, unit = len(value), "characters"
        if not field.length.minimum <= size <= field.length.maximum:
            problems.append(
                f"{path}: {size} {unit}, Telegram allows "
                f"{field.length.minimum}-{field.length.maximum}"
            )
        return problems

    def _parsed_size(
        self, definition: Definition, field: Field, obj: Mapping[str, object], path: str
    ) -> tuple[int, list[str]]:
        """Length of the text the user will see (Telegram trims it), and HTML problems."""
        text = str(obj[field.name])
        own_mode = f"{field.name}_parse_mode"
        mode = obj.get(own_mode if own_mode in definition.fields else "parse_mode")
        if not isinstance(mode, str) or mode.lower() != "html":
            return len(text.strip()), []
        problems = [
            f"{path}: HTML entity {entity} is not supported by Telegram "
            "(only &lt; &gt; &amp; &quot; and numeric ones)"
            for entity in unsupported_named_entities(text)
        ]
        try:
            plain = parse_html(text).text
        except EntityParseError as exc:
            return len(text.strip()), [*problems, f"{path}: can't parse entities: {exc}"]
        return len(plain.strip()), problems

    def _check_types(self, types: tuple[str, ...], value: object, path: str) -> list[str]:
        outcomes = [(t, self._check_type(t, value, path)) for t in types]
        if any(not problems for _, problems in outcomes):
            return []
        if len(outcomes) == 1:
            return outcomes[0][1]
        objects = [(t, p) for t, p in outcomes if t in self._types and t != "InputFile"]
        if isinstance(value, dict) and objects:
            # Report against the alternative the object most looks like.
            return max(objects, key=lambda o: (self._overlap(o[0], value), -len(o[1])))[1]
        return [f"{path}: expected {' or '.join(types)}, got {_kind(value)}"]

    def _overlap(self, type_name: str, value: Mapping[str, object]) -> int:
        definition = self._types[type_name]
        names = set(definition.fields)
        for sub in definition.subtypes:
            names |= set(self._types[sub].fields)
        return len(names & set(value))

    def _check_type(self, type_name: str, value: object, path: str) -> list[str]:
        if type_name.startswith("Array of "):
            if not isinstance(value, list):
                return [f"{path}: expected {type_name}, got {_kind(value)}"]
            item_type = type_name.removeprefix("Array of ")
            return [
                problem
                for index, item in enumerate(value)
                for problem in self._check_type(item_type, item, f"{path}[{index}]")
            ]
        primitive = _PRIMITIVES.get(type_name)
        if primitive is not None:
            ok = isinstance(value, primitive) and (type_name == "Boolean") == isinstance(
                value, bool
            )
            return [] if ok else [f"{path}: expected {type_name}, got {_kind(value)}"]
        if type_name == "InputFile":
            ok = isinstance(value, UploadedFile)
            return [] if ok else [f"{path}: expected an uploaded file, got {_kind(value)}"]
        definition = self._types.get(type_name)
        if definition is None:
            return [f"{path}: the spec has no type {type_name}"]
        if type_name == "KeyboardButton" and isinstance(value, str):
            return []  # the spec allows a String for a plain text button
        if not isinstance(value, dict):
            return [f"{path}: expected {type_name}, got {_kind(value)}"]
        if definition.subtypes:
            return self._check_variant(definition, value, path)
        return self._check_fields(definition, value, path) + self._type_rules(
            definition, value, path
        )

    def _check_variant(
        self, definition: Definition, value: Mapping[str, object], path: str
    ) -> list[str]:
        for sub in definition.subtypes:
            discriminator = self._types[sub].discriminator
            if discriminator and value.get(discriminator[0]) == discriminator[1]:
                return self._check_type(sub, value, path)
        # Subtypes that do not name their kind (Message vs InaccessibleMessage) are tried out.
        outcomes = [
            self._check_type(sub, value, path)
            for sub in definition.subtypes
            if self._types[sub].discriminator is None
        ]
        if outcomes:
            return min(outcomes, key=len)
        kinds = [self._types[sub].discriminator for sub in definition.subtypes]
        expected = ", ".join(f"{d[0]}={d[1]!r}" for d in kinds if d)
        return [f"{path}: not any kind of {definition.name} (expected {expected})"]

    def _type_rules(
        self, definition: Definition, value: Mapping[str, object], path: str
    ) -> list[str]:
        if definition.name == "InlineKeyboardButton":
            actions = sorted(set(value) - _BUTTON_DECORATIONS)
            if len(actions) != 1:
                found = f": {', '.join(actions)}" if actions else ""
                return [
                    f"{path}: an inline button needs exactly one action besides its text, "
                    f"found {len(actions)}{found}"
                ]
        command = value.get("command")
        if (
            definition.name == "BotCommand"
            and isinstance(command, str)
            and not _COMMAND.fullmatch(command)
        ):
            return [f"{path}.command: {command!r} must be 1-32 characters of a-z, 0-9 and _"]
        return []
