"""Callback data: within Telegram's 64 bytes, and stale or forged data never trusted."""

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.ui.callback import Callback, decode, encode, number_from
from bot.ui.signed import StateSigner

NOW = datetime(2026, 11, 23, 19, 0, tzinfo=UTC)
THIRTY_MINUTES = timedelta(minutes=30)


def test_encoded_callbacks_round_trip() -> None:
    assert decode(encode("ex", "page", 3)) == Callback("ex", ("page", "3"))


@pytest.mark.parametrize("data", [None, "", "a" * 65, "x:<b>", "x::y", "é:1"])
def test_malformed_callback_data_decodes_to_none(data: str | None) -> None:
    assert decode(data) is None


def test_encoding_refuses_data_telegram_would_reject() -> None:
    with pytest.raises(ValueError, match="64 bytes"):
        encode("x", "a" * 32, "b" * 32)


def test_signed_state_round_trips_within_its_lifetime() -> None:
    signer = StateSigner("secret", "t")
    data = signer.encode("03a1", NOW)
    assert len(data.encode()) <= 64
    assert signer.decode(data, NOW + timedelta(minutes=29), THIRTY_MINUTES) == "03a1"


def test_signed_state_expires() -> None:
    signer = StateSigner("secret", "t")
    data = signer.encode("03a1", NOW)
    assert signer.decode(data, NOW + timedelta(minutes=31), THIRTY_MINUTES) is None


def test_a_state_from_the_future_is_rejected() -> None:
    signer = StateSigner("secret", "t")
    assert signer.decode(signer.encode("0", NOW + timedelta(hours=2)), NOW, THIRTY_MINUTES) is None


def test_a_state_from_another_version_of_the_questions_does_not_verify() -> None:
    data = StateSigner("secret", "t", version="v1").encode("03a1", NOW)
    assert StateSigner("secret", "t", version="v1").decode(data, NOW, THIRTY_MINUTES) == "03a1"
    assert StateSigner("secret", "t", version="v2").decode(data, NOW, THIRTY_MINUTES) is None


def test_another_secret_or_action_does_not_verify() -> None:
    data = StateSigner("secret", "t").encode("03a1", NOW)
    assert StateSigner("other", "t").decode(data, NOW, THIRTY_MINUTES) is None
    assert StateSigner("secret", "u").decode(data, NOW, THIRTY_MINUTES) is None


@given(st.text(max_size=80))
def test_arbitrary_data_never_verifies_or_raises(data: str) -> None:
    assert StateSigner("secret", "t").decode(data, NOW, THIRTY_MINUTES) is None


@given(st.text(alphabet="0123456789abcdef", min_size=1, max_size=20), st.integers(0, 63))
def test_any_tampered_state_is_rejected(state: str, position: int) -> None:
    signer = StateSigner("secret", "t")
    data = signer.encode(state, NOW)
    index = position % len(data)
    flipped = "1" if data[index] != "1" else "2"
    tampered = data[:index] + flipped + data[index + 1 :]
    assert signer.decode(tampered, NOW, THIRTY_MINUTES) is None


def test_numbers_are_read_only_as_encode_writes_them() -> None:
    assert number_from("0") == 0 and number_from("42") == 42
    assert [number_from(text) for text in ("07", "+1", "-1", "1.0", "٣", "", " 1")] == [None] * 7
    assert number_from("5", range(5)) is None and number_from("4", range(5)) == 4
    # Typed words come here too: more digits than int() reads are not a number we drew.
    assert number_from("9" * 5000) is None and number_from("9" * 20) is None


def test_forged_non_ascii_signed_data_is_expired_not_an_error() -> None:
    signer = StateSigner("secret", "k")
    assert signer.decode("k:a:1:éé", NOW, THIRTY_MINUTES) is None
