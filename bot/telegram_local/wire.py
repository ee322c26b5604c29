"""What arrives over HTTP: form, multipart, JSON or query parameters, and their decoding."""

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from tornado.httputil import HTTPServerRequest

JSONDict = dict[str, object]


@dataclass(frozen=True)
class UploadedFile:
    """A multipart/form-data file part (what the spec calls InputFile)."""

    filename: str
    content_type: str
    data: bytes


class BadPayloadError(ValueError):
    """The request body is not something Telegram could read."""


def read_params(request: HTTPServerRequest) -> dict[str, object]:
    """Raw parameters: strings from forms and query strings, typed values from JSON bodies."""
    params: dict[str, object] = {
        name: values[-1].decode("utf-8") for name, values in request.query_arguments.items()
    }
    if request.headers.get("Content-Type", "").startswith("application/json") and request.body:
        try:
            body = json.loads(request.body)
        except ValueError as exc:
            raise BadPayloadError(f"can't parse JSON object: {exc}") from exc
        if not isinstance(body, dict):
            raise BadPayloadError("the JSON body must be an object")
        params.update(body)
        return params
    for name, values in request.body_arguments.items():
        params[name] = values[-1].decode("utf-8")
    for name, files in request.files.items():
        part = files[0]
        params[name] = UploadedFile(part.filename, part.content_type, part.body)
    return params


def decode_params(
    raw: Mapping[str, object], types_of: Callable[[str], tuple[str, ...] | None]
) -> dict[str, object]:
    """JSON-decodes string values unless the parameter's spec type says it is a String.

    PTB form-encodes every non-string value as JSON text; `types_of` gives a parameter's spec
    types, or None when unknown (then anything that parses as JSON is decoded).
    """
    return {name: _decode(value, types_of(name)) for name, value in raw.items()}


def _decode(value: object, types: tuple[str, ...] | None) -> object:
    if not isinstance(value, str) or types == ("String",):
        return value
    try:
        decoded: object = json.loads(value)
    except ValueError:
        return value
    if types is not None and "String" in types and not _fits_non_string(decoded, types):
        return value
    return decoded


def _fits_non_string(value: object, types: tuple[str, ...]) -> bool:
    if isinstance(value, bool):
        return "Boolean" in types
    if isinstance(value, int):
        return "Integer" in types or "Float" in types
    if isinstance(value, float):
        return "Float" in types
    # Objects and arrays fit any of the non-primitive alternatives.
    return isinstance(value, dict | list) and any(
        t not in ("String", "Integer", "Float", "Boolean") for t in types
    )
